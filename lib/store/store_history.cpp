#include "store/store_history.h"

#include "store/store_tally.h"

#include <sqlite3.h>

namespace qw {

namespace {

const char* const series_columns[] = {"provider", "account", "kind", "\"window\""};

std::string filter_sql(const SeriesFilter& f)
{
    std::string sql;
    const std::string* values[] = {&f.provider, &f.account, &f.kind, &f.window};
    for (int i = 0; i < 4; ++i)
        if (!values[i]->empty())
            sql += std::string(" AND ") + series_columns[i] + " = ?" + std::to_string(i + 1);
    return sql;
}

void bind_filter(sqlite3_stmt* s, const SeriesFilter& f)
{
    const std::string* values[] = {&f.provider, &f.account, &f.kind, &f.window};
    for (int i = 0; i < 4; ++i)
        if (!values[i]->empty())
            sqlite3_bind_text(s, i + 1, values[i]->c_str(), -1, SQLITE_STATIC);
}

void bind_series(sqlite3_stmt* s, const SeriesId& id)
{
    sqlite3_bind_text(s, 1, id.provider.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, id.account.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, id.kind.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, id.window.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, id.unit.c_str(), -1, SQLITE_STATIC);
}

// Reuses the string's buffer: no allocation per row once warmed up.
void assign_text(sqlite3_stmt* s, int i, std::string& out)
{
    const unsigned char* t = sqlite3_column_text(s, i);
    if (t)
        out.assign(reinterpret_cast<const char*>(t), sqlite3_column_bytes(s, i));
    else
        out.clear();
}

void finish(Store& store, int rc)
{
    if (rc != SQLITE_DONE)
        store.fail("cannot read the history");
}

}  // namespace

std::vector<SeriesId> list_series(Store& store, const SeriesFilter& filter)
{
    // A skip scan: each step seeks past every row of the current series (a
    // blob sorts after any timestamp text).  Filtering is done here, so that
    // a filter never turns a seek into a scan.
    Stmt next = store.prepare(
        "SELECT provider, account, kind, \"window\" FROM usage_snapshots "
        "WHERE (provider, account, kind, \"window\", timestamp) > (?, ?, ?, ?, x'') "
        "ORDER BY provider, account, kind, \"window\", timestamp LIMIT 1");
    const char* const money = "SELECT currency FROM usage_snapshots WHERE kind IN ('balance', "
                              "'budget', 'spend') AND provider = ?1 AND account = ?2 AND kind = ?3 "
                              "AND \"window\" = ?4";
    Stmt first_unit = store.prepare((std::string(money) + " ORDER BY currency LIMIT 1").c_str());
    Stmt next_unit = store.prepare(
        (std::string(money) + " AND currency > ?5 ORDER BY currency LIMIT 1").c_str());
    std::vector<SeriesId> out;
    SeriesId at;
    for (;;) {
        sqlite3_stmt* s = next.get();
        sqlite3_reset(s);
        const std::string* key[] = {&at.provider, &at.account, &at.kind, &at.window};
        for (int i = 0; i < 4; ++i)
            sqlite3_bind_text(s, i + 1, key[i]->c_str(), -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(s);
        if (rc != SQLITE_ROW) {
            finish(store, rc);
            return out;
        }
        at = {column_text(s, 0), column_text(s, 1), column_text(s, 2), column_text(s, 3), {}};
        const std::string* want[] = {&filter.provider, &filter.account, &filter.kind,
                                     &filter.window};
        bool match = true;
        for (int i = 0; i < 4; ++i)
            match = match && (want[i]->empty() || *want[i] == *key[i]);
        if (!match)
            continue;
        if (!unit_in_series(at.kind)) {
            out.push_back(at);
            continue;
        }
        // A money series per currency, NULL and "" alike: a skip scan of
        // the partial index, NULL first.  Rows without a unit belong to
        // every currency (same_unit_sql): a series of their own only when
        // there is no other.
        const size_t before = out.size();
        bool first = true;
        for (;;) {
            sqlite3_stmt* c = first ? first_unit.get() : next_unit.get();
            sqlite3_reset(c);
            for (int i = 0; i < 4; ++i)
                sqlite3_bind_text(c, i + 1, key[i]->c_str(), -1, SQLITE_TRANSIENT);
            if (!first)
                sqlite3_bind_text(c, 5, at.unit.c_str(), -1, SQLITE_TRANSIENT);
            rc = sqlite3_step(c);
            if (rc != SQLITE_ROW) {
                finish(store, rc);
                break;
            }
            const std::string unit = column_text(c, 0);
            if (first || unit != at.unit) {
                if (!first && out.back().unit.empty() && out.size() == before + 1)
                    out.pop_back();
                at.unit = unit;
                out.push_back(at);
            }
            first = false;
        }
    }
}

namespace {

// The rows of a for_each_point statement, bound, to fn.
void read_points(Store& store, sqlite3_stmt* s,
                 const std::function<void(const Record&, int64_t id)>& fn)
{
    Record r;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        assign_text(s, 1, r.provider);
        assign_text(s, 2, r.account);
        assign_text(s, 3, r.kind);
        assign_text(s, 4, r.window);
        assign_text(s, 5, r.ts);
        assign_text(s, 6, r.status);
        assign_text(s, 7, r.unit);
        r.used = column_number(s, 8);
        r.remaining = column_number(s, 9);
        r.limit = column_number(s, 10);
        r.used_pct = column_number(s, 11);
        assign_text(s, 12, r.resets_at);
        fn(r, sqlite3_column_int64(s, 0));
    }
    finish(store, rc);
}

const char* const point_columns =
    "SELECT id, provider, account, kind, \"window\", timestamp, status, currency, used, "
    "remaining, \"limit\", used_pct, resets_at FROM usage_snapshots ";

}  // namespace

void for_each_point(Store& store, const SeriesFilter& filter, const std::string& since,
                    const std::string& until,
                    const std::function<void(const Record&, int64_t id)>& fn)
{
    Stmt q = store.prepare((std::string(point_columns) +
                            "WHERE timestamp >= ?5 AND timestamp <= ?6" + filter_sql(filter) +
                            " ORDER BY timestamp, id")
                               .c_str());
    bind_filter(q.get(), filter);
    sqlite3_bind_text(q.get(), 5, since.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(q.get(), 6, until.c_str(), -1, SQLITE_STATIC);
    read_points(store, q.get(), fn);
}

void for_each_series_point(Store& store, const SeriesId& series, const std::string& since,
                           const std::string& until,
                           const std::function<void(const Record&, int64_t id)>& fn)
{
    Stmt q = store.prepare((std::string(point_columns) +
                            "WHERE provider = ?1 AND account = ?2 AND kind = ?3 AND \"window\" = ?4 "
                            "AND " + same_unit_sql + " AND timestamp >= ?5 AND timestamp <= ?7 "
                            "ORDER BY timestamp, id")
                               .c_str());
    bind_series(q.get(), series);
    sqlite3_bind_text(q.get(), 5, since.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(q.get(), 7, until.c_str(), -1, SQLITE_STATIC);
    read_points(store, q.get(), fn);
}

bool SnapshotReader::read(sqlite3_stmt* s, Record& out)
{
    int rc = sqlite3_step(s);
    bool found = rc == SQLITE_ROW;
    if (found)
        read_snapshot(s, out);
    else
        finish(store_, rc);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return found;
}

bool SnapshotReader::by_id(int64_t id, Record& out)
{
    if (!by_id_)
        by_id_ = store_.prepare(
            (std::string("SELECT ") + snapshot_columns + " FROM usage_snapshots WHERE id = ?")
                .c_str());
    sqlite3_bind_int64(by_id_.get(), 1, id);
    return read(by_id_.get(), out);
}

bool SnapshotReader::newest(const SeriesId& series, Record& out)
{
    if (!newest_)
        newest_ = store_.prepare(
            (std::string("SELECT ") + snapshot_columns +
             " FROM usage_snapshots WHERE provider = ?1 AND account = ?2 AND kind = ?3 "
             "AND \"window\" = ?4 AND " + same_unit_sql +
             " ORDER BY timestamp DESC, id DESC LIMIT 1")
                .c_str());
    bind_series(newest_.get(), series);
    return read(newest_.get(), out);
}

void for_each_snapshot(Store& store, const SeriesFilter& filter, const std::string& since,
                       const std::string& until, const std::function<void(const Record&)>& fn)
{
    Stmt q = store.prepare((std::string("SELECT ") + snapshot_columns +
                            " FROM usage_snapshots WHERE timestamp >= ?5 AND timestamp <= ?6" +
                            filter_sql(filter) + " ORDER BY timestamp, id")
                               .c_str());
    sqlite3_stmt* s = q.get();
    bind_filter(s, filter);
    sqlite3_bind_text(s, 5, since.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, until.c_str(), -1, SQLITE_STATIC);
    Record r;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        read_snapshot(s, r);
        fn(r);
    }
    finish(store, rc);
}

int64_t prune_snapshots(Store& store, const std::string& before)
{
    update_tallies(store, "9999");        // the tallies keep what goes
    Stmt q = store.prepare("DELETE FROM usage_snapshots WHERE timestamp < ?");
    sqlite3_bind_text(q.get(), 1, before.c_str(), -1, SQLITE_STATIC);
    finish(store, sqlite3_step(q.get()));
    return sqlite3_changes(store.handle());
}

}  // namespace qw

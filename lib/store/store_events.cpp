#include "store/store_events.h"

#include "history.h"

#include <sqlite3.h>

namespace qw {

std::string series_key(const SeriesId& id)
{
    Record r;
    r.provider = id.provider;
    r.account = id.account;
    r.kind = id.kind;
    r.window = id.window;
    r.unit = id.unit;
    return series_key(r);
}

namespace {

// A series' tally as read, and the snapshots since.
struct Tally {
    SeriesId id;
    std::string from;                 // the newest snapshot counted, "" for none
    EventCounts n;
    SeriesSummary summary{0, 1, 1};
};

}  // namespace

void count_events(Store& store, const std::string& until)
{
    Stmt get = store.prepare("SELECT counted_to, resets, topups FROM series_events "
                             "WHERE series = ?");
    std::map<std::string, Tally> all;
    bool fresh = false;
    for (const SeriesId& id : list_series(store, {})) {
        Tally& t = all[series_key(id)];
        t.id = id;
        sqlite3_stmt* g = get.get();
        sqlite3_bind_text(g, 1, series_key(id).c_str(), -1, SQLITE_TRANSIENT);
        const int rc = sqlite3_step(g);
        if (rc == SQLITE_ROW) {
            t.from = column_text(g, 0);
            t.n = {sqlite3_column_int64(g, 1), sqlite3_column_int64(g, 2)};
        } else if (rc != SQLITE_DONE) {
            store.fail("cannot read the event tallies");
        }
        sqlite3_reset(g);
        fresh = fresh || t.from.empty();
    }
    // The series never counted, in one pass over the table in time order
    // (a seek per row of each series would cost ten times more); the others
    // each from its tallied snapshot, which comes again as the first and
    // counts nothing.
    std::string key;
    if (fresh)
        for_each_point(store, {}, "", until, [&](const Record& r, int64_t) {
            key = series_key(r);
            if (auto it = all.find(key); it != all.end() && it->second.from.empty())
                it->second.summary.add(r);
        });
    for (auto& [k, t] : all)
        if (!t.from.empty())
            for_each_series_point(store, t.id, t.from, until,
                                  [&](const Record& r, int64_t) { t.summary.add(r); });
    Stmt put = store.prepare(
        "INSERT INTO series_events (series, counted_to, resets, topups) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (series) DO UPDATE SET counted_to = ?2, resets = ?3, topups = ?4");
    for (const auto& [k, t] : all) {
        if (t.summary.last_ts().empty() || t.summary.last_ts() == t.from)
            continue;
        sqlite3_stmt* p = put.get();
        sqlite3_bind_text(p, 1, k.c_str(), -1, SQLITE_STATIC);
        bind_text(p, 2, t.summary.last_ts());
        sqlite3_bind_int64(p, 3, t.n.resets + t.summary.resets());
        sqlite3_bind_int64(p, 4, t.n.topups + t.summary.topups());
        const int rc = sqlite3_step(p);
        sqlite3_reset(p);
        if (rc != SQLITE_DONE)
            store.fail("cannot write the event tallies");
    }
}

std::map<std::string, EventCounts> event_counts(Store& store)
{
    std::map<std::string, EventCounts> out;
    Stmt q = store.prepare("SELECT series, resets, topups FROM series_events");
    int rc;
    while ((rc = sqlite3_step(q.get())) == SQLITE_ROW)
        out[column_text(q.get(), 0)] = {sqlite3_column_int64(q.get(), 1),
                                        sqlite3_column_int64(q.get(), 2)};
    if (rc != SQLITE_DONE)
        store.fail("cannot read the event tallies");
    return out;
}

bool NewestOk::read(const SeriesId& id, Record& out)
{
    if (!q_)
        q_ = store_.prepare((std::string("SELECT ") + snapshot_columns +
                             " FROM usage_snapshots WHERE provider = ?1 AND account = ?2 "
                             "AND kind = ?3 AND \"window\" = ?4 AND " + same_unit_sql +
                             " AND IFNULL(status, 'ok') = 'ok' "
                             "ORDER BY timestamp DESC, id DESC LIMIT 1")
                                .c_str());
    sqlite3_stmt* s = q_.get();
    const std::string* values[] = {&id.provider, &id.account, &id.kind, &id.window, nullptr,
                                   &id.unit};
    for (int i = 0; i < 6; ++i)
        if (values[i])
            sqlite3_bind_text(s, i + 1, values[i]->c_str(), -1, SQLITE_STATIC);
    const int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        read_snapshot(s, out);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        store_.fail("cannot read the newest snapshot");
    return rc == SQLITE_ROW;
}

}  // namespace qw

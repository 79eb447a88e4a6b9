#include "store/store_events.h"

#include "history.h"
#include "timeutil.h"

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

bool of_series(const SeriesId& id, const Record& r)
{
    return !unit_in_series(id.kind) || r.unit.empty() || r.unit == id.unit;
}

void count_events(Store& store, const std::string& until)
{
    Stmt get = store.prepare("SELECT counted_to, resets, topups FROM series_events "
                             "WHERE series = ?");
    Stmt put = store.prepare(
        "INSERT INTO series_events (series, counted_to, resets, topups) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (series) DO UPDATE SET counted_to = ?2, resets = ?3, topups = ?4");
    for (const SeriesId& id : list_series(store, {})) {
        const std::string key = series_key(id);
        sqlite3_stmt* g = get.get();
        sqlite3_bind_text(g, 1, key.c_str(), -1, SQLITE_STATIC);
        std::string from;
        EventCounts n;
        int rc = sqlite3_step(g);
        if (rc == SQLITE_ROW) {
            from = column_text(g, 0);
            n = {sqlite3_column_int64(g, 1), sqlite3_column_int64(g, 2)};
        } else if (rc != SQLITE_DONE) {
            store.fail("cannot read the event tallies");
        }
        sqlite3_reset(g);
        // The tallied snapshot comes again, as the first: it counts nothing.
        SeriesSummary summary(parse_rfc3339(from).value_or(0), parse_rfc3339(until).value_or(1), 1);
        for_each_point(store, {id.provider, id.account, id.kind, id.window}, from, until,
                       [&](const Record& r, int64_t) {
                           if (of_series(id, r))
                               summary.add(r);
                       });
        if (summary.last_ts().empty() || summary.last_ts() == from)
            continue;
        sqlite3_stmt* p = put.get();
        sqlite3_bind_text(p, 1, key.c_str(), -1, SQLITE_STATIC);
        bind_text(p, 2, summary.last_ts());
        sqlite3_bind_int64(p, 3, n.resets + summary.resets());
        sqlite3_bind_int64(p, 4, n.topups + summary.topups());
        rc = sqlite3_step(p);
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

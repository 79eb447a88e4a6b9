#include "store/store_events.h"

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

std::map<std::string, EventCounts> event_counts(Store& store)
{
    std::map<std::string, EventCounts> out;
    Stmt q = store.prepare("SELECT series, resets, topups FROM series_events");
    int rc;
    while ((rc = sqlite3_step(q.get())) == SQLITE_ROW)
        out[column_text(q.get(), 0)] = {sqlite3_column_int64(q.get(), 1),
                                        sqlite3_column_int64(q.get(), 2)};
    if (rc != SQLITE_DONE)
        store.fail("cannot read the tallies");
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

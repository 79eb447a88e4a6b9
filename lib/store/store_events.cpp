#include "store/store_events.h"

#include "history.h"
#include "timeutil.h"

#include <algorithm>

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

// A series' tallies as read, and the snapshots since.
struct Tally {
    SeriesId id;
    std::string counted_to, hours_to;   // the newest snapshot tallied, "" for none
    EventCounts n;
    SeriesSummary summary{0, 1, 1};
    HourTally hour;                     // the hour being tallied

    const std::string& from() const { return std::min(counted_to, hours_to); }
};

// Adds an hour to the stored one, if any: the new steps after its own.
const char* const put_hour_sql = R"(
    INSERT INTO series_hours VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
                                     ?14, ?15, ?16)
    ON CONFLICT (series, hour) DO UPDATE SET
        samples = samples + excluded.samples, last_t = excluded.last_t, last = excluded.last,
        lo = min(lo, excluded.lo), hi = max(hi, excluded.hi),
        usage = usage + excluded.entry + excluded.usage,
        resets = resets + excluded.resets + (excluded.entry_event = 'reset'),
        topups = topups + excluded.topups + (excluded.entry_event = 'topup'),
        reset_t = max(reset_t, excluded.reset_t,
                      iif(excluded.entry_event = 'reset', excluded.first_t, 0)),
        topup_t = max(topup_t, excluded.topup_t,
                      iif(excluded.entry_event = 'topup', excluded.first_t, 0)))";

void put_hour(Store& store, sqlite3_stmt* p, const std::string& series, const HourTally& h)
{
    sqlite3_bind_text(p, 1, series.c_str(), -1, SQLITE_STATIC);
    const int64_t ints[] = {h.hour, h.samples, h.first_t};
    for (int i = 0; i < 3; ++i)
        sqlite3_bind_int64(p, 2 + i, ints[i]);
    sqlite3_bind_double(p, 5, h.first);
    sqlite3_bind_int64(p, 6, h.last_t);
    const double reals[] = {h.last, h.lo, h.hi, h.entry};
    for (int i = 0; i < 4; ++i)
        sqlite3_bind_double(p, 7 + i, reals[i]);
    sqlite3_bind_text(p, 11, h.entry_event.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_double(p, 12, h.usage);
    const int64_t counts[] = {h.resets, h.topups, h.reset_t, h.topup_t};
    for (int i = 0; i < 4; ++i)
        sqlite3_bind_int64(p, 13 + i, counts[i]);
    const int rc = sqlite3_step(p);
    sqlite3_reset(p);
    if (rc != SQLITE_DONE)
        store.fail("cannot write the hourly tallies");
}

}  // namespace

void update_tallies(Store& store, const std::string& until)
{
    Stmt get = store.prepare("SELECT counted_to, resets, topups, hours_to FROM series_events "
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
            t.counted_to = column_text(g, 0);
            t.n = {sqlite3_column_int64(g, 1), sqlite3_column_int64(g, 2)};
            t.hours_to = column_text(g, 3);
        } else if (rc != SQLITE_DONE) {
            store.fail("cannot read the tallies");
        }
        sqlite3_reset(g);
        fresh = fresh || t.from().empty();
    }
    Stmt put = store.prepare(put_hour_sql);
    // Each snapshot after the add: its event counted and its value put in
    // its hour, unless tallied before (the first one read again, or all of
    // an upgraded series' rows up to counted_to).
    auto tally = [&](const std::string& key, Tally& t, const Record& r) {
        t.summary.add(r);
        const std::string_view event = t.summary.event();
        if (r.ts > t.counted_to && !event.empty())
            ++(event == "reset" ? t.n.resets : t.n.topups);
        const auto ts = parse_rfc3339(r.ts);
        if (!t.summary.taken() || !ts || r.ts <= t.hours_to)
            return;
        if (t.hour.samples > 0 && t.hour.hour != HourTally::hour_of(*ts)) {
            put_hour(store, put.get(), key, t.hour);
            t.hour = {};
        }
        t.hour.add(*ts, *t.summary.taken(), t.summary.used(), event);
    };
    // The series never tallied, in one pass over the table in time order
    // (a seek per row of each series would cost ten times more); the others
    // each from its tallied snapshot, which comes again as the first and
    // counts nothing.
    std::string key;
    if (fresh)
        for_each_point(store, {}, "", until, [&](const Record& r, int64_t) {
            key = series_key(r);
            if (auto it = all.find(key); it != all.end() && it->second.from().empty())
                tally(key, it->second, r);
        });
    for (auto& [k, t] : all)
        if (!t.from().empty())
            for_each_series_point(store, t.id, t.from(), until,
                                  [&](const Record& r, int64_t) { tally(k, t, r); });
    Stmt mark = store.prepare(
        "INSERT INTO series_events (series, counted_to, resets, topups, hours_to) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (series) DO UPDATE "
        "SET counted_to = ?2, resets = ?3, topups = ?4, hours_to = ?5");
    for (const auto& [k, t] : all) {
        if (t.hour.samples > 0)
            put_hour(store, put.get(), k, t.hour);
        const std::string& last = t.summary.last_ts();
        if (last <= t.counted_to && last <= t.hours_to)
            continue;
        sqlite3_stmt* p = mark.get();
        sqlite3_bind_text(p, 1, k.c_str(), -1, SQLITE_STATIC);
        bind_text(p, 2, std::max(last, t.counted_to));
        sqlite3_bind_int64(p, 3, t.n.resets);
        sqlite3_bind_int64(p, 4, t.n.topups);
        bind_text(p, 5, std::max(last, t.hours_to));
        const int rc = sqlite3_step(p);
        sqlite3_reset(p);
        if (rc != SQLITE_DONE)
            store.fail("cannot write the tallies");
    }
}

void for_each_hour(Store& store, const std::string& series, int64_t since,
                   const std::function<void(const HourTally&)>& fn)
{
    Stmt q = store.prepare("SELECT hour, samples, first_t, first, last_t, last, lo, hi, entry, "
                           "entry_event, usage, resets, topups, reset_t, topup_t "
                           "FROM series_hours WHERE series = ? AND hour >= ? ORDER BY hour");
    sqlite3_stmt* s = q.get();
    sqlite3_bind_text(s, 1, series.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, since);
    HourTally h;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        auto i = [&](int c) { return sqlite3_column_int64(s, c); };
        auto d = [&](int c) { return sqlite3_column_double(s, c); };
        h.hour = i(0), h.samples = static_cast<int>(i(1)), h.first_t = i(2), h.first = d(3);
        h.last_t = i(4), h.last = d(5), h.lo = d(6), h.hi = d(7), h.entry = d(8);
        h.entry_event = column_text(s, 9);
        h.usage = d(10), h.resets = static_cast<int>(i(11)), h.topups = static_cast<int>(i(12));
        h.reset_t = i(13), h.topup_t = i(14);
        fn(h);
    }
    if (rc != SQLITE_DONE)
        store.fail("cannot read the hourly tallies");
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

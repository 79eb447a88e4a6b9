#include "store/store_tally.h"

#include "history.h"
#include "store/store_events.h"
#include "store/store_history.h"
#include "timeutil.h"

#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include <sqlite3.h>

namespace qw {

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

// The tallies of every series, and the statements that read and keep them.
class Tallies {
public:
    explicit Tallies(Store& store)
        : store_(store),
          get_(store.prepare("SELECT counted_to, resets, topups, hours_to FROM series_events "
                             "WHERE series = ?")),
          put_(store.prepare(put_hour_sql)),
          mark_(store.prepare("INSERT INTO series_events (series, counted_to, resets, topups, "
                              "hours_to) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (series) DO "
                              "UPDATE SET counted_to = ?2, resets = ?3, topups = ?4, hours_to = ?5"))
    {
    }

    // Every stored series, with its tallies as stored.
    void load()
    {
        all.clear();
        for (const SeriesId& id : list_series(store_, {})) {
            const std::string key = series_key(id);
            Tally& t = all[key];
            t.id = id;
            read(key, t);
        }
    }

    // True when the series' tallies as stored are still t's.
    bool unchanged(const std::string& key, const Tally& t)
    {
        Tally now;
        read(key, now);
        return now.counted_to == t.counted_to && now.hours_to == t.hours_to;
    }

    // One snapshot after the add: its event counted and its value put in its
    // hour, unless tallied before (the first one read again, or all of an
    // upgraded series' rows up to counted_to).
    void add(const std::string& key, Tally& t, const Record& r)
    {
        t.summary.add(r);
        const std::string_view event = t.summary.event();
        if (r.ts > t.counted_to && !event.empty())
            ++(event == "reset" ? t.n.resets : t.n.topups);
        const auto ts = parse_rfc3339(r.ts);
        if (!t.summary.taken() || !ts || r.ts <= t.hours_to)
            return;
        if (t.hour.samples > 0 && t.hour.hour != HourTally::hour_of(*ts)) {
            put_hour(store_, put_.get(), key, t.hour);
            t.hour = {};
        }
        t.hour.add(*ts, *t.summary.taken(), t.summary.used(), event);
    }

    // Stores what t tallied: its hour so far (the rest of the hour, if any,
    // is added to it later) and its counters up to its newest snapshot.
    void save(const std::string& key, Tally& t)
    {
        if (t.hour.samples > 0)
            put_hour(store_, put_.get(), key, t.hour);
        t.hour = {};
        const std::string& last = t.summary.last_ts();
        if (last <= t.counted_to && last <= t.hours_to)
            return;
        t.counted_to = std::max(last, t.counted_to);
        t.hours_to = std::max(last, t.hours_to);
        sqlite3_stmt* p = mark_.get();
        sqlite3_bind_text(p, 1, key.c_str(), -1, SQLITE_STATIC);
        bind_text(p, 2, t.counted_to);
        sqlite3_bind_int64(p, 3, t.n.resets);
        sqlite3_bind_int64(p, 4, t.n.topups);
        bind_text(p, 5, t.hours_to);
        const int rc = sqlite3_step(p);
        sqlite3_reset(p);
        if (rc != SQLITE_DONE)
            store_.fail("cannot write the tallies");
    }

    std::map<std::string, Tally> all;

private:
    void read(const std::string& key, Tally& t)
    {
        sqlite3_stmt* g = get_.get();
        sqlite3_bind_text(g, 1, key.c_str(), -1, SQLITE_TRANSIENT);
        const int rc = sqlite3_step(g);
        if (rc == SQLITE_ROW) {
            t.counted_to = column_text(g, 0);
            t.n = {sqlite3_column_int64(g, 1), sqlite3_column_int64(g, 2)};
            t.hours_to = column_text(g, 3);
        } else if (rc != SQLITE_DONE) {
            store_.fail("cannot read the tallies");
        }
        sqlite3_reset(g);
    }

    Store& store_;
    Stmt get_, put_, mark_;
};

}  // namespace

void update_tallies(Store& store, const std::string& until)
{
    Tallies tallies(store);
    tallies.load();
    bool fresh = false;
    for (const auto& [k, t] : tallies.all)
        fresh = fresh || t.from().empty();
    // The series never tallied, in one pass over the table in time order
    // (a seek per row of each series would cost ten times more); the others
    // each from its tallied snapshot, which comes again as the first and
    // counts nothing.
    std::string key;
    if (fresh)
        for_each_point(store, {}, "", until, [&](const Record& r, int64_t) {
            key = series_key(r);
            if (auto it = tallies.all.find(key); it != tallies.all.end() && it->second.from().empty())
                tallies.add(key, it->second, r);
        });
    for (auto& [k, t] : tallies.all)
        if (!t.from().empty())
            for_each_series_point(store, t.id, t.from(), until,
                                  [&](const Record& r, int64_t) { tallies.add(k, t, r); });
    for (auto& [k, t] : tallies.all)
        tallies.save(k, t);
}

namespace {

// The oldest snapshot's timestamp, "" when there is none.
std::string first_timestamp(Store& store)
{
    Stmt q = store.prepare("SELECT min(timestamp) FROM usage_snapshots");
    const int rc = sqlite3_step(q.get());
    if (rc != SQLITE_ROW)
        store.fail("cannot read the history");
    return column_text(q.get(), 0);
}

// The series of tallies that are behind at until: with snapshots newer than
// their tallies, and tallies never made or more than a day older than until.
std::set<std::string> behind(Store& store, Tallies& tallies, int64_t until)
{
    std::set<std::string> out;
    SnapshotReader newest(store);
    Record r;
    for (const auto& [k, t] : tallies.all) {
        if (!newest.newest(t.id, r) || r.ts <= t.from())
            continue;
        const auto from = parse_rfc3339(t.from());
        if (!from || *from < until - 86400)
            out.insert(k);
    }
    return out;
}

}  // namespace

void PauseForWriters::operator()()
{
    using namespace std::chrono;
    if (steady_clock::now() - since_ < milliseconds(500))
        return;
    std::this_thread::sleep_for(milliseconds(100));
    since_ = steady_clock::now();
}

void catch_up_tallies(Store& store, const std::string& until, int64_t week,
                      const std::function<void()>& between)
{
    const auto end = parse_rfc3339(until);
    if (!end)
        return;
    Tallies tallies(store);
    for (;;) {                          // again when another run tallied meanwhile
        std::set<std::string> walk;
        std::string since;              // the oldest snapshot to read
        store.transaction([&] {
            tallies.load();
            walk = behind(store, tallies, *end);
            since = "9999";
            for (const std::string& k : walk)
                since = std::min(since, tallies.all[k].from());
            if (since.empty())
                since = first_timestamp(store);
        });
        auto at = parse_rfc3339(since);
        if (walk.empty() || !at)
            return;
        // Week by week in time order; the first week from the oldest tallied
        // snapshot, which comes again and counts nothing; each later one
        // after the week before.
        std::string done;
        bool interfered = false;
        while (*at < *end) {
            const int64_t next = std::min(*at + week, *end);
            const std::string to = format_rfc3339(next);
            store.transaction([&] {
                for (const std::string& k : walk)
                    interfered = interfered || !tallies.unchanged(k, tallies.all[k]);
                if (interfered)
                    return;
                std::string key;
                for_each_point(store, {}, done.empty() ? since : done, to,
                               [&](const Record& r, int64_t) {
                                   if (!done.empty() && r.ts <= done)
                                       return;
                                   key = series_key(r);
                                   if (walk.count(key))
                                       tallies.add(key, tallies.all[key], r);
                               });
                for (const std::string& k : walk)
                    tallies.save(k, tallies.all[k]);
            });
            if (interfered)
                break;
            done = to;
            *at = next;
            if (*at < *end)
                between();
        }
        if (!interfered)
            return;
    }
}

void tally_history(Store& store, const std::string& until)
{
    catch_up_tallies(store, until);
    store.transaction([&] { update_tallies(store, until); });
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

}  // namespace qw

// The tallies of the history: per series, the reset and top-up counters of
// the metrics (series_events, migration 10) and the hourly tallies of the
// dashboard (hours.h, series_hours, migration 12), both made by one pass of
// history.h's SeriesSummary over the snapshots newer than them, so that a
// run reads only those, and before record --keep prunes, so that a counter
// never goes down and a long chart outlives the rows.
#pragma once
#include "hours.h"
#include "store/store.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace qw {

// Between the weeks of a catch-up: a tenth of a second's pause after each
// half second of work, so that a writer that waits for the database gets it
// (SQLite's busy handler asks again at least every 100 ms) instead of
// waiting for the whole pass, and a short pass is not slowed.
class PauseForWriters {
public:
    void operator()();

private:
    std::chrono::steady_clock::time_point since_ = std::chrono::steady_clock::now();
};

// Tallies every series' snapshots newer than its tallies, up to until (RFC
// 3339): its events into its counters, its values and steps into its hours.
// A snapshot stored later with an older timestamp than the tallies is not
// tallied.  The caller holds the transaction.
void update_tallies(Store& store, const std::string& until);

// Brings the series whose tallies are behind (never made, or more than a
// day older than until) most of the way, a week of snapshots at a time, each
// week in a transaction of its own, then between(); update_tallies does the
// rest.  It stops, harmlessly, when another run tallies the same series
// meanwhile.  The caller holds no transaction.  week (in seconds) and
// between are for the tests.
void catch_up_tallies(Store& store, const std::string& until, int64_t week = 7 * 86400,
                      const std::function<void()>& between = PauseForWriters());

// Both, as a reader of the tallies wants them up to until: catch_up_tallies,
// then update_tallies in a transaction.
void tally_history(Store& store, const std::string& until);

// The hourly tallies of one series (by series_key) from the hour that
// starts at since on, oldest first.
void for_each_hour(Store& store, const std::string& series, int64_t since,
                   const std::function<void(const HourTally&)>& fn);

}  // namespace qw

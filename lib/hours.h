// The hourly tally of a series (table series_hours, migration 12): per hour,
// what SeriesSummary took in it, so that the dashboard's long periods read
// one row an hour instead of every snapshot.  Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace qw {

// One hour of one series.  A step is what SeriesSummary counted between a
// snapshot and the one before; each step belongs to the hour of its later
// snapshot.  The hour's first step (entry) comes from the hour before and is
// kept apart: a period that starts with this hour does not count it, as
// recall --since counts from the period's second snapshot.
struct HourTally {
    int64_t hour = 0;                  // its start, epoch seconds
    int samples = 0;                   // 0: nothing yet
    int64_t first_t = 0, last_t = 0;
    double first = 0, last = 0, lo = 0, hi = 0;
    double entry = 0;                  // the usage of the entry step
    std::string entry_event;           // its event: "reset", "topup" or ""
    double usage = 0;                  // the usage of the other steps
    int resets = 0, topups = 0;        // their events,
    int64_t reset_t = 0, topup_t = 0;  // the newest of each kind

    // The hour that holds t.
    static int64_t hour_of(int64_t t);
    // One value taken at t (in this hour), the usage and event of its step.
    void add(int64_t t, double v, double used, std::string_view event);
};

}  // namespace qw

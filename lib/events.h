// Events between two observations of one series (DESIGN.md §2): a quota
// window that started again (reset), a balance that went up (topup), and
// source data older than allowed (stale).  Pure functions over records.
#pragma once
#include "record.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace qw {

// A quota window's length in seconds from its name: "5h", "300m", "daily",
// "weekly", "monthly" (28 days, the shortest month); 0 when unknown.
int64_t window_seconds(std::string_view window);

// "reset", "topup", or "" when cur shows no change of that kind since prev,
// the previous observation of the same series:
//  - reset (quotas): the share used dropped by more than half a percentage
//    point (or used fell, or remaining rose, when there is no limit), or
//    resets_at moved forward by at least half a window (an hour when the
//    window is unknown) past the end of the window prev was counted in.
//  - topup (balances): remaining rose by more than 0.01.
struct Change {
    const char* event = "";
    // Quotas: the end of the window cur is counted in (RFC 3339), "" when
    // unknown.  Usually cur's resets_at; but when the share used dropped at or
    // after the counted end (within two minutes of provider clock jitter)
    // while the provider still shows that old end, the reset is counted now
    // and the end moves a window on, so that the new resets_at, when the
    // provider shows it, is not counted again; so too when resets_at jumped
    // (after a gap in the checks) to an end that has already passed.  An old
    // resets_at shown again never moves the end back.
    std::string window_end;
};
// prev_end is the end prev was counted in ("" for a row stored before
// schema version 6: then prev's resets_at, or the window after it when prev
// was observed more than two minutes past it).
Change next_change(const Record& prev, std::string_view prev_end, const Record& cur);

// next_change's event for two observations alone.
const char* change_event(const Record& prev, const Record& cur);

// True when r carries as_of and its source was more than max_age seconds
// old when r was observed (at r.ts, or at now when r has no ts).
bool is_stale(const Record& r, int64_t now, int64_t max_age);

// The previous observation's numbers as the prev field carries them:
// {"ts":...,"remaining":...,"used":...,"limit":...,"used_pct":...,"resets_at":...}.
std::string prev_numbers(const Record& prev);

}  // namespace qw

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
//    window is unknown).  A jump is not counted again when prev was observed
//    more than two minutes after its own resets_at: the provider had then
//    already started the new window, and prev showed it.
//  - topup (balances): remaining rose by more than 0.01.
const char* change_event(const Record& prev, const Record& cur);

// True when r carries as_of and its source was more than max_age seconds
// old when r was observed (at r.ts, or at now when r has no ts).
bool is_stale(const Record& r, int64_t now, int64_t max_age);

// The previous observation's numbers as the prev field carries them:
// {"ts":...,"remaining":...,"used":...,"limit":...,"used_pct":...,"resets_at":...}.
std::string prev_numbers(const Record& prev);

}  // namespace qw

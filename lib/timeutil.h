// Time as the tools see it: RFC 3339 text, epoch seconds, QUOTAWATCH_NOW.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qw {

// Now, in epoch seconds; QUOTAWATCH_NOW (RFC 3339) replaces the clock so
// that runs are reproducible.  Throws Error when QUOTAWATCH_NOW is malformed.
int64_t now();

// 2026-01-29T09:00:00Z
std::string format_rfc3339(int64_t epoch);

// v in whole seconds when it is a time of the years 1 to 9999; nothing for
// NaN, infinities and the absurd numbers a broken answer may hold (a cast
// of those to an integer would be undefined behaviour).
std::optional<int64_t> whole_seconds(double v);

// format_rfc3339 of such a time, or "" when it is none.
std::string format_epoch(double seconds);

// Accepts 2026-01-29T09:00:00Z, fractions of any length, +08:00 offsets,
// and a space instead of the T.  Nothing when the text is not a time.
std::optional<int64_t> parse_rfc3339(std::string_view s);

// The same time as stored: 2026-01-29T01:00:00Z for 2026-01-29T09:00:00+08:00;
// "" when s is not an RFC 3339 time.
std::string utc_text(std::string_view s);

// A time written without a zone (seed 003's monitor.py: 2026-02-12 16:30:00),
// read in the local time zone (TZ); nothing for anything else.
std::optional<int64_t> parse_zoneless_time(std::string_view s);

// The longest duration read: a thousand years, so that sums of a few stay
// far from overflowing.
constexpr int64_t max_duration = int64_t{1000} * 366 * 86400;

// 90s, 10m, 2h, 7d, 400d, 2w: seconds.  Nothing when malformed or longer
// than max_duration.
std::optional<int64_t> parse_duration(std::string_view s);

// The first second of the UTC month holding epoch, and of the month after.
int64_t month_start(int64_t epoch);
int64_t next_month_start(int64_t epoch);

// Local time for humans, "2026-01-29 09:00:00", in TZ (UTC when TZ is unset).
std::string format_local(int64_t epoch);

// The same followed by the zone's name: "2026-01-29 17:00:00 CST".
std::string format_local_zone(int64_t epoch);

}  // namespace qw

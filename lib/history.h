// History summaries: per series, over a period, the first and last value,
// min and max, usage that top-ups and resets do not turn negative, the burn
// rate per day, a forecast of days left, and a trend for a sparkline.
// Pure: the tool feeds it snapshots from the store, oldest first.
#pragma once
#include "record.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qw {

class SeriesSummary {
public:
    // The period is [since, until]; the trend has points buckets over it.
    SeriesSummary(int64_t since, int64_t until, int points = 24);
    // One snapshot of the series, oldest first.  Snapshots whose status is
    // not ok are counted as errors and otherwise ignored.
    void add(const Record& snap);
    // Adds the summary fields to base, the newest snapshot of the period:
    // since, first_ts, samples, errors, measure, first, last, min, max,
    // usage, resets, topups, span, span_s, burn_per_day, and days_left with
    // empty_at or else no_forecast saying why, and trend.
    void write(Record& base) const;
    // What the last add() did, for a caller that draws or tallies the
    // history (the dashboard, the hourly tallies): the value it took (nothing
    // when it skipped the snapshot), the event it counted ("reset", "topup"
    // or ""), and the usage it counted for the step from the snapshot before.
    const std::optional<double>& taken() const { return taken_; }
    const char* event() const { return event_; }
    double used() const { return used_; }

    // The same numbers for the metrics tool: the events counted, the time of
    // the newest snapshot counted ("" before the first), what was measured
    // ("remaining", "used", "used_pct" or ""), and the forecast write()
    // gives as days_left (nothing where it gives no_forecast).
    struct Forecast {
        double burn_per_day, days_left, empty_at;
    };
    int resets() const { return resets_; }
    int topups() const { return topups_; }
    const std::string& last_ts() const { return prev_.ts; }
    const char* measure() const;
    std::optional<Forecast> forecast() const;
    // The measure a summary that starts with r takes.
    static const char* measure_of(const Record& r);

private:
    enum class Measure { none, remaining, used, used_pct };
    static Measure pick(const Record& r);
    std::optional<double> value(const Record& r) const;
    std::optional<double> left() const;
    const char* no_forecast(double burn) const;
    double burn_per_day() const;
    int64_t since_, until_;
    Measure measure_ = Measure::none;
    Record prev_;
    std::string end_;                  // the window prev_ was counted in (next_change)
    int samples_ = 0, errors_ = 0, resets_ = 0, topups_ = 0;
    int64_t first_t_ = 0, last_t_ = 0;
    double first_ = 0, last_ = 0, min_ = 0, max_ = 0, usage_ = 0, used_ = 0;
    std::string first_ts_;
    std::optional<double> taken_;
    const char* event_ = "";
    std::vector<std::optional<double>> trend_;
};

// "2d 3h", "5h 7m", "42m", "30s": a span for people.
std::string format_span(int64_t seconds);

// --since: a duration back from now (24h, 7d), an RFC 3339 time, or a date
// (2026-11-01, midnight in the local time zone).  Nothing when malformed.
std::optional<int64_t> parse_since(std::string_view text, int64_t now);

}  // namespace qw

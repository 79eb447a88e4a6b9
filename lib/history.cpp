#include "history.h"

#include "events.h"
#include "json_writer.h"
#include "timeutil.h"

#include <algorithm>
#include <cmath>
#include <ctime>

namespace qw {

namespace {

constexpr int64_t min_forecast_span = 3600;
constexpr double rise_rounding = 0.01;

double rounded(double v)
{
    return std::round(v * 1e6) / 1e6;
}

}  // namespace

SeriesSummary::SeriesSummary(int64_t since, int64_t until, int points)
    : since_(since), until_(std::max(until, since + 1)), trend_(std::max(points, 1))
{
}

std::optional<double> SeriesSummary::value(const Record& r) const
{
    switch (measure_) {
    case Measure::remaining: return r.remaining;
    case Measure::used: return r.used;
    case Measure::used_pct: return r.used_pct;
    case Measure::none: break;
    }
    return std::nullopt;
}

void SeriesSummary::add(const Record& snap)
{
    taken_.reset();
    event_ = "";
    used_ = 0;
    if (const Status st = status_of(snap); st != Status::none && st != Status::ok) {
        ++errors_;
        return;
    }
    if (measure_ == Measure::none)
        measure_ = pick(snap);
    auto v = value(snap);
    auto t = parse_rfc3339(snap.ts);
    if (!v || !t)
        return;
    if (samples_ == 0) {
        first_ = min_ = max_ = *v;
        first_t_ = *t;
        first_ts_ = snap.ts;
        end_ = snap.resets_at;
    } else {
        const bool falls = measure_ == Measure::remaining;   // spending lowers it
        const double d = *v - last_;
        Change change = next_change(prev_, end_, snap);
        end_ = std::move(change.window_end);
        std::string_view ev = change.event;
        // Budgets and spends restart too; quotas follow evaluate's rules alone.
        if (ev.empty() && kind_of(snap) != Kind::quota &&
            (falls ? d > rise_rounding : d < -1e-9 * std::fabs(last_)))
            ev = falls ? "topup" : "reset";
        if (ev == "reset") {
            event_ = "reset";
            ++resets_;
            if (!falls)
                used_ = std::max(0.0, *v);
            else if (snap.limit)
                used_ = std::max(0.0, *snap.limit - *v);
        } else if (ev == "topup") {
            event_ = "topup";
            ++topups_;
        } else {
            used_ = std::max(0.0, falls ? -d : d);
        }
        usage_ += used_;
    }
    ++samples_;
    taken_ = v;
    last_ = *v;
    last_t_ = *t;
    min_ = std::min(min_, *v);
    max_ = std::max(max_, *v);
    prev_ = snap;
    const int64_t n = static_cast<int64_t>(trend_.size());
    const int64_t slot = std::clamp<int64_t>((*t - since_) * n / (until_ - since_), 0, n - 1);
    trend_[slot] = *v;
}

// What is left to spend, in the unit of the usage.
std::optional<double> SeriesSummary::left() const
{
    if (measure_ == Measure::remaining)
        return last_;
    if (measure_ == Measure::used && prev_.limit)
        return *prev_.limit - last_;
    if (measure_ == Measure::used_pct)
        return 100 - last_;
    return std::nullopt;
}

const char* SeriesSummary::no_forecast(double burn) const
{
    if (samples_ < 2)
        return "fewer than two snapshots";
    if (last_t_ - first_t_ < min_forecast_span)
        return "less than an hour of data";
    if (burn <= 0)
        return "no spending in the period";
    if (!left())
        return "no remaining value";
    auto resets = parse_rfc3339(prev_.resets_at);
    const double days = std::max(0.0, *left()) / burn;
    if (kind_of(prev_) == Kind::quota && resets && last_t_ + days * 86400 > *resets)
        return "the window resets first";
    return nullptr;
}

double SeriesSummary::burn_per_day() const
{
    const int64_t span = last_t_ - first_t_;
    return span > 0 ? usage_ * 86400 / span : 0;
}

std::optional<SeriesSummary::Forecast> SeriesSummary::forecast() const
{
    const double burn = burn_per_day();
    if (no_forecast(burn))
        return std::nullopt;
    const double days = std::max(0.0, *left()) / burn;
    return Forecast{burn, days, static_cast<double>(last_t_) + days * 86400};
}

SeriesSummary::Measure SeriesSummary::pick(const Record& r)
{
    return r.remaining ? Measure::remaining
           : r.used    ? Measure::used
           : r.used_pct ? Measure::used_pct
                        : Measure::none;
}

namespace {

const char* const measure_names[] = {"", "remaining", "used", "used_pct"};

}  // namespace

const char* SeriesSummary::measure() const
{
    return measure_names[static_cast<int>(measure_)];
}

const char* SeriesSummary::measure_of(const Record& r)
{
    return measure_names[static_cast<int>(pick(r))];
}

void SeriesSummary::write(Record& base) const
{
    std::string& x = base.extra;
    if (!x.empty())
        x += ',';
    std::string obj;
    JsonWriter w(obj);
    w.begin_object();
    w.field("since", format_rfc3339(since_));
    if (!first_ts_.empty())
        w.field("first_ts", first_ts_);
    w.field("samples", static_cast<double>(samples_));
    w.field("errors", static_cast<double>(errors_));
    if (samples_ > 0) {
        w.field("measure", measure());
        w.field("first", rounded(first_)).field("last", rounded(last_));
        w.field("min", rounded(min_)).field("max", rounded(max_));
        w.field("usage", rounded(usage_));
        w.field("resets", static_cast<double>(resets_));
        w.field("topups", static_cast<double>(topups_));
    }
    const int64_t span = last_t_ - first_t_;
    w.field("span", format_span(span)).field("span_s", static_cast<double>(span));
    if (auto f = forecast()) {
        w.field("burn_per_day", rounded(f->burn_per_day));
        w.field("days_left", std::round(f->days_left * 100) / 100);
        if (std::string at = format_epoch(f->empty_at); !at.empty())
            w.field("empty_at", at);
    } else {
        w.field("no_forecast", no_forecast(burn_per_day()));
    }
    w.key("trend").begin_array();
    for (const auto& p : trend_) {
        if (p)
            w.value(rounded(*p));
        else
            w.raw("null");
    }
    w.end_array();
    w.end_object();
    x.append(obj, 1, obj.size() - 2);             // the members, without the braces
}

std::string format_span(int64_t s)
{
    const int64_t d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;
    if (d > 0)
        return std::to_string(d) + "d " + std::to_string(h) + "h";
    if (h > 0)
        return std::to_string(h) + "h " + std::to_string(m) + "m";
    if (m > 0)
        return std::to_string(m) + "m";
    return std::to_string(s) + "s";
}

std::optional<int64_t> parse_since(std::string_view text, int64_t now)
{
    if (auto d = parse_duration(text))
        return now - *d;
    if (auto t = parse_rfc3339(text))
        return t;
    std::tm tm{};
    std::string s(text);
    const char* end = strptime(s.c_str(), "%Y-%m-%d", &tm);
    if (!end || *end || s.size() != 10)
        return std::nullopt;
    tm.tm_isdst = -1;
    return static_cast<int64_t>(std::mktime(&tm));
}

}  // namespace qw

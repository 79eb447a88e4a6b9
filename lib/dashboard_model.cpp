// The dashboard's data: per series and period, the values per pixel column,
// the usage bars, the markers, and recall's forecast.
#include "dashboard.h"

#include "json.h"
#include "render.h"
#include "timeutil.h"

#include <algorithm>

namespace qw {

std::string html_escape(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string dashboard_label(const Record& r)
{
    std::string s = series_label(r);
    if (unit_in_series(r.kind) && !r.unit.empty())
        s += " " + r.unit;
    return s;
}

Columns::Columns(int64_t since, int64_t until, int width)
    : since_(since), until_(std::max(until, since + 1)), cells_(std::max(width, 1))
{
}

int Columns::column(int64_t t) const
{
    const int64_t n = static_cast<int64_t>(cells_.size());
    return static_cast<int>(std::clamp<int64_t>((t - since_) * n / (until_ - since_), 0, n - 1));
}

void Columns::add(int64_t t, double v)
{
    Cell& c = cells_[column(t)];
    if (c.n++ == 0) {
        c.min = c.max = v;
        return;
    }
    c.min = std::min(c.min, v);
    c.max = std::max(c.max, v);
}

PeriodView::PeriodView(const Period& p, int columns)
    : period(p), chart(p.since, p.until, columns), step(p.until - p.since <= 86400 ? 3600 : 86400),
      bars(static_cast<size_t>((p.until - p.since + step - 1) / step), 0.0)
{
}

int64_t snapshots_since(const std::vector<Period>& periods, int64_t forecast_since)
{
    int64_t since = forecast_since;
    for (const Period& p : periods)
        if (!p.hourly)
            since = std::min(since, p.since);
    return since;
}

SeriesBuilder::SeriesBuilder(const std::vector<Period>& periods, int64_t forecast_since,
                             int64_t now, int columns)
    : now_(now), forecast_since_(forecast_since),
      snapshots_since_(qw::snapshots_since(periods, forecast_since)), all_(snapshots_since_, now),
      forecast_(forecast_since, now), started_(periods.size(), false)
{
    for (const Period& p : periods)
        views_.emplace_back(p, columns);
}

void SeriesBuilder::add(const Record& snap)
{
    all_.add(snap);
    auto t = parse_rfc3339(snap.ts);
    if (t && *t >= forecast_since_)
        forecast_.add(snap);
    const auto& v = all_.taken();
    if (!v || !t)
        return;
    const double used = all_.used();
    for (size_t i = 0; i < views_.size(); ++i) {
        PeriodView& p = views_[i];
        if (p.period.hourly || *t < p.period.since || *t > p.period.until)
            continue;
        p.chart.add(*t, *v);
        if (!p.first)
            p.first = *v;
        p.last = *v;
        p.last_t = *t;
        // As recall --since PERIOD counts: from the period's second snapshot.
        if (!started_[i]) {
            started_[i] = true;
            continue;
        }
        // What was used since the snapshot before: in the bar that ends at or after t.
        const size_t bar = std::min(p.bars.size() - 1,
                                    static_cast<size_t>((*t - p.period.since - 1) / p.step));
        p.bars[bar] += used;
        p.usage += used;
        if (*all_.event())
            p.markers.push_back({*t, std::string_view(all_.event()) == "reset"});
    }
}

void SeriesBuilder::add_hour(const HourTally& h)
{
    for (size_t i = 0; i < views_.size(); ++i) {
        PeriodView& p = views_[i];
        if (!p.period.hourly || h.hour < p.period.since || h.hour > p.period.until)
            continue;
        p.chart.add(h.hour, h.lo);
        p.chart.add(h.hour, h.hi);
        if (!p.first)
            p.first = h.first;
        p.last = h.last;
        p.last_t = h.last_t;
        // The step into the period's first hour is not the period's.
        const bool entered = started_[i];
        started_[i] = true;
        const double used = h.usage + (entered ? h.entry : 0);
        const size_t bar = std::min(p.bars.size() - 1,
                                    static_cast<size_t>((h.hour - p.period.since) / p.step));
        p.bars[bar] += used;
        p.usage += used;
        if (entered && !h.entry_event.empty())
            p.markers.push_back({h.first_t, h.entry_event == "reset"});
        if (h.resets > 0)
            p.markers.push_back({h.reset_t, true});
        if (h.topups > 0)
            p.markers.push_back({h.topup_t, false});
    }
}

namespace {

// The members SeriesSummary::write adds, as a JSON object.
Json summary_of(const SeriesSummary& s)
{
    Record r;
    s.write(r);
    Json j;
    std::string err;
    parse_json("{" + r.extra + "}", j, &err);
    return j;
}

std::string text_of(const Json& j, const char* key)
{
    const Json* v = j.get(key);
    auto s = v ? v->as_string() : std::nullopt;
    return s ? std::string(*s) : std::string();
}

std::optional<double> number_of(const Json& j, const char* key)
{
    const Json* v = j.get(key);
    return v ? v->as_number() : std::nullopt;
}

}  // namespace

SeriesView SeriesBuilder::finish(const Record& newest, const Record& base,
                                 const Evaluator& judge) const
{
    SeriesView s;
    s.newest = newest;
    s.measure = *all_.measure() ? all_.measure() : SeriesSummary::measure_of(base);
    s.unit = s.measure == "used_pct" ? "%" : base.unit;
    if (s.measure == "remaining")
        s.empty = 0;
    else if (s.measure == "used_pct")
        s.empty = 100;
    else if (s.measure == "used")
        s.empty = base.limit;
    for (bool warning : {true, false})
        for (const Condition* c : judge.applying(base, warning))
            if (auto v = threshold_value(*c, base, s.measure))
                s.thresholds.push_back({*v, !warning, c->text});
    const Json f = summary_of(forecast_);
    s.burn_per_day = number_of(f, "burn_per_day");
    s.days_left = number_of(f, "days_left");
    s.empty_at = text_of(f, "empty_at");
    s.no_forecast = text_of(f, "no_forecast");
    s.periods = views_;
    return s;
}

std::optional<double> threshold_value(const Condition& c, const Record& r,
                                      std::string_view measure)
{
    Field f = c.field;
    double v = c.value;
    if (c.budget) {                          // used >= 80% of 500: used 400
        f = Field::used;
        v = *c.budget * c.value / 100;
    }
    const std::optional<double> limit = r.limit;
    // The condition as an amount used, or a share used, then in the measure.
    const bool pct = f == Field::remaining_pct || f == Field::used_pct;
    const bool left = f == Field::remaining || f == Field::remaining_pct;
    double used = left ? (pct ? 100 - v : 0) : v;
    if (left && !pct) {
        if (measure == "remaining")
            return v;
        if (!limit)
            return std::nullopt;
        used = *limit - v;
    }
    if (measure == "used_pct") {
        if (pct)
            return used;
        return limit && *limit > 0 ? std::optional<double>(used / *limit * 100) : std::nullopt;
    }
    if (pct) {
        if (!limit)
            return std::nullopt;
        used = *limit * used / 100;
    }
    if (measure == "used")
        return used;
    if (measure == "remaining" && limit)
        return *limit - used;
    return std::nullopt;
}

}  // namespace qw

// The dashboard: one self-contained HTML page (inline SVG and CSS, no
// script, no request) of the history.  Pure: the tool feeds each series'
// snapshots, oldest first, to a SeriesBuilder, and renders the views.
#pragma once
#include "history.h"
#include "hours.h"
#include "record.h"
#include "rules.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qw {

// Text for HTML, in an element or a quoted attribute: & < > " ' escaped.
std::string html_escape(std::string_view s);

// A period of the page: "7d" is [until - 7 days, until].  An hourly period
// (a chart column of an hour or more: 30d, 1y) is drawn from the hourly
// tallies (hours.h) and starts at the start of an hour.
struct Period {
    std::string name;
    int64_t since = 0, until = 0;
    bool hourly = false;
};

// The min and max of a series' values per pixel column of a period: what a
// chart draws of a large history.
class Columns {
public:
    struct Cell {
        double min = 0, max = 0;
        int n = 0;                  // values in the column; 0: none
    };
    Columns(int64_t since, int64_t until, int width);
    void add(int64_t t, double v);
    const std::vector<Cell>& cells() const { return cells_; }
    // The column of time t (clamped to the period).
    int column(int64_t t) const;

private:
    int64_t since_, until_;
    std::vector<Cell> cells_;
};

// A reset or a top-up, where a chart marks it.
struct Marker {
    int64_t t = 0;
    bool reset = false;             // else a top-up
};

// One series over one period.
struct PeriodView {
    PeriodView(const Period& p, int columns);
    Period period;
    Columns chart;
    int64_t step;                   // a bar's span: a day, an hour up to 24 h
    std::vector<double> bars;       // usage per step, from period.since
    std::vector<Marker> markers;
    double usage = 0;               // the sum of the bars
    std::optional<double> first, last;   // the period's first and last values
    int64_t last_t = 0;
};

// A threshold line, in the unit of the series' measure.
struct Threshold {
    double value = 0;
    bool critical = false;
    std::string text;               // the condition: "remaining_pct<10"
};

struct SeriesView {
    Record newest;                  // the newest snapshot, whatever its status
    std::string measure;            // remaining, used or used_pct: what the charts show
    std::string unit;               // of the measure ("%" for used_pct)
    std::optional<double> empty;    // the value at which it runs out (0, the limit, 100)
    std::vector<Threshold> thresholds;
    // recall's forecast over the forecast period (SeriesSummary::write)
    std::optional<double> burn_per_day, days_left;
    std::string empty_at, no_forecast;
    std::vector<PeriodView> periods;
};

// The start of the snapshots a dashboard reads: its longest period that is
// not hourly, or the forecast's, whichever is longer.
int64_t snapshots_since(const std::vector<Period>& periods, int64_t forecast_since);

// The snapshots of one series, oldest first, into its view: a SeriesSummary
// over the longest period that is not hourly gives the values, resets,
// top-ups and usage of its charts; the hourly tallies, which the same steps
// made, those of the hourly periods; another SeriesSummary over the forecast
// period gives the forecast, the one recall --since FORECAST prints.
class SeriesBuilder {
public:
    SeriesBuilder(const std::vector<Period>& periods, int64_t forecast_since, int64_t now,
                  int columns);
    // The snapshots since snapshots_since(), oldest first.
    void add(const Record& snap);
    // The hourly tallies, oldest first; an hour's values are drawn where it starts.
    void add_hour(const HourTally& h);
    int64_t snapshots_since() const { return snapshots_since_; }
    // newest: the series' newest snapshot; base: its newest ok one (recall's base).
    SeriesView finish(const Record& newest, const Record& base, const Evaluator& judge) const;

private:
    int64_t now_, forecast_since_, snapshots_since_;
    SeriesSummary all_, forecast_;
    std::vector<PeriodView> views_;
    std::vector<bool> started_;     // a period counts usage from its second snapshot
};

// The value of a condition in the measure's unit, for a threshold line:
// remaining_pct<10 of a 200 USD limit is 20 (measure remaining) or 180 (used).
std::optional<double> threshold_value(const Condition& c, const Record& r,
                                      std::string_view measure);

struct Dashboard {
    int64_t now = 0;
    std::string forecast_period;    // "7d"
    int64_t stale_after = 0;        // a newest check older than this is stale
    std::vector<Period> periods;
    std::vector<SeriesView> series;
};

// The page; "no data yet" when there is no series.
std::string render_dashboard(const Dashboard& d);

// One chart of a series over a period (dashboard_chart.cpp): an <svg> with
// a <title> and a <desc>, then the text alternative in a <p>.  id makes the
// element ids unique on the page.  The values are the columns' min and max;
// data-since, data-until, data-lo and data-hi give the scale.
std::string render_chart(const SeriesView& s, const PeriodView& p, int id);
// The usage bars of a series over a period, an <svg> likewise (data-step,
// data-max: the tallest bar's usage).
std::string render_bars(const SeriesView& s, const PeriodView& p, int id);
// The text alternative of a chart: first, last, lowest, highest, usage, events.
std::string describe(const SeriesView& s, const PeriodView& p);
// recall's forecast in words: "empty in 3.5 days, on 2026-12-05 09:00 ($1.20
// a day over the last 7d)", or why there is none.
std::string forecast_text(const SeriesView& s, const std::string& period);

// The series' name for people: "Moonshot (personal) USD", "Kimi Code 5h".
std::string dashboard_label(const Record& r);

}  // namespace qw

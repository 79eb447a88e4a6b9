// The dashboard's charts as inline SVG: a series' values per pixel column
// with threshold lines, reset and top-up markers and the forecast to empty,
// and its usage per day as bars.  Each has a <title>, a <desc> and a text
// alternative beside it.
#include "dashboard.h"

#include "render.h"
#include "rules.h"
#include "timeutil.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qw {

namespace {

// The plot: past from x = left to left + past, the forecast's quarter after.
constexpr double left = 10, past = 480, future = 120, top = 8, height = 140;
constexpr double bars_top = 4, bars_height = 50;

std::string num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0)
        s.resize(s.size() - 2);
    return s == "-0" ? "0" : s;
}

// A label; hanging: its top at y (below a line), else its baseline.
std::string text(double x, double y, const char* cls, const char* anchor, const std::string& t,
                 bool hanging = false)
{
    return "<text class=\"" + std::string(cls) + "\" x=\"" + num(x) + "\" y=\"" + num(y) +
           "\" text-anchor=\"" + anchor + "\"" + (hanging ? " dominant-baseline=\"hanging\"" : "") +
           ">" + html_escape(t) + "</text>";
}

std::string when(int64_t t, bool hours)
{
    const std::string s = local_ts(format_rfc3339(t));
    return hours ? s.substr(11, 5) : s.substr(0, 10);
}

std::string period_words(const Period& p)
{
    return "the last " + p.name;
}

std::string id_attr(const char* prefix, int id, const char* what)
{
    return std::string(prefix) + std::to_string(id) + what;
}

// The start of an <svg> with its title and description.
std::string svg_open(const char* cls, double h, int id, const std::string& title,
                     const std::string& desc, const std::string& data)
{
    const std::string t = id_attr("c", id, "t"), d = id_attr("c", id, "d");
    return "<svg class=\"" + std::string(cls) + "\" viewBox=\"0 0 620 " + num(h) +
           "\" role=\"img\" aria-labelledby=\"" + t + " " + d + "\"" + data + "><title id=\"" +
           t + "\">" + html_escape(title) + "</title><desc id=\"" + d + "\">" +
           html_escape(desc) + "</desc>";
}

// The polyline of the columns, min and max each; a gap of more than three
// times the usual spacing of the values breaks it.
std::string line_path(const std::vector<Columns::Cell>& cells, double colw,
                      const auto& y)
{
    std::vector<int> at;
    for (int c = 0; c < static_cast<int>(cells.size()); ++c)
        if (cells[c].n > 0)
            at.push_back(c);
    std::vector<int> gaps;
    for (size_t i = 1; i < at.size(); ++i)
        gaps.push_back(at[i] - at[i - 1]);
    int usual = 1;
    if (!gaps.empty()) {
        std::nth_element(gaps.begin(), gaps.begin() + gaps.size() / 2, gaps.end());
        usual = gaps[gaps.size() / 2];
    }
    std::string d;
    double last_y = 0;
    for (size_t i = 0; i < at.size(); ++i) {
        const Columns::Cell& cell = cells[at[i]];
        const double x = left + (at[i] + 0.5) * colw;
        double a = y(cell.max), b = y(cell.min);
        if (i > 0 && std::fabs(last_y - b) < std::fabs(last_y - a))
            std::swap(a, b);
        d += (i == 0 || at[i] - at[i - 1] > 3 * usual) ? "M" : " ";
        d += num(x) + " " + num(a);
        if (cell.max != cell.min)
            d += " " + num(x) + " " + num(b);
        last_y = b;
    }
    return d;
}

}  // namespace

std::string forecast_text(const SeriesView& s, const std::string& period)
{
    if (!s.days_left || !s.burn_per_day)
        return "no forecast: " + (s.no_forecast.empty() ? std::string("no data") : s.no_forecast);
    char days[32];
    std::snprintf(days, sizeof days, "%.1f", *s.days_left);
    std::string out = "empty in " + std::string(days) + " days";
    if (!s.empty_at.empty())
        out += ", on " + local_ts(s.empty_at).substr(0, 16);
    return out + " (" + format_amount(*s.burn_per_day, s.unit) + " a day over the last " +
           period + ")";
}

std::string describe(const SeriesView& s, const PeriodView& p)
{
    if (!p.first)
        return "No snapshot in " + period_words(p.period) + ".";
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& c : p.chart.cells())
        if (c.n > 0) {
            lo = std::min(lo, c.min);
            hi = std::max(hi, c.max);
        }
    int resets = 0, topups = 0;
    for (const Marker& m : p.markers)
        ++(m.reset ? resets : topups);
    const char* what = s.measure == "remaining" ? "Remaining" : "Used";
    return std::string(what) + " " + format_amount(*p.first, s.unit) + " to " +
           format_amount(*p.last, s.unit) + " in " + period_words(p.period) + ", lowest " +
           format_amount(lo, s.unit) + ", highest " + format_amount(hi, s.unit) + "; used " +
           format_amount(p.usage, s.unit) + "; " + std::to_string(resets) + " resets, " +
           std::to_string(topups) + " top-ups.";
}

std::string render_chart(const SeriesView& s, const PeriodView& p, int id)
{
    const auto& cells = p.chart.cells();
    const double colw = past / static_cast<double>(cells.size());
    const int64_t span = std::max<int64_t>(p.period.until - p.period.since, 1);
    auto xt = [&](int64_t t) { return left + static_cast<double>(t - p.period.since) * past / span; };
    double lo = 0, hi = 0;
    for (const auto& c : cells)
        if (c.n > 0) {
            lo = std::min(lo, c.min);
            hi = std::max(hi, c.max);
        }
    for (const Threshold& t : s.thresholds) {
        lo = std::min(lo, t.value);
        hi = std::max(hi, t.value);
    }
    if (s.empty) {
        lo = std::min(lo, *s.empty);
        hi = std::max(hi, *s.empty);
    }
    if (hi - lo <= 0)
        hi = lo + 1;
    auto y = [&](double v) { return top + (hi - v) / (hi - lo) * height; };
    const std::string title = dashboard_label(s.newest) + ": " +
                              (s.measure == "remaining" ? "remaining" : "used") + " over " +
                              period_words(p.period);
    const std::string desc = describe(s, p);
    const std::string data = " data-since=\"" + std::to_string(p.period.since) +
                             "\" data-until=\"" + std::to_string(p.period.until) +
                             "\" data-lo=\"" + std::to_string(lo) + "\" data-hi=\"" +
                             std::to_string(hi) + "\"";
    std::string out = svg_open("chart", 170, id, title, desc, data);
    const double right = left + past + future, bottom = top + height;
    out += "<rect class=\"future\" x=\"" + num(left + past) + "\" y=\"" + num(top) +
           "\" width=\"" + num(future) + "\" height=\"" + num(height) + "\"/>";
    out += "<path class=\"rule\" d=\"M" + num(left) + " " + num(top) + "H" + num(right) + "M" +
           num(left) + " " + num(bottom) + "H" + num(right) + "\"/>";
    // Each threshold's label above its line; of two lines closer than a line
    // of text (at a phone's font size), the lower one's hangs below it.
    std::vector<const Threshold*> lines;
    for (const Threshold& t : s.thresholds)
        lines.push_back(&t);
    std::stable_sort(lines.begin(), lines.end(),
                     [](const Threshold* a, const Threshold* b) { return a->value > b->value; });
    double above = -1e9;                  // the last line whose label is above it
    for (const Threshold* t : lines) {
        const char* cls = t->critical ? "critical" : "warning";
        const double ty = y(t->value);
        out += "<path class=\"" + std::string(cls) + "\" d=\"M" + num(left) + " " + num(ty) +
               "H" + num(right) + "\"/>";
        const bool below = ty - above < 24;              // and clear of "now" under the chart
        out += text(left + past - (below ? 30 : 4), below ? ty + 3 : ty - 3, cls, "end", t->text,
                    below);
        above = below ? -1e9 : ty;
    }
    for (bool reset : {true, false}) {
        std::string d;
        int last = -1;
        for (const Marker& m : p.markers)
            if (m.reset == reset && p.chart.column(m.t) != last) {
                last = p.chart.column(m.t);
                d += "M" + num(left + (last + 0.5) * colw) + " " + num(top) + "V" + num(bottom);
            }
        if (!d.empty())
            out += "<path class=\"" + std::string(reset ? "reset" : "topup") + "\" d=\"" + d +
                   "\"><title>" + (reset ? "reset" : "top-up") + "</title></path>";
    }
    if (std::string d = line_path(cells, colw, y); !d.empty())
        out += "<path class=\"line\" d=\"" + d + "\"/>";
    auto end = parse_rfc3339(s.empty_at);
    if (s.days_left && s.empty && p.last && end) {
        double xs = xt(p.last_t), ys = y(*p.last), xe = xt(*end), ye = y(*s.empty);
        if (xe > right && xe > xs) {
            ye = ys + (ye - ys) * (right - xs) / (xe - xs);
            xe = right;
        }
        out += "<path class=\"forecast\" d=\"M" + num(xs) + " " + num(ys) + "L" + num(xe) + " " +
               num(ye) + "\"/>";
        // At the right edge, clear of the threshold labels.
        out += text(right - 2, std::max(ye - 4, top + 10), "forecast", "end",
                    "empty " + local_ts(s.empty_at).substr(0, 10));
    }
    out += text(left + 4, top + 12, "axis", "start", format_amount(hi, s.unit));
    out += text(left + 4, bottom - 4, "axis", "start", format_amount(lo, s.unit));
    const bool hours = span <= 2 * 86400;
    out += text(left, bottom + 16, "axis", "start", when(p.period.since, hours));
    out += text(left + past, bottom + 16, "axis", "middle", "now");
    return out + "</svg><p class=\"alt\">" + html_escape(desc) + "</p>";
}

std::string render_bars(const SeriesView& s, const PeriodView& p, int id)
{
    const double n = static_cast<double>(std::max<size_t>(p.bars.size(), 1));
    const double bw = past / n, base = bars_top + bars_height;
    double max = 0;
    size_t at = 0;
    for (size_t i = 0; i < p.bars.size(); ++i)
        if (p.bars[i] > max) {
            max = p.bars[i];
            at = i;
        }
    const char* per = p.step == 3600 ? "hour" : "day";
    std::string desc = "Usage per " + std::string(per) + " over " + period_words(p.period) +
                       ": " + format_amount(p.usage, s.unit) + " in all";
    if (max > 0)
        desc += ", the most " + format_amount(max, s.unit) + " from " +
                local_ts(format_rfc3339(p.period.since + static_cast<int64_t>(at) * p.step))
                    .substr(0, p.step == 3600 ? 16 : 10);
    desc += ".";
    const std::string data = " data-step=\"" + std::to_string(p.step) + "\" data-max=\"" +
                             std::to_string(max) + "\"";
    std::string out = svg_open("bars", 72, id, dashboard_label(s.newest) + ": usage per " + per,
                               desc, data);
    std::string d;
    for (size_t i = 0; i < p.bars.size(); ++i)
        if (p.bars[i] > 0 && max > 0)
            d += "M" + num(left + (i + 0.5) * bw) + " " + num(base) + "V" +
                 num(base - p.bars[i] / max * bars_height);
    out += "<path class=\"rule\" d=\"M" + num(left) + " " + num(base) + "H" + num(left + past) +
           "\"/>";
    if (!d.empty())
        out += "<path class=\"bar\" stroke-width=\"" + num(std::max(bw * 0.8, 1.0)) +
               "\" d=\"" + d + "\"/>";
    // Beside the bars, where the charts above draw the forecast.
    out += text(left + past + 6, bars_top + 10, "axis", "start", format_amount(max, s.unit));
    out += text(left + past + 6, base, "axis", "start", std::string("per ") + per);
    return out + "</svg><p class=\"alt\">" + html_escape(desc) + "</p>";
}

}  // namespace qw

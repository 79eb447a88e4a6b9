#include "dashboard.h"

#include "json.h"
#include "timeutil.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace qw;

namespace {

constexpr int64_t t_now = 1795251600;                 // 2026-11-21T09:00:00Z

Record balance(int64_t at, double remaining, const std::string& account = "default")
{
    Record r;
    r.ts = format_rfc3339(at);
    r.provider = "moonshot";
    r.account = account;
    r.kind = "balance";
    r.unit = "USD";
    r.remaining = remaining;
    r.status = "ok";
    return r;
}

std::vector<Period> periods()
{
    return {{"24h", t_now - 86400, t_now}, {"7d", t_now - 7 * 86400, t_now}};
}

// A week of hourly checks: 0.5 USD an hour, a top-up of 40 at hour 100.
std::vector<Record> week()
{
    std::vector<Record> out;
    for (int k = 0; k <= 168; ++k)
        out.push_back(balance(t_now - (168 - k) * 3600, 100 - 0.5 * k + (k >= 100 ? 40 : 0)));
    return out;
}

Json members(const SeriesSummary& s)
{
    Record r;
    s.write(r);
    Json j;
    std::string err;
    REQUIRE(parse_json("{" + r.extra + "}", j, &err));
    return j;
}

}  // namespace

TEST_CASE("html_escape: a hostile label is text")
{
    CHECK(html_escape("<script>\"x\"&'y'") == "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;");
    CHECK(html_escape("研发 🚀") == "研发 🚀");
}

TEST_CASE("Columns: the min and max of each pixel column")
{
    Columns c(0, 100, 10);
    for (int t = 0; t < 100; ++t)
        c.add(t, (t % 10) * (t / 10 % 2 ? -1 : 1));
    REQUIRE(c.cells().size() == 10);
    CHECK(c.cells()[0].min == 0);
    CHECK(c.cells()[0].max == 9);
    CHECK(c.cells()[1].min == -9);
    CHECK(c.cells()[1].max == 0);
    CHECK(c.cells()[9].n == 10);
    CHECK(c.column(-5) == 0);
    CHECK(c.column(100) == 9);
    Columns sparse(0, 100, 10);
    sparse.add(55, 1);
    CHECK(sparse.cells()[4].n == 0);
    CHECK(sparse.cells()[5].n == 1);
}

TEST_CASE("SeriesBuilder: bars, markers and forecast are recall's")
{
    const auto w = week();
    SeriesBuilder b(periods(), t_now - 7 * 86400, t_now, 24);
    SeriesSummary day(t_now - 86400, t_now), all(t_now - 7 * 86400, t_now);
    for (const Record& r : w) {
        b.add(r);
        if (parse_rfc3339(r.ts) >= t_now - 86400)
            day.add(r);
        all.add(r);
    }
    const SeriesView v = b.finish(w.back(), w.back(), Evaluator({}, {}, {}));
    CHECK(v.measure == "remaining");
    CHECK(v.unit == "USD");
    REQUIRE(v.empty);
    CHECK(*v.empty == 0);
    REQUIRE(v.periods.size() == 2);
    // The sum of the bars is the usage recall --since 24h / 7d counts.
    CHECK(v.periods[0].usage == doctest::Approx(*members(day).get("usage")->as_number()));
    CHECK(v.periods[1].usage == doctest::Approx(*members(all).get("usage")->as_number()));
    CHECK(v.periods[0].bars.size() == 24);
    CHECK(v.periods[1].bars.size() == 7);
    CHECK(v.periods[0].bars[5] == doctest::Approx(0.5));
    // The top-up: a marker in the week, not in the day.
    REQUIRE(v.periods[1].markers.size() == 1);
    CHECK(!v.periods[1].markers[0].reset);
    CHECK(v.periods[1].markers[0].t == t_now - 68 * 3600);
    CHECK(v.periods[0].markers.empty());
    // The forecast is the one recall --since 7d writes.
    const Json f = members(all);
    REQUIRE(v.days_left);
    CHECK(*v.days_left == *f.get("days_left")->as_number());
    CHECK(*v.burn_per_day == *f.get("burn_per_day")->as_number());
    CHECK(v.empty_at == *f.get("empty_at")->as_string());
    // The chart: the first and last values, the min and max per column.
    CHECK(*v.periods[1].first == 100);
    CHECK(*v.periods[1].last == doctest::Approx(56));
    const auto& cells = v.periods[1].chart.cells();
    CHECK(cells[0].max == 100);
    CHECK(cells[0].min == doctest::Approx(97));        // hours 0 to 6 of 168
}

TEST_CASE("SeriesBuilder: threshold lines in the measure's unit")
{
    Record r = balance(t_now, 50);
    r.limit = 200;
    SeriesBuilder b(periods(), t_now - 86400, t_now, 24);
    b.add(r);
    const SeriesView v = b.finish(r, r, Evaluator({}, {}, {}));
    REQUIRE(v.thresholds.size() == 2);
    CHECK(v.thresholds[0].value == doctest::Approx(20));       // remaining_pct<10
    CHECK(!v.thresholds[0].critical);
    CHECK(v.thresholds[1].value == doctest::Approx(10));       // remaining_pct<5
    CHECK(v.thresholds[1].critical);
}

TEST_CASE("threshold_value: each field in each measure")
{
    Record r;
    r.limit = 200;
    Condition c;
    std::string err;
    REQUIRE(parse_condition("remaining_pct<10", c, &err));
    CHECK(*threshold_value(c, r, "remaining") == doctest::Approx(20));
    CHECK(*threshold_value(c, r, "used") == doctest::Approx(180));
    CHECK(*threshold_value(c, r, "used_pct") == doctest::Approx(90));
    REQUIRE(parse_condition("remaining<=5", c, &err));
    CHECK(*threshold_value(c, r, "remaining") == 5);
    CHECK(*threshold_value(c, r, "used") == 195);
    CHECK(*threshold_value(c, r, "used_pct") == doctest::Approx(97.5));
    REQUIRE(parse_condition("used>=80% of 500", c, &err));
    CHECK(*threshold_value(c, r, "used") == doctest::Approx(400));
    REQUIRE(parse_condition("used_pct>=90", c, &err));
    CHECK(*threshold_value(c, r, "used_pct") == 90);
    Record nolimit;
    REQUIRE(parse_condition("remaining_pct<10", c, &err));
    CHECK(!threshold_value(c, nolimit, "remaining"));
    CHECK(*threshold_value(c, nolimit, "used_pct") == 90);
}

TEST_CASE("render_dashboard: no data yet, no script, no request, escaped labels")
{
    Dashboard d;
    d.now = t_now;
    d.forecast_period = "7d";
    d.periods = periods();
    const std::string empty = render_dashboard(d);
    CHECK(empty.find("No data yet") != std::string::npos);
    CHECK(empty.find("Content-Security-Policy\" content=\"default-src 'none'") !=
          std::string::npos);

    const std::string hostile = "<script>alert(1)</script>\"><img src=x>";
    const auto w = week();
    SeriesBuilder b(d.periods, t_now - 7 * 86400, t_now, 24);
    for (Record r : w) {
        r.account = hostile;
        b.add(r);
    }
    Record last = w.back();
    last.account = hostile;
    last.reason = "<b>bold</b>";
    d.series.push_back(b.finish(last, last, Evaluator({}, {}, {})));
    const std::string page = render_dashboard(d);
    CHECK(page.find("No data yet") == std::string::npos);
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("<img") == std::string::npos);
    CHECK(page.find("<b>") == std::string::npos);
    CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x&gt;") !=
          std::string::npos);
    CHECK(page.find("http:") == std::string::npos);
    CHECK(page.find("https:") == std::string::npos);
    CHECK(page.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(page.find("Total remaining: $56.00") != std::string::npos);
    // Each chart and its bars: an svg with a title and a description.
    size_t svgs = 0, titles = 0;
    for (size_t at = 0; (at = page.find("<svg", at)) != std::string::npos; ++at)
        ++svgs;
    for (size_t at = 0; (at = page.find("<title id=", at)) != std::string::npos; ++at)
        ++titles;
    CHECK(svgs == 4);
    CHECK(titles == 4);
}

TEST_CASE("render_chart: one point per column without spread, two with")
{
    SeriesBuilder b({{"4h", t_now - 4 * 3600, t_now}}, t_now - 4 * 3600, t_now, 4);
    b.add(balance(t_now - 4 * 3600, 10));
    b.add(balance(t_now - 3 * 3600 + 60, 9));
    b.add(balance(t_now - 3 * 3600 + 120, 8));
    b.add(balance(t_now - 60, 7));
    const SeriesView v = b.finish(balance(t_now - 60, 7), balance(t_now - 60, 7),
                                  Evaluator({}, {}, {}));
    const std::string svg = render_chart(v, v.periods[0], 1);
    const size_t at = svg.find("class=\"line\" d=\"");
    REQUIRE(at != std::string::npos);
    const std::string d = svg.substr(at + 16, svg.find('"', at + 16) - at - 16);
    // Columns 0 (10), 1 (9 and 8), 3 (7): a gap of two columns is not a break.
    CHECK(d.find('M') == 0);
    CHECK(d.find('M', 1) == std::string::npos);
    int numbers = 0;
    for (size_t i = 1; i < d.size(); ++i)
        if ((d[i - 1] == ' ' || d[i - 1] == 'M') && d[i] != ' ')
            ++numbers;
    CHECK(numbers == 8);                            // four points
}

TEST_CASE("an hour's tally: the step into it apart, the events and values of the others")
{
    CHECK(HourTally::hour_of(t_now + 3599) == t_now);
    CHECK(HourTally::hour_of(-1) == -3600);
    HourTally h;
    h.add(t_now + 60, 10, 2, "topup");
    h.add(t_now + 660, 9, 1, "");
    h.add(t_now + 1260, 30, 0, "topup");
    h.add(t_now + 1860, 29.5, 0.5, "");
    CHECK(h.hour == t_now);
    CHECK(h.samples == 4);
    CHECK(h.entry == 2);
    CHECK(h.entry_event == "topup");
    CHECK(h.usage == 1.5);
    CHECK(h.topups == 1);
    CHECK(h.topup_t == t_now + 1260);
    CHECK(h.resets == 0);
    CHECK(h.lo == 9);
    CHECK(h.hi == 30);
    CHECK(h.first == 10);
    CHECK(h.last == 29.5);
    CHECK(h.last_t == t_now + 1860);
}

TEST_CASE("an hourly period draws what the same period of snapshots draws")
{
    // A week of 10-minute checks from 5 past the hour: 0.1 USD a check, a
    // top-up of 40 at check 500.
    std::vector<Record> rows;
    for (int k = 0; k < 7 * 144; ++k)
        rows.push_back(balance(t_now - 7 * 86400 + 300 + k * 600,
                               200 - 0.1 * k + (k >= 500 ? 40 : 0)));
    // The tallies as update_tallies makes them: each step of one SeriesSummary.
    SeriesSummary steps(0, 1, 1);
    std::vector<HourTally> hours(1);
    for (const Record& r : rows) {
        steps.add(r);
        const int64_t t = *parse_rfc3339(r.ts);
        if (hours.back().samples > 0 && hours.back().hour != HourTally::hour_of(t))
            hours.emplace_back();
        hours.back().add(t, *steps.taken(), steps.used(), steps.event());
    }
    const Period raw{"7d", t_now - 7 * 86400, t_now};
    Period hourly = raw;
    hourly.hourly = true;
    SeriesBuilder a({raw}, t_now - 86400, t_now, 240), b({hourly}, t_now - 86400, t_now, 240);
    CHECK(b.snapshots_since() == t_now - 86400);
    for (const Record& r : rows)
        a.add(r);
    for (const HourTally& h : hours)
        b.add_hour(h);
    const Evaluator judge({}, {}, {});
    const PeriodView x = a.finish(rows.back(), rows.back(), judge).periods[0];
    const PeriodView y = b.finish(rows.back(), rows.back(), judge).periods[0];
    CHECK(y.usage == doctest::Approx(x.usage));
    CHECK(y.usage == doctest::Approx(0.1 * (7 * 144 - 2)));    // all steps but the top-up
    CHECK(*y.first == *x.first);
    CHECK(*y.last == *x.last);
    CHECK(y.last_t == x.last_t);
    REQUIRE(y.markers.size() == 1);
    CHECK(y.markers[0].t == x.markers.at(0).t);
    CHECK_FALSE(y.markers[0].reset);
    for (size_t i = 0; i < x.bars.size(); ++i)
        CHECK(y.bars[i] == doctest::Approx(x.bars[i]));
    double lo = 1e9, hi = -1e9;
    for (const auto& c : y.chart.cells())
        if (c.n > 0)
            lo = std::min(lo, c.min), hi = std::max(hi, c.max);
    CHECK(lo == doctest::Approx(200 - 0.1 * (7 * 144 - 1) + 40));
    CHECK(hi == 200);
}

TEST_CASE("render_chart: of two threshold lines closer than a line of text, one label hangs below")
{
    SeriesView s;
    s.newest = balance(t_now, 50);
    s.measure = "remaining";
    s.unit = "USD";
    s.empty = 0;
    PeriodView p({"7d", t_now - 7 * 86400, t_now}, 240);
    p.chart.add(t_now - 86400, 100);
    p.chart.add(t_now, 50);
    p.first = 100, p.last = 50, p.last_t = t_now;
    auto hanging = [&](double a, double b) {
        s.thresholds = {{a, false, "remaining<" + std::to_string(int(a))},
                        {b, true, "remaining<" + std::to_string(int(b))}};
        const std::string svg = render_chart(s, p, 1);
        size_t n = 0;
        for (size_t at = 0; (at = svg.find("dominant-baseline=\"hanging\"", at)) != std::string::npos;
             ++at)
            ++n;
        return n;
    };
    CHECK(hanging(10, 5) == 1);       // 5 % of the height apart: 7 units
    CHECK(hanging(5, 10) == 1);       // whichever comes first
    CHECK(hanging(80, 10) == 0);
}

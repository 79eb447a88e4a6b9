#include "history.h"

#include "history_trend.h"
#include "json.h"
#include "timeutil.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>

using namespace qw;

namespace {

constexpr int64_t t0 = 1795251600;                  // 2026-11-21T09:00:00Z

Record balance(int64_t at, double remaining)
{
    Record r;
    r.ts = format_rfc3339(at);
    r.provider = "moonshot";
    r.account = "default";
    r.kind = "balance";
    r.unit = "USD";
    r.remaining = remaining;
    r.status = "ok";
    return r;
}

Record quota(int64_t at, double used_pct, int64_t resets_at)
{
    Record r;
    r.ts = format_rfc3339(at);
    r.provider = "kimi-code";
    r.account = "default";
    r.kind = "quota";
    r.window = "5h";
    r.unit = "%";
    r.used_pct = used_pct;
    r.resets_at = format_rfc3339(resets_at);
    r.status = "ok";
    return r;
}

// The summary fields SeriesSummary::write added, as a JSON object.
Json summary(const SeriesSummary& s, Record base)
{
    s.write(base);
    Json j;
    std::string err;
    REQUIRE(parse_json("{" + base.extra + "}", j, &err));
    return j;
}

double num(const Json& j, const char* key)
{
    const Json* v = j.get(key);
    REQUIRE(v);
    REQUIRE(v->as_number());
    return *v->as_number();
}

std::string text(const Json& j, const char* key)
{
    const Json* v = j.get(key);
    return v && v->as_string() ? *v->as_string() : std::string("(absent)");
}

}  // namespace

TEST_CASE("a top-up does not count as negative spending")
{
    SeriesSummary s(t0, t0 + 86400);
    const double seq[] = {20, 18, 16, 50, 48};
    for (int i = 0; i < 5; ++i)
        s.add(balance(t0 + i * 3600, seq[i]));
    Json j = summary(s, balance(t0 + 4 * 3600, 48));
    CHECK(num(j, "samples") == 5);
    CHECK(num(j, "first") == 20);
    CHECK(num(j, "last") == 48);
    CHECK(num(j, "min") == 16);
    CHECK(num(j, "max") == 50);
    CHECK(num(j, "usage") == 6);
    CHECK(num(j, "topups") == 1);
    CHECK(text(j, "measure") == "remaining");
    CHECK(text(j, "first_ts") == "2026-11-21T09:00:00Z");
    CHECK(text(j, "span") == "4h 0m");
    CHECK(num(j, "span_s") == 4 * 3600);
}

TEST_CASE("burn rate per day and days left, with the span they rest on")
{
    SeriesSummary s(t0, t0 + 86400);
    for (int i = 0; i <= 24; ++i)
        s.add(balance(t0 + i * 3600, 48 - i));                 // $1 an hour
    Json j = summary(s, balance(t0 + 86400, 24));
    CHECK(num(j, "usage") == 24);
    CHECK(num(j, "burn_per_day") == 24);
    CHECK(num(j, "days_left") == 1);
    CHECK(text(j, "empty_at") == "2026-11-23T09:00:00Z");
    CHECK(text(j, "span") == "1d 0h");
    CHECK(text(j, "no_forecast") == "(absent)");
}

TEST_CASE("no forecast where the data do not allow one")
{
    SeriesSummary one(t0, t0 + 86400);
    one.add(balance(t0, 10));
    CHECK(text(summary(one, balance(t0, 10)), "no_forecast") == "fewer than two snapshots");
    CHECK(text(summary(one, balance(t0, 10)), "days_left") == "(absent)");

    SeriesSummary brief(t0, t0 + 86400);
    brief.add(balance(t0, 10));
    brief.add(balance(t0 + 1800, 9));
    CHECK(text(summary(brief, balance(t0, 9)), "no_forecast") == "less than an hour of data");

    SeriesSummary flat(t0, t0 + 86400);
    flat.add(balance(t0, 10));
    flat.add(balance(t0 + 7200, 10));
    CHECK(text(summary(flat, balance(t0, 10)), "no_forecast") == "no spending in the period");
}

TEST_CASE("quota usage goes on across a reset; the forecast knows the window resets first")
{
    SeriesSummary s(t0, t0 + 86400);
    const int64_t end = t0 + 3 * 3600;
    s.add(quota(t0, 16, end));
    s.add(quota(t0 + 3600, 30, end));
    s.add(quota(t0 + 7200, 50, end));
    s.add(quota(end + 600, 3, end + 5 * 3600));
    s.add(quota(end + 4200, 10, end + 5 * 3600 + 20));
    Json j = summary(s, quota(end + 4200, 10, end + 5 * 3600));
    CHECK(text(j, "measure") == "used_pct");
    CHECK(num(j, "usage") == 44);
    CHECK(num(j, "resets") == 1);
    CHECK(text(j, "no_forecast") == "the window resets first");
}

TEST_CASE("money spent in a period starts again with the period")
{
    SeriesSummary s(t0, t0 + 86400);
    const double seq[] = {10, 20, 5};
    for (int i = 0; i < 3; ++i) {
        Record r = balance(t0 + i * 3600, 0);
        r.kind = "spend";
        r.remaining.reset();
        r.used = seq[i];
        s.add(r);
    }
    Json j = summary(s, balance(t0, 0));
    CHECK(text(j, "measure") == "used");
    CHECK(num(j, "usage") == 15);
    CHECK(num(j, "resets") == 1);
    CHECK(text(j, "no_forecast") == "no remaining value");
}

TEST_CASE("a quota count that rises by rounding is neither usage nor a reset")
{
    SeriesSummary s(t0, t0 + 86400);
    Record r = quota(t0, 0, t0 + 4 * 3600);
    r.used_pct.reset();
    r.unit = "requests";
    r.limit = 2048;
    r.remaining = 1835;
    s.add(r);
    r.ts = format_rfc3339(t0 + 3600);
    r.remaining = 1836;
    s.add(r);
    r.ts = format_rfc3339(t0 + 7200);
    r.remaining = 1800;
    s.add(r);
    Json j = summary(s, r);
    CHECK(num(j, "usage") == 36);
    CHECK(num(j, "resets") == 0);
}

TEST_CASE("snapshots that are not ok count as errors")
{
    SeriesSummary s(t0, t0 + 86400);
    s.add(balance(t0, 10));
    Record bad = balance(t0 + 3600, 0);
    bad.status = "error";
    bad.remaining.reset();
    s.add(bad);
    Json j = summary(s, balance(t0, 10));
    CHECK(num(j, "samples") == 1);
    CHECK(num(j, "errors") == 1);
}

TEST_CASE("the trend has one point per bucket of the period, null where nothing was seen")
{
    SeriesSummary s(t0, t0 + 86400, 4);
    s.add(balance(t0, 40));
    s.add(balance(t0 + 3600, 39));                  // same bucket: the last one counts
    s.add(balance(t0 + 13 * 3600, 30));
    s.add(balance(t0 + 86400, 20));                 // the end of the period: last bucket
    Record base = balance(t0 + 86400, 20);
    s.write(base);
    CHECK(base.extra.find("\"trend\":[39,null,30,20]") != std::string::npos);
    CHECK(trend_cell(base) == "█ ▅▁ $20.00 in 1d 0h, 1.0 days left");
}

TEST_CASE("sparklines scale from the lowest to the highest point")
{
    CHECK(sparkline({1, 2, 3, 4, 5, 6, 7, 8}) == "▁▂▃▄▅▆▇█");
    CHECK(sparkline({5, std::nullopt, 5}) == "▄ ▄");
    CHECK(sparkline({}) == "");
    Record plain;
    CHECK(trend_cell(plain).empty());
}

TEST_CASE("spans for people")
{
    CHECK(format_span(0) == "0s");
    CHECK(format_span(45) == "45s");
    CHECK(format_span(42 * 60 + 5) == "42m");
    CHECK(format_span(11 * 3600 + 59 * 60) == "11h 59m");
    CHECK(format_span(2 * 86400 + 3 * 3600 + 1) == "2d 3h");
}

TEST_CASE("--since: a duration back from now, a time, or a local date")
{
    const int64_t now = t0 + 86400;
    CHECK(parse_since("24h", now) == t0);
    CHECK(parse_since("7d", now) == now - 7 * 86400);
    CHECK(parse_since("2026-11-21T17:00:00+08:00", now) == t0);
    const char* saved = std::getenv("TZ");
    std::string old = saved ? saved : "";
    setenv("TZ", "Asia/Shanghai", 1);
    tzset();
    CHECK(parse_since("2026-11-21", now) == *parse_rfc3339("2026-11-20T16:00:00Z"));
    CHECK(format_local_zone(t0) == "2026-11-21 17:00:00 CST");
    if (saved)
        setenv("TZ", old.c_str(), 1);
    else
        unsetenv("TZ");
    tzset();
    CHECK_FALSE(parse_since("yesterday", now));
    CHECK_FALSE(parse_since("2026-11-2", now));
}

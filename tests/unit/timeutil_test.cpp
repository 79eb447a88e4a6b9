#include "timeutil.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>

using namespace qw;

TEST_CASE("RFC 3339 times parse with fractions and offsets, and format back")
{
    CHECK(parse_rfc3339("1970-01-01T00:00:00Z") == 0);
    CHECK(parse_rfc3339("2026-01-29T09:00:00Z") == 1769677200);
    CHECK(parse_rfc3339("2026-01-09T15:23:13.716839300Z") == parse_rfc3339("2026-01-09T15:23:13Z"));
    CHECK(parse_rfc3339("2026-01-29T17:00:00+08:00") == 1769677200);
    CHECK(parse_rfc3339("2026-01-29 09:00:00Z") == 1769677200);
    CHECK(format_rfc3339(1769677200) == "2026-01-29T09:00:00Z");
    CHECK_FALSE(parse_rfc3339("2026-01-29T09:00:00"));      // no zone
    CHECK_FALSE(parse_rfc3339("2026-13-01T00:00:00Z"));
    CHECK_FALSE(parse_rfc3339("yesterday"));
}

TEST_CASE("QUOTAWATCH_NOW replaces the clock")
{
    setenv("QUOTAWATCH_NOW", "2026-11-22T09:00:00Z", 1);
    CHECK(now() == *parse_rfc3339("2026-11-22T09:00:00Z"));
    setenv("QUOTAWATCH_NOW", "soon", 1);
    CHECK_THROWS(now());
    unsetenv("QUOTAWATCH_NOW");
    CHECK(now() > 1700000000);
}

TEST_CASE("times from provider numbers: absurd ones are none, never a bad cast")
{
    CHECK(whole_seconds(1795352040.9) == 1795352040);
    CHECK(format_epoch(1795352040) == "2026-11-22T12:54:00Z");
    CHECK(format_epoch(253402300799.0) == "9999-12-31T23:59:59Z");
    CHECK_FALSE(whole_seconds(1.79594e19));       // found by fuzzing (glm nextResetTime)
    CHECK_FALSE(whole_seconds(-1e300));
    CHECK_FALSE(whole_seconds(std::nan("")));
    CHECK_FALSE(whole_seconds(HUGE_VAL));
    CHECK(format_epoch(1e30).empty());
}

TEST_CASE("durations")
{
    CHECK(parse_duration("90s") == 90);
    CHECK(parse_duration("10m") == 600);
    CHECK(parse_duration("2h") == 7200);
    CHECK(parse_duration("400d") == 400 * 86400);
    CHECK(parse_duration("1w") == 7 * 86400);
    CHECK_FALSE(parse_duration("2"));
    CHECK_FALSE(parse_duration("h"));
    CHECK_FALSE(parse_duration("-1h"));
    CHECK(parse_duration("52000w") == int64_t{52000} * 7 * 86400);
    CHECK_FALSE(parse_duration("5555555555555555556w"));   // found by fuzzing: overflowed
    CHECK_FALSE(parse_duration("13333333333333333h"));
    CHECK_FALSE(parse_duration("99999999999999999999s"));  // beyond int64_t
}

TEST_CASE("utc_text: the stored form of a time")
{
    CHECK(utc_text("2026-11-21T19:00:00+08:00") == "2026-11-21T11:00:00Z");
    CHECK(utc_text("2026-11-21T11:00:00Z") == "2026-11-21T11:00:00Z");
    CHECK(utc_text("2026-11-21t11:00:00.5z") == "2026-11-21T11:00:00Z");
    CHECK(utc_text("not a time").empty());
    CHECK(utc_text("2026-02-12 16:30:00").empty());
    CHECK_FALSE(parse_zoneless_time("2026-02-12T16:30:00Z"));
    CHECK_FALSE(parse_zoneless_time("2026-02-12T16:30:00+08:00"));
    CHECK_FALSE(parse_zoneless_time("yesterday"));
}

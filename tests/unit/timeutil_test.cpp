#include "timeutil.h"

#include <doctest/doctest.h>

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
}

#include "error.h"
#include "providers/usage_text.h"
#include "timeutil.h"

#include <doctest/doctest.h>

using namespace qw;

namespace {

const int64_t t0 = *parse_rfc3339("2026-11-22T09:00:00Z");

std::vector<Record> text(std::string_view t)
{
    return kimi_code_from_text(t, false, t0);
}

}  // namespace

TEST_CASE("usage text: seed 000's numbers as /usage prints them")
{
    auto r = text("╭─ API Usage ─────────────────────────────────────────────────────╮\n"
                  "│  Weekly limit  ━━━━━━━━━━━━━━━━━━━━  84% left  (resets in 6d 22h 54m)  │\n"
                  "│  5h limit      ━━━━╺━━━━━━━━━━━━━━━  19% left  (resets in 3h 54m)      │\n"
                  "╰─────────────────────────────────────────────────────────────────╯\n");
    REQUIRE(r.size() == 2);
    CHECK(r[0].ts == "2026-11-22T09:00:00Z");
    CHECK(r[0].provider == "kimi-code");
    CHECK(r[0].account == "default");
    CHECK(r[0].kind == "quota");
    CHECK(r[0].window == "weekly");
    CHECK(r[0].unit == "%");
    CHECK(r[0].used_pct == 16);
    CHECK(r[0].resets_at == "2026-11-29T07:54:00Z");
    CHECK(r[0].status == "ok");
    CHECK(r[1].window == "5h");
    CHECK(r[1].used_pct == 81);
    CHECK(r[1].resets_at == "2026-11-22T12:54:00Z");
}

TEST_CASE("usage text: plain lines, colours, other labels and hints")
{
    auto r = text("Weekly limit ... 84% left (resets in 6d 22h 54m)\n"
                  "\x1b[1m30m limit\x1b[0m  [#####     ]  \x1b[32m50% left\x1b[0m  (resets in 45s)\n"
                  "Limit #3  ━━━  0% left  (reset)\n"
                  "Search calls | 10% left (resets at 2026-12-01T00:00:00Z)\n"
                  "Weekly limit ... 80% left (resets in 1d)\n");
    REQUIRE(r.size() == 4);
    CHECK(r[0].window == "weekly");
    CHECK(r[0].used_pct == 16);
    CHECK(r[1].window == "30m");
    CHECK(r[1].used_pct == 50);
    CHECK(r[1].resets_at == "2026-11-22T09:00:45Z");
    CHECK(r[2].window == "limit-3");
    CHECK(r[2].used_pct == 100);
    CHECK(r[2].resets_at.empty());
    CHECK(r[3].window == "search-calls");
    CHECK(r[3].resets_at == "2026-12-01T00:00:00Z");
}

TEST_CASE("usage text: nothing that says % left is an error")
{
    CHECK_THROWS_WITH_AS(text("Authorization failed. Please check your API key.\n"),
                         "--usage-text: no line says \"NN% left\" (paste the panel that Kimi "
                         "CLI's /usage prints)",
                         Error);
    CHECK_THROWS_AS(text(""), Error);
}

TEST_CASE("manual: seed 000's seven numbers give the same records as the text")
{
    auto m = kimi_code_from_text("84 6 22 54 19 3 54", true, t0);
    auto t = text("Weekly limit  84% left  (resets in 6d 22h 54m)\n5h limit  19% left  (resets in 3h 54m)\n");
    REQUIRE(m.size() == 2);
    REQUIRE(t.size() == 2);
    for (size_t i = 0; i < 2; ++i) {
        std::string a, b;
        write_record(a, m[i]);
        write_record(b, t[i]);
        CHECK(a == b);
    }
    CHECK(m[0].window == "weekly");
    CHECK(m[0].used_pct == 16);
    CHECK(m[0].resets_at == "2026-11-29T07:54:00Z");
    CHECK(m[1].window == "5h");
    CHECK(m[1].used_pct == 81);
    CHECK(m[1].resets_at == "2026-11-22T12:54:00Z");
    CHECK(kimi_code_from_text(" 84,6,22,54, 19,3,54\n", true, t0).size() == 2);
}

TEST_CASE("manual: anything but seven sensible numbers is refused")
{
    CHECK_THROWS_WITH_AS(kimi_code_from_text("84 6 22 54 19 3", true, t0),
                         "--manual: want seven numbers, WEEKLY_LEFT DAYS HOURS MINUTES FIVEH_LEFT "
                         "HOURS MINUTES (as in \"84 6 22 54 19 3 54\"), not 6",
                         Error);
    CHECK_THROWS_WITH_AS(kimi_code_from_text("84 6 22 5x 19 3 54", true, t0),
                         "--manual: \"5x\" is not a number", Error);
    CHECK_THROWS_AS(kimi_code_from_text("184 6 22 54 19 3 54", true, t0), Error);
    CHECK_THROWS_AS(kimi_code_from_text("84 6 22 54 19 -3 54", true, t0), Error);
    CHECK_THROWS_AS(kimi_code_from_text("84 6 22.5 54 19 3 54", true, t0), Error);
}

TEST_CASE("manual: reset hints are sums of d, h, m and s")
{
    CHECK(parse_reset_in("6d 22h 54m") == 6 * 86400 + 22 * 3600 + 54 * 60);
    CHECK(parse_reset_in(" 3h 54m ") == 3 * 3600 + 54 * 60);
    CHECK(parse_reset_in("45s") == 45);
    CHECK_FALSE(parse_reset_in("200000d 200000d"));   // each fine, the sum too long
    CHECK(!parse_reset_in(""));
    CHECK(!parse_reset_in("soon"));
    CHECK(!parse_reset_in("3h and 4m"));
}

#include "rules.h"

#include <doctest/doctest.h>

#include <cstdio>

using namespace qw;

static Record balance(double remaining)
{
    Record r;
    r.provider = "moonshot";
    r.account = "default";
    r.kind = "balance";
    r.unit = "USD";
    r.remaining = remaining;
    r.status = "ok";
    return r;
}

static Record quota(double used, double limit)
{
    Record r;
    r.provider = "glm";
    r.account = "default";
    r.kind = "quota";
    r.window = "5h";
    r.unit = "CNY";
    r.used = used;
    r.limit = limit;
    r.remaining = limit - used;
    r.status = "ok";
    return r;
}

static Evaluator defaults()
{
    return Evaluator({}, {}, {});
}

TEST_CASE("seed 001: a balance alerts at exactly 5.00 and not at 5.01")
{
    Record r = balance(5.00);
    defaults().judge(r);
    CHECK(r.level == "warning");
    CHECK(r.reason == "remaining 5.00 USD <= 5.00");
    CHECK(r.threshold == "remaining<=5");
    r = balance(5.01);
    defaults().judge(r);
    CHECK(r.level == "ok");
    CHECK(r.threshold == "remaining<=5");
}

TEST_CASE("issue 25: a negative balance (arrears) is critical under the defaults, any provider")
{
    for (const char* provider : {"moonshot", "deepseek", "minimax"}) {
        Record r = balance(-1.25);
        r.provider = provider;
        defaults().judge(r);
        CHECK(r.level == "critical");
        CHECK(r.threshold == "remaining<0");
        CHECK(r.reason == "remaining -1.25 USD < 0.00");
    }
    Record r = balance(0);
    defaults().judge(r);
    CHECK(r.level == "warning");
    CHECK(r.threshold == "remaining<=5");
}

TEST_CASE("a reason shows the digits that make its comparison read true")
{
    Record r = quota(180.02, 200);                // 9.99% left
    defaults().judge(r);
    CHECK(r.reason == "remaining_pct 9.99% < 10");
    r = quota(190.02, 200);                       // 4.99% left
    defaults().judge(r);
    CHECK(r.reason == "remaining_pct 4.99% < 5");
    r = quota(190.0002, 200);                     // 4.9999% left
    defaults().judge(r);
    CHECK(r.reason == "remaining_pct 4.9999% < 5");
    r = quota(181, 200);                          // 9.5%: one decimal is enough
    defaults().judge(r);
    CHECK(r.reason == "remaining_pct 9.5% < 10");
}

TEST_CASE("seed 003: 10% warns, 5% is critical, both by remaining share")
{
    Record r = quota(180, 200);                   // 10% left: ok
    defaults().judge(r);
    CHECK(r.level == "ok");
    r = quota(181, 200);                          // 9.5% left
    defaults().judge(r);
    CHECK(r.level == "warning");
    CHECK(r.reason == "remaining_pct 9.5% < 10");
    r = quota(190.2, 200);                        // 4.9% left
    defaults().judge(r);
    CHECK(r.level == "critical");
    CHECK(r.threshold == "remaining_pct<5");
}

TEST_CASE("percent used alone gives the remaining share")
{
    Record r;
    r.provider = "glm";
    r.kind = "quota";
    r.window = "5h";
    r.unit = "%";
    r.used_pct = 93;
    r.status = "ok";
    CHECK(field_value(r, Field::remaining_pct) == doctest::Approx(7));
    defaults().judge(r);
    CHECK(r.level == "warning");
}

TEST_CASE("errors, skipped and na become error and info; no numbers is unknown")
{
    Record r = balance(1);
    r.status = "error";
    r.error = "HTTP 401: Invalid Authentication";
    defaults().judge(r);
    CHECK(r.level == "error");
    CHECK(r.reason == "HTTP 401: Invalid Authentication");
    r = balance(1);
    r.status = "skipped";
    defaults().judge(r);
    CHECK(r.level == "info");
    r = balance(1);
    r.remaining.reset();
    defaults().judge(r);
    CHECK(r.level == "unknown");
}

TEST_CASE("conditions parse, and bad ones say why")
{
    Condition c;
    std::string err;
    REQUIRE(parse_condition(" used_pct >= 80% ", c, &err));
    CHECK(c.field == Field::used_pct);
    CHECK(c.op == Op::ge);
    CHECK(c.value == 80);
    CHECK(c.text == "used_pct>=80");
    CHECK_FALSE(parse_condition("balance<5", c, &err));
    CHECK(err.find("field must be") != std::string::npos);
    CHECK_FALSE(parse_condition("remaining=5", c, &err));
    CHECK(err.find("operator") != std::string::npos);
    CHECK_FALSE(parse_condition("remaining<five", c, &err));
}

TEST_CASE("command-line thresholds replace the defaults of their level")
{
    Condition w;
    std::string err;
    REQUIRE(parse_condition("remaining<=10", w, &err));
    Evaluator e({w}, {}, {});
    Record r = balance(8);
    e.judge(r);
    CHECK(r.level == "warning");
    CHECK(r.reason == "remaining 8.00 USD <= 10.00");
}

TEST_CASE("the most specific matching rule wins")
{
    std::vector<Rule> rules;
    std::string err;
    REQUIRE(parse_rules("# comment\n"
                        "moonshot          warning  remaining <= 20\n"
                        "moonshot/work     warning  remaining <= 50   # team account\n"
                        "*/*/quota/5h      critical used_pct >= 90\n",
                        rules, &err));
    Evaluator e({}, {}, rules);
    Record r = balance(30);
    e.judge(r);
    CHECK(r.level == "ok");
    r.account = "work";
    e.judge(r);
    CHECK(r.level == "warning");
    Record q = quota(185, 200);                   // 92.5% used
    e.judge(q);
    CHECK(q.level == "critical");
    CHECK_FALSE(parse_rules("moonshot loud remaining<5\n", rules, &err));
    CHECK(err == "1: level must be warning or critical, not \"loud\"");
}

TEST_CASE("amounts print in their unit")
{
    CHECK(format_amount(12.345, "USD") == "$12.35");
    CHECK(format_amount(20, "CNY") == "¥20.00");
    CHECK(format_amount(-3.2, "USD") == "-$3.20");
    CHECK(format_amount(28, "%") == "28%");
    CHECK(format_amount(61, "requests") == "61 requests");
}

TEST_CASE("amounts round as printf rounds, halves and huge values too")
{
    const double values[] = {0.005, 0.015, 0.125, 2.675, 1.005, 12.345, 99.995, 123456.785,
                             1e14 + 0.5, 999999999999999.9, 1e15, 2.5e20, 1.7976931348623157e308};
    for (double v : values) {
        char want[64];
        std::snprintf(want, sizeof want, v >= 1e15 ? "%.6g" : "%.2f", v);
        CAPTURE(v);
        CHECK(format_amount(v, "USD") == std::string("$") + want);
    }
}

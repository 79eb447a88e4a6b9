#include "rules.h"

#include <doctest/doctest.h>

using namespace qw;

namespace {

Record spend(double used, const char* window = "monthly")
{
    Record r;
    r.provider = "anthropic";
    r.account = "default";
    r.kind = "spend";
    r.window = window;
    r.unit = "USD";
    r.used = used;
    r.status = "ok";
    return r;
}

Condition condition(const char* text)
{
    Condition c;
    std::string err;
    REQUIRE_MESSAGE(parse_condition(text, c, &err), err);
    return c;
}

std::vector<Rule> rules(const char* text)
{
    std::vector<Rule> out;
    std::string err;
    REQUIRE_MESSAGE(parse_rules(text, out, &err), err);
    return out;
}

}  // namespace

TEST_CASE("budget: used>=80% of 500 is a share of a budget, and reads back the same")
{
    Condition c = condition("used >= 80% of 500");
    CHECK(c.field == Field::used_pct);
    CHECK(c.op == Op::ge);
    CHECK(c.value == 80);
    CHECK(c.budget == 500.0);
    CHECK(c.text == "used_pct>=80 of 500");
    Condition again = condition(c.text.c_str());
    CHECK(again.text == c.text);
    CHECK(again.budget == 500.0);
    CHECK(condition("used>=80%").field == Field::used_pct);
    CHECK_FALSE(condition("used>=80%").budget);
    CHECK(condition("used>=40").field == Field::used);
}

TEST_CASE("budget: malformed budgets are refused with the form to use")
{
    Condition c;
    std::string err;
    CHECK_FALSE(parse_condition("used>=80% of nothing", c, &err));
    CHECK(err.find("used>=PERCENT% of AMOUNT") != std::string::npos);
    CHECK_FALSE(parse_condition("used>=80% of 0", c, &err));
    CHECK_FALSE(parse_condition("used>=40 of 500", c, &err));
    CHECK_FALSE(parse_condition("remaining<=10% of 500", c, &err));
}

TEST_CASE("budget: a monthly spend alerts at a share of its budget, like a balance")
{
    Evaluator judge({condition("used>=80% of 500")}, {condition("used>=100% of 500")}, {});
    Record r = spend(425);
    judge.judge(r);
    CHECK(r.level == "warning");
    CHECK(r.threshold == "used_pct>=80 of 500");
    CHECK(r.reason == "used_pct 85.0% of 500.00 USD >= 80");
    r = spend(512.5);
    judge.judge(r);
    CHECK(r.level == "critical");
    r = spend(13.74);
    judge.judge(r);
    CHECK(r.level == "ok");
    CHECK(r.reason == "used_pct 2.7% of 500.00 USD");
}

TEST_CASE("budget: an amount in the record's unit, per series from a rules file")
{
    Evaluator judge({}, {}, rules("anthropic/*/spend/monthly warning used>=40\n"
                                  "anthropic/*/spend/daily critical used>=80% of 10\n"));
    Record month = spend(41.5);
    judge.judge(month);
    CHECK(month.level == "warning");
    CHECK(month.reason == "used 41.50 USD >= 40.00");
    Record day = spend(8.5, "daily");
    judge.judge(day);
    CHECK(day.level == "critical");
    Record other = spend(100);
    other.provider = "openai";
    judge.judge(other);
    CHECK(other.level == "info");
}

TEST_CASE("budget: spend without a budget is information, not a problem")
{
    Evaluator judge({}, {}, {});
    Record r = spend(13.7395);
    judge.judge(r);
    CHECK(r.level == "info");
    CHECK(r.reason == "used 13.74 USD, no budget set");
    CHECK(r.threshold.empty());
    Record balance;
    balance.kind = "quota";
    balance.status = "ok";
    judge.judge(balance);
    CHECK(balance.level == "unknown");
}

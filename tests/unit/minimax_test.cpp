#include "providers/minimax.h"

#include <doctest/doctest.h>

using namespace qw;

namespace {

HttpResponse answer(long status, const std::string& body)
{
    HttpResponse a;
    a.status = status;
    a.body = body;
    return a;
}

std::vector<Record> parse(const HttpResponse& plan, const HttpResponse& balance,
                          const std::string& unit = "CNY")
{
    Record base;
    base.ts = "2026-11-22T09:00:00Z";
    base.provider = "minimax";
    base.account = "default";
    std::vector<Record> out;
    parse_minimax(base, plan, balance, unit, out);
    return out;
}

// providers.md §4a, the new-api fixture: weekly status 3 (no weekly cap).
const char* const doc_plan = R"({"model_remains":[{"start_time":1787623200000,"end_time":1787641200000,)"
    R"("remains_time":15436231,"current_interval_total_count":0,"current_interval_usage_count":0,)"
    R"("model_name":"general","current_weekly_total_count":0,"current_weekly_usage_count":0,)"
    R"("weekly_start_time":1787500800000,"weekly_end_time":1788105600000,"weekly_remains_time":479836231,)"
    R"("current_interval_status":1,"current_interval_remaining_percent":100,)"
    R"("current_weekly_status":3,"current_weekly_remaining_percent":100}],)"
    R"("base_resp":{"status_code":0,"status_msg":"success"}})";

const char* const refused_plan =
    R"({"model_remains":[],"base_resp":{"status_code":1004,"status_msg":"cookie is missing, log in again"}})";

const char* const doc_balance = R"({"available_amount":"12.34","cash_balance":"10.00",)"
    R"("voucher_balance":"2.34","credit_balance":"0.00","owed_amount":"0.00",)"
    R"("balance_alert_switch":false,"balance_alert_threshold":"5.00",)"
    R"("base_resp":{"status_code":0,"status_msg":"success"}})";

const char* const refused_balance =
    R"({"base_resp":{"status_code":1004,"status_msg":"login fail: Please carry the API secret key"}})";

}  // namespace

TEST_CASE("a percent-only plan: the 5h window, the unlimited weekly one skipped")
{
    auto out = parse(answer(200, doc_plan), answer(200, refused_balance));
    REQUIRE(out.size() == 1);
    const Record& r = out[0];
    CHECK(r.status == "ok");
    CHECK(r.kind == "quota");
    CHECK(r.window == "5h");
    CHECK(r.unit == "%");
    CHECK(r.used_pct == 0);
    CHECK(!r.remaining);
    CHECK(r.resets_at == "2026-08-25T07:00:00Z");
}

TEST_CASE("counts: usage_count is what REMAINS; strings and a data wrapper are read")
{
    auto out = parse(answer(200, R"({"data":{"model_remains":[{"model_name":"general",)"
                                 R"("start_time":1787623200000,"end_time":1787641200000,)"
                                 R"("current_interval_total_count":"1500","current_interval_usage_count":"1200",)"
                                 R"("current_interval_status":1,"current_interval_remaining_percent":"80",)"
                                 R"("weekly_end_time":1788105600000,"current_weekly_status":2,)"
                                 R"("current_weekly_total_count":15000,"current_weekly_usage_count":0,)"
                                 R"("current_weekly_remaining_percent":0}],)"
                                 R"("base_resp":{"status_code":0,"status_msg":"success"}}})"),
                     answer(401, R"({"base_resp":{"status_code":1004,"status_msg":"invalid key"}})"));
    REQUIRE(out.size() == 2);
    CHECK(out[0].window == "5h");
    CHECK(out[0].unit == "prompts");
    CHECK(out[0].limit == 1500);
    CHECK(out[0].remaining == 1200);
    CHECK(out[0].used == 300);
    CHECK(out[0].used_pct == 20);
    CHECK(out[1].window == "weekly");
    CHECK(out[1].remaining == 0);
    CHECK(out[1].used_pct == 100);
    CHECK(out[1].resets_at == "2026-08-30T16:00:00Z");    // midnight in Beijing
}

TEST_CASE("other lanes are named after their model; an all-unlimited plan is na")
{
    auto out = parse(answer(200, R"({"model_remains":[{"model_name":"video","current_interval_status":1,)"
                                 R"("current_interval_remaining_percent":40,"current_weekly_status":3}],)"
                                 R"("base_resp":{"status_code":0}})"),
                     answer(200, refused_balance));
    REQUIRE(out.size() == 1);
    CHECK(out[0].window == "video-5h");
    CHECK(out[0].used_pct == 60);
    CHECK(out[0].resets_at.empty());
    out = parse(answer(200, R"({"model_remains":[{"model_name":"general","current_interval_status":3,)"
                            R"("current_weekly_status":3}],"base_resp":{"status_code":0}})"),
                answer(200, refused_balance));
    REQUIRE(out.size() == 1);
    CHECK(out[0].status == "na");
    CHECK(out[0].reason == "every window of the plan is unlimited");
}

TEST_CASE("the pay-as-you-go balance, in the region's currency")
{
    auto out = parse(answer(200, refused_plan), answer(200, doc_balance), "USD");
    REQUIRE(out.size() == 1);
    const Record& r = out[0];
    CHECK(r.kind == "balance");
    CHECK(r.unit == "USD");
    CHECK(r.remaining == 12.34);
    REQUIRE(r.parts.size() == 4);
    CHECK(r.parts[0].name == "cash");
    CHECK(r.parts[0].value == 10);
    CHECK(r.parts[1].value == 2.34);
    CHECK(r.parts[3].name == "owed");
}

TEST_CASE("a key that both endpoints refuse is one error record with both reasons")
{
    auto out = parse(answer(200, refused_plan), answer(200, refused_balance));
    REQUIRE(out.size() == 1);
    CHECK(out[0].status == "error");
    CHECK(out[0].error == "coding plan: status_code 1004: cookie is missing, log in again; "
                          "balance: status_code 1004: login fail: Please carry the API secret key");
    out = parse(answer(401, R"({"error":{"message":"invalid api key"}})"), answer(403, ""));
    REQUIRE(out.size() == 1);
    CHECK(out[0].error == "coding plan: HTTP 401: invalid api key; balance: HTTP 403: not JSON");
}

TEST_CASE("a failure other than a refusal is never hidden")
{
    HttpResponse timeout;
    timeout.error = "Operation timed out after 1000 milliseconds with 0 bytes received";
    auto out = parse(answer(200, doc_plan), timeout);
    REQUIRE(out.size() == 2);
    CHECK(out[0].status == "ok");
    CHECK(out[1].status == "error");
    CHECK(out[1].kind == "balance");
    CHECK(out[1].error == "balance: " + timeout.error);
    out = parse(answer(502, "<html><body>Bad gateway</body></html>"), answer(200, doc_balance));
    REQUIRE(out.size() == 2);
    CHECK(out[1].kind == "quota");
    CHECK(out[1].error == "coding plan: HTTP 502: not JSON");
    out = parse(answer(200, refused_plan), answer(200, R"({"base_resp":{"status_code":0}})"));
    REQUIRE(out.size() == 1);
    CHECK(out[0].error == "coding plan: status_code 1004: cookie is missing, log in again; "
                          "balance: no available_amount in the answer");
}

TEST_CASE("regions pick the host and the currency")
{
    auto p = minimax_provider("cn", "");
    CHECK(p.base_url == "https://api.minimaxi.com");
    auto rq = p.requests(p.base_url, "sk-cp-x");
    REQUIRE(rq.size() == 2);
    CHECK(rq[0].url == "https://api.minimaxi.com/v1/token_plan/remains");
    CHECK(rq[1].url == "https://api.minimaxi.com/account/query_balance");
    CHECK(rq[0].headers[0] == "Authorization: Bearer sk-cp-x");
    CHECK(minimax_provider("global", "").base_url == "https://api.minimax.io");
    CHECK(minimax_provider("cn", "http://127.0.0.1:9").base_url == "http://127.0.0.1:9");
    CHECK_THROWS(minimax_provider("eu", ""));
}

namespace {

// One interval window of a Token Plan answer: its counts, percentage and span.
std::vector<Record> interval(const std::string& fields, long hours = 5)
{
    const long start = 1795334400000;
    return parse(answer(200, R"({"model_remains":[{"model_name":"general","start_time":)" +
                                 std::to_string(start) + R"(,"end_time":)" +
                                 std::to_string(start + hours * 3600000) +
                                 R"(,"current_interval_status":1,)" + fields +
                                 R"(,"current_weekly_status":3}],"base_resp":{"status_code":0}})"),
                 answer(200, refused_balance));
}

}  // namespace

TEST_CASE("issue 25: usage_count is read as remaining or as used, whichever the percentage agrees with")
{
    // Newer answers: the count is what was used (providers.md R2's example).
    auto out = interval(R"("current_interval_total_count":100,"current_interval_usage_count":70,)"
                        R"("current_interval_remaining_percent":30)");
    REQUIRE(out.size() == 1);
    CHECK(out[0].unit == "prompts");
    CHECK(out[0].remaining == 30);
    CHECK(out[0].used == 70);
    CHECK(out[0].used_pct == 70);
    // The issue's missed alert: 95 used of 100, 5% left.
    out = interval(R"("current_interval_total_count":100,"current_interval_usage_count":95,)"
                   R"("current_interval_remaining_percent":5)");
    CHECK(out[0].remaining == 5);
    CHECK(out[0].used == 95);
    // Older answers: the count is what remains; within one point still agrees.
    out = interval(R"("current_interval_total_count":1500,"current_interval_usage_count":1200,)"
                   R"("current_interval_remaining_percent":79)");
    CHECK(out[0].remaining == 1200);
    CHECK(out[0].used == 300);
    // Agreeing with neither: the percentage alone.
    out = interval(R"("current_interval_total_count":100,"current_interval_usage_count":50,)"
                   R"("current_interval_remaining_percent":20)");
    CHECK(out[0].unit == "%");
    CHECK(out[0].used_pct == 80);
    CHECK(!out[0].remaining);
    CHECK(!out[0].limit);
    CHECK(!out[0].used);
    // A count above the total is no reading either.
    out = interval(R"("current_interval_total_count":100,"current_interval_usage_count":150,)"
                   R"("current_interval_remaining_percent":20)");
    CHECK(out[0].unit == "%");
    // Without a percentage, the older reading.
    out = interval(R"("current_interval_total_count":100,"current_interval_usage_count":95)");
    CHECK(out[0].remaining == 95);
}

TEST_CASE("issue 25: an interval of 4 to 6 hours is the plan's 5h window")
{
    const std::string pct = R"("current_interval_remaining_percent":60)";
    for (long h : {4L, 5L, 6L})
        CHECK(interval(pct, h)[0].window == "5h");
    CHECK(interval(pct, 3)[0].window == "3h");
    CHECK(interval(pct, 8)[0].window == "8h");
}

TEST_CASE("issue 25: /v1/token_plan/remains first, the legacy coding_plan/remains when it gives no plan")
{
    auto p = minimax_provider("global", "http://127.0.0.1:9");
    const std::string plan = R"({"model_remains":[{"model_name":"general",)"
                             R"("current_interval_status":1,"current_interval_remaining_percent":60}],)"
                             R"("base_resp":{"status_code":0}})";
    std::vector<HttpResponse> got{answer(200, plan), answer(200, doc_balance)};
    CHECK(p.more(p.base_url, "k", got).empty());
    Record base;
    std::vector<Record> out;
    p.parse(base, got, out);
    CHECK(out.size() == 2);
    for (const HttpResponse& failed : {answer(404, "404 page not found"), answer(200, refused_plan),
                                       answer(401, "")}) {
        got = {failed, answer(200, doc_balance)};
        auto more = p.more(p.base_url, "k", got);
        REQUIRE(more.size() == 1);
        CHECK(more[0].url == "http://127.0.0.1:9/v1/api/openplatform/coding_plan/remains");
        got.push_back(answer(200, plan));
        CHECK(p.more(p.base_url, "k", got).empty());
        out.clear();
        p.parse(base, got, out);
        REQUIRE(out.size() == 2);
        CHECK(out[0].window == "5h");
    }
    // Both fail: the legacy path's reason, unless that path is gone (404).
    got = {answer(200, refused_plan), answer(200, refused_balance), answer(401, R"({"error":"bad key"})")};
    out.clear();
    p.parse(base, got, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].error.rfind("coding plan: HTTP 401: bad key; balance: ", 0) == 0);
    got = {answer(200, refused_plan), answer(200, refused_balance), answer(404, "")};
    out.clear();
    p.parse(base, got, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].error.rfind("coding plan: status_code 1004: cookie is missing, log in again; ", 0) == 0);
}

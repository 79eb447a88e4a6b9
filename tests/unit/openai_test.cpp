#include "providers/openai.h"

#include "timeutil.h"

#include <doctest/doctest.h>

using namespace qw;

namespace {

const int64_t now_ = *parse_rfc3339("2026-11-22T09:00:00Z");

Record base_record()
{
    Record base;
    base.ts = "2026-11-22T09:00:00Z";
    base.provider = "openai";
    base.account = "default";
    return base;
}

HttpResponse answer(long status, const std::string& body)
{
    HttpResponse a;
    a.status = status;
    a.body = body;
    return a;
}

std::vector<Record> costs(const std::vector<HttpResponse>& pages)
{
    std::vector<Record> out;
    parse_openai_costs(base_record(), pages, now_, out);
    return out;
}

std::vector<Record> codex(long status, const std::string& body)
{
    std::vector<Record> out;
    parse_codex_usage(base_record(), answer(status, body), out);
    return out;
}

// A bucket of the costs answer starting on 2026-11-DAY.
std::string bucket(int day, const std::string& results)
{
    const int64_t t = *parse_rfc3339("2026-11-01T00:00:00Z") + (day - 1) * 86400;
    return R"({"object":"bucket","start_time":)" + std::to_string(t) + R"(,"end_time":)" +
           std::to_string(t + 86400) + R"(,"results":[)" + results + "]}";
}

std::string cost(const char* value)
{
    return std::string(R"({"object":"organization.costs.result","amount":{"value":)") + value +
           R"(,"currency":"usd"},"line_item":null,"project_id":null})";
}

}  // namespace

TEST_CASE("openai: the month's first second and the next month's")
{
    CHECK(format_rfc3339(month_start(now_)) == "2026-11-01T00:00:00Z");
    CHECK(format_rfc3339(next_month_start(now_)) == "2026-12-01T00:00:00Z");
    auto dec = *parse_rfc3339("2026-12-31T23:59:59Z");
    CHECK(format_rfc3339(next_month_start(dec)) == "2027-01-01T00:00:00Z");
}

TEST_CASE("openai: costs in dollars, summed for today and the month")
{
    auto out = costs({answer(200, R"({"object":"page","data":[)" + bucket(1, cost("0.06")) + "," +
                                      bucket(21, cost("1.5") + "," + cost(R"("2.25")")) + "," +
                                      bucket(22, cost("0.1") + "," + cost("0.2")) + "," +
                                      bucket(23, "") + R"(],"has_more":false,"next_page":null})")});
    REQUIRE(out.size() == 2);
    CHECK(out[0].kind == "spend");
    CHECK(out[0].window == "daily");
    CHECK(out[0].unit == "USD");
    CHECK(out[0].used == 0.3);
    CHECK(out[0].resets_at == "2026-11-23T00:00:00Z");
    CHECK(out[1].window == "monthly");
    CHECK(out[1].used == 4.11);
    CHECK(out[1].resets_at == "2026-12-01T00:00:00Z");
}

TEST_CASE("openai: pages are summed; errors and odd currencies are error records")
{
    auto page1 = answer(200, R"({"data":[)" + bucket(2, cost("1")) +
                                 R"(],"has_more":true,"next_page":"page_AAA"})");
    auto page2 = answer(200, R"({"data":[)" + bucket(22, cost("2")) + R"(],"has_more":false})");
    auto out = costs({page1, page2});
    REQUIRE(out.size() == 2);
    CHECK(out[0].used == 2.0);
    CHECK(out[1].used == 3.0);
    out = costs({page1});
    CHECK(out[0].error == "the costs answer has more than 12 pages");
    out = costs({answer(401, R"({"error":{"message":"Invalid authorization header",)"
                             R"("type":"invalid_request_error","param":null,)"
                             R"("code":"invalid_api_key"}})")});
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == "spend");
    CHECK(out[0].error == "costs: HTTP 401: Invalid authorization header");
    out = costs({answer(200, R"({"data":[)" +
                                 bucket(22, R"({"amount":{"value":1,"currency":"eur"}})") + "]}")});
    CHECK(out[0].error == "costs in eur, not USD");
    out = costs({answer(200, R"({"data":[)" + bucket(22, R"({"amount":{}})") + "]}")});
    CHECK(out[0].error == "a costs result has no amount.value");
    out = costs({answer(200, R"({"object":"list"})")});
    CHECK(out[0].error == "no data in the costs answer");
}

TEST_CASE("openai: the costs request starts at the month, then follows the cursor")
{
    auto p = openai_admin_provider("", now_);
    auto rq = p.requests(p.base_url, "sk-admin-x");
    REQUIRE(rq.size() == 1);
    CHECK(rq[0].url == "https://api.openai.com/v1/organization/costs?start_time=1793491200"
                       "&bucket_width=1d&limit=31");
    CHECK(rq[0].headers[0] == "Authorization: Bearer sk-admin-x");
    auto next = p.more(p.base_url, "k", {answer(200, R"({"data":[],"has_more":true,)"
                                                     R"("next_page":"page_A=="})")});
    REQUIRE(next.size() == 1);
    CHECK(next[0].url == rq[0].url + "&page=page_A%3D%3D");
    CHECK(p.more(p.base_url, "k", {answer(200, R"({"data":[],"has_more":false})")}).empty());
}

TEST_CASE("codex: the plan windows are quotas in percent used, resets in epoch seconds")
{
    auto out = codex(200, R"({"plan_type":"plus","rate_limit":{"primary_window":{"used_percent":12,)"
                          R"("reset_at":1795338000,"limit_window_seconds":18000},)"
                          R"("secondary_window":{"used_percent":40,"reset_at":1795400000,)"
                          R"("limit_window_seconds":604800}},"credits":{"has_credits":true,)"
                          R"("unlimited":false,"balance":"0"},"additional_rate_limits":[)"
                          R"({"limit_name":"GPT-5.3-Codex-Spark","metered_feature":"x",)"
                          R"("rate_limit":{"primary_window":{"used_percent":0,"reset_at":0,)"
                          R"("limit_window_seconds":18000}}}]})");
    REQUIRE(out.size() == 3);
    CHECK(out[0].kind == "quota");
    CHECK(out[0].window == "5h");
    CHECK(out[0].unit == "%");
    CHECK(out[0].used_pct == 12.0);
    CHECK(out[0].resets_at == "2026-11-22T09:00:00Z");
    CHECK(out[1].window == "weekly");
    CHECK(out[1].used_pct == 40.0);
    CHECK(out[2].window == "5h-gpt-5.3-codex-spark");
    CHECK(out[2].resets_at.empty());
}

TEST_CASE("codex: a missing window, an unknown length, and the failure shapes")
{
    auto out = codex(200, R"({"rate_limit":{"primary_window":{"used_percent":"5"},)"
                          R"("secondary_window":null}})");
    REQUIRE(out.size() == 1);
    CHECK(out[0].window == "5h");
    out = codex(200, R"({"rate_limit":{"primary_window":{"used_percent":5,)"
                     R"("limit_window_seconds":86400}}})");
    CHECK(out[0].window == "1d");
    auto r = codex(401, R"({"detail":"Unauthorized"})")[0];
    CHECK(r.status == "error");
    CHECK(r.kind == "quota");
    CHECK(r.error == "HTTP 401 (run codex login again)");
    r = codex(200, R"({"rate_limit":null})")[0];
    CHECK(r.error == "no rate limit window in the answer");
    r = codex(403, "<html>Just a moment...</html>")[0];
    CHECK(r.error == "HTTP 403: not JSON (run codex login again)");
}

TEST_CASE("codex: auth.json gives the access token and the account id header")
{
    std::map<std::string, std::string> ids;
    Account a{"default", R"({"OPENAI_API_KEY":null,"tokens":{"id_token":"i","access_token":"at-1",)"
                         R"("refresh_token":"rt","account_id":"acc-9"},"last_refresh":"x"})", "", ""};
    codex_token(a, ids);
    CHECK(a.error.empty());
    CHECK(a.secret == "at-1");
    CHECK(ids["at-1"] == "acc-9");
    Account key_login{"default", R"({"OPENAI_API_KEY":"sk-x","tokens":null})", "", ""};
    codex_token(key_login, ids);
    CHECK(key_login.secret.empty());
    CHECK(key_login.error.rfind("no tokens.access_token", 0) == 0);
    auto p = codex_provider("", ids);
    CHECK(p.base_url == "https://chatgpt.com");
    auto rq = p.requests(p.base_url, "at-1");
    CHECK(rq[0].url == "https://chatgpt.com/backend-api/wham/usage");
    REQUIRE(rq[0].headers.size() == 3);
    CHECK(rq[0].headers[2] == "ChatGPT-Account-Id: acc-9");
    CHECK(p.requests(p.base_url, "at-2")[0].headers.size() == 2);
}

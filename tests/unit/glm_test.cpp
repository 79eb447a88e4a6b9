#include "providers/glm.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace qw;

namespace {

Record base_record()
{
    Record base;
    base.ts = "2026-11-22T09:00:00Z";
    base.provider = "glm";
    base.account = "default";
    return base;
}

std::vector<Record> quota(long status, const std::string& body, const std::string& transport = "")
{
    HttpResponse a;
    a.status = status;
    a.body = body;
    a.error = transport;
    std::vector<Record> out;
    parse_glm_quota(base_record(), a, out);
    REQUIRE(!out.empty());
    return out;
}

Record wallet(long status, const std::string& body)
{
    HttpResponse a;
    a.status = status;
    a.body = body;
    std::vector<Record> out;
    parse_glm_wallet(base_record(), a, out);
    REQUIRE(out.size() == 1);
    return out[0];
}

}  // namespace

TEST_CASE("glm: the captured answer gives a monthly call quota and a 5h token window")
{
    auto r = quota(200, R"({"code":200,"msg":"操作成功","data":{"limits":[
        {"type":"TIME_LIMIT","unit":5,"number":1,"usage":100,"currentValue":28,"remaining":72,
         "percentage":28,"nextResetTime":1772615765983,
         "usageDetails":[{"modelCode":"search-prime","usage":67}]},
        {"type":"TOKENS_LIMIT","unit":3,"number":5,"percentage":1,"nextResetTime":1771073738808}],
        "level":"lite"},"success":true})");
    REQUIRE(r.size() == 2);
    CHECK(r[0].status == "ok");
    CHECK(r[0].kind == "quota");
    CHECK(r[0].window == "monthly");
    CHECK(r[0].unit == "calls");
    CHECK(r[0].limit == 100);
    CHECK(r[0].used == 28);
    CHECK(r[0].remaining == 72);
    CHECK(r[0].used_pct == 28);
    CHECK(r[0].resets_at == "2026-03-04T09:16:05Z");
    CHECK(r[1].window == "5h");
    CHECK(r[1].unit == "%");
    CHECK(r[1].used_pct == 1);
    CHECK(!r[1].limit);
    CHECK(!r[1].remaining);
    CHECK(r[1].resets_at == "2026-02-14T12:55:38Z");
}

TEST_CASE("glm: weekly credit plans; an idle window has no reset time")
{
    auto r = quota(200, R"({"code":200,"msg":"操作成功","success":true,"data":{"limits":[
        {"type":"CREDIT_LIMIT","unit":3,"number":5,"usage":2000,"currentValue":0,"remaining":2000,"percentage":0},
        {"type":"CREDIT_LIMIT","unit":6,"number":1,"usage":10000,"currentValue":4788,"remaining":5211,
         "percentage":47,"nextResetTime":1787919529998}],"level":"lite"}})");
    REQUIRE(r.size() == 2);
    CHECK(r[0].window == "5h");
    CHECK(r[0].unit == "credits");
    CHECK(r[0].used_pct == 0);
    CHECK(r[0].resets_at.empty());
    CHECK(r[1].window == "weekly");
    CHECK(r[1].used == 4788);
    CHECK(r[1].remaining == 5211);
    CHECK(r[1].used_pct == 47);
}

TEST_CASE("glm: windows are classified by unit, not by the order of their resets")
{
    auto r = quota(200, R"({"success":true,"code":200,"data":{"limits":[
        {"type":"TOKENS_LIMIT","unit":6,"number":1,"percentage":90,"nextResetTime":1771000000000},
        {"type":"TOKENS_LIMIT","unit":3,"number":5,"percentage":10,"nextResetTime":1771003600000}]}})");
    CHECK(r[0].window == "weekly");
    CHECK(r[1].window == "5h");
}

TEST_CASE("glm: numbers as strings; the percentage from counts when it is missing")
{
    auto r = quota(200, R"({"success":true,"code":"200","data":{"limits":[
        {"type":"TOKENS_LIMIT","unit":"3","number":"5","percentage":"12","nextResetTime":"1771073738808"},
        {"type":"TIME_LIMIT","unit":5,"number":1,"usage":"1000","currentValue":"125","remaining":"875"}]}})");
    REQUIRE(r.size() == 2);
    CHECK(r[0].window == "5h");
    CHECK(r[0].used_pct == 12);
    CHECK(r[0].resets_at == "2026-02-14T12:55:38Z");
    CHECK(r[1].used_pct == 12.5);
    CHECK(r[1].limit == 1000);
}

TEST_CASE("glm: entries without a unit code: the idle one is the 5-hour window")
{
    auto r = quota(200, R"({"success":true,"data":{"limits":[
        {"type":"TOKENS_LIMIT","percentage":40,"nextResetTime":1771073738808},
        {"type":"TOKENS_LIMIT","percentage":3},
        {"type":"TIME_LIMIT","percentage":5}]}})");
    REQUIRE(r.size() == 3);
    CHECK(r[0].window == "weekly");
    CHECK(r[1].window == "5h");
    CHECK(r[2].window == "monthly");
}

TEST_CASE("glm: window names from unit codes, and unique within an answer")
{
    CHECK(glm_window("TOKENS_LIMIT", 3, 5) == "5h");
    CHECK(glm_window("TOKENS_LIMIT", 6, 1) == "weekly");
    CHECK(glm_window("TOKENS_LIMIT", 6, 2) == "2w");
    CHECK(glm_window("TOKENS_LIMIT", 1, 1) == "daily");
    CHECK(glm_window("TOKENS_LIMIT", 1, 7) == "weekly");
    CHECK(glm_window("TOKENS_LIMIT", 5, 300) == "5h");
    CHECK(glm_window("TOKENS_LIMIT", 5, 30) == "30m");
    CHECK(glm_window("TIME_LIMIT", 5, 1) == "monthly");
    CHECK(glm_window("TOKENS_LIMIT", 9, 2) == "unit9x2");
    CHECK(glm_window("TOKENS_LIMIT", std::nullopt, 5).empty());
    auto r = quota(200, R"({"success":true,"data":{"limits":[
        {"type":"TIME_LIMIT","unit":5,"number":1,"percentage":1},
        {"type":"TOKENS_LIMIT","unit":5,"number":43200,"percentage":2},
        {"type":"TOKENS_LIMIT","unit":5,"number":43200,"percentage":3}]}})");
    CHECK(r[0].window == "monthly");
    CHECK(r[1].window == "720h");
    CHECK(r[2].window == "720h-tokens");
}

TEST_CASE("glm: every failure shape is an error record with a one-line reason")
{
    auto r = quota(200, R"({"code":401,"msg":"token expired or incorrect","success":false})");
    REQUIRE(r.size() == 1);
    CHECK(r[0].status == "error");
    CHECK(r[0].kind == "quota");
    CHECK(r[0].error == "provider answered code 401: token expired or incorrect");
    CHECK(quota(401, R"({"code":401,"msg":"Unauthorized","success":false})")[0].error ==
          "HTTP 401: Unauthorized");
    CHECK(quota(502, "<html><body>Bad gateway</body></html>")[0].error == "HTTP 502: not JSON");
    CHECK(quota(200, "<html>\n<body>login</body></html>")[0].error.rfind(
              "HTTP 200 but the body is not JSON", 0) == 0);
    CHECK(quota(0, "", "Operation timed out after 1000 milliseconds")[0].error.find("timed out") !=
          std::string::npos);
    CHECK(quota(200, R"({"code":200,"msg":"ok","success":true,"data":{}})")[0].error ==
          "no quota windows in the answer (data.limits is empty)");
    r = quota(200, R"({"success":true,"data":{"limits":[{"type":"TOKENS_LIMIT","unit":3,"number":5}]}})");
    CHECK(r[0].status == "error");
    CHECK(r[0].window == "5h");
    CHECK(r[0].error == "a TOKENS_LIMIT entry has no percentage and no counts");
}

TEST_CASE("glm: the wallet is a CNY balance without a limit: spent and frozen")
{
    auto r = wallet(200, R"({"code":200,"msg":"操作成功","success":true,"data":{"balance":42.5,
        "availableBalance":40.0,"rechargeAmount":100.0,"giveAmount":20.0,"totalSpendAmount":77.5,
        "frozenBalance":2.5}})");
    CHECK(r.status == "ok");
    CHECK(r.kind == "balance");
    CHECK(r.unit == "CNY");
    CHECK(r.remaining == 40);
    CHECK(r.used == 77.5);
    CHECK(!r.limit);                             // lifetime totals are no cap (R5)
    REQUIRE(r.parts.size() == 1);
    CHECK(r.parts[0].name == "frozen");
    CHECK(r.parts[0].value == 2.5);
    // ¥3 left of ¥20 ever topped up: no limit, so the absolute rules judge it.
    r = wallet(200, R"({"success":true,"data":{"balance":3,"availableBalance":3,
        "rechargeAmount":20,"giveAmount":0,"totalSpendAmount":17,"frozenBalance":0}})");
    CHECK(r.remaining == 3);
    CHECK(!r.limit);
    r = wallet(200, R"({"success":true,"data":{"balance":"12.30","availableBalance":null}})");
    CHECK(r.remaining == 12.3);
    CHECK(!r.limit);
    CHECK(!r.used);
    CHECK(wallet(200, R"({"code":1001,"msg":"no permission","success":false})").error ==
          "wallet: provider answered code 1001: no permission");
    CHECK(wallet(200, R"({"success":true,"data":{}})").error ==
          "wallet: no data.availableBalance or data.balance in the answer");
    CHECK(wallet(403, "<html>forbidden</html>").error == "wallet: HTTP 403: not JSON");
}

TEST_CASE("glm: regions pick the hosts; the wallet only on cn; --base-url replaces both")
{
    auto p = glm_provider("cn", "", true);
    CHECK(p.name == "glm");
    CHECK(p.key_env == "GLM_API_KEY");
    CHECK(p.error_kind == "quota");
    CHECK(p.base_url == "https://open.bigmodel.cn");
    auto rq = p.requests(p.base_url, "id.secret");
    REQUIRE(rq.size() == 2);
    CHECK(rq[0].url == "https://open.bigmodel.cn/api/monitor/usage/quota/limit");
    CHECK(rq[0].headers[0] == "Authorization: id.secret");
    CHECK(rq[1].url == "https://www.bigmodel.cn/api/biz/account/query-customer-account-report");
    CHECK(rq[1].headers[0] == "Authorization: id.secret");
    CHECK(glm_provider("cn", "", false).requests("https://open.bigmodel.cn", "k").size() == 1);
    p = glm_provider("global", "", true);
    CHECK(p.base_url == "https://api.z.ai");
    CHECK(p.requests(p.base_url, "k").size() == 1);
    p = glm_provider("cn", "http://127.0.0.1:9", true);
    rq = p.requests(p.base_url, "k");
    CHECK(rq[0].url == "http://127.0.0.1:9/api/monitor/usage/quota/limit");
    CHECK(rq[1].url == "http://127.0.0.1:9/api/biz/account/query-customer-account-report");
    CHECK_THROWS(glm_provider("eu", "", true));
}

TEST_CASE("glm: team usage asks with the selectors and keeps the team a series apart")
{
    auto p = glm_provider("cn", "", true, {"org-7", "proj-2"});
    auto rq = p.requests(p.base_url, "k");
    REQUIRE(rq.size() == 1);                     // no wallet for a team
    CHECK(rq[0].url == "https://open.bigmodel.cn/api/monitor/usage/quota/limit?type=2");
    CHECK(std::count(rq[0].headers.begin(), rq[0].headers.end(),
                     "Bigmodel-Organization: org-7") == 1);
    CHECK(std::count(rq[0].headers.begin(), rq[0].headers.end(), "Bigmodel-Project: proj-2") == 1);

    HttpResponse a;
    a.status = 200;
    a.body = R"({"code":200,"success":true,"data":{"limits":[{"type":"TOKENS_LIMIT","unit":3,"number":5,"percentage":64}]}})";
    std::vector<Record> out;
    p.parse(base_record(), {a}, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].account == "default@proj-2");
    CHECK(out[0].used_pct == 64);

    a.body = R"({"code":200,"success":true,"data":{}})";  // unknown ids: success, no windows
    out.clear();
    p.parse(base_record(), {a}, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].status == "error");
    CHECK(out[0].error.find("check --organization and --project") != std::string::npos);

    CHECK_THROWS(glm_provider("cn", "", true, {"org-7", ""}));
    CHECK_THROWS(glm_provider("global", "", true, {"org-7", "proj-2"}));
}

#include "providers/relay.h"

#include "timeutil.h"

#include <doctest/doctest.h>

using namespace qw;

namespace {

Record base()
{
    Record b;
    b.ts = "2026-11-22T09:00:00Z";
    b.provider = "relay";
    b.account = "work";
    return b;
}

HttpResponse answer(long status, const std::string& body)
{
    HttpResponse a;
    a.status = status;
    a.body = body;
    return a;
}

const char* const sub20 = R"({"object":"billing_subscription","has_payment_method":true,)"
                          R"("soft_limit_usd":20.0,"hard_limit_usd":20.0,)"
                          R"("system_hard_limit_usd":20.0,"access_until":0})";

Record billing(const HttpResponse& sub, const HttpResponse& use, const std::string& unit = "USD",
               const std::string& mode = "billing", const HttpResponse* self = nullptr)
{
    RelayOptions o;
    o.unit = unit;
    o.mode = mode;
    std::vector<HttpResponse> answers{sub, use};
    if (self)
        answers.push_back(*self);
    std::vector<Record> out;
    parse_relay_billing(base(), answers, o, out);
    REQUIRE(out.size() == 1);
    return out[0];
}

Record token(long status, const std::string& body, double per_unit = 500000)
{
    std::vector<Record> out;
    parse_relay_token(base(), answer(status, body), "USD", per_unit, out);
    REQUIRE(out.size() == 1);
    return out[0];
}

}  // namespace

TEST_CASE("billing: total_usage is in hundredths; remaining = limit - used")
{
    auto r = billing(answer(200, sub20), answer(200, R"({"object":"list","total_usage":500.0})"));
    CHECK(r.status == "ok");
    CHECK(r.kind == "balance");
    CHECK(r.unit == "USD");
    CHECK(r.limit == 20);
    CHECK(r.used == 5);
    CHECK(r.remaining == 15);
    r = billing(answer(200, R"({"hard_limit_usd":"146.2"})"),
                answer(200, R"({"total_usage":"1234.5678"})"), "CNY");
    CHECK(r.unit == "CNY");
    CHECK(r.used == doctest::Approx(12.345678));
    CHECK(r.remaining == 133.854322);
}

TEST_CASE("billing: an unlimited key has no balance to watch")
{
    auto r = billing(answer(200, R"({"hard_limit_usd":100000000})"),
                     answer(200, R"({"total_usage":250})"));
    CHECK(r.status == "na");
    CHECK(r.used == 2.5);
    CHECK(!r.remaining);
    CHECK(!r.limit);
    CHECK(r.reason == "unlimited key: no balance to watch");
}

TEST_CASE("billing: every failure shape is one error record")
{
    auto use = answer(200, R"({"total_usage":1})");
    auto r = billing(answer(401, R"j({"error":{"message":"无效的令牌 (request id: 2026112209)","type":"one_api_error"}})j"),
                     use);
    CHECK(r.status == "error");
    CHECK(r.error == "subscription: HTTP 401: 无效的令牌 (request id: 2026112209)");
    r = billing(answer(200, sub20),
                answer(200, R"({"error":{"message":"record not found","type":"upstream_error"}})"));
    CHECK(r.error == "usage: relay answered an error: record not found");
    r = billing(answer(200, "<html><body>cf challenge</body></html>"), use);
    CHECK(r.error.rfind("subscription: HTTP 200 but the body is not JSON", 0) == 0);
    HttpResponse timeout;
    timeout.error = "Operation timed out after 1000 milliseconds with 0 bytes received";
    r = billing(answer(200, sub20), timeout);
    CHECK(r.error == "usage: " + timeout.error);
    r = billing(answer(200, R"({"object":"billing_subscription"})"), use);
    CHECK(r.error == "no hard_limit_usd in the answer");
    r = billing(answer(200, sub20), answer(200, R"({"object":"list"})"));
    CHECK(r.error == "no total_usage in the answer");
}

TEST_CASE("token mode: raw quota units over quota_per_unit")
{
    const char* body = R"({"code":true,"message":"ok","data":{"object":"token_usage","name":"work-key",)"
                       R"("total_granted":10000000,"total_used":500000,"total_available":9500000,)"
                       R"("unlimited_quota":false,"expires_at":0}})";
    auto r = token(200, body);
    CHECK(r.status == "ok");
    CHECK(r.remaining == 19);
    CHECK(r.used == 1);
    CHECK(r.limit == 20);
    r = token(200, body, 1);
    CHECK(r.remaining == 9500000);
    r = token(200, R"({"code":true,"data":{"total_granted":"0","total_used":"42","total_available":"0",)"
                   R"("unlimited_quota":true}})");
    CHECK(r.status == "na");
    CHECK(r.used == 0.000084);
    r = token(401, R"({"success":false,"message":"该令牌状态不可用"})");
    CHECK(r.error == "HTTP 401: 该令牌状态不可用");
    r = token(200, R"({"success":false,"message":"获取令牌信息失败"})");
    CHECK(r.error == "relay answered an error: 获取令牌信息失败");
    r = token(200, R"({"code":true,"data":{}})");
    CHECK(r.error == "no data.total_available or data.total_used in the answer");
}

TEST_CASE("requests: the documented paths on each account's own host")
{
    auto now = *parse_rfc3339("2026-11-22T09:00:00Z");
    auto p = relay_provider({}, "", now);
    auto rq = p.requests("https://relay.example", "sk-abc");
    REQUIRE(rq.size() == 2);
    CHECK(rq[0].url == "https://relay.example/v1/dashboard/billing/subscription");
    CHECK(rq[1].url ==
          "https://relay.example/v1/dashboard/billing/usage?start_date=2026-08-15&end_date=2026-11-23");
    CHECK(rq[0].headers[0] == "Authorization: Bearer sk-abc");
    RelayOptions t;
    t.mode = "token";
    rq = relay_provider(t, "", now).requests("http://127.0.0.1:9", "sk-abc");
    REQUIRE(rq.size() == 1);
    CHECK(rq[0].url == "http://127.0.0.1:9/api/usage/token/");
    t.mode = "dashboard";
    CHECK_THROWS(relay_provider(t, "", now));
    RelayOptions a;                              // the access token: billing only
    a.access_token = "dash-token-1";
    rq = relay_provider(a, "", now).requests("http://127.0.0.1:9", "sk-abc");
    REQUIRE(rq.size() == 3);
    CHECK(rq[2].url == "http://127.0.0.1:9/api/user/self");
    CHECK(rq[2].headers[0] == "Authorization: Bearer dash-token-1");
    a.mode = "user-stats";
    CHECK(relay_provider(a, "", now).requests("http://127.0.0.1:9", "sk-abc").size() == 2);
    RelayOptions u;
    u.unit = "US D";
    CHECK_THROWS(relay_provider(u, "", now));
    u.unit = "USD";
    u.quota_per_unit = 0;
    CHECK_THROWS(relay_provider(u, "", now));
}

TEST_CASE("the accounts file")
{
    std::vector<RelayAccountLine> got;
    std::string err;
    REQUIRE(parse_relay_accounts("# seed 002\nmain https://api.relay.example/\n\n"
                                 "backup  http://127.0.0.1:8080  keys/backup # spare\n"
                                 "abs https://b.example /etc/qw/abs\n",
                                 "/home/u/cfg", "/home/u/keys", got, &err));
    REQUIRE(got.size() == 3);
    CHECK(got[0].name == "main");
    CHECK(got[0].base_url == "https://api.relay.example");
    CHECK(got[0].key_file == "/home/u/keys/relay/main");
    CHECK(got[1].key_file == "/home/u/cfg/keys/backup");
    CHECK(got[1].base_url == "http://127.0.0.1:8080");
    CHECK(got[2].key_file == "/etc/qw/abs");
    got.clear();
    CHECK(!parse_relay_accounts("a https://x.example\nb\n", ".", "k", got, &err));
    CHECK(err == "2: expected NAME BASE_URL [KEY_FILE] [OPTION=VALUE...], the options unit, "
                 "mode, quota-per-unit, access-token");
    got.clear();
    CHECK(!parse_relay_accounts("a https://x.example/v1\n", ".", "k", got, &err));
    CHECK(err.rfind("1: --base-url: ", 0) == 0);
    got.clear();
    CHECK(!parse_relay_accounts("a https://x.example\na https://y.example\n", ".", "k", got, &err));
    CHECK(err == "2: account \"a\" is listed twice");
    got.clear();
    CHECK(!parse_relay_accounts("../a https://x.example\n", ".", "k", got, &err));
    CHECK(err == "1: \"../a\" is not a plain account name");
    got.clear();
    CHECK(!parse_relay_accounts("a https://x.example k extra\n", ".", "k", got, &err));
    CHECK(err.rfind("1: expected NAME BASE_URL [KEY_FILE] [OPTION=VALUE...]", 0) == 0);
}

TEST_CASE("the accounts file: per-account unit, mode, quota per unit and access token")
{
    std::vector<RelayAccountLine> got;
    std::string err;
    REQUIRE(parse_relay_accounts("main https://a.example unit=CNY mode=user-stats\n"
                                 "cn https://b.example cn.key quota-per-unit=68493 mode=token\n"
                                 "dash https://c.example access-token=dash.token\n"
                                 "old https://d.example old.key\n",
                                 "/cfg", "/keys", got, &err));
    REQUIRE(got.size() == 4);
    CHECK(got[0].key_file == "/keys/relay/main");
    CHECK(got[0].unit == "CNY");
    CHECK(got[0].mode == "user-stats");
    CHECK(got[1].key_file == "/cfg/cn.key");
    CHECK(got[1].quota_per_unit == "68493");
    CHECK(got[1].mode == "token");
    CHECK(got[2].access_token_file == "/cfg/dash.token");
    CHECK(got[2].written.empty());
    CHECK(got[3].unit.empty());                 // the old format: nothing else given
    CHECK(got[3].mode.empty());
    got.clear();
    // A key file after an option, or a field that is no option after the
    // key file, is refused without showing it (a key may have been written).
    CHECK(!parse_relay_accounts("a https://x.example unit=CNY k\n", ".", "k", got, &err));
    CHECK(err.find(" k") == std::string::npos);
    CHECK(!parse_relay_accounts("a https://x.example unit=\n", ".", "k", got, &err));
    CHECK(!parse_relay_accounts("a https://x.example k sk-secret-1\n", ".", "k", got, &err));
    CHECK(err.find("sk-secret-1") == std::string::npos);
}

TEST_CASE("billing: one-api's per-user stats mode, given or detected with the access token")
{
    // R7: hard_limit_usd is what is left; the usage is the user's.
    const HttpResponse sub3 = answer(200, R"({"hard_limit_usd":3.0})");
    const HttpResponse use5 = answer(200, R"({"total_usage":500.0})");
    auto r = billing(sub3, use5);
    CHECK(r.status == "error");                  // 3 - 5 is no balance
    CHECK(!r.remaining);
    CHECK(r.used == 5);
    CHECK(r.error == "hard_limit_usd $3.00 less used $5.00 is below zero: likely one-api's "
                     "per-user stats mode (hard_limit_usd is what is left): give --mode "
                     "user-stats or RELAY_ACCESS_TOKEN");
    CHECK(r.error.find("--mode user-stats") != std::string::npos);
    r = billing(sub3, use5, "USD", "user-stats");
    CHECK(r.status == "ok");
    CHECK(r.remaining == 3);
    CHECK(r.used == 5);
    CHECK(r.limit == 8);
    // Detected: /api/user/self's quota (left, raw units) is hard_limit_usd.
    const HttpResponse self = answer(200, R"({"success":true,"message":"","data":{"id":1,)"
                                          R"("quota":1500000,"used_quota":2500000}})");
    r = billing(sub3, use5, "USD", "billing", &self);
    CHECK(r.status == "ok");
    CHECK(r.remaining == 3);
    CHECK(r.limit == 8);
    // The per-key mode: the user's quota is not what the key has left.
    const HttpResponse sub20 = answer(200, R"({"hard_limit_usd":20.0})");
    r = billing(sub20, use5, "USD", "billing", &self);
    CHECK(r.remaining == 15);
    CHECK(r.limit == 20);
    // A token the relay refuses is the account's error: the mode is unknown.
    const HttpResponse refused = answer(401, R"({"success":false,"message":"无权进行此操作，未登录且未提供 access token"})");
    r = billing(sub3, use5, "USD", "billing", &refused);
    CHECK(r.status == "error");
    CHECK(r.error.rfind("access token (/api/user/self): HTTP 401: ", 0) == 0);
}

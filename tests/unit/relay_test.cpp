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

Record billing(const HttpResponse& sub, const HttpResponse& use, const std::string& unit = "USD")
{
    std::vector<Record> out;
    parse_relay_billing(base(), sub, use, unit, out);
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
    CHECK(err == "2: expected NAME BASE_URL [KEY_FILE]");
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
}

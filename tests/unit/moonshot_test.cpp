#include "providers/moonshot.h"

#include <doctest/doctest.h>

using namespace qw;

namespace {

std::vector<Record> parse(long status, const std::string& body, const std::string& unit = "USD",
                          const std::string& transport_error = "")
{
    Record base;
    base.ts = "2026-11-22T09:00:00Z";
    base.provider = "moonshot";
    base.account = "default";
    HttpResponse a;
    a.status = status;
    a.body = body;
    a.error = transport_error;
    std::vector<Record> out;
    parse_moonshot(base, a, unit, out);
    REQUIRE(out.size() == 1);
    return out;
}

}  // namespace

TEST_CASE("the documented success shape gives one balance record")
{
    auto r = parse(200, R"({"code":0,"data":{"available_balance":49.58894,"voucher_balance":46.58893,)"
                        R"("cash_balance":3.00001},"scode":"0x0","status":true})")[0];
    CHECK(r.status == "ok");
    CHECK(r.kind == "balance");
    CHECK(r.unit == "USD");
    CHECK(r.remaining == 49.58894);
    REQUIRE(r.parts.size() == 2);
    CHECK(r.parts[0].name == "voucher");
    CHECK(r.parts[0].value == 46.58893);
    CHECK(r.parts[1].value == 3.00001);
}

TEST_CASE("negative cash is kept; the unit is the region's")
{
    auto r = parse(200, R"({"code":0,"data":{"available_balance":2.5,"voucher_balance":2.5,)"
                        R"("cash_balance":-1.25},"scode":"0x0","status":true})", "CNY")[0];
    CHECK(r.status == "ok");
    CHECK(r.unit == "CNY");
    CHECK(r.parts[1].value == -1.25);
}

TEST_CASE("every failure shape is an error record with a one-line reason")
{
    auto r = parse(401, R"({"error":{"message":"Invalid Authentication","type":"invalid_authentication_error"}})")[0];
    CHECK(r.status == "error");
    CHECK(r.error == "HTTP 401: Invalid Authentication");
    r = parse(200, R"({"code":5,"error":{"message":"account suspended"},"status":false})")[0];
    CHECK(r.error == "provider answered code 5: account suspended");
    r = parse(502, "<html><body>Bad gateway</body></html>")[0];
    CHECK(r.error == "HTTP 502: not JSON");
    r = parse(200, "<html>\n<body>proxy login</body></html>")[0];
    CHECK(r.error.rfind("HTTP 200 but the body is not JSON", 0) == 0);
    CHECK(r.error.find('\n') == std::string::npos);
    r = parse(0, "", "USD", "Operation timed out after 2000 milliseconds with 1 bytes received")[0];
    CHECK(r.error.find("timed out") != std::string::npos);
    r = parse(200, R"({"code":0,"data":{},"status":true})")[0];
    CHECK(r.error == "no data.available_balance in the answer");
}

TEST_CASE("issue 25: a negative available_balance (arrears) is a real balance")
{
    auto r = parse(200, R"({"code":0,"data":{"available_balance":-3.2,"voucher_balance":0,)"
                        R"("cash_balance":-3.2},"scode":"0x0","status":true})")[0];
    CHECK(r.status == "ok");
    CHECK(r.error.empty());
    CHECK(r.remaining == -3.2);
    REQUIRE(r.parts.size() == 2);
    CHECK(r.parts[1].value == -3.2);
}

TEST_CASE("regions pick the host and the currency; --base-url keeps the currency")
{
    auto p = moonshot_provider("cn", "");
    CHECK(p.base_url == "https://api.moonshot.cn");
    auto rq = p.requests(p.base_url, "sk-x");
    REQUIRE(rq.size() == 1);
    CHECK(rq[0].url == "https://api.moonshot.cn/v1/users/me/balance");
    CHECK(rq[0].headers[0] == "Authorization: Bearer sk-x");
    CHECK(moonshot_provider("global", "").base_url == "https://api.moonshot.ai");
    CHECK(moonshot_provider("cn", "http://127.0.0.1:9").base_url == "http://127.0.0.1:9");
    CHECK_THROWS(moonshot_provider("eu", ""));
}

#include "providers/deepseek.h"

#include <doctest/doctest.h>

using namespace qw;

namespace {

std::vector<Record> deepseek(long status, const std::string& body,
                             const std::string& transport_error = "")
{
    Record base;
    base.ts = "2026-11-22T09:00:00Z";
    base.provider = "deepseek";
    base.account = "default";
    HttpResponse a;
    a.status = status;
    a.body = body;
    a.error = transport_error;
    std::vector<Record> out;
    parse_deepseek(base, a, out);
    return out;
}

}  // namespace

TEST_CASE("deepseek: the documented answer gives one CNY balance with its parts")
{
    auto out = deepseek(200, R"({"is_available":true,"balance_infos":[{"currency":"CNY",)"
                             R"("total_balance":"110.00","granted_balance":"10.00",)"
                             R"("topped_up_balance":"100.00"}]})");
    REQUIRE(out.size() == 1);
    const Record& r = out[0];
    CHECK(r.status == "ok");
    CHECK(r.kind == "balance");
    CHECK(r.unit == "CNY");
    CHECK(r.window.empty());            // issue 25: the currency is the unit only
    CHECK(r.remaining == 110.0);
    REQUIRE(r.parts.size() == 2);
    CHECK(r.parts[0].name == "voucher");
    CHECK(r.parts[0].value == 10.0);
    CHECK(r.parts[1].name == "cash");
    CHECK(r.parts[1].value == 100.0);
}

TEST_CASE("deepseek: two currencies are two series, never summed")
{
    auto out = deepseek(200, R"({"is_available":true,"balance_infos":[)"
                             R"({"currency":"CNY","total_balance":"5.00","granted_balance":"0",)"
                             R"("topped_up_balance":"5.00"},)"
                             R"({"currency":"USD","total_balance":2.5,"granted_balance":2.5,)"
                             R"("topped_up_balance":0}]})");
    REQUIRE(out.size() == 2);
    CHECK(out[0].unit == "CNY");
    CHECK(out[0].remaining == 5.0);
    CHECK(out[1].unit == "USD");
    CHECK(out[1].window.empty());
    CHECK(out[1].remaining == 2.5);
    CHECK(series_key(out[0]) != series_key(out[1]));
}

TEST_CASE("issue 25: no balance_infos and is_available false is a zero balance, not an error")
{
    auto out = deepseek(200, R"({"is_available":false,"balance_infos":[]})");
    REQUIRE(out.size() == 1);
    CHECK(out[0].status == "ok");
    CHECK(out[0].kind == "balance");
    CHECK(out[0].remaining == 0.0);
    CHECK(out[0].unit.empty());
    CHECK(out[0].error.empty());
}

TEST_CASE("deepseek: is_available false is an error even with money left")
{
    auto out = deepseek(200, R"({"is_available":false,"balance_infos":[{"currency":"USD",)"
                             R"("total_balance":"7.00","granted_balance":"7.00",)"
                             R"("topped_up_balance":"0.00"}]})");
    REQUIRE(out.size() == 1);
    CHECK(out[0].status == "error");
    CHECK(out[0].error.find("is_available is false") != std::string::npos);
    CHECK(out[0].remaining == 7.0);
    CHECK(out[0].unit == "USD");
}

TEST_CASE("deepseek: failure shapes are error records with one-line reasons")
{
    auto r = deepseek(401, R"({"error":{"message":"Authentication Fails, Your api key: ****abcd )"
                           R"(is invalid","type":"authentication_error","param":null,)"
                           R"("code":"invalid_request_error"}})")[0];
    CHECK(r.status == "error");
    CHECK(r.error == "HTTP 401: Authentication Fails, Your api key: ****abcd is invalid");
    r = deepseek(502, "<html>bad gateway</html>")[0];
    CHECK(r.error == "HTTP 502: not JSON");
    r = deepseek(0, "", "Operation timed out after 1000 milliseconds")[0];
    CHECK(r.error.find("timed out") != std::string::npos);
    r = deepseek(200, R"({"is_available":true,"balance_infos":[]})")[0];
    CHECK(r.error == "no balance_infos in the answer");
    auto out = deepseek(200, R"({"is_available":true,"balance_infos":[{"currency":"CNY"},)"
                             R"({"total_balance":"1"}]})");
    REQUIRE(out.size() == 2);
    CHECK(out[0].error == "CNY: no total_balance");
    CHECK(out[0].unit == "CNY");
    CHECK(out[1].error == "a balance_infos entry has no currency");
}

TEST_CASE("deepseek: the documented path and bearer header; --base-url replaces the host")
{
    auto p = deepseek_provider("");
    CHECK(p.base_url == "https://api.deepseek.com");
    auto rq = p.requests(p.base_url, "sk-x");
    REQUIRE(rq.size() == 1);
    CHECK(rq[0].url == "https://api.deepseek.com/user/balance");
    CHECK(rq[0].headers[0] == "Authorization: Bearer sk-x");
    CHECK(deepseek_provider("http://127.0.0.1:9").base_url == "http://127.0.0.1:9");
}

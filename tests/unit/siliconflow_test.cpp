#include "providers/siliconflow.h"

#include <doctest/doctest.h>

using namespace qw;

namespace {

Record siliconflow(long status, const std::string& body, const std::string& unit = "CNY")
{
    Record base;
    base.ts = "2026-11-22T09:00:00Z";
    base.provider = "siliconflow";
    base.account = "default";
    HttpResponse a;
    a.status = status;
    a.body = body;
    std::vector<Record> out;
    parse_siliconflow(base, a, unit, out);
    REQUIRE(out.size() == 1);
    return out[0];
}

}  // namespace

TEST_CASE("siliconflow: the documented answer gives the total with voucher and cash parts")
{
    auto r = siliconflow(200, R"({"code":20000,"message":"OK","status":true,"data":{"id":"u",)"
                              R"("name":"n","balance":"0.88","status":"normal",)"
                              R"("chargeBalance":"88.00","totalBalance":"88.88"}})");
    CHECK(r.status == "ok");
    CHECK(r.kind == "balance");
    CHECK(r.unit == "CNY");
    CHECK(r.remaining == 88.88);
    REQUIRE(r.parts.size() == 2);
    CHECK(r.parts[0].name == "voucher");     // data.balance, the gift
    CHECK(r.parts[0].value == 0.88);
    CHECK(r.parts[1].name == "cash");        // data.chargeBalance
    CHECK(r.parts[1].value == 88.0);
}

TEST_CASE("siliconflow: numbers as numbers; a missing total is the sum of its parts")
{
    auto r = siliconflow(200, R"({"code":20000,"data":{"balance":1.5,"chargeBalance":2,)"
                              R"("totalBalance":3.5}})", "USD");
    CHECK(r.remaining == 3.5);
    CHECK(r.unit == "USD");
    r = siliconflow(200, R"({"code":20000,"data":{"balance":"1.5","chargeBalance":"2"}})");
    CHECK(r.remaining == 3.5);
}

TEST_CASE("siliconflow: failure shapes are error records")
{
    auto r = siliconflow(401, R"("Api key is invalid")");
    CHECK(r.status == "error");
    CHECK(r.error == "HTTP 401: Api key is invalid");
    r = siliconflow(200, R"({"code":30001,"message":"account frozen","status":false,"data":null})");
    CHECK(r.error == "provider answered code 30001: account frozen");
    r = siliconflow(200, R"({"message":"OK"})");
    CHECK(r.error == "provider answered code ?: OK");
    r = siliconflow(200, R"({"code":20000,"data":{"status":"normal"}})");
    CHECK(r.error == "no data.totalBalance in the answer");
    r = siliconflow(503, "<html>maintenance</html>");
    CHECK(r.error == "HTTP 503: not JSON");
}

TEST_CASE("siliconflow: regions pick the host and the currency")
{
    auto p = siliconflow_provider("cn", "");
    CHECK(p.base_url == "https://api.siliconflow.cn");
    auto rq = p.requests(p.base_url, "sk-x");
    REQUIRE(rq.size() == 1);
    CHECK(rq[0].url == "https://api.siliconflow.cn/v1/user/info");
    CHECK(rq[0].headers[0] == "Authorization: Bearer sk-x");
    CHECK(siliconflow_provider("global", "").base_url == "https://api.siliconflow.com");
    CHECK_THROWS(siliconflow_provider("eu", ""));
}

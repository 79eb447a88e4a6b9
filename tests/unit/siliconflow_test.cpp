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

TEST_CASE("siliconflow: HTTP 410 (the endpoint retired) is status na naming the retirement")
{
    auto r = siliconflow(410, R"({"code":410,"message":"Gone"})");
    CHECK(r.status == "na");
    CHECK(r.kind == "balance");
    CHECK(r.error.empty());
    CHECK(r.reason.find("retired") != std::string::npos);
    CHECK(r.reason.find("2026-08-14") != std::string::npos);
    r = siliconflow(410, "");
    CHECK(r.status == "na");
}

TEST_CASE("siliconflow: regions pick the host and the currency")
{
    auto p = siliconflow_provider("global", "");
    CHECK(p.base_url == "https://api.siliconflow.com");
    auto rq = p.requests(p.base_url, "sk-x");
    REQUIRE(rq.size() == 1);
    CHECK(rq[0].url == "https://api.siliconflow.com/v1/user/info");
    CHECK(rq[0].headers[0] == "Authorization: Bearer sk-x");
    CHECK_THROWS(siliconflow_provider("eu", ""));
}

TEST_CASE("siliconflow: region cn asks nothing and says the endpoint was retired on 2026-08-14")
{
    for (std::string base : {"", "http://127.0.0.1:1"}) {
        auto p = siliconflow_provider("cn", base);
        CHECK(p.requests(p.base_url, "sk-x").empty());
        Record b;
        b.provider = "siliconflow";
        b.account = "default";
        std::vector<Record> out;
        p.parse(b, {}, out);
        REQUIRE(out.size() == 1);
        CHECK(out[0].status == "na");
        CHECK(out[0].unit == "CNY");
        CHECK(out[0].reason.find("2026-08-14") != std::string::npos);
    }
}

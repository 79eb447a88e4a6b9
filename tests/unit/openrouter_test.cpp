#include "providers/openrouter.h"

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

std::vector<Record> openrouter(const std::vector<HttpResponse>& answers)
{
    Record base;
    base.ts = "2026-11-22T09:00:00Z";
    base.provider = "openrouter";
    base.account = "default";
    std::vector<Record> out;
    parse_openrouter(base, answers, out);
    return out;
}

const char* key_body = R"({"data":{"label":"sk-or-v1-au7...890","limit":100,)"
                       R"("limit_remaining":74.5,"limit_reset":"monthly","usage":25.5,)"
                       R"("usage_daily":1.25,"usage_weekly":6.5,"usage_monthly":25.5,)"
                       R"("byok_usage":17.38,"is_free_tier":false,)"
                       R"("rate_limit":{"requests":1000,"interval":"1h"}}})";

}  // namespace

TEST_CASE("openrouter: /credits gives a USD balance of credits minus usage")
{
    auto out = openrouter({answer(200, R"({"data":{"total_credits":100.5,"total_usage":25.75}})")});
    REQUIRE(out.size() == 1);
    CHECK(out[0].status == "ok");
    CHECK(out[0].kind == "balance");
    CHECK(out[0].unit == "USD");
    CHECK(out[0].remaining == 74.75);
    CHECK(out[0].used == 25.75);
    out = openrouter({answer(200, R"({"data":{"total_credits":10.1,"total_usage":10.3}})")});
    CHECK(out[0].remaining == -0.2);
}

TEST_CASE("openrouter: /key gives the cap as a budget and the spend per window")
{
    auto out = openrouter({answer(200, R"({"data":{"total_credits":100,"total_usage":25.5}})"),
                           answer(200, key_body)});
    REQUIRE(out.size() == 6);
    CHECK(out[0].kind == "balance");
    const Record& b = out[1];
    CHECK(b.kind == "budget");
    CHECK(b.window == "monthly");
    CHECK(b.limit == 100.0);
    CHECK(b.remaining == 74.5);
    CHECK(b.used == 25.5);
    CHECK(b.unit == "USD");
    std::string windows;
    for (size_t i = 2; i < out.size(); ++i) {
        CHECK(out[i].kind == "spend");
        CHECK(out[i].unit == "USD");
        windows += out[i].window + "=" + std::to_string(*out[i].used).substr(0, 4) + " ";
    }
    CHECK(windows == "daily=1.25 weekly=6.50 monthly=25.5 total=25.5 ");
}

TEST_CASE("openrouter: an unlimited key and the older /key shape")
{
    auto out = openrouter({answer(200, R"({"data":{"total_credits":5,"total_usage":1}})"),
                           answer(200, R"({"data":{"label":"k","limit":null,"usage":3.5,)"
                                       R"("is_provisioning_key":false,"limit_remaining":null,)"
                                       R"("is_free_tier":true,"rate_limit":{"requests":20,)"
                                       R"("interval":"10s"}}})")});
    REQUIRE(out.size() == 2);
    CHECK(out[1].kind == "spend");
    CHECK(out[1].window == "total");
    CHECK(out[1].used == 3.5);
}

TEST_CASE("openrouter: /credits refused with 403 falls back to /key alone")
{
    auto out = openrouter({answer(403, R"({"error":{"code":403,"message":"Only management keys )"
                                       R"(can perform this operation"}})"),
                           answer(200, key_body)});
    REQUIRE(out.size() == 5);
    CHECK(out[0].kind == "budget");
    for (const Record& r : out)
        CHECK(r.status == "ok");
}

TEST_CASE("openrouter: failure shapes are error records")
{
    auto out = openrouter({answer(401, R"({"error":{"code":401,"message":"Missing Authentication )"
                                       R"(header"}})")});
    REQUIRE(out.size() == 1);
    CHECK(out[0].error == "/credits: HTTP 401: Missing Authentication header");
    out = openrouter({answer(403, R"({"error":{"code":403,"message":"forbidden"}})"),
                      answer(401, R"({"error":{"code":401,"message":"User not found."}})")});
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == "spend");
    CHECK(out[0].error == "/key: HTTP 401: User not found.");
    out = openrouter({answer(200, R"({"data":{}})")});
    CHECK(out[0].error == "no data.total_credits and data.total_usage in the answer");
    out = openrouter({answer(200, R"({"data":{"total_credits":1,"total_usage":0}})"),
                      answer(200, R"({"data":{}})")});
    REQUIRE(out.size() == 2);
    CHECK(out[1].error == "/key: no data.limit or data.usage in the answer");
    out = openrouter({answer(502, "<html>bad gateway</html>")});
    CHECK(out[0].error == "/credits: HTTP 502: not JSON");
}

TEST_CASE("openrouter: /key is asked by option, or after a 403 from /credits")
{
    auto p = openrouter_provider("", false);
    CHECK(p.base_url == "https://openrouter.ai");
    auto rq = p.requests(p.base_url, "sk-or-x");
    REQUIRE(rq.size() == 1);
    CHECK(rq[0].url == "https://openrouter.ai/api/v1/credits");
    CHECK(rq[0].headers[0] == "Authorization: Bearer sk-or-x");
    CHECK(p.more(p.base_url, "sk-or-x", {answer(200, "{}")}).empty());
    CHECK(p.more(p.base_url, "sk-or-x", {answer(401, "{}")}).empty());
    auto next = p.more(p.base_url, "sk-or-x", {answer(403, "{}")});
    REQUIRE(next.size() == 1);
    CHECK(next[0].url == "https://openrouter.ai/api/v1/key");
    CHECK(p.more(p.base_url, "sk-or-x", {answer(403, "{}"), answer(200, "{}")}).empty());
    rq = openrouter_provider("http://127.0.0.1:9", true).requests("http://127.0.0.1:9", "k");
    REQUIRE(rq.size() == 2);
    CHECK(rq[1].url == "http://127.0.0.1:9/api/v1/key");
}

#include "providers/kimi_code.h"

#include <doctest/doctest.h>

using namespace qw;

namespace {

std::vector<Record> parse(long status, const std::string& body, const std::string& transport = "")
{
    Record base;
    base.ts = "2026-11-22T09:00:00Z";
    base.provider = "kimi-code";
    base.account = "default";
    HttpResponse a;
    a.status = status;
    a.body = body;
    a.error = transport;
    std::vector<Record> out;
    parse_kimi_code(base, a, out);
    REQUIRE(!out.empty());
    return out;
}

}  // namespace

TEST_CASE("kimi-code: the documented answer gives a weekly and a 5h record")
{
    auto r = parse(200, R"({"usage":{"limit":"2048","used":"214","remaining":"1834",
        "resetTime":"2026-01-09T15:23:13.716839300Z"},
        "limits":[{"window":{"duration":300,"timeUnit":"TIME_UNIT_MINUTE"},
        "detail":{"limit":"200","used":"139","remaining":"61","resetTime":"2026-01-06T13:33:02.717479433Z"}}]})");
    REQUIRE(r.size() == 2);
    CHECK(r[0].status == "ok");
    CHECK(r[0].provider == "kimi-code");
    CHECK(r[0].kind == "quota");
    CHECK(r[0].window == "weekly");
    CHECK(r[0].unit == "requests");
    CHECK(r[0].limit == 2048);
    CHECK(r[0].used == 214);
    CHECK(r[0].remaining == 1834);
    CHECK(r[0].used_pct == 10.45);
    CHECK(r[0].resets_at == "2026-01-09T15:23:13Z");
    CHECK(r[1].window == "5h");
    CHECK(r[1].used == 139);
    CHECK(r[1].remaining == 61);
    CHECK(r[1].used_pct == 69.5);
    CHECK(r[1].resets_at == "2026-01-06T13:33:02Z");
}

TEST_CASE("kimi-code: numbers as numbers, used from limit - remaining, reset aliases")
{
    auto r = parse(200, R"({"usage":{"limit":1024,"remaining":1000,"resetAt":"2026-01-09T15:23:13Z"},
        "limits":[{"window":{"duration":5,"timeUnit":"TIME_UNIT_HOUR"},
                   "detail":{"limit":200,"used":210,"reset_at":"2026-01-06T13:33:02+08:00"}}]})");
    REQUIRE(r.size() == 2);
    CHECK(r[0].used == 24);
    CHECK(r[0].remaining == 1000);
    CHECK(r[0].resets_at == "2026-01-09T15:23:13Z");
    CHECK(r[1].window == "5h");
    CHECK(r[1].used == 210);
    CHECK(r[1].remaining == 0);
    CHECK(r[1].used_pct == 105);
    CHECK(r[1].resets_at == "2026-01-06T05:33:02Z");
}

TEST_CASE("kimi-code: windows named from their length")
{
    CHECK(kimi_code_window(300 * 60) == "5h");
    CHECK(kimi_code_window(7 * 86400) == "weekly");
    CHECK(kimi_code_window(14 * 86400) == "2w");
    CHECK(kimi_code_window(86400) == "daily");
    CHECK(kimi_code_window(3 * 86400) == "3d");
    CHECK(kimi_code_window(90 * 60) == "90m");
    CHECK(kimi_code_window(45) == "45s");
    auto r = parse(200, R"({"limits":[{"detail":{"limit":10,"used":1}},
        {"window":{"duration":1,"timeUnit":"TIME_UNIT_DAY"},"detail":{"limit":10,"used":2}},
        {"duration":1,"timeUnit":"TIME_UNIT_DAY","limit":10,"used":3}]})");
    REQUIRE(r.size() == 3);
    CHECK(r[0].window == "limit-1");
    CHECK(r[1].window == "daily");
    CHECK(r[2].window == "daily-3");
    CHECK(r[2].used == 3);
}

TEST_CASE("kimi-code: every failure shape is an error record with a one-line reason")
{
    auto r = parse(401, R"({"error":"unauthorized"})");
    REQUIRE(r.size() == 1);
    CHECK(r[0].status == "error");
    CHECK(r[0].kind == "quota");
    CHECK(r[0].error == "HTTP 401: unauthorized");
    CHECK(parse(200, R"({"error":{"message":"membership expired"}})")[0].error ==
          "no usage in the answer: membership expired");
    CHECK(parse(200, R"({"usage":{}})")[0].error == "no usage in the answer");
    CHECK(parse(502, "<html><body>Bad gateway</body></html>")[0].error == "HTTP 502: not JSON");
    CHECK(parse(0, "", "Operation timed out after 1000 milliseconds")[0].error.find("timed out") !=
          std::string::npos);
}

TEST_CASE("kimi-code: the host, the path, a bearer key; Kimi CLI's base URL is accepted")
{
    auto p = kimi_code_provider("");
    CHECK(p.name == "kimi-code");
    CHECK(p.key_env == "KIMI_CODE_API_KEY");
    CHECK(p.error_kind == "quota");
    CHECK(p.base_url == "https://api.kimi.com");
    auto rq = p.requests(p.base_url, "sk-kimi");
    REQUIRE(rq.size() == 1);
    CHECK(rq[0].url == "https://api.kimi.com/coding/v1/usages");
    CHECK(rq[0].headers[0] == "Authorization: Bearer sk-kimi");
    CHECK(kimi_code_provider("https://api.kimi.com/coding/v1/").base_url == "https://api.kimi.com");
    CHECK(kimi_code_provider("http://127.0.0.1:9").base_url == "http://127.0.0.1:9");
    CHECK_THROWS(kimi_code_provider("http://127.0.0.1:9/v1"));
}

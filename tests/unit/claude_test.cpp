#include "providers/claude.h"

#include "timeutil.h"

#include <doctest/doctest.h>

#include <cstdlib>

using namespace qw;

namespace {

const int64_t now_ = *parse_rfc3339("2026-11-22T09:00:00Z");

Record base_record(const char* provider)
{
    Record base;
    base.ts = "2026-11-22T09:00:00Z";
    base.provider = provider;
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

std::vector<Record> usage(long status, const std::string& body, const std::string& retry = "")
{
    HttpResponse a = answer(status, body);
    a.retry_after = retry;
    std::vector<Record> out;
    parse_claude_usage(base_record("claude"), a, out);
    return out;
}

std::vector<Record> costs(const std::vector<HttpResponse>& pages)
{
    std::vector<Record> out;
    parse_anthropic_costs(base_record("anthropic"), pages, now_, out);
    return out;
}

std::string bucket(const char* day, const std::string& results)
{
    return std::string(R"({"starting_at":")") + day + R"(T00:00:00Z","ending_at":"x","results":[)" +
           results + "]}";
}

}  // namespace

TEST_CASE("claude: the usage windows are quotas in percent used with their resets")
{
    auto out = usage(200, R"({"five_hour":{"utilization":37.0,"resets_at":)"
                          R"("2026-03-10T04:59:59.000000+00:00"},"seven_day":{"utilization":26.0,)"
                          R"("resets_at":"2026-03-15T14:59:59.771647+00:00"},"seven_day_opus":null,)"
                          R"("seven_day_sonnet":{"utilization":1.0,"resets_at":)"
                          R"("2026-03-16T20:59:59.771655+00:00"},"seven_day_oauth_apps":null,)"
                          R"("extra_usage":{"is_enabled":false,"monthly_limit":null,)"
                          R"("used_credits":null,"utilization":null},"limits":[]})");
    REQUIRE(out.size() == 3);
    CHECK(out[0].kind == "quota");
    CHECK(out[0].window == "5h");
    CHECK(out[0].unit == "%");
    CHECK(out[0].used_pct == 37.0);
    CHECK(out[0].resets_at == "2026-03-10T04:59:59Z");
    CHECK(out[1].window == "weekly");
    CHECK(out[1].resets_at == "2026-03-15T14:59:59Z");
    CHECK(out[2].window == "weekly-sonnet");
    CHECK(out[2].used_pct == 1.0);
    for (const Record& r : out)
        CHECK(r.status == "ok");
}

TEST_CASE("claude: an idle window has no reset; the opus window is read too")
{
    auto out = usage(200, R"({"five_hour":{"utilization":0,"resets_at":null},)"
                          R"("seven_day_opus":{"utilization":"12.5"}})");
    REQUIRE(out.size() == 2);
    CHECK(out[0].resets_at.empty());
    CHECK(out[1].window == "weekly-opus");
    CHECK(out[1].used_pct == 12.5);
}

TEST_CASE("claude: failure shapes say what to do")
{
    auto r = usage(401, R"({"type":"error","error":{"type":"authentication_error",)"
                        R"("message":"OAuth token has expired"}})")[0];
    CHECK(r.status == "error");
    CHECK(r.kind == "quota");
    CHECK(r.error == "HTTP 401: OAuth token has expired (run claude to log in again)");
    r = usage(429, R"({"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"}})",
              "120")[0];
    CHECK(r.error == "HTTP 429: Rate limited (retry after 120)");
    r = usage(403, R"({"type":"error","error":{"type":"permission_error","message":"no"}})")[0];
    CHECK(r.error.find("user:profile") != std::string::npos);
    r = usage(200, R"({"five_hour":null,"seven_day":null})")[0];
    CHECK(r.error == "no usage window in the answer");
    r = usage(200, "<html>login</html>")[0];
    CHECK(r.error.rfind("HTTP 200 but the body is not JSON", 0) == 0);
}

TEST_CASE("claude: Claude Code's credentials give the access token, never a stale one")
{
    Account a{"default", R"({"claudeAiOauth":{"accessToken":"sk-ant-oat01-x","refreshToken":"r",)"
                         R"("expiresAt":1795338000000,"scopes":["user:profile"]}})", "", ""};
    claude_token(a, now_);
    CHECK(a.error.empty());
    CHECK(a.secret == "sk-ant-oat01-x");
    Account raw{"work", "sk-ant-oat01-raw", "", ""};
    claude_token(raw, now_);
    CHECK(raw.secret == "sk-ant-oat01-raw");
    Account old{"default", R"({"claudeAiOauth":{"accessToken":"sk-ant-oat01-y",)"
                           R"("expiresAt":1763800000000}})", "", ""};
    claude_token(old, now_);
    CHECK(old.secret.empty());
    CHECK(old.error == "the Claude Code token expired at 2025-11-22T08:26:40Z; run claude to "
                       "refresh it");
    Account none{"default", R"({"other":{}})", "", ""};
    claude_token(none, now_);
    CHECK(none.secret.empty());
    CHECK(none.error == "no claudeAiOauth.accessToken in the Claude Code credentials");
}

TEST_CASE("anthropic: cents as decimal strings, summed for today and the month")
{
    auto out = costs({answer(200, R"({"data":[)" +
                                      bucket("2026-11-01", R"({"currency":"USD","amount":"123.45"})") +
                                      "," +
                                      bucket("2026-11-21", R"({"currency":"USD","amount":"1000"},)"
                                                           R"({"currency":"USD","amount":"0.5"})") +
                                      "," + bucket("2026-11-22", R"({"currency":"USD","amount":"250"})") +
                                      "," + bucket("2026-11-23", "") +
                                      R"(],"has_more":false,"next_page":null})")});
    REQUIRE(out.size() == 2);
    CHECK(out[0].kind == "spend");
    CHECK(out[0].window == "daily");
    CHECK(out[0].unit == "USD");
    CHECK(out[0].used == 2.5);
    CHECK(out[0].resets_at == "2026-11-23T00:00:00Z");
    CHECK(out[1].window == "monthly");
    CHECK(out[1].used == 13.7395);
    CHECK(out[1].resets_at == "2026-12-01T00:00:00Z");
}

TEST_CASE("anthropic: pages are summed; a page cut short or an error is an error record")
{
    auto page1 = answer(200, R"({"data":[)" + bucket("2026-11-02", R"({"amount":"100"})") +
                                 R"(],"has_more":true,"next_page":"page_2"})");
    auto page2 = answer(200, R"({"data":[)" + bucket("2026-11-22", R"({"amount":"50"})") +
                                 R"(],"has_more":false,"next_page":null})");
    auto out = costs({page1, page2});
    REQUIRE(out.size() == 2);
    CHECK(out[0].used == 0.5);
    CHECK(out[1].used == 1.5);
    out = costs({page1});
    REQUIRE(out.size() == 1);
    CHECK(out[0].error == "the cost report has more than 12 pages");
    out = costs({page1, answer(401, R"({"type":"error","error":{"type":"authentication_error",)"
                                    R"("message":"invalid x-api-key"}})")});
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == "spend");
    CHECK(out[0].error == "cost report: HTTP 401: invalid x-api-key");
    out = costs({answer(200, R"({"data":[)" + bucket("2026-11-22", R"({"currency":"EUR","amount":"1"})") +
                                 "]}")});
    CHECK(out[0].error == "cost report in EUR, not USD");
    out = costs({answer(200, R"({"data":[)" + bucket("2026-11-22", R"({"currency":"USD"})") + "]}")});
    CHECK(out[0].error == "a cost report result has no amount");
    out = costs({answer(200, R"({"type":"error"})")});
    CHECK(out[0].error == "no data in the cost report");
}

TEST_CASE("anthropic: the cost report from the month's start, then the next page's cursor")
{
    auto p = anthropic_admin_provider("", now_);
    CHECK(p.name == "anthropic");
    auto rq = p.requests(p.base_url, "sk-ant-admin01-x");
    REQUIRE(rq.size() == 1);
    CHECK(rq[0].url == "https://api.anthropic.com/v1/organizations/cost_report?starting_at="
                       "2026-11-01T00%3A00%3A00Z&bucket_width=1d&limit=31");
    CHECK(rq[0].headers[0] == "x-api-key: sk-ant-admin01-x");
    CHECK(rq[0].headers[1] == "anthropic-version: 2023-06-01");
    auto next = p.more(p.base_url, "k", {answer(200, R"({"data":[],"has_more":true,)"
                                                     R"("next_page":"a+b/c="})")});
    REQUIRE(next.size() == 1);
    CHECK(next[0].url == rq[0].url + "&page=a%2Bb%2Fc%3D");
    CHECK(p.more(p.base_url, "k", {answer(200, R"({"data":[],"has_more":false})")}).empty());
    CHECK(p.more(p.base_url, "k", {answer(500, R"({"has_more":true,"next_page":"x"})")}).empty());
    auto o = claude_oauth_provider("http://127.0.0.1:9");
    auto orq = o.requests(o.base_url, "tok");
    CHECK(orq[0].url == "http://127.0.0.1:9/api/oauth/usage");
    CHECK(orq[0].headers[1] == "anthropic-beta: oauth-2025-04-20");
}

TEST_CASE("claude: limits[] gives the model windows; extra_usage is this month's spend")
{
    // The revised shape (providers.md R8): flat windows, limits[], extra_usage in cents.
    auto out = usage(200, R"({"five_hour":{"utilization":37.0,"resets_at":null},)"
                          R"("seven_day":{"utilization":26.0,"resets_at":null},)"
                          R"("seven_day_opus":{"utilization":90.0},)"
                          R"("seven_day_sonnet":{"utilization":1.0},)"
                          R"("limits":[{"kind":"session","group":"all","percent":37,)"
                          R"("resets_at":null,"scope":null,"is_active":true},)"
                          R"({"kind":"weekly_scoped","group":"model","percent":12.5,)"
                          R"("resets_at":"2026-11-25T14:59:59.771647+00:00",)"
                          R"("scope":{"model":{"id":"claude-opus-4-5","display_name":"Opus"}},)"
                          R"("is_active":true},)"
                          R"({"kind":"weekly_scoped","percent":3,)"
                          R"("scope":{"model":{"id":"claude-fable-1"}}}],)"
                          R"("extra_usage":{"is_enabled":true,"monthly_limit":5000,)"
                          R"("used_credits":1234,"utilization":24.68,"currency":"USD"}})");
    REQUIRE(out.size() == 6);
    CHECK(out[0].window == "5h");
    CHECK(out[1].window == "weekly");
    CHECK(out[2].window == "weekly-sonnet");     // no scoped entry: the flat field
    CHECK(out[2].used_pct == 1.0);
    CHECK(out[3].window == "weekly-opus");       // limits[] replaces seven_day_opus
    CHECK(out[3].used_pct == 12.5);
    CHECK(out[3].resets_at == "2026-11-25T14:59:59Z");
    CHECK(out[4].window == "weekly-claude-fable-1");
    CHECK(out[4].used_pct == 3);
    const Record& extra = out[5];
    CHECK(extra.kind == "spend");
    CHECK(extra.window == "monthly");
    CHECK(extra.unit == "USD");
    CHECK(extra.used == 12.34);
    CHECK(extra.limit == 50);
    CHECK(extra.remaining == 37.66);
    CHECK(extra.used_pct == 24.68);
    CHECK(extra.status == "ok");
    // Extra usage off: no spend record.
    out = usage(200, R"({"five_hour":{"utilization":1},"extra_usage":{"is_enabled":false,)"
                     R"("monthly_limit":null,"used_credits":null,"utilization":null}})");
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == "quota");
}

TEST_CASE("claude: User-Agent claude-code/2.1.0, or CLAUDE_USER_AGENT")
{
    auto agent = [] {
        const auto rq = claude_oauth_provider("").requests("http://127.0.0.1:9", "tok");
        for (const std::string& h : rq.at(0).headers)
            if (h.rfind("User-Agent: ", 0) == 0)
                return h;
        return std::string();
    };
    ::unsetenv("CLAUDE_USER_AGENT");
    CHECK(agent() == "User-Agent: claude-code/2.1.0");
    ::setenv("CLAUDE_USER_AGENT", "claude-code/2.3.7", 1);
    CHECK(agent() == "User-Agent: claude-code/2.3.7");
    ::setenv("CLAUDE_USER_AGENT", "claude-code/2\r\nX-Evil: 1", 1);
    CHECK_THROWS(claude_oauth_provider(""));
    ::unsetenv("CLAUDE_USER_AGENT");
}

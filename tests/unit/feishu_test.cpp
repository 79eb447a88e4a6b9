#include "channels/feishu.h"

#include "channels/crypto.h"
#include "json.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>

using namespace qw;

namespace {

HttpResponse answer(long status, const std::string& body)
{
    HttpResponse a;
    a.status = status;
    a.body = body;
    return a;
}

Item account(const std::string& name, double remaining, double used)
{
    Item it;
    Record& r = it.record;
    r.ts = "2026-11-22T09:00:00Z";
    r.provider = "relay";
    r.account = name;
    r.kind = "balance";
    r.unit = "USD";
    r.remaining = remaining;
    r.used = used;
    r.limit = remaining + used;
    r.status = "ok";
    r.level = "ok";
    return it;
}

Json parsed(const std::string& body)
{
    Json j;
    std::string err;
    REQUIRE(parse_json(body, j, &err));
    return j;
}

}  // namespace

TEST_CASE("the signature matches the worked vectors of notifiers.md")
{
    CHECK(feishu_sign("demo", "100") == "jquNHnVOwmDRfw+vqTIrY5dooJAgi5EcRtLsQE4wfXg=");
    CHECK(feishu_sign("demo", "1599360473") == "l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=");
    CHECK(base64("") == "");
    CHECK(base64("ab") == "YWI=");
    CHECK(random_hex(8).size() == 16);
}

TEST_CASE("a signed body carries timestamp and sign at the top level")
{
    Json j = parsed(feishu_text_body("hello \"there\"", "demo", "1599360473"));
    CHECK(j.get("timestamp")->text == "1599360473");
    CHECK(j.get("sign")->text == "l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=");
    CHECK(j.get("msg_type")->text == "text");
    CHECK(j.at({"content", "text"})->text == "hello \"there\"");
    Json unsigned_body = parsed(feishu_text_body("x", "", "1"));
    CHECK_FALSE(unsigned_body.get("sign"));
    CHECK_FALSE(unsigned_body.get("timestamp"));
}

TEST_CASE("seed 002's report: title with the time, accounts, usage, totals")
{
    setenv("TZ", "Asia/Shanghai", 1);
    tzset();
    Item one = account("账户名称1", 12.5, 7.5);
    one.usage = Usage{0.1234, 12 * 3600 + 5 * 60};
    Item two;
    two.record = account("账户名称2", 0, 0).record;
    two.record.remaining.reset();
    two.record.status = "error";
    two.record.error = "HTTP 401: Invalid Authentication";
    Item low = account("账户名称3", 4, 16);
    low.record.level = "warning";
    low.record.threshold = "remaining<=5";
    Report rep;
    rep.items = {one, two, low};
    rep.now = 1795338000;
    FeishuPost post = feishu_report(rep);
    CHECK(post.title == "【💵API 余额监控时报】2026-11-22 17:00:00");
    const std::vector<std::string> want = {
        "✅ 账户名称1", "剩余：$12.50", "已用：$7.50",
        "在过去的 12 小时 5 分钟用量为：$0.1234", "总额：$20.00", "",
        "❌ 账户名称2", "查询失败：HTTP 401: Invalid Authentication", "",
        "✅ 账户名称3", "剩余：$4.00", "已用：$16.00", "首次报告，暂无时段用量", "总额：$20.00",
        "⚠️ 余额偏低（阈值：<= $5.00）", "",
        "总剩余：$16.50"};
    REQUIRE(post.lines.size() == want.size() + 1);
    for (size_t i = 0; i < want.size(); ++i)
        CHECK(post.lines[i] == want[i]);
    setenv("TZ", "UTC", 1);
    tzset();
}

TEST_CASE("seed 002's rows: the account alone; the provider for a default account or a shared name")
{
    Item a = account("主账号", 1, 0), b = account("主账号", 2, 0), kimi = account("default", 3, 0),
         alone = account("备用", 4, 0);
    b.record.provider = "moonshot";
    kimi.record.provider = "moonshot";
    Report rep;
    rep.items = {a, b, kimi, alone};
    std::vector<std::string> rows;
    for (const std::string& line : feishu_report(rep).lines)
        if (line.rfind("✅ ", 0) == 0)
            rows.push_back(line);
    CHECK(rows == std::vector<std::string>{"✅ Relay (主账号)", "✅ Kimi (主账号)", "✅ Kimi",
                                           "✅ 备用"});
}

TEST_CASE("totals per currency; usage in four places")
{
    Report rep;
    Item usd = account("a", 10, 0), cny = account("b", 20, 0);
    cny.record.unit = "CNY";
    rep.items = {usd, cny};
    CHECK(total_line(rep) == "总剩余：$10.00 + ¥20.00");
    CHECK(total_line(Report{}) == "总剩余：无");
    CHECK(usage_line(Usage{2, 59}, "CNY") == "在过去的 0 小时 0 分钟用量为：¥2.0000");
}

TEST_CASE("the body stays within 20 KB and says what it left out")
{
    FeishuPost post{"【💵API 余额监控时报】", {}};
    for (int i = 0; i < 2000; ++i)
        post.lines.push_back("✅ Relay (account " + std::to_string(i) + ")");
    post.lines.push_back("总剩余：$1.00");
    post.lines.push_back("注：...");
    std::string body = feishu_post_body(post, "demo", "100");
    CHECK(body.size() <= 20000);
    Json j = parsed(body);
    const Json* content = j.at({"content", "post", "zh_cn", "content"});
    REQUIRE(content);
    REQUIRE(content->items.size() > 3);
    auto text = [&](size_t from_end) {
        return content->items[content->items.size() - from_end].items[0].get("text")->text;
    };
    CHECK(text(1) == "注：...");
    CHECK(text(2) == "总剩余：$1.00");
    CHECK(text(3).rfind("……另有 ", 0) == 0);
    CHECK(feishu_post_body(FeishuPost{"t", {"a", "b"}}, "", "1").size() < 200);
}

TEST_CASE("answers: code 0 in HTTP 200 only; 11232 retried; other codes fail with meaning")
{
    CHECK(feishu_outcome(answer(200, R"({"StatusCode":0,"StatusMessage":"success","code":0,"data":{},"msg":"success"})"))
              .result == Attempt::Result::sent);
    Attempt sign = feishu_outcome(answer(200, R"({"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"})"));
    CHECK(sign.result == Attempt::Result::failed);
    CHECK(sign.error ==
          "HTTP 200: code 19021 (sign match fail or timestamp is not within one hour from current "
          "time): the signature is wrong or the clock is off by more than an hour; check "
          "FEISHU_SECRET and the clock");
    CHECK(feishu_outcome(answer(200, R"({"code":19022,"msg":"Ip Not Allowed"})")).error.find("allow-list") != std::string::npos);
    CHECK(feishu_outcome(answer(200, R"({"code":19024,"msg":"Key Words Not Found"})")).result == Attempt::Result::failed);
    Attempt limited = feishu_outcome(answer(200, R"({"code":11232,"msg":"frequency limited"})"));
    CHECK(limited.result == Attempt::Result::retry);
    CHECK(feishu_outcome(answer(400, R"({"code":9499,"msg":"Bad Request"})")).result == Attempt::Result::failed);
    CHECK(feishu_outcome(answer(500, "<html>oops</html>")).result == Attempt::Result::retry);
    CHECK(feishu_outcome(answer(200, "ok")).result == Attempt::Result::failed);
    CHECK(feishu_outcome(answer(200, R"({"msg":"success"})")).error == "HTTP 200: no code in the answer");
    CHECK(feishu_outcome(answer(201, R"({"code":0})")).result == Attempt::Result::failed);
    CHECK(feishu_outcome(answer(200, R"({"StatusCode":0})")).result == Attempt::Result::sent);
}

TEST_CASE("the dry run hides the webhook and the secret")
{
    FeishuChannel c("https://open.feishu.cn/open-apis/bot/v2/hook/tok-123", "s3cret-value",
                    DeliveryOptions{});
    c.compose_test("notify-feishu");
    std::string shown = c.describe();
    CHECK(shown.rfind("POST https://open.feishu.cn/[redacted]\n", 0) == 0);
    CHECK(shown.find("tok-123") == std::string::npos);
    CHECK(shown.find("s3cret-value") == std::string::npos);
    CHECK(shown.find("\"sign\":") != std::string::npos);
}

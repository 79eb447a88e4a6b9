#include "render.h"

#include "display.h"
#include "timeutil.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <sstream>

using namespace qw;

namespace {

Record rec(const std::string& provider, const std::string& unit, std::optional<double> used,
           std::optional<double> remaining, const std::string& level)
{
    Record r;
    r.ts = "2026-02-12T16:30:00Z";
    r.provider = provider;
    r.account = "default";
    r.kind = "balance";
    r.unit = unit;
    r.used = used;
    r.remaining = remaining;
    r.status = "ok";
    r.level = level;
    return r;
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        out.push_back(l);
    return out;
}

void utc()
{
    setenv("TZ", "UTC", 1);
    tzset();
}

}  // namespace

TEST_CASE("display width counts CJK and emoji as two columns")
{
    CHECK(display_width("GLM") == 3);
    CHECK(display_width("GLM (智谱)") == 10);
    CHECK(display_width("✅") == 2);
    CHECK(display_width("⚠️") == 2);
    CHECK(display_width("ℹ️") == 2);
    CHECK(display_width("─") == 1);
}

TEST_CASE("one_line flattens and shortens without cutting a character")
{
    CHECK(one_line("a\nb\tc") == "a b c");
    std::string long_cjk;
    for (int i = 0; i < 100; ++i)
        long_cjk += "智";
    std::string s = one_line(long_cjk);
    CHECK(s.size() <= 203);
    CHECK(s.substr(s.size() - 3) == "...");
    CHECK(s.size() % 3 == 0);
}

TEST_CASE("seed 003's table: columns line up by display width")
{
    utc();
    Record anthropic = rec("anthropic", "", {}, {}, "info");
    anthropic.status = "na";
    Record glm = rec("glm", "CNY", 180, 20, "warning");
    glm.threshold = "remaining_pct<10";
    Record minimax = rec("minimax", "CNY", 50, 950, "ok");
    std::string t = render_table({anthropic, glm, minimax}, 0);
    auto l = lines(t);
    REQUIRE(l.size() == 8);
    CHECK(l[0] == "=== AI API Usage Monitor ===");
    CHECK(l[1] == "Provider        Status    Used        Remaining   Alert");
    CHECK(l[3] == "Anthropic       ℹ️ N/A    (subscription)");
    CHECK(l[4] == "GLM (智谱)      ⚠️ LOW    ¥180.00     ¥20.00      < 10%");
    CHECK(l[5] == "MiniMax         ✅ OK     ¥50.00      ¥950.00");
    CHECK(l[7] == "Last check: 2026-02-12 16:30:00 UTC");
    CHECK(display_width(l[4].substr(0, l[4].find("¥20"))) == display_width(l[1].substr(0, l[1].find("Remaining"))));
}

TEST_CASE("the table sums balances per currency, never across currencies")
{
    utc();
    Record kimi = rec("moonshot", "USD", {}, 12.34, "ok");
    Record deepseek_cny = rec("deepseek", "CNY", {}, 3.5, "ok");
    Record deepseek_usd = rec("deepseek", "USD", {}, 20, "ok");
    Record minimax = rec("minimax", "CNY", 50, 950, "ok");
    Record glm_quota = rec("glm", "tokens", 100, 900, "ok");
    glm_quota.kind = "quota";
    Record spend = rec("openai", "USD", 40, {}, "ok");
    spend.kind = "spend";
    Record failed = rec("siliconflow", "CNY", {}, 1000, "error");
    failed.status = "error";
    auto l = lines(render_table({kimi, deepseek_cny, deepseek_usd, minimax, glm_quota, spend, failed}, 0));
    REQUIRE(l.size() == 13);
    CHECK(l[11] == "Total remaining: $32.34 · ¥953.50");
    CHECK(l[12].rfind("Last check:", 0) == 0);

    SUBCASE("one currency: no total, as in seed 003")
    {
        CHECK(render_table({deepseek_cny, minimax}, 0).find("Total") == std::string::npos);
    }
}

TEST_CASE("the table prints local time in TZ and names the zone")
{
    setenv("TZ", "Asia/Shanghai", 1);
    tzset();
    std::string t = render_table({rec("moonshot", "USD", {}, 12.34, "ok")}, 0);
    CHECK(t.find("Last check: 2026-02-13 00:30:00 CST") != std::string::npos);
    utc();
}

TEST_CASE("seed 001's Discord summary")
{
    Record claude = rec("claude", "USD", {}, 8.07, "ok");
    claude.threshold = "remaining<=5";
    Record kimi = rec("moonshot", "USD", {}, 12.34, "ok");
    kimi.parts = {{"voucher", 3.45}, {"cash", 8.89}};
    kimi.threshold = "remaining<=5";
    CHECK(render_markdown({claude, kimi}) ==
          "📊 **API Balance Summary**\n\n"
          "💳 **Claude:** $8.07 (threshold: $5.00)\n"
          "🌙 **Kimi:** $12.34 available (threshold: $5.00)\n");
    kimi.remaining = 4.2;
    kimi.level = "warning";
    CHECK(render_markdown({kimi}).find("⚠️ **Kimi:** $4.20 available") != std::string::npos);
}

TEST_CASE("seed 001's log line")
{
    utc();
    Record kimi = rec("moonshot", "USD", {}, 12.34, "ok");
    kimi.ts = "2026-01-29T09:00:00Z";
    kimi.parts = {{"voucher", 3.45}, {"cash", 8.89}};
    std::string out;
    render_balance_log_line(kimi, out);
    CHECK(out == "2026-01-29 09:00:00 | Available: $12.34 | Voucher: $3.45 | Cash: $8.89\n");
    kimi.account = "work";
    out.clear();
    render_balance_log_line(kimi, out);
    CHECK(out == "2026-01-29 09:00:00 | work | Available: $12.34 | Voucher: $3.45 | Cash: $8.89\n");
}

TEST_CASE("seed 001's combined log lines name the provider and the account")
{
    utc();
    Record claude = rec("claude", "USD", {}, 8.07, "ok");
    claude.ts = "2026-01-29T09:00:00Z";
    std::string out;
    render_log_line(claude, out);
    CHECK(out == "[2026-01-29 09:00:00] Claude: $8.07\n");
    Record kimi = rec("moonshot", "USD", {}, 3.2, "ok");
    kimi.ts = claude.ts;
    kimi.account = "work";
    out.clear();
    render_log_line(kimi, out);
    CHECK(out == "[2026-01-29 09:00:00] Kimi (work): $3.20\n");

    Record window = rec("kimi-code", "%", {}, 60, "ok");
    window.ts = claude.ts;
    window.kind = "quota";
    window.window = "5h";
    window.used = 40;
    window.used_pct = 40;
    window.limit = 100;
    window.resets_at = "2026-01-29T13:00:00Z";
    out.clear();
    render_log_line(window, out);
    CHECK(out == "[2026-01-29 09:00:00] Kimi Code 5h: 40% used, resets 2026-01-29 13:00:00\n");
    Record spend = rec("anthropic", "USD", 120, {}, "ok");
    spend.ts = claude.ts;
    spend.kind = "spend";
    spend.window = "monthly";
    spend.limit = 500;
    out.clear();
    render_log_line(spend, out);
    CHECK(out == "[2026-01-29 09:00:00] Anthropic monthly spend: $120.00 of $500.00 used\n");
    out.clear();
    render_balance_log_line(window, out);
    CHECK(out.find("Used") == std::string::npos);

    Record down = rec("moonshot", "USD", {}, {}, "error");
    down.ts = claude.ts;
    down.status = "error";
    down.error = "HTTP 502";
    out.clear();
    render_log_line(down, out);
    CHECK(out == "[2026-01-29 09:00:00] Kimi: error: HTTP 502\n");
}

TEST_CASE("text lines say level, series, numbers and reason")
{
    Record r = rec("moonshot", "USD", {}, 4.2, "warning");
    r.reason = "remaining 4.20 USD <= 5.00";
    std::string out;
    render_text_line(r, out);
    CHECK(out == "warning moonshot/default: remaining $4.20 (remaining 4.20 USD <= 5.00)\n");
}

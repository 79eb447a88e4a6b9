#include "channels/message.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>

using namespace qw;

namespace {

Item item(const std::string& provider, std::optional<double> remaining, const std::string& level,
          const std::string& change = "")
{
    Item it;
    Record& r = it.record;
    r.ts = "2026-01-29T09:00:00Z";
    r.provider = provider;
    r.account = "default";
    r.kind = "balance";
    r.unit = "USD";
    r.remaining = remaining;
    r.status = "ok";
    r.level = level;
    r.threshold = "remaining<=5";
    it.change = change;
    return it;
}

Report report(std::vector<Item> items)
{
    setenv("TZ", "UTC", 1);
    tzset();
    Report rep;
    rep.items = std::move(items);
    rep.now = 1769677200;                        // 2026-01-29T09:00:00Z
    rep.send = true;
    return rep;
}

}  // namespace

TEST_CASE("seed 001's Discord summary, then the alert lines")
{
    Item kimi = item("moonshot", 12.34, "ok");
    kimi.record.parts = {{"voucher", 3.45}, {"cash", 8.89}};
    Report rep = report({item("claude", 4.2, "warning", "alert"), kimi});
    CHECK(discord_text(rep) ==
          "📊 **API Balance Summary**\n\n"
          "⚠️ **Claude:** $4.20 (threshold: $5.00)\n"
          "🌙 **Kimi:** $12.34 available (threshold: $5.00)\n\n"
          "⚠️ **Claude** credits low!");
}

TEST_CASE("markdown in names and errors is escaped for Discord")
{
    CHECK(markdown_escape("a*b_c~d`e|f>g#h[i]j\\k") ==
          "a\\*b\\_c\\~d\\`e\\|f\\>g\\#h\\[i\\]j\\\\k");
    Item odd = item("moonshot", {}, "error", "alert");
    odd.record.account = "**ops**";
    odd.record.status = "error";
    odd.record.error = "HTTP 401: `bad` key";
    std::string text = discord_text(report({odd}));
    CHECK(text.find("Kimi (\\*\\*ops\\*\\*)") != std::string::npos);
    CHECK(text.find("error: HTTP 401: \\`bad\\` key") != std::string::npos);
    CHECK(text.find("**ops**") == std::string::npos);
}

TEST_CASE("notes: alerts first, then events, then recoveries")
{
    Item reset = item("kimi-code", {}, "ok");
    reset.record.kind = "quota";
    reset.record.window = "weekly";
    reset.events = {"reset"};
    Item back = item("claude", 9, "ok", "recovered");
    Item crit = item("moonshot", 0.5, "critical", "changed");
    Item still = item("deepseek", 3, "warning", "repeat");
    auto notes = report_notes(report({reset, back, crit, still}), false);
    REQUIRE(notes.size() == 4);
    CHECK(notes[0] == "🚨 Kimi credits critically low!");
    CHECK(notes[1] == "⚠️ DeepSeek credits still low!");
    CHECK(notes[2] == "🔄 Kimi Code weekly quota reset");
    CHECK(notes[3] == "✅ Claude recovered");
    CHECK(report_notes(report({back}), true)[0] == "✅ **Claude** recovered");
    back.was = "critical";
    CHECK(report_notes(report({back}), false)[0] == "✅ Claude recovered (was critical)");
}

TEST_CASE("a mail's subject is the first note, and says how many more")
{
    CHECK(mail_subject(report({item("moonshot", 4.2, "warning", "alert")})) ==
          "⚠️ Kimi credits low!");
    CHECK(mail_subject(report({item("moonshot", 4.2, "warning"), item("claude", 1, "critical")})) ==
          "⚠️ Kimi credits low! (and 1 more)");
    CHECK(mail_subject(report({item("moonshot", 12, "ok")})) == "📊 API balance summary: all ok");
}

TEST_CASE("a mail's body: the notes, then one line per series, then who sent it")
{
    Item kimi = item("moonshot", 4.2, "warning", "alert");
    kimi.record.parts = {{"voucher", 3.45}, {"cash", 0.75}};
    std::string body = mail_body(report({kimi}), "notify-smtp");
    CHECK(body ==
          "⚠️ Kimi credits low!\n\n"
          "API balance summary, 2026-01-29 09:00:00 UTC:\n\n"
          "  Kimi: $4.20 available (voucher: $3.45, cash: $0.75) (threshold: <= $5.00) [warning]\n"
          "\n-- \nSent by notify-smtp (quotawatch).\n");
}

TEST_CASE("value_text reads quotas, errors and skipped series")
{
    Item q = item("kimi-code", {}, "ok");
    q.record.kind = "quota";
    q.record.used_pct = 28;
    q.record.resets_at = "2026-01-29T14:00:00Z";
    report({});
    CHECK(value_text(q.record) == "72% left, resets 2026-01-29 14:00:00");
    Item e = item("glm", {}, "error");
    e.record.status = "error";
    e.record.error = "HTTP 401";
    CHECK(value_text(e.record) == "error: HTTP 401");
    Item s = item("glm", {}, "info");
    s.record.status = "skipped";
    CHECK(value_text(s.record) == "skipped (no key)");
}

TEST_CASE("the test message names the tool")
{
    CHECK(test_text("notify-discord").find("notify-discord") != std::string::npos);
}

TEST_CASE("a report says how many verdicts it left out")
{
    Report report;
    report.left_out = 5;
    const std::vector<std::string> notes = report_notes(report, false);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0] == left_out_note(5));
    CHECK(notes[0].find("5 more verdicts were left out") != std::string::npos);
}

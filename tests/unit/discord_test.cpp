#include "channels/discord.h"

#include "json.h"

#include <doctest/doctest.h>

using namespace qw;

namespace {

HttpResponse answer(long status, const std::string& body, const std::string& retry_after = "")
{
    HttpResponse a;
    a.status = status;
    a.body = body;
    a.retry_after = retry_after;
    return a;
}

}  // namespace

TEST_CASE("content is counted in UTF-16 units, as Discord counts it")
{
    CHECK(utf16_length("abc") == 3);
    CHECK(utf16_length("智谱") == 2);
    CHECK(utf16_length("📊") == 2);
    CHECK(utf16_length("⚠️") == 2);
}

TEST_CASE("a long run is split at line ends, each piece within the limit")
{
    std::string text;
    for (int i = 0; i < 100; ++i)
        text += "⚠️ **Kimi (account-" + std::to_string(i) + "):** $4.20 (threshold: $5.00)\n";
    auto pieces = discord_split(text);
    REQUIRE(pieces.size() >= 2);
    std::string joined;
    for (const std::string& p : pieces) {
        CHECK(utf16_length(p) <= 2000);
        CHECK(p.front() != '\n');
        CHECK(p.back() != '\n');
        joined += p + "\n";
    }
    CHECK(joined == text);
}

TEST_CASE("a line longer than the limit is cut between characters; blank pieces go")
{
    std::string line;
    for (int i = 0; i < 1500; ++i)
        line += "智📊";                           // 3 UTF-16 units each pair
    auto pieces = discord_split("  \n" + line + "\n\n", 2000);
    REQUIRE(pieces.size() == 3);
    CHECK(utf16_length(pieces[0]) >= 1999);     // a pair of units never straddles the cut
    CHECK(utf16_length(pieces[0]) <= 2000);
    CHECK(pieces[0] + pieces[1] + pieces[2] == line);
    CHECK(discord_split(" \n\t\n").empty());
    CHECK(discord_split("  hello  ") == std::vector<std::string>{"hello"});
}

TEST_CASE("the body: content, no mentions; it parses back")
{
    std::string body = discord_body("quote \" backslash \\ line\nend @everyone");
    Json j;
    std::string err;
    REQUIRE(parse_json(body, j, &err));
    CHECK(j.get("content")->text == "quote \" backslash \\ line\nend @everyone");
    REQUIRE(j.at({"allowed_mentions", "parse"}));
    CHECK(j.at({"allowed_mentions", "parse"})->is_array());
    CHECK(j.at({"allowed_mentions", "parse"})->items.empty());
}

TEST_CASE("wait=true is added to the webhook's query")
{
    CHECK(discord_url("https://discord.com/api/webhooks/1/t") ==
          "https://discord.com/api/webhooks/1/t?wait=true");
    CHECK(discord_url("https://discord.com/api/webhooks/1/t?thread_id=9") ==
          "https://discord.com/api/webhooks/1/t?thread_id=9&wait=true");
}

TEST_CASE("answers: 200 and 204 are sent; 429 waits retry_after; others fail with their meaning")
{
    CHECK(discord_outcome(answer(200, R"({"id":"1"})")).result == Attempt::Result::sent);
    // Only Discord's message object confirms a delivery (issue 19).
    for (auto [status, body] : {std::pair{204, ""}, {200, ""}, {200, "<html>Sign in</html>"},
                                {200, R"({"id": ""})"}, {200, R"({"ok": true})"}, {200, "[]"}}) {
        Attempt a = discord_outcome(answer(status, body));
        CHECK(a.result == Attempt::Result::failed);
        CHECK(a.error == "HTTP " + std::to_string(status) +
                             ": not Discord's message object; the delivery is not confirmed");
    }
    Attempt limited = discord_outcome(
        answer(429, R"({"message": "You are being rate limited.", "retry_after": 64.57, "global": false})",
               "65"));
    CHECK(limited.result == Attempt::Result::retry);
    CHECK(limited.wait == doctest::Approx(64.57));
    Attempt header = discord_outcome(answer(429, "", "3"));
    CHECK(header.wait == 3);
    CHECK(discord_outcome(answer(502, "<html>bad gateway</html>")).result == Attempt::Result::retry);
    Attempt gone = discord_outcome(answer(404, R"({"message": "Unknown Webhook", "code": 10015})"));
    CHECK(gone.result == Attempt::Result::failed);
    CHECK(gone.error ==
          "HTTP 404: Unknown Webhook (code 10015): the webhook was deleted; create a new one and "
          "stop using this URL");
    Attempt token = discord_outcome(answer(401, R"({"message": "Invalid Webhook Token", "code": 50027})"));
    CHECK(token.error.find("check DISCORD_WEBHOOK_URL") != std::string::npos);
    Attempt form = discord_outcome(answer(400, R"({"message": "Invalid Form Body", "code": 50035})"));
    CHECK(form.result == Attempt::Result::failed);
    CHECK(form.error == "HTTP 400: Invalid Form Body (code 50035)");
    CHECK(discord_outcome(answer(202, "")).result == Attempt::Result::failed);
}

TEST_CASE("the dry run shows the request with the token redacted")
{
    DiscordChannel c("https://discord.com/api/webhooks/1/secret-token", DeliveryOptions{});
    c.compose_test("notify-discord");
    REQUIRE(c.pieces() == 1);
    std::string shown = c.describe();
    CHECK(shown.rfind("POST https://discord.com/[redacted]?wait=true\n", 0) == 0);
    CHECK(shown.find("secret-token") == std::string::npos);
    CHECK(shown.find("User-Agent: DiscordBot (") != std::string::npos);
    CHECK_THROWS(DiscordChannel("discord.com/api/webhooks/1/t", DeliveryOptions{}));
}

TEST_CASE("at most ten messages a run, the last one saying what was left out")
{
    std::vector<std::string> pieces(25, "piece");
    cap_messages(pieces);
    REQUIRE(pieces.size() == 10);
    CHECK(pieces[8] == "piece");
    CHECK(pieces[9] == "⚠️ This report was too long: 16 of its 25 messages were left out "
                       "(at most 10 a run).");
    std::vector<std::string> few(10, "piece");
    cap_messages(few);
    CHECK(few.size() == 10);
    CHECK(few[9] == "piece");
}

#include "notify_delivery.h"

#include "error.h"

#include <doctest/doctest.h>

#include <chrono>

using namespace qw;

namespace {

// A channel whose answers are scripted, one per attempt.
class Scripted : public Channel {
public:
    Scripted(size_t pieces, std::vector<Attempt> answers) : pieces_(pieces), answers_(answers) {}
    void compose(const Report&) override {}
    void compose_test(const std::string&) override {}
    size_t pieces() const override { return pieces_; }
    std::string describe() const override { return {}; }
    Attempt send(size_t piece, long timeout_ms) override
    {
        sent.push_back(piece);
        timeouts.push_back(timeout_ms);
        Attempt a = answers_.at(next_++);
        return a;
    }
    std::vector<size_t> sent;
    std::vector<long> timeouts;

private:
    size_t pieces_;
    std::vector<Attempt> answers_;
    size_t next_ = 0;
};

Attempt answer(Attempt::Result r, const std::string& error = "", double wait = -1)
{
    Attempt a;
    a.result = r;
    a.error = error;
    a.wait = wait;
    return a;
}

const auto sent = Attempt::Result::sent;
const auto retry = Attempt::Result::retry;
const auto failed = Attempt::Result::failed;

DeliveryOptions quick(double timeout)
{
    DeliveryOptions o;
    o.timeout = timeout;
    o.backoff = 0.01;
    o.min_wait = 0.01;
    return o;
}

}  // namespace

TEST_CASE("every piece is sent in order")
{
    Scripted c(3, {answer(sent), answer(sent), answer(sent)});
    CHECK(deliver(c, quick(5)) == "");
    CHECK(c.sent == std::vector<size_t>{0, 1, 2});
}

TEST_CASE("pieces flagged done are not sent again; each piece sent is flagged (issue 19)")
{
    Scripted c(3, {answer(sent), answer(failed, "HTTP 400")});
    std::vector<bool> done(3, false);
    CHECK(deliver(c, quick(5), &done) == "message 2 of 3: HTTP 400");
    CHECK(done == std::vector<bool>{true, false, false});
    Scripted next(3, {answer(sent), answer(sent)});
    CHECK(deliver(next, quick(5), &done) == "");
    CHECK(next.sent == std::vector<size_t>{1, 2});
    CHECK(done == std::vector<bool>{true, true, true});
}

TEST_CASE("one deadline for every piece and every retry of the run (issue 19)")
{
    Scripted c(3, {answer(retry, "HTTP 500"), answer(sent), answer(retry, "HTTP 500"),
                   answer(retry, "HTTP 500"), answer(retry, "HTTP 500"), answer(retry, "HTTP 500"),
                   answer(retry, "HTTP 500"), answer(retry, "HTTP 500"), answer(retry, "HTTP 500")});
    DeliveryOptions o = quick(0.3);
    o.backoff = 0.05;
    const auto start = std::chrono::steady_clock::now();
    CHECK(deliver(c, o).rfind("message 2 of 3: HTTP 500; gave up after", 0) == 0);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(300));
    for (size_t i = 1; i < c.timeouts.size(); ++i)
        CHECK(c.timeouts[i] <= c.timeouts[i - 1]);      // the time left, never renewed
}

TEST_CASE("retries until sent, within the time left")
{
    Scripted c(1, {answer(retry, "HTTP 502"), answer(retry, "cannot connect"), answer(sent)});
    CHECK(deliver(c, quick(5)) == "");
    CHECK(c.sent.size() == 3);
    CHECK(c.timeouts[0] <= 5000);
    CHECK(c.timeouts[2] < c.timeouts[0]);
}

TEST_CASE("a failure stops at once and names the piece")
{
    Scripted c(2, {answer(sent), answer(failed, "HTTP 404: Unknown Webhook")});
    CHECK(deliver(c, quick(5)) == "message 2 of 2: HTTP 404: Unknown Webhook");
    Scripted one(1, {answer(failed, "HTTP 400")});
    CHECK(deliver(one, quick(5)) == "HTTP 400");
}

TEST_CASE("the server's wait is honoured, and refused when beyond the deadline")
{
    auto start = std::chrono::steady_clock::now();
    Scripted c(1, {answer(retry, "HTTP 429", 0.2), answer(sent)});
    CHECK(deliver(c, quick(5)) == "");
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(200));
    Scripted slow(1, {answer(retry, "HTTP 429", 64.57)});
    CHECK(deliver(slow, quick(2)) ==
          "HTTP 429; gave up after 1 attempt (the server asks to wait 64.6 s, beyond --timeout)");
}

TEST_CASE("every wait is at least a second, whatever the server asks (issue 19)")
{
    auto start = std::chrono::steady_clock::now();
    Scripted c(1, std::vector<Attempt>(100, answer(retry, "HTTP 429", 0)));
    DeliveryOptions o;
    o.timeout = 1.5;
    CHECK(deliver(c, o) == "HTTP 429; gave up after 2 attempts within --timeout");
    CHECK(c.sent.size() == 2);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::seconds(1));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(1500));
}

TEST_CASE("backoff doubles until the deadline")
{
    std::vector<Attempt> many(100, answer(retry, "HTTP 503"));
    Scripted c(1, many);
    DeliveryOptions o = quick(0.5);
    o.backoff = 0.05;
    std::string err = deliver(c, o);
    CHECK(err.rfind("HTTP 503; gave up after ", 0) == 0);
    CHECK(err.find("within --timeout") != std::string::npos);
    CHECK(c.sent.size() >= 3);
    CHECK(c.sent.size() <= 5);
}

TEST_CASE("transport errors, 429 and 5xx are retried; other answers are the channel's")
{
    HttpResponse down;
    down.error = "Failed to connect to 127.0.0.1 port 1";
    CHECK(http_retry(down)->result == Attempt::Result::retry);
    HttpResponse limited;
    limited.status = 429;
    limited.retry_after = "7";
    CHECK(http_retry(limited)->wait == 7);
    HttpResponse bad;
    bad.status = 503;
    bad.body = R"({"message": "upstream unavailable"})";
    CHECK(http_retry(bad)->error == "HTTP 503: upstream unavailable");
    HttpResponse gone;
    gone.status = 404;
    CHECK_FALSE(http_retry(gone));
}

TEST_CASE("webhook URLs: checked without being shown, redacted after the host")
{
    CHECK(redacted_url("https://discord.com/api/webhooks/1/tok?x=1") ==
          "https://discord.com/[redacted]");
    CHECK(redacted_url("http://user:pw@127.0.0.1:8080/hook") == "http://127.0.0.1:8080/[redacted]");
    CHECK(redacted_url("garbage") == "[redacted]");
    CHECK_NOTHROW(check_webhook_url("https://open.feishu.cn/open-apis/bot/v2/hook/t", "X"));
    try {
        check_webhook_url("ftp://host/secret-token", "FEISHU_WEBHOOK_URL");
        FAIL("accepted");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) == "FEISHU_WEBHOOK_URL: not an http(s) URL with a path");
    }
    CHECK_THROWS(check_webhook_url("https://discord.com", "X"));
    std::string text = "posting to https://h/api/webhooks/1/tok failed at /api/webhooks/1/tok";
    redact_url(text, "https://h/api/webhooks/1/tok");
    CHECK(text == "posting to [redacted] failed at [redacted]");
}

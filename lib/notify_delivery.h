// Delivery with retries (notifiers.md §0): a channel turns a message into
// pieces and sends one piece per attempt; deliver() retries connection
// errors, timeouts, HTTP 429/5xx and the channel's rate-limit codes,
// honouring the server's wait, and never anything else, all within one
// deadline.
#pragma once
#include "http.h"
#include "notify.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qw {

struct Attempt {
    enum class Result { sent, retry, failed };
    Result result = Result::failed;
    double wait = -1;           // seconds the server asked to wait; < 0: not said
    std::string error;          // one line, never a secret
};

// A message a recipient refused for now (mail: a 4xx reply to RCPT TO),
// owed to that recipient alone and offered to it again on each run.
struct Owed {
    int64_t id = 0;             // in the delivery memory; 0 until stored
    std::string recipient;
    std::string message;        // as it was first sent
    int64_t since = 0;          // the run that first sent it, epoch seconds
};

class Channel {
public:
    virtual ~Channel() = default;
    // Prepares the pieces that carry the report (a long Discord run takes
    // several messages), or the short --test message.
    virtual void compose(const Report& report) = 0;
    virtual void compose_test(const std::string& tool) = 0;
    virtual size_t pieces() const = 0;
    // Whether the message shows the usage since the previous report.
    virtual bool wants_usage() const { return false; }
    // The exact requests, with the URL and secrets redacted (--dry-run).
    virtual std::string describe() const = 0;
    // One attempt at one piece, within timeout_ms.
    virtual Attempt send(size_t piece, long timeout_ms) = 0;
    // The exact body of a piece, for the memory of a message of several
    // pieces (only such channels need give it).
    virtual std::string piece_body(size_t) const { return {}; }
    // Whether the message went out but some of its recipients refused it
    // (mail): the run then exits 1, and what was delivered is remembered.
    virtual bool refused() const { return false; }
    // The recipients that refused the last piece sent for now, with it.
    virtual std::vector<Owed> deferred() const { return {}; }
    // One attempt at an owed message, to its recipient alone: sent; retry
    // (still owed: kept for the next run); failed (refused for good, or the
    // recipient is no longer configured: dropped).  Each but sent counts as
    // refused().
    virtual Attempt resend(const Owed& owed, long timeout_ms);
};

struct DeliveryOptions {
    double timeout = 30;        // seconds for the whole delivery, retries included
    double backoff = 1;         // first wait when the server names none; doubles
    double min_wait = 1;        // the floor of every wait: a "retry after 0" is no storm
    std::string cacert;
};

// Sends every piece in order, all within one deadline of opts.timeout from
// the call; on failure the error says why (and after how many attempts).
// Returns the empty string on success.  With done (one flag per piece), the
// pieces flagged are not sent again, and each piece sent is flagged.
std::string deliver(Channel& channel, const DeliveryOptions& opts,
                    std::vector<bool>* done = nullptr);

// One HTTP attempt for the HTTP channels: the request within timeout_ms.
HttpResponse http_attempt(const HttpRequest& rq, const DeliveryOptions& opts, long timeout_ms);

// A transport error, HTTP 429 or 5xx as a retry (waiting Retry-After when
// given); nothing for any other answer, which the channel judges.
std::optional<Attempt> http_retry(const HttpResponse& a);

// "https://discord.com/[redacted]": scheme and host of a secret URL.
std::string redacted_url(const std::string& url);

// Throws Error naming what (never the URL) unless url is http(s)://host/...
void check_webhook_url(const std::string& url, const char* what);

// Replaces the URL, its part after the host, and its last path segment (the
// token, when 8 bytes or more) in text with "[redacted]".
void redact_url(std::string& text, const std::string& url);

}  // namespace qw

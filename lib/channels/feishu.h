// Feishu / Lark custom bot webhooks (notifiers.md §2): the optional
// signature (HMAC-SHA256 keyed with "timestamp\nsecret" over nothing, in
// the body), success only when code is 0 in an HTTP 200, code 11232 as the
// rate limit, and a body within 20 KB.
#pragma once
#include "channels/feishu_report.h"
#include "notify_delivery.h"

#include <string>

namespace qw {

// Base64 of HMAC-SHA256 with key timestamp + "\n" + secret over no data.
std::string feishu_sign(const std::string& secret, const std::string& timestamp);

// The post message of a report; with a secret, timestamp and sign lead.
// Lines that would take the body over max_bytes are left out from the end
// (the total and the note stay), and a line says how many.
std::string feishu_post_body(const FeishuPost& post, const std::string& secret,
                             const std::string& timestamp, size_t max_bytes = 20000);

// A text message, signed like the post.
std::string feishu_text_body(const std::string& text, const std::string& secret,
                             const std::string& timestamp);

// The outcome of one answer: code 0 in HTTP 200 is sent; 11232, 429, 5xx and
// transport errors are retried; any other code fails with its meaning.
Attempt feishu_outcome(const HttpResponse& a);

class FeishuChannel : public Channel {
public:
    // An empty webhook is allowed for --dry-run only; secret may be empty.
    FeishuChannel(std::string webhook, std::string secret, DeliveryOptions opts);
    void compose(const Report& report) override;
    void compose_test(const std::string& tool) override;
    size_t pieces() const override { return body_.empty() ? 0 : 1; }
    bool wants_usage() const override { return true; }
    std::string describe() const override;
    Attempt send(size_t piece, long timeout_ms) override;

private:
    std::string webhook_, secret_;
    DeliveryOptions opts_;
    std::string body_;
};

}  // namespace qw

#include "channels/feishu.h"

#include "channels/crypto.h"
#include "fetch.h"
#include "json.h"
#include "json_writer.h"
#include "channels/message.h"
#include "redact.h"
#include "secrets.h"
#include "timeutil.h"

#include <cmath>

namespace qw {

namespace {

const long rate_limited = 11232;

void signature(JsonWriter& w, const std::string& secret, const std::string& timestamp)
{
    if (!secret.empty())
        w.field("timestamp", timestamp).field("sign", feishu_sign(secret, timestamp));
}

std::string post_body(const FeishuPost& post, const std::string& secret,
                      const std::string& timestamp)
{
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    signature(w, secret, timestamp);
    w.field("msg_type", "post");
    w.key("content").begin_object().key("post").begin_object().key("zh_cn").begin_object();
    w.field("title", post.title);
    w.key("content").begin_array();
    for (const std::string& line : post.lines)
        w.begin_array().begin_object().field("tag", "text").field("text", line).end_object()
            .end_array();
    w.end_array().end_object().end_object().end_object().end_object();
    return out;
}

std::string meaning(long code)
{
    switch (code) {
    case 9499: return "the body is malformed or larger than 20 KB";
    case 19021: return "the signature is wrong or the clock is off by more than an hour; "
                       "check FEISHU_SECRET and the clock";
    case 19022: return "this host's address is not on the bot's IP allow-list";
    case 19024: return "the message lacks the bot's custom keyword";
    case rate_limited: return "rate limited";
    }
    return {};
}

}  // namespace

std::string feishu_sign(const std::string& secret, const std::string& timestamp)
{
    return base64(hmac_sha256(timestamp + "\n" + secret, ""));
}

std::string feishu_post_body(const FeishuPost& post, const std::string& secret,
                             const std::string& timestamp, size_t max_bytes)
{
    std::string body = post_body(post, secret, timestamp);
    const size_t footer = std::min<size_t>(2, post.lines.size());
    std::vector<std::string> kept(post.lines.begin(), post.lines.end() - footer);
    for (size_t dropped = 1; body.size() > max_bytes && !kept.empty(); ++dropped) {
        kept.pop_back();
        FeishuPost cut{post.title, kept};
        cut.lines.push_back("……另有 " + std::to_string(dropped) + " 行因消息长度限制未显示");
        cut.lines.insert(cut.lines.end(), post.lines.end() - footer, post.lines.end());
        body = post_body(cut, secret, timestamp);
    }
    return body;
}

std::string feishu_text_body(const std::string& text, const std::string& secret,
                             const std::string& timestamp)
{
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    signature(w, secret, timestamp);
    w.field("msg_type", "text");
    w.key("content").begin_object().field("text", text).end_object();
    w.end_object();
    return out;
}

Attempt feishu_outcome(const HttpResponse& a)
{
    Json j;
    std::string err;
    const bool json = a.error.empty() && parse_json(a.body, j, &err) && j.is_object();
    const Json* c = json ? j.get("code") : nullptr;
    if (json && !c)
        c = j.get("StatusCode");
    const bool has_code = c && c->as_number() && std::fabs(*c->as_number()) < 1e15;
    const long code = has_code ? static_cast<long>(c->as_number().value_or(-1)) : -1;
    Attempt t;
    if (has_code && code == rate_limited) {
        t.result = Attempt::Result::retry;
        t.error = "code 11232: rate limited";
        return t;
    }
    if (auto retry = http_retry(a))
        return *retry;
    if (a.status == 200 && has_code && code == 0) {
        t.result = Attempt::Result::sent;
        return t;
    }
    t.error = "HTTP " + std::to_string(a.status);
    if (!json)
        return t;
    if (!has_code) {
        t.error += ": no code in the answer";
        return t;
    }
    t.error += ": code " + std::to_string(code);
    if (std::string m = body_message(a.body); !m.empty())
        t.error += " (" + m + ")";
    if (std::string m = meaning(code); !m.empty())
        t.error += ": " + m;
    return t;
}

FeishuChannel::FeishuChannel(std::string webhook, std::string secret, DeliveryOptions opts)
    : webhook_(std::move(webhook)), secret_(std::move(secret)), opts_(std::move(opts))
{
    if (!webhook_.empty())
        check_webhook_url(webhook_, "FEISHU_WEBHOOK_URL");
    add_url_secret(webhook_);
    add_secret(secret_);
}

void FeishuChannel::compose(const Report& report)
{
    body_ = feishu_post_body(feishu_report(report), secret_, std::to_string(now()));
}

void FeishuChannel::compose_test(const std::string& tool)
{
    body_ = feishu_text_body(test_text(tool), secret_, std::to_string(now()));
}

std::string FeishuChannel::describe() const
{
    std::string shown = body_;
    redact(shown, {secret_});
    return "POST " + redacted_url(webhook_) +
           "\nContent-Type: application/json; charset=utf-8\n\n" + shown + "\n";
}

Attempt FeishuChannel::send(size_t, long timeout_ms)
{
    HttpRequest rq;
    rq.method = "POST";
    rq.url = webhook_;
    rq.headers = {"Content-Type: application/json; charset=utf-8"};
    rq.body = body_;
    Attempt a = feishu_outcome(http_attempt(rq, opts_, timeout_ms));
    redact_url(a.error, webhook_);
    redact(a.error, {secret_});
    return a;
}

}  // namespace qw

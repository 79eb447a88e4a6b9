#include "channels/discord.h"

#include "display.h"
#include "fetch.h"
#include "json.h"
#include "json_writer.h"
#include "channels/message.h"
#include "redact.h"

namespace qw {

namespace {

const char* const user_agent_header =
    "User-Agent: DiscordBot (https://github.com/quotawatch/quotawatch, " QUOTAWATCH_VERSION ")";

// Length in bytes of the UTF-8 sequence that starts with c.
size_t sequence_length(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

std::string trimmed(const std::string& s)
{
    size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string meaning(long status, double code)
{
    if (status == 404 || code == 10015)
        return "the webhook was deleted; create a new one and stop using this URL";
    if (status == 401 || code == 50027)
        return "the webhook token is wrong; check DISCORD_WEBHOOK_URL";
    if (status == 403)
        return "Discord refused the request";
    if (code == 220001)
        return "a forum channel needs thread_id in the webhook URL";
    return {};
}

}  // namespace

size_t utf16_length(std::string_view s)
{
    size_t n = 0;
    for (size_t i = 0; i < s.size(); i += sequence_length(static_cast<unsigned char>(s[i])))
        n += sequence_length(static_cast<unsigned char>(s[i])) == 4 ? 2 : 1;
    return n;
}

std::vector<std::string> discord_split(const std::string& text, size_t limit)
{
    std::vector<std::string> out;
    std::string cur;
    size_t cur_len = 0;
    auto flush = [&] {
        if (std::string t = trimmed(cur); !t.empty())
            out.push_back(std::move(t));
        cur.clear();
        cur_len = 0;
    };
    for (size_t pos = 0; pos <= text.size();) {
        size_t end = std::min(text.find('\n', pos), text.size());
        std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        size_t len = utf16_length(line);
        if (!cur.empty() && cur_len + 1 + len > limit)
            flush();
        if (len > limit) {
            for (size_t i = 0; i < line.size();) {
                size_t step = sequence_length(static_cast<unsigned char>(line[i]));
                size_t units = step == 4 ? 2 : 1;
                if (cur_len + units > limit)
                    flush();
                cur.append(line, i, step);
                cur_len += units;
                i += step;
            }
            continue;
        }
        if (!cur.empty()) {
            cur += '\n';
            ++cur_len;
        }
        cur += line;
        cur_len += len;
    }
    flush();
    return out;
}

std::string discord_body(const std::string& content)
{
    std::string out;
    JsonWriter w(out);
    w.begin_object().field("content", content);
    w.key("allowed_mentions").begin_object().key("parse").begin_array().end_array().end_object();
    w.end_object();
    return out;
}

void cap_messages(std::vector<std::string>& pieces, size_t max_messages)
{
    if (pieces.size() <= max_messages)
        return;
    const size_t total = pieces.size();
    pieces.resize(max_messages - 1);
    pieces.push_back("⚠️ This report was too long: " + std::to_string(total - max_messages + 1) +
                     " of its " + std::to_string(total) +
                     " messages were left out (at most " + std::to_string(max_messages) +
                     " a run).");
}

std::string discord_url(const std::string& webhook)
{
    size_t q = webhook.find('?');
    if (q == std::string::npos)
        return webhook + "?wait=true";
    return webhook + (q + 1 == webhook.size() ? "" : "&") + "wait=true";
}

Attempt discord_outcome(const HttpResponse& a)
{
    if (auto retry = http_retry(a)) {
        Json j;
        std::string err;
        if (a.status == 429 && parse_json(a.body, j, &err))
            if (const Json* w = j.get("retry_after"); w && w->as_number() && *w->as_number() >= 0)
                retry->wait = *w->as_number();
        return *retry;
    }
    Attempt t;
    Json j;
    std::string err;
    const bool json = parse_json(a.body, j, &err);
    t.error = "HTTP " + std::to_string(a.status);
    if (a.status >= 200 && a.status < 300) {
        // With ?wait=true Discord answers the message it created; anything
        // else (an empty body, a captive portal's page) is not a delivery.
        const Json* id = json ? j.get("id") : nullptr;
        if (a.status == 200 && id && id->as_string() && !id->as_string()->empty())
            t.result = Attempt::Result::sent;
        else
            t.error += ": not Discord's message object; the delivery is not confirmed";
        return t;
    }
    double code = 0;
    if (json) {
        if (const Json* m = j.get("message"); m && m->as_string())
            t.error += ": " + one_line(*m->as_string());
        if (const Json* c = j.get("code"); c && c->as_number()) {
            code = *c->as_number();
            t.error += " (code " + (c->as_string() ? *c->as_string() : std::string()) + ")";
        }
    }
    if (std::string m = meaning(a.status, code); !m.empty())
        t.error += ": " + m;
    return t;
}

DiscordChannel::DiscordChannel(std::string webhook, DeliveryOptions opts)
    : webhook_(std::move(webhook)), opts_(std::move(opts))
{
    if (!webhook_.empty())
        check_webhook_url(webhook_, "DISCORD_WEBHOOK_URL");
    add_url_secret(webhook_);
}

void DiscordChannel::compose(const Report& report)
{
    bodies_.clear();
    std::vector<std::string> pieces = discord_split(discord_text(report));
    cap_messages(pieces);
    for (const std::string& piece : pieces)
        bodies_.push_back(discord_body(piece));
}

void DiscordChannel::compose_test(const std::string& tool)
{
    bodies_ = {discord_body(test_text(tool))};
}

HttpRequest DiscordChannel::request(size_t piece) const
{
    HttpRequest rq;
    rq.method = "POST";
    rq.url = discord_url(webhook_);
    rq.headers = {"Content-Type: application/json", user_agent_header};
    rq.body = bodies_[piece];
    return rq;
}

std::string DiscordChannel::describe() const
{
    std::string out;
    for (size_t i = 0; i < bodies_.size(); ++i) {
        HttpRequest rq = request(i);
        // The webhook's own query (thread_id, a token) is part of the secret.
        const char* query = webhook_.find('?') == std::string::npos ? "?" : "?[redacted]&";
        out += (i ? "\n" : "") + rq.method + " " + redacted_url(webhook_) + query +
               "wait=true\n";
        for (const std::string& h : rq.headers)
            out += h + "\n";
        out += "\n" + rq.body + "\n";
    }
    return out;
}

Attempt DiscordChannel::send(size_t piece, long timeout_ms)
{
    Attempt a = discord_outcome(http_attempt(request(piece), opts_, timeout_ms));
    redact_url(a.error, webhook_);
    return a;
}

}  // namespace qw

#include "channels/alertmanager.h"

#include "display.h"
#include "error.h"
#include "json.h"
#include "json_writer.h"
#include "channels/crypto.h"
#include "channels/message.h"
#include "redact.h"
#include "registry.h"
#include "timeutil.h"
#include "warn.h"

#include <algorithm>
#include <cctype>

namespace qw {

namespace {

const char* const alerts_path = "/api/v2/alerts";
const char* const user_agent_header = "User-Agent: quotawatch/" QUOTAWATCH_VERSION;
const int64_t hour = 3600;

// "QuotawatchBalance", "QuotawatchQuota", ...; "Quotawatch" without a kind.
std::string alertname(const Record& r)
{
    std::string kind = r.kind;
    if (!kind.empty())
        kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])));
    return "Quotawatch" + kind;
}

// "Kimi default balance USD", "Kimi Code default quota weekly".
std::string series_name(const Record& r)
{
    std::string out = display_name(r.provider) + " " + (r.account.empty() ? "default" : r.account);
    for (const std::string* f : {&r.kind, &r.window})
        if (!f->empty())
            out += " " + *f;
    if (unit_in_series(r.kind) && !r.unit.empty())
        out += " " + r.unit;
    return out;
}

// One postableAlert.  The labels are the series and the severity (a money
// series' unit among them, as in its identity, DESIGN.md §2).
void alert(JsonWriter& w, const Record& r, const std::string& severity,
           const std::string& summary, int64_t starts, int64_t ends)
{
    w.begin_object().key("labels").begin_object();
    w.field("alertname", alertname(r)).field("severity", severity);
    w.field("provider", r.provider).field("account", r.account.empty() ? "default" : r.account);
    if (!r.kind.empty())
        w.field("kind", r.kind);
    if (!r.window.empty())
        w.field("window", r.window);
    if (unit_in_series(r.kind) && !r.unit.empty())
        w.field("unit", r.unit);
    w.end_object().key("annotations").begin_object();
    w.field("summary", summary);
    w.field("description", series_name(r) + ": " + value_text(r) + " (observed " + r.ts + ")");
    w.end_object();
    w.field("startsAt", format_rfc3339(starts)).field("endsAt", format_rfc3339(ends));
    w.end_object();
}

std::string reason_of(const Record& r)
{
    if (!r.reason.empty())
        return one_line(r.reason);
    if (!r.error.empty())
        return one_line(r.error);
    return quiet_level(r);
}

// The text of an answer that is not a 200: Alertmanager's JSON string, an
// error object's message, else the body's first line.
std::string server_text(const std::string& body)
{
    Json j;
    std::string err;
    if (parse_json(body, j, &err)) {
        if (auto s = j.as_string())
            return one_line(*s);
        if (const Json* m = j.get("message"); m && m->as_string())
            return one_line(*m->as_string());
    }
    return one_line(body);
}

}  // namespace

std::vector<std::string> alertmanager_urls(const std::string& list)
{
    std::vector<std::string> out;
    for (size_t pos = 0; pos < list.size();) {
        const size_t end = std::min(list.find_first_of(" \t\n,", pos), list.size());
        std::string url = list.substr(pos, end - pos);
        pos = end + 1;
        if (url.empty())
            continue;
        if (!url.starts_with("http://") && !url.starts_with("https://"))
            throw Error("ALERTMANAGER_URL: a URL is not http:// or https://");
        const size_t host = url.find("://") + 3;
        const size_t at = url.find('@', host);
        if (at < std::min(url.find_first_of("/?#", host), url.size()))
            throw Error("ALERTMANAGER_URL: a URL carries a user name or password; "
                        "set ALERTMANAGER_USER and ALERTMANAGER_PASSWORD instead");
        while (url.ends_with('/'))
            url.pop_back();
        // A path of its own (a proxy's prefix, a token) is as secret as a
        // webhook's; the scheme, host and port name the member in messages.
        if (url.find_first_of("/?#", host) != std::string::npos)
            add_url_secret(url);
        if (!url.ends_with(alerts_path))
            url += alerts_path;
        if (url.size() <= host || url[host] == '/')
            throw Error("ALERTMANAGER_URL: a URL has no host");
        check_webhook_url(url, "ALERTMANAGER_URL");
        add_url_secret(url);
        out.push_back(url);
    }
    if (out.empty())
        throw Error("ALERTMANAGER_URL: no Alertmanager URL in it");
    return out;
}

std::string alertmanager_auth(const std::string& token, const std::string& user,
                              const std::string& password)
{
    if (!token.empty() && (!user.empty() || !password.empty()))
        throw Error("ALERTMANAGER_BEARER_TOKEN and ALERTMANAGER_USER/PASSWORD are both set; "
                    "keep one");
    if (user.empty() != password.empty())
        throw Error(user.empty() ? "ALERTMANAGER_PASSWORD is set without ALERTMANAGER_USER"
                                 : "ALERTMANAGER_USER is set without ALERTMANAGER_PASSWORD");
    if (!token.empty())
        return "Bearer " + token;
    if (!user.empty())
        return "Basic " + base64(user + ":" + password);
    return {};
}

int64_t alert_validity(int64_t valid_for, int64_t now, int64_t last_sent)
{
    if (valid_for > 0)
        return valid_for;
    if (last_sent <= 0 || last_sent > now)
        return 3 * 12 * hour;
    return 3 * std::max(hour, now - last_sent);
}

std::string alertmanager_body(const Report& report, int64_t validity)
{
    std::string out;
    JsonWriter w(out);
    w.begin_array();
    bool any = false;
    for (const Item& it : report.items) {
        const Record& r = it.record;
        const std::string level = quiet_level(r);
        const std::string was = is_bad_level(it.was) ? it.was : "";
        const int64_t was_since = it.was_since > 0 ? it.was_since : report.now;
        if (!was.empty() && was != level) {
            const std::string what = is_bad_level(level) ? "now " + level : "recovered";
            alert(w, r, was, what + ": " + reason_of(r), std::min(was_since, report.now),
                  report.now);
            any = true;
        }
        if (is_bad_level(level)) {
            alert(w, r, level, reason_of(r), was == level ? std::min(was_since, report.now)
                                                          : report.now,
                  report.now + validity);
            any = true;
        }
    }
    w.end_array();
    return any ? out : std::string();
}

Attempt alertmanager_outcome(const HttpResponse& a)
{
    if (auto retry = http_retry(a)) {
        retry->wait = -1;          // Alertmanager names no wait; back off
        if (a.status >= 500)
            retry->error = "HTTP " + std::to_string(a.status) + ": " + server_text(a.body);
        return *retry;
    }
    Attempt t;
    if (a.status == 200) {
        t.result = Attempt::Result::sent;
        return t;
    }
    t.error = "HTTP " + std::to_string(a.status);
    if (std::string text = server_text(a.body); !text.empty())
        t.error += ": " + text;
    if (a.status == 401 || a.status == 403)
        t.error += " (check ALERTMANAGER_BEARER_TOKEN or ALERTMANAGER_USER/PASSWORD)";
    return t;
}

AlertmanagerChannel::AlertmanagerChannel(std::vector<std::string> urls, std::string auth,
                                         int64_t valid_for, DeliveryOptions opts)
    : urls_(std::move(urls)), auth_(std::move(auth)), valid_for_(valid_for),
      opts_(std::move(opts))
{
    add_secret(auth_);
}

void AlertmanagerChannel::compose(const Report& report)
{
    body_ = alertmanager_body(report, alert_validity(valid_for_, report.now, report.last_sent));
    down_.assign(was_down_.begin(), was_down_.end());   // until a send says otherwise
}

void AlertmanagerChannel::compose_test(const std::string& tool)
{
    const int64_t t = now();
    std::string out;
    JsonWriter w(out);
    w.begin_array().begin_object().key("labels").begin_object();
    w.field("alertname", "QuotawatchTest").field("severity", "info").end_object();
    w.key("annotations").begin_object().field("summary", test_text(tool)).end_object();
    w.field("startsAt", format_rfc3339(t)).field("endsAt", format_rfc3339(t + 300));
    w.end_object().end_array();
    body_ = out;
}

HttpRequest AlertmanagerChannel::request(const std::string& url) const
{
    HttpRequest rq;
    rq.method = "POST";
    rq.url = url;
    rq.headers = {"Content-Type: application/json", user_agent_header};
    if (!auth_.empty())
        rq.headers.push_back("Authorization: " + auth_);
    rq.body = body_;
    return rq;
}

std::string AlertmanagerChannel::describe() const
{
    if (body_.empty())
        return "nothing to send: no series is firing or resolved\n";
    std::string out;
    for (const std::string& url : urls_) {
        out += "POST " + redacted_url(url) + "\n";
        for (const std::string& h : request(url).headers)
            out += (h.starts_with("Authorization:") ? "Authorization: [redacted]" : h) + "\n";
    }
    return out + "\n" + body_ + "\n";
}

Attempt AlertmanagerChannel::send(size_t, long timeout_ms)
{
    const long each = std::max(1L, timeout_ms / static_cast<long>(urls_.size()));
    std::vector<std::string> errors;
    bool lasting = false;
    down_.clear();
    for (const std::string& url : urls_) {
        Attempt a = alertmanager_outcome(http_attempt(request(url), opts_, each));
        redact_url(a.error, url);
        if (a.result == Attempt::Result::sent)
            continue;
        lasting = lasting || a.result == Attempt::Result::failed;
        down_.push_back(redacted_url(url));
        errors.push_back(down_.back() + ": " + a.error);
    }
    Attempt out;
    if (down_.size() < urls_.size()) {
        for (size_t i = 0; i < down_.size(); ++i)
            if (!was_down_.count(down_[i]))
                warn("a member did not take the alerts: " + errors[i] +
                     " (said once while it lasts)");
        out.result = Attempt::Result::sent;
        return out;
    }
    for (const std::string& e : errors)
        out.error += (out.error.empty() ? "" : "; ") + e;
    out.result = lasting ? Attempt::Result::failed : Attempt::Result::retry;
    return out;
}

std::vector<Owed> AlertmanagerChannel::deferred() const
{
    std::vector<Owed> out;
    for (const std::string& member : down_)
        out.push_back({0, member, "down", 0});
    return out;
}

Attempt AlertmanagerChannel::resend(const Owed& owed, long)
{
    was_down_.insert(owed.recipient);
    Attempt a;
    a.result = Attempt::Result::sent;
    return a;
}

}  // namespace qw

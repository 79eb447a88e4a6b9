#include "notify_delivery.h"

#include "display.h"
#include "error.h"
#include "fetch.h"
#include "json.h"
#include "redact.h"
#include "secrets.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

namespace qw {

namespace {

using Clock = std::chrono::steady_clock;

std::string seconds_text(double s)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g s", s);
    return buf;
}

}  // namespace

Attempt Channel::resend(const Owed& owed, long)
{
    Attempt a;
    a.error = owed.recipient + ": this channel has no recipients of its own";
    return a;
}

std::string deliver(Channel& channel, const DeliveryOptions& opts, std::vector<bool>* done)
{
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                             std::chrono::duration<double>(opts.timeout));
    const size_t n = channel.pieces();
    for (size_t piece = 0; piece < n; ++piece) {
        if (done && (*done)[piece])
            continue;
        const std::string which =
            n > 1 ? "message " + std::to_string(piece + 1) + " of " + std::to_string(n) + ": "
                  : "";
        for (int tries = 1;; ++tries) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  deadline - Clock::now()).count();
            Attempt a = channel.send(piece, std::max<long>(1, static_cast<long>(left)));
            if (a.result == Attempt::Result::sent) {
                if (done)
                    (*done)[piece] = true;
                break;
            }
            if (a.result == Attempt::Result::failed)
                return which + a.error;
            double wait = a.wait >= 0 ? a.wait : opts.backoff * std::pow(2, tries - 1);
            wait = std::clamp(wait, opts.min_wait, 3600.0);
            const double remains =
                std::chrono::duration<double>(deadline - Clock::now()).count();
            const std::string gave_up =
                "; gave up after " + std::to_string(tries) +
                (tries == 1 ? " attempt" : " attempts");
            if (wait >= remains)
                return which + a.error + gave_up +
                       (a.wait >= opts.min_wait ? " (the server asks to wait " + seconds_text(a.wait) +
                                          ", beyond --timeout)"
                                    : " within --timeout");
            std::this_thread::sleep_for(std::chrono::duration<double>(wait));
        }
    }
    return {};
}

HttpResponse http_attempt(const HttpRequest& rq, const DeliveryOptions& opts, long timeout_ms)
{
    HttpOptions h;
    h.timeout_ms = timeout_ms;
    h.connect_timeout_ms = std::min(timeout_ms, 10000L);
    h.cacert = opts.cacert;
    h.parallel = 1;
    return http_perform({rq}, h).front();
}

std::optional<Attempt> http_retry(const HttpResponse& a)
{
    Attempt t;
    t.result = Attempt::Result::retry;
    if (!a.error.empty()) {
        t.error = one_line(a.error);
        return t;
    }
    if (a.status != 429 && a.status < 500)
        return std::nullopt;
    t.error = "HTTP " + std::to_string(a.status);
    if (std::string m = body_message(a.body); !m.empty())
        t.error += ": " + m;
    if (auto w = parse_number(a.retry_after); w && *w >= 0)
        t.wait = *w;
    return t;
}

std::string redacted_url(const std::string& url)
{
    size_t scheme = url.find("://");
    if (scheme == std::string::npos)
        return "[redacted]";
    size_t host = scheme + 3;
    size_t end = std::min(url.find_first_of("/?#", host), url.size());
    size_t at = url.rfind('@', end);
    if (at != std::string::npos && at >= host)
        host = at + 1;
    return url.substr(0, scheme + 3) + url.substr(host, end - host) + "/[redacted]";
}

void check_webhook_url(const std::string& url, const char* what)
{
    const bool http = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
    if (!http || url.find('/', url.find("://") + 3) == std::string::npos ||
        url.find_first_of(" \t\r\n") != std::string::npos)
        throw Error(std::string(what) + ": not an http(s) URL with a path");
}

void redact_url(std::string& text, const std::string& url)
{
    size_t scheme = url.find("://");
    size_t path = scheme == std::string::npos ? 0 : url.find('/', scheme + 3);
    std::vector<std::string> secrets{url, path == std::string::npos ? url : url.substr(path)};
    std::string token = url.substr(0, url.find_first_of("?#"));
    token = token.substr(token.rfind('/') + 1);     // a server may echo the token alone
    if (token.size() >= 8)
        secrets.push_back(token);
    redact(text, secrets);
}

}  // namespace qw

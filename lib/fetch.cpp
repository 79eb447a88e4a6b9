#include "fetch.h"

#include "display.h"
#include "error.h"
#include "json.h"
#include "redact.h"
#include "timeutil.h"

#include <algorithm>
#include <cctype>
#include <chrono>

namespace qw {

HttpRequest bearer_get(const std::string& url, const std::string& key)
{
    HttpRequest rq;
    rq.url = url;
    rq.headers = {"Authorization: Bearer " + key, "Accept: application/json"};
    return rq;
}

std::string next_page_cursor(const std::vector<HttpResponse>& answers)
{
    Json j;
    std::string err;
    if (answers.empty() || !http_problem(answers.back()).empty() ||
        !parse_json(answers.back().body, j, &err))
        return {};
    const Json* more = j.get("has_more");
    const Json* next = j.get("next_page");
    if (!more || more->as_bool() != true || !next || !next->is_string())
        return {};
    return next->text;
}

std::string url_encode(std::string_view s)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

Provider new_provider(const char* name, const char* key_env, const std::string& base_url,
                      const std::string& host)
{
    Provider p;
    p.name = name;
    p.key_env = key_env;
    p.base_url = base_url.empty() && !host.empty() ? "https://" + host : base_url;
    return p;
}

std::string checked_base_url(const std::string& url)
{
    std::string u = url;
    while (!u.empty() && u.back() == '/')
        u.pop_back();
    size_t scheme = u.find("://");
    bool ok = scheme != std::string::npos &&
              (u.compare(0, scheme, "http") == 0 || u.compare(0, scheme, "https") == 0) &&
              u.size() > scheme + 3 && u.find('/', scheme + 3) == std::string::npos &&
              u.find_first_of("?#@ ", scheme + 3) == std::string::npos;
    if (!ok)
        throw Error("--base-url: \"" + url +
                    "\" is not scheme://host[:port] (the documented path is appended)");
    return u;
}

std::string body_message(const std::string& body)
{
    Json j;
    std::string err;
    if (!parse_json(body, j, &err))
        return {};
    if (j.is_string())
        return one_line(j.text);
    for (auto path : {std::initializer_list<std::string_view>{"error", "message"},
                      {"message"}, {"msg"}, {"error_msg"}, {"base_resp", "status_msg"},
                      {"error"}}) {
        if (const Json* m = j.at(path); m && m->as_string() && !m->as_string()->empty())
            return one_line(*m->as_string());
    }
    return {};
}

bool open_answer(const Record& base, const HttpResponse& answer, const std::string& kind,
                 Json& j, std::vector<Record>& out, const std::string& prefix,
                 std::string (*hint)(const HttpResponse&))
{
    if (std::string why = http_problem(answer); !why.empty()) {
        out.push_back(error_record(base, kind, prefix + why + (hint ? hint(answer) : "")));
        return false;
    }
    std::string err;
    parse_json(answer.body, j, &err);
    return true;
}

std::string answered_code(const Json& j, const std::string& body)
{
    const Json* code = j.get("code");
    std::string why = "provider answered code " +
                      (code && code->as_string() ? *code->as_string() : std::string("?"));
    if (std::string m = body_message(body); !m.empty())
        why += ": " + m;
    return why;
}

std::string http_problem(const HttpResponse& a, long ok_status)
{
    if (!a.error.empty())
        return one_line(a.error);
    std::string why;
    Json j;
    std::string err;
    bool json = parse_json(a.body, j, &err);
    if (a.status != ok_status) {
        why = "HTTP " + std::to_string(a.status);
        if (std::string m = body_message(a.body); !m.empty())
            why += ": " + m;
        else if (!json)
            why += ": not JSON" + (a.content_type.empty() ? "" : " (" + a.content_type + ")");
        return why;
    }
    if (!json)
        return "HTTP " + std::to_string(a.status) + " but the body is not JSON" +
               (a.content_type.empty() ? "" : " (" + a.content_type + ")") + ": " + err;
    return {};
}

namespace {

std::string base_of(const Provider& p, const Account& a)
{
    return a.base_url.empty() ? p.base_url : a.base_url;
}

// The rounds after the first (next pages, fallbacks), every account at once,
// until Provider::more asks for nothing.
using Clock = std::chrono::steady_clock;

// http with its timeouts cut to what is left before deadline: --timeout
// bounds a fetcher's whole run, every page and part of it.
HttpOptions within(const HttpOptions& http, Clock::time_point deadline)
{
    HttpOptions o = http;
    const long left = static_cast<long>(std::max<long long>(
        1, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count()));
    o.timeout_ms = std::min(o.timeout_ms, left);
    o.connect_timeout_ms = std::min(o.connect_timeout_ms, left);
    return o;
}

void follow_up(const Provider& p, const std::vector<Account>& accounts, const HttpOptions& http,
               Clock::time_point deadline, std::vector<std::vector<HttpResponse>>& got)
{
    for (;;) {
        std::vector<HttpRequest> requests;
        std::vector<size_t> owner;
        for (size_t i = 0; i < accounts.size(); ++i) {
            if (!accounts[i].error.empty())
                continue;
            for (HttpRequest& rq : p.more(base_of(p, accounts[i]), accounts[i].secret, got[i])) {
                requests.push_back(std::move(rq));
                owner.push_back(i);
            }
        }
        if (requests.empty())
            return;
        if (Clock::now() >= deadline) {
            // The pages still wanted fail: a partial report is no report.
            for (size_t i : owner) {
                HttpResponse late;
                late.error = "gave up: all pages take longer than --timeout " +
                             std::to_string(http.timeout_ms / 1000) + " s";
                got[i].push_back(std::move(late));
            }
            return;
        }
        std::vector<HttpResponse> answers = http_perform(requests, within(http, deadline));
        for (size_t k = 0; k < answers.size(); ++k)
            got[owner[k]].push_back(std::move(answers[k]));
    }
}

FetchResult fetch_until(const Provider& p, const std::vector<Account>& accounts,
                        const HttpOptions& http, int64_t now, Clock::time_point deadline);

}  // namespace

FetchResult fetch_parts(const std::vector<FetchPart>& parts, const HttpOptions& http,
                        int64_t now)
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(http.timeout_ms);
    FetchResult result;
    std::string vars;
    for (const FetchPart& part : parts) {
        vars += (vars.empty() ? "" : ", ") + part.provider.key_env;
        if (part.accounts.empty())
            continue;
        FetchResult got = fetch_until(part.provider, part.accounts, http, now, deadline);
        result.records.insert(result.records.end(), got.records.begin(), got.records.end());
        result.any_error = result.any_error || got.any_error;
    }
    if (result.records.empty() && !parts.empty()) {
        Provider first = parts[0].provider;
        first.key_env = vars;
        return fetch_all(first, {}, http, now);
    }
    return result;
}

FetchResult fetch_all(const Provider& p, const std::vector<Account>& accounts,
                      const HttpOptions& http, int64_t now)
{
    return fetch_until(p, accounts, http, now,
                       Clock::now() + std::chrono::milliseconds(http.timeout_ms));
}

namespace {

FetchResult fetch_until(const Provider& p, const std::vector<Account>& accounts,
                        const HttpOptions& http, int64_t now, Clock::time_point deadline)
{
    FetchResult result;
    Record base;
    base.ts = format_rfc3339(now);
    base.provider = p.name;
    if (accounts.empty()) {
        Record r = base;
        r.account = "default";
        r.status = "skipped";
        r.reason = "no key configured (" + p.key_env + ")";
        result.records.push_back(std::move(r));
        return result;
    }
    std::vector<HttpRequest> requests;
    std::vector<std::pair<size_t, size_t>> slices;   // per account: first, count
    std::vector<std::string> secrets;
    for (const Account& a : accounts) {
        std::vector<HttpRequest> mine;
        if (a.error.empty()) {
            mine = p.requests(base_of(p, a), a.secret);
            secrets.push_back(a.secret);
            add_secret(a.secret);
        }
        slices.emplace_back(requests.size(), mine.size());
        for (auto& rq : mine)
            requests.push_back(std::move(rq));
    }
    std::vector<HttpResponse> answers = http_perform(requests, within(http, deadline));
    std::vector<std::vector<HttpResponse>> got(accounts.size());
    for (size_t i = 0; i < accounts.size(); ++i)
        got[i].assign(answers.begin() + slices[i].first,
                      answers.begin() + slices[i].first + slices[i].second);
    if (p.more)
        follow_up(p, accounts, http, deadline, got);
    for (size_t i = 0; i < accounts.size(); ++i) {
        Record b = base;
        b.account = accounts[i].label;
        size_t first = result.records.size();
        if (!accounts[i].error.empty())
            result.records.push_back(error_record(b, p.error_kind, accounts[i].error));
        else
            p.parse(b, got[i], result.records);
        for (size_t k = first; k < result.records.size(); ++k) {
            Record& r = result.records[k];
            redact(r.error, secrets);
            redact(r.reason, secrets);
            if (status_of(r) == Status::error)
                result.any_error = true;
        }
    }
    return result;
}

}  // namespace

}  // namespace qw

#include "providers/claude.h"
#include "providers/spend.h"

#include "display.h"
#include "error.h"
#include "json.h"
#include "timeutil.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace qw {

namespace {

// The endpoint throttles callers that do not look like Claude Code
// (providers.md §9b, R8: CodexBar falls back to 2.1.0 too).
const char* claude_code_agent = "claude-code/2.1.0";

std::string claude_user_agent()
{
    const char* v = std::getenv("CLAUDE_USER_AGENT");
    if (!v || !*v)
        return claude_code_agent;
    for (const char* c = v; *c; ++c)
        if (static_cast<unsigned char>(*c) < 0x20 || *c == 0x7f)
            throw Error("CLAUDE_USER_AGENT: a control character is no part of a User-Agent");
    return v;
}

Record quota_window(const Record& base, const std::string& window, double used_pct,
                    const Json* resets_at)
{
    Record r = base;
    r.kind = "quota";
    r.window = window;
    r.unit = "%";
    r.used_pct = used_pct;
    if (resets_at && resets_at->is_string())
        if (auto t = parse_rfc3339(resets_at->text))
            r.resets_at = format_rfc3339(*t);
    r.status = "ok";
    return r;
}

// weekly-<model> for a model-scoped entry of limits[]: the model's family
// (opus, sonnet, haiku) when its name has one, else its name in lower case
// with every other character a dash; empty for an entry of no model.
std::string model_window(const Json& limit)
{
    const Json* model = limit.at({"scope", "model"});
    if (!model || !model->is_object())
        return {};
    const Json* name = model->get("display_name");
    if (!name || !name->is_string() || name->text.empty())
        name = model->get("id");
    if (!name || !name->is_string() || name->text.empty())
        return {};
    std::string slug;
    for (char c : name->text.substr(0, 64))
        slug += std::isalnum(static_cast<unsigned char>(c))
                    ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : '-';
    for (const char* family : {"opus", "sonnet", "haiku"})
        if (slug.find(family) != std::string::npos)
            return std::string("weekly-") + family;
    return "weekly-" + slug;
}

// extra_usage, when enabled: this month's pay-as-you-go spend, in cents in
// the answer.
void push_extra_usage(const Record& base, const Json* extra, std::vector<Record>& out)
{
    if (!extra || !extra->is_object())
        return;
    const Json* enabled = extra->get("is_enabled");
    const Json* used = extra->get("used_credits");
    if (!(enabled && enabled->as_bool() == true) && !(used && used->as_number()))
        return;
    Record r = base;
    r.kind = "spend";
    r.window = "monthly";
    const Json* currency = extra->get("currency");
    r.unit = currency && currency->is_string() && !currency->text.empty()
                 ? one_line(currency->text) : "USD";
    r.used = used && used->as_number() ? *used->as_number() / 100 : 0;
    if (const Json* cap = extra->get("monthly_limit"); cap && cap->as_number()) {
        r.limit = *cap->as_number() / 100;
        r.remaining = std::round((*r.limit - *r.used) * 100) / 100;
    }
    if (const Json* pct = extra->get("utilization"); pct && pct->as_number())
        r.used_pct = *pct->as_number();
    r.status = "ok";
    out.push_back(std::move(r));
}

std::string costs_url(const std::string& base, int64_t now)
{
    return base + "/v1/organizations/cost_report?starting_at=" +
           url_encode(format_rfc3339(month_start(now))) + "&bucket_width=1d&limit=31";
}

}  // namespace

std::string claude_credentials_path()
{
    return tool_file("CLAUDE_CONFIG_DIR", ".claude", ".credentials.json");
}

void claude_token(Account& a, int64_t now)
{
    if (!a.error.empty() || a.secret.empty() || a.secret[0] != '{')
        return;
    Json j;
    std::string err;
    const Json* token = nullptr;
    if (parse_json(a.secret, j, &err))
        token = j.at({"claudeAiOauth", "accessToken"});
    a.secret = token && token->is_string() ? token->text : "";
    if (a.secret.empty()) {
        a.error = "no claudeAiOauth.accessToken in the Claude Code credentials";
        return;
    }
    const Json* expires = j.at({"claudeAiOauth", "expiresAt"});
    auto ms = expires ? expires->as_number() : std::nullopt;
    if (ms && *ms / 1000 < static_cast<double>(now)) {
        a.secret.clear();
        a.error = "the Claude Code token expired at " +
                  format_epoch(*ms / 1000) +
                  "; run claude to refresh it";
    }
}

std::vector<FetchPart> claude_parts(const std::string& base_url, const std::string& key_file,
                                    const std::string& admin_key_file, int64_t now)
{
    auto oauth = find_accounts("claude", "CLAUDE_OAUTH_TOKEN", key_file);
    if (Account a; oauth.empty() && account_from_tool_file(claude_credentials_path(), a))
        oauth.push_back(std::move(a));
    for (Account& a : oauth)
        claude_token(a, now);
    return {{claude_oauth_provider(base_url), std::move(oauth)},
            {anthropic_admin_provider(base_url, now),
             find_accounts("anthropic-admin", "ANTHROPIC_ADMIN_KEY", admin_key_file)}};
}

void parse_claude_usage(const Record& base, const HttpResponse& answer,
                        std::vector<Record>& out)
{
    Json j;
    if (!open_answer(base, answer, "quota", j, out, "", [](const HttpResponse& a) {
            return a.status == 401   ? std::string(" (run claude to log in again)")
                   : a.status == 403 ? std::string(" (the token lacks the user:profile scope)")
                   : a.status == 429 && !a.retry_after.empty()
                       ? " (retry after " + a.retry_after + ")"
                       : std::string();
        }))
        return;
    const size_t before = out.size();
    std::vector<Record> scoped;                  // limits[]'s model-scoped windows
    auto scoped_has = [&scoped](const std::string& window) {
        return std::any_of(scoped.begin(), scoped.end(),
                           [&window](const Record& r) { return r.window == window; });
    };
    if (const Json* limits = j.get("limits"); limits && limits->is_array())
        for (const Json& limit : limits->items) {
            const std::string window = model_window(limit);
            const Json* pct = limit.get("percent");
            if (window.empty() || !pct || !pct->as_number() || scoped_has(window))
                continue;
            scoped.push_back(quota_window(base, window, *pct->as_number(),
                                          limit.get("resets_at")));
        }
    for (auto [field, window] : {std::pair{"five_hour", "5h"}, {"seven_day", "weekly"},
                                 {"seven_day_sonnet", "weekly-sonnet"},
                                 {"seven_day_opus", "weekly-opus"}}) {
        const Json* w = j.get(field);
        const Json* used = w ? w->get("utilization") : nullptr;
        if (!used || !used->as_number() || scoped_has(window))
            continue;
        out.push_back(quota_window(base, window, *used->as_number(), w->get("resets_at")));
    }
    for (Record& r : scoped)
        out.push_back(std::move(r));
    if (out.size() == before)
        out.push_back(error_record(base, "quota", "no usage window in the answer"));
    push_extra_usage(base, j.get("extra_usage"), out);
}

void parse_anthropic_costs(const Record& base, const std::vector<HttpResponse>& answers,
                           int64_t now, std::vector<Record>& out)
{
    static const CostReport report = {
        "cost report", "the cost report", "starting_at", "amount", 0.01,
        [](const Json& bucket) -> int64_t {
            const Json* start = bucket.get("starting_at");
            return start && start->is_string() ? parse_rfc3339(start->text).value_or(-1) : -1;
        },
        [](const Json& result) { return result.get("currency"); },
        [](const Json& result) { return result.get("amount"); }};
    parse_costs(report, base, answers, now, out);
}

Provider claude_oauth_provider(const std::string& base_url)
{
    Provider p = new_provider("claude", "CLAUDE_OAUTH_TOKEN", base_url, "api.anthropic.com");
    p.error_kind = "quota";
    const std::string agent = "User-Agent: " + claude_user_agent();
    p.requests = [agent](const std::string& base, const std::string& key) {
        HttpRequest rq;
        rq.url = base + "/api/oauth/usage";
        rq.headers = {"Authorization: Bearer " + key, "anthropic-beta: oauth-2025-04-20",
                      "Accept: application/json", agent};
        return std::vector<HttpRequest>{rq};
    };
    p.parse = [](const Record& base, const std::vector<HttpResponse>& answers,
                 std::vector<Record>& out) { parse_claude_usage(base, answers.at(0), out); };
    return p;
}

Provider anthropic_admin_provider(const std::string& base_url, int64_t now)
{
    Provider p = new_provider("anthropic", "ANTHROPIC_ADMIN_KEY", base_url, "api.anthropic.com");
    p.error_kind = "spend";
    request_cost_pages(p, now, costs_url, [](const std::string& url, const std::string& key) {
        HttpRequest rq;
        rq.url = url;
        rq.headers = {"x-api-key: " + key, "anthropic-version: 2023-06-01",
                      "Accept: application/json"};
        return rq;
    });
    p.parse = [now](const Record& base, const std::vector<HttpResponse>& answers,
                    std::vector<Record>& out) { parse_anthropic_costs(base, answers, now, out); };
    return p;
}

}  // namespace qw

#include "providers/openai.h"
#include "providers/spend.h"

#include "display.h"
#include "json.h"
#include "timeutil.h"

#include <cctype>
#include <cstdlib>

namespace qw {

namespace {

std::string costs_url(const std::string& base, int64_t now)
{
    return base + "/v1/organization/costs?start_time=" + std::to_string(month_start(now)) +
           "&bucket_width=1d&limit=31";
}

// 18000 s is "5h", a week "weekly", else whole days, hours or minutes.
std::string window_name(double seconds)
{
    const auto s = whole_seconds(seconds).value_or(0);
    if (s == 604800)
        return "weekly";
    if (s > 0 && s % 86400 == 0)
        return std::to_string(s / 86400) + "d";
    if (s > 0 && s % 3600 == 0)
        return std::to_string(s / 3600) + "h";
    return std::to_string(s / 60) + "m";
}

// "GPT-5.3-Codex-Spark" -> "gpt-5.3-codex-spark"
std::string slug(const std::string& name)
{
    std::string out;
    for (unsigned char c : name)
        out += std::isalnum(c) || c == '.' ? static_cast<char>(std::tolower(c)) : '-';
    return out;
}

void windows(const Record& base, const Json& rate_limit, const std::string& suffix,
             std::vector<Record>& out)
{
    for (auto [field, fallback] : {std::pair{"primary_window", "5h"},
                                   {"secondary_window", "weekly"}}) {
        const Json* w = rate_limit.get(field);
        const Json* used = w ? w->get("used_percent") : nullptr;
        if (!used || !used->as_number())
            continue;
        Record r = base;
        r.kind = "quota";
        const Json* secs = w->get("limit_window_seconds");
        r.window = (secs && secs->as_number() ? window_name(*secs->as_number()) : fallback) +
                   suffix;
        r.unit = "%";
        r.used_pct = *used->as_number();
        if (const Json* at = w->get("reset_at"); at && at->as_number() && *at->as_number() > 0)
            r.resets_at = format_epoch(*at->as_number());
        r.status = "ok";
        out.push_back(std::move(r));
    }
}

}  // namespace

std::string codex_auth_path()
{
    return tool_file("CODEX_HOME", ".codex", "auth.json");
}

void codex_token(Account& a, std::map<std::string, std::string>& account_ids)
{
    if (!a.error.empty() || a.secret.empty() || a.secret[0] != '{')
        return;
    Json j;
    std::string err;
    const Json* token = nullptr;
    const Json* id = nullptr;
    if (parse_json(a.secret, j, &err)) {
        token = j.at({"tokens", "access_token"});
        id = j.at({"tokens", "account_id"});
    }
    a.secret = token && token->is_string() ? token->text : "";
    if (a.secret.empty())
        a.error = "no tokens.access_token in the Codex auth.json (not logged in with ChatGPT)";
    else if (id && id->is_string() && !id->text.empty())
        account_ids[a.secret] = id->text;
}

std::vector<FetchPart> openai_parts(const std::string& base_url, const std::string& key_file,
                                    const std::string& chatgpt_token_file, int64_t now)
{
    std::map<std::string, std::string> ids;
    auto chatgpt = find_accounts("chatgpt", "CHATGPT_ACCESS_TOKEN", chatgpt_token_file);
    for (Account& a : chatgpt)
        codex_token(a, ids);
    const char* id = std::getenv("CHATGPT_ACCOUNT_ID");
    for (const Account& a : chatgpt)
        if (id && *id && a.error.empty() && a.label == "default" && !ids.count(a.secret))
            ids[a.secret] = id;
    if (Account a; chatgpt.empty() && account_from_tool_file(codex_auth_path(), a)) {
        const bool read = a.error.empty();
        if (read)
            codex_token(a, ids);
        if (!read || a.error.empty())                  // an API-key login has no plan
            chatgpt.push_back(std::move(a));
    }
    return {{openai_admin_provider(base_url, now),
             find_accounts("openai-admin", "OPENAI_ADMIN_KEY", key_file)},
            {codex_provider(base_url, std::move(ids)), std::move(chatgpt)}};
}

void parse_openai_costs(const Record& base, const std::vector<HttpResponse>& answers,
                        int64_t now, std::vector<Record>& out)
{
    static const CostReport report = {
        "costs", "the costs answer", "start_time", "amount.value", 1,
        [](const Json& bucket) -> int64_t {
            const Json* start = bucket.get("start_time");
            return start && start->as_number() ? static_cast<int64_t>(*start->as_number()) : -1;
        },
        [](const Json& result) { return result.at({"amount", "currency"}); },
        [](const Json& result) { return result.at({"amount", "value"}); }};
    parse_costs(report, base, answers, now, out);
}

void parse_codex_usage(const Record& base, const HttpResponse& answer, std::vector<Record>& out)
{
    Json j;
    if (!open_answer(base, answer, "quota", j, out, "", [](const HttpResponse& a) {
            return a.status == 401 || a.status == 403 ? std::string(" (run codex login again)")
                                                      : std::string();
        }))
        return;
    const size_t before = out.size();
    if (const Json* rl = j.get("rate_limit"); rl && rl->is_object())
        windows(base, *rl, "", out);
    if (const Json* extra = j.get("additional_rate_limits"); extra && extra->is_array()) {
        for (const Json& limit : extra->items) {
            const Json* name = limit.get("limit_name");
            const Json* rl = limit.get("rate_limit");
            if (name && name->is_string() && rl && rl->is_object())
                windows(base, *rl, "-" + slug(name->text), out);
        }
    }
    if (out.size() == before)
        out.push_back(error_record(base, "quota", "no rate limit window in the answer"));
}

Provider openai_admin_provider(const std::string& base_url, int64_t now)
{
    Provider p = new_provider("openai", "OPENAI_ADMIN_KEY", base_url, "api.openai.com");
    p.error_kind = "spend";
    request_cost_pages(p, now, costs_url, bearer_get);
    p.parse = [now](const Record& base, const std::vector<HttpResponse>& answers,
                    std::vector<Record>& out) { parse_openai_costs(base, answers, now, out); };
    return p;
}

Provider codex_provider(const std::string& base_url,
                        std::map<std::string, std::string> account_ids)
{
    Provider p = new_provider("openai", "CHATGPT_ACCESS_TOKEN", base_url, "chatgpt.com");
    p.error_kind = "quota";
    p.requests = [ids = std::move(account_ids)](const std::string& base, const std::string& key) {
        HttpRequest rq = bearer_get(base + "/backend-api/wham/usage", key);
        if (auto it = ids.find(key); it != ids.end())
            rq.headers.push_back("ChatGPT-Account-Id: " + it->second);
        return std::vector<HttpRequest>{rq};
    };
    p.parse = [](const Record& base, const std::vector<HttpResponse>& answers,
                 std::vector<Record>& out) { parse_codex_usage(base, answers.at(0), out); };
    return p;
}

}  // namespace qw

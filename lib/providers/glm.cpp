#include "providers/glm.h"

#include "error.h"
#include "json.h"
#include "registry.h"
#include "timeutil.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qw {

namespace {

std::optional<double> number(const Json* j, std::string_view key)
{
    const Json* v = j ? j->get(key) : nullptr;
    return v ? v->as_number() : std::nullopt;
}

// Why a parsed answer is a business failure (HTTP 200 with "success": false),
// or empty when it is a success.
std::string business_problem(const Json& j, const std::string& body)
{
    if (const Json* ok = j.get("success"); ok && ok->as_bool() == true)
        return {};
    return answered_code(j, body);
}

// What a limit entry counts.
std::string count_unit(const std::string& type)
{
    if (type == "TOKENS_LIMIT")
        return "tokens";
    if (type == "CREDIT_LIMIT")
        return "credits";
    if (type == "TIME_LIMIT")
        return "calls";
    return "units";
}

// Names the entries that had no unit code (the idle one, without a reset
// time, is the 5-hour window; then by reset time), then makes every name
// unique within the answer: a second "monthly" becomes "monthly-calls".
void settle_names(std::vector<Record>& windows, const std::vector<std::string>& types)
{
    auto taken = [&windows](const std::string& w, size_t before) {
        return std::any_of(windows.begin(), windows.begin() + static_cast<long>(before),
                           [&w](const Record& r) { return r.window == w; });
    };
    std::vector<size_t> unnamed;
    for (size_t i = 0; i < windows.size(); ++i)
        if (windows[i].window.empty())
            unnamed.push_back(i);
    std::stable_sort(unnamed.begin(), unnamed.end(), [&windows](size_t a, size_t b) {
        const Record &x = windows[a], &y = windows[b];
        return std::pair(!x.resets_at.empty(), x.resets_at) <
               std::pair(!y.resets_at.empty(), y.resets_at);
    });
    std::vector<std::string> spare;
    for (const char* w : {"5h", "weekly"})
        if (!taken(w, windows.size()))
            spare.push_back(w);
    for (size_t k = 0; k < unnamed.size(); ++k)
        windows[unnamed[k]].window = k < spare.size() ? spare[k] : "window";
    for (size_t i = 0; i < windows.size(); ++i) {
        std::string name = windows[i].window;
        if (!taken(name, i))
            continue;
        name += "-" + count_unit(types[i]);
        for (int k = 2; taken(name, i); ++k)
            name = windows[i].window + "-" + std::to_string(k);
        windows[i].window = name;
    }
}

Record window_record(const Record& base, const Json& limit, const std::string& type)
{
    Record r = base;
    r.kind = "quota";
    r.window = glm_window(type, number(&limit, "unit"), number(&limit, "number"));
    r.limit = number(&limit, "usage");
    r.used = number(&limit, "currentValue");
    r.remaining = number(&limit, "remaining");
    r.unit = r.limit || r.used || r.remaining ? count_unit(type) : "%";
    r.used_pct = number(&limit, "percentage");
    if (!r.used_pct && r.used && r.limit && *r.limit > 0)
        r.used_pct = std::round(*r.used / *r.limit * 10000) / 100;
    if (auto reset = number(&limit, "nextResetTime"); reset && *reset > 0)
        r.resets_at = format_epoch(*reset / 1000);
    if (!r.used_pct) {
        Record e = error_record(base, "quota",
                                "a " + (type.empty() ? std::string("limit") : type) +
                                    " entry has no percentage and no counts");
        e.window = r.window;
        return e;
    }
    r.status = "ok";
    return r;
}

}  // namespace

std::string glm_window(const std::string& type, std::optional<double> unit,
                       std::optional<double> number)
{
    if (type == "TIME_LIMIT" && !unit)
        return "monthly";
    if (!unit || !number || *number < 1 || *number != std::floor(*number) || *number > 1e6)
        return {};
    const long n = static_cast<long>(*number);
    const std::string ns = std::to_string(n);
    if (*unit == 1)                              // days
        return n == 1 ? "daily" : n == 7 ? "weekly" : ns + "d";
    if (*unit == 3)                              // hours
        return ns + "h";
    if (*unit == 5 && type == "TIME_LIMIT")      // months, for the MCP call quota
        return n == 1 ? "monthly" : ns + "mo";
    if (*unit == 5)                              // minutes
        return n % 60 == 0 ? std::to_string(n / 60) + "h" : ns + "m";
    if (*unit == 6)                              // weeks
        return n == 1 ? "weekly" : ns + "w";
    char code[32];
    std::snprintf(code, sizeof code, "unit%gx%ld", *unit, n);
    return code;
}

void parse_glm_quota(const Record& base, const HttpResponse& answer, std::vector<Record>& out,
                     const std::string& empty_hint)
{
    Json j;
    if (!open_answer(base, answer, "quota", j, out))
        return;
    if (std::string why = business_problem(j, answer.body); !why.empty()) {
        out.push_back(error_record(base, "quota", why));
        return;
    }
    const Json* limits = j.at({"data", "limits"});
    if (!limits || !limits->is_array() || limits->items.empty()) {
        out.push_back(error_record(
            base, "quota", "no quota windows in the answer (data.limits is empty)" + empty_hint));
        return;
    }
    std::vector<Record> windows;
    std::vector<std::string> types;
    for (const Json& limit : limits->items) {
        const Json* t = limit.get("type");
        types.push_back(t && t->as_string() ? *t->as_string() : "");
        windows.push_back(window_record(base, limit, types.back()));
    }
    settle_names(windows, types);
    for (Record& r : windows)
        out.push_back(std::move(r));
}

void parse_glm_wallet(const Record& base, const HttpResponse& answer, std::vector<Record>& out)
{
    Json j;
    if (!open_answer(base, answer, "balance", j, out, "wallet: "))
        return;
    if (std::string why = business_problem(j, answer.body); !why.empty()) {
        out.push_back(error_record(base, "balance", "wallet: " + why));
        return;
    }
    const Json* data = j.get("data");
    auto available = number(data, "availableBalance");
    if (!available)
        available = number(data, "balance");
    if (!available) {
        out.push_back(error_record(base, "balance",
                                   "wallet: no data.availableBalance or data.balance in the answer"));
        return;
    }
    Record r = balance_record(base, "CNY", *available);
    // rechargeAmount and giveAmount are lifetime totals, not a cap: a wallet
    // has no limit, so absolute thresholds apply (providers.md R5).
    r.used = number(data, "totalSpendAmount");
    if (auto frozen = number(data, "frozenBalance"))
        r.parts.push_back({"frozen", *frozen});
    out.push_back(std::move(r));
}

Provider glm_provider(const std::string& region, const std::string& base_url, bool wallet,
                      const GlmTeam& team)
{
    const Region r = find_region("glm", region);
    const bool is_team = !team.organization.empty() || !team.project.empty();
    if (is_team && (team.organization.empty() || team.project.empty()))
        throw Error("--organization and --project go together");
    if (is_team && region != "cn")
        throw Error("--organization: team usage is BigModel's (--region cn) only");
    const bool with_wallet = wallet && region == "cn" && !is_team;
    const std::string wallet_base = base_url.empty() ? "https://www.bigmodel.cn" : base_url;
    Provider p = new_provider("glm", "GLM_API_KEY", base_url, r.host);
    p.error_kind = "quota";
    p.requests = [with_wallet, wallet_base, is_team, team](const std::string& base,
                                                          const std::string& key) {
        HttpRequest quota;
        quota.url = base + "/api/monitor/usage/quota/limit";
        quota.headers = {"Authorization: " + key, "Accept: application/json",
                         "Accept-Language: en-US,en"};
        if (is_team) {
            quota.url += "?type=2";
            quota.headers.push_back("Bigmodel-Organization: " + team.organization);
            quota.headers.push_back("Bigmodel-Project: " + team.project);
        }
        std::vector<HttpRequest> rq{quota};
        if (with_wallet) {
            HttpRequest w = quota;
            w.url = wallet_base + "/api/biz/account/query-customer-account-report";
            rq.push_back(std::move(w));
        }
        return rq;
    };
    p.parse = [with_wallet, is_team, team](const Record& base,
                                           const std::vector<HttpResponse>& answers,
                                           std::vector<Record>& out) {
        if (is_team) {
            // Unknown ids still get a success, with no windows in it.
            Record b = base;
            b.account += "@" + team.project;
            parse_glm_quota(b, answers.at(0), out, ": check --organization and --project");
            return;
        }
        parse_glm_quota(base, answers.at(0), out);
        if (with_wallet)
            parse_glm_wallet(base, answers.at(1), out);
    };
    return p;
}

}  // namespace qw

#include "providers/minimax.h"

#include "error.h"
#include "json.h"
#include "registry.h"
#include "timeutil.h"

#include <cmath>

namespace qw {

namespace {

// What one endpoint gave: records, or why the key was refused, or why the
// fetch failed.
struct Side {
    std::vector<Record> records;
    std::string refused;
    std::string failed;
};

std::optional<double> number(const Json* j, const std::string& key)
{
    const Json* v = j ? j->get(key) : nullptr;
    return v ? v->as_number() : std::nullopt;
}

// The JSON of an answer, its payload (top level or under "data") in *root;
// false with side.refused or side.failed set when there is none.
bool payload(const HttpResponse& a, Json& doc, const Json*& root, Side& side)
{
    if (std::string why = http_problem(a); !why.empty()) {
        bool refused = a.error.empty() && (a.status == 401 || a.status == 403);
        (refused ? side.refused : side.failed) = why;
        return false;
    }
    std::string err;
    parse_json(a.body, doc, &err);
    root = &doc;
    if (const Json* d = doc.get("data"); d && d->is_object())
        root = d;
    const Json* resp = root->get("base_resp") ? root->get("base_resp") : doc.get("base_resp");
    auto code = number(resp, "status_code");
    if (code && *code != 0) {
        side.refused = "status_code " + *resp->get("status_code")->as_string();
        if (std::string m = body_message(a.body); !m.empty())
            side.refused += ": " + m;
        return false;
    }
    return true;
}

std::string reset_time(std::optional<double> ms)
{
    return ms && *ms > 0 ? format_epoch(*ms / 1000) : std::string();
}

// *_usage_count is what REMAINS in older answers and what was USED in newer
// ones (providers.md R2).  As MiniMax's CLI does (src/utils/quota.ts,
// resolveQuotaCounts), the reading that agrees with *_remaining_percent within
// one point is kept, the older one on a tie or without a percentage; counts
// that agree with neither, or no count at all, give nothing: the percentage
// stands alone.
std::optional<double> remaining_count(std::optional<double> count, std::optional<double> total,
                                      std::optional<double> pct)
{
    if (!count || !total || *total <= 0 || *count < 0 || *count > *total)
        return std::nullopt;
    if (!pct)
        return count;
    const double as_left = std::fabs(*count / *total * 100 - *pct);
    const double as_used = std::fabs((*total - *count) / *total * 100 - *pct);
    if (std::min(as_left, as_used) > 1)
        return std::nullopt;
    return as_used < as_left ? *total - *count : *count;
}

// The plan's name of the interval window: current Token Plan answers span 4
// hours for the "5-hour" window, so any span from 4 to 6 hours is "5h", as in
// CodexBar's parseWindowInfo (providers.md R3); another whole number of hours
// is named for itself.
std::string interval_name(std::optional<double> start, std::optional<double> end)
{
    const double hour = 3600000;
    const double span = start && end ? *end - *start : 0;
    if (span >= 4 * hour && span <= 6 * hour)
        return "5h";
    return span > 0 && span < 1e15 && std::fmod(span, hour) == 0
               ? std::to_string(static_cast<long>(span / hour)) + "h"
               : "5h";
}

// One window of a model_remains entry; false when it is unlimited or empty.
bool window(const Record& base, const Json& m, bool weekly, Record& r)
{
    const std::string p = weekly ? "current_weekly_" : "current_interval_";
    auto status = number(&m, p + "status");
    auto pct = number(&m, p + "remaining_percent");
    auto total = number(&m, p + "total_count");
    auto left = remaining_count(number(&m, p + "usage_count"), total, pct);
    bool counts = left.has_value();
    if ((status && *status == 3) || (!pct && !counts && !(status && *status == 2)))
        return false;
    auto end = number(&m, weekly ? "weekly_end_time" : "end_time");
    std::string name = weekly ? "weekly" : interval_name(number(&m, "start_time"), end);
    const Json* lane = m.get("model_name");
    if (lane && lane->as_string() && !lane->as_string()->empty() && *lane->as_string() != "general")
        name = *lane->as_string() + "-" + name;
    r = base;
    r.kind = "quota";
    r.window = name;
    r.unit = counts ? "prompts" : "%";
    if (counts) {
        r.limit = *total;
        r.remaining = *left;
        r.used = *total - *left;
    }
    if (pct)
        r.used_pct = 100 - *pct;
    else if (counts)
        r.used_pct = std::round(*r.used / *total * 10000) / 100;
    else
        r.used_pct = 100;                          // status 2: exhausted
    r.resets_at = reset_time(end);
    r.status = "ok";
    return true;
}

Side plan_side(const Record& base, const HttpResponse& a)
{
    Side side;
    Json doc;
    const Json* root = nullptr;
    if (!payload(a, doc, root, side))
        return side;
    const Json* lanes = root->get("model_remains");
    if (!lanes || !lanes->is_array() || lanes->items.empty()) {
        side.refused = "no coding plan on this key (model_remains is empty)";
        return side;
    }
    for (const Json& m : lanes->items)
        for (bool weekly : {false, true})
            if (Record r; m.is_object() && window(base, m, weekly, r))
                side.records.push_back(std::move(r));
    if (side.records.empty()) {
        Record r = base;
        r.kind = "quota";
        r.status = "na";
        r.reason = "every window of the plan is unlimited";
        side.records.push_back(std::move(r));
    }
    return side;
}

Side balance_side(const Record& base, const HttpResponse& a, const std::string& unit)
{
    Side side;
    Json doc;
    const Json* root = nullptr;
    if (!payload(a, doc, root, side))
        return side;
    auto available = number(root, "available_amount");
    if (!available) {
        side.failed = "no available_amount in the answer";
        return side;
    }
    Record r = balance_record(base, unit, *available);
    for (auto [field, part] : {std::pair{"cash_balance", "cash"}, {"voucher_balance", "voucher"},
                               {"credit_balance", "credit"}, {"owed_amount", "owed"}})
        if (auto v = number(root, field))
            r.parts.push_back({part, *v});
    side.records.push_back(std::move(r));
    return side;
}

const char* const token_plan_path = "/v1/token_plan/remains";
const char* const coding_plan_path = "/v1/api/openplatform/coding_plan/remains";

// The plan answer to read: the fallback's, unless that path is gone (HTTP
// 404) and the Token Plan path has a reason of its own to show.
const HttpResponse& plan_answer(const std::vector<HttpResponse>& answers)
{
    if (answers.size() < 3)
        return answers.at(0);
    const HttpResponse& legacy = answers[2];
    return legacy.error.empty() && legacy.status == 404 ? answers[0] : legacy;
}

}  // namespace

void parse_minimax(const Record& base, const HttpResponse& plan, const HttpResponse& balance,
                   const std::string& unit, std::vector<Record>& out)
{
    Side p = plan_side(base, plan);
    Side b = balance_side(base, balance, unit);
    if (p.records.empty() && b.records.empty()) {
        std::string pw = p.failed.empty() ? p.refused : p.failed;
        std::string bw = b.failed.empty() ? b.refused : b.failed;
        out.push_back(error_record(base, "balance", "coding plan: " + pw + "; balance: " + bw));
        return;
    }
    for (auto* side : {&p, &b})
        for (Record& r : side->records)
            out.push_back(std::move(r));
    if (!p.failed.empty())
        out.push_back(error_record(base, "quota", "coding plan: " + p.failed));
    if (!b.failed.empty())
        out.push_back(error_record(base, "balance", "balance: " + b.failed));
}

Provider minimax_provider(const std::string& region, const std::string& base_url)
{
    const Region r = find_region("minimax", region);
    const std::string unit = r.unit;
    Provider p = new_provider("minimax", "MINIMAX_API_KEY", base_url, r.host);
    // The Token Plan path first (MiniMax's CLI asks only it); the Coding Plan
    // path when it gives no plan (providers.md R4, CodexBar's order).
    auto get = [](const std::string& url, const std::string& key) {
        HttpRequest r = bearer_get(url, key);
        r.headers.push_back("Content-Type: application/json");
        return r;
    };
    p.requests = [get](const std::string& base, const std::string& key) {
        return std::vector<HttpRequest>{get(base + token_plan_path, key),
                                        get(base + "/account/query_balance", key)};
    };
    p.more = [get](const std::string& base, const std::string& key,
                   const std::vector<HttpResponse>& answers) {
        if (answers.size() != 2 || !plan_side(Record{}, answers[0]).records.empty())
            return std::vector<HttpRequest>{};
        return std::vector<HttpRequest>{get(base + coding_plan_path, key)};
    };
    p.parse = [unit](const Record& base, const std::vector<HttpResponse>& answers,
                     std::vector<Record>& out) {
        parse_minimax(base, plan_answer(answers), answers.at(1), unit, out);
    };
    return p;
}

}  // namespace qw

#include "providers/minimax.h"

#include "error.h"
#include "json.h"
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

// One window of a model_remains entry; false when it is unlimited or empty.
bool window(const Record& base, const Json& m, bool weekly, Record& r)
{
    const std::string p = weekly ? "current_weekly_" : "current_interval_";
    auto status = number(&m, p + "status");
    auto pct = number(&m, p + "remaining_percent");
    auto total = number(&m, p + "total_count");
    auto left = number(&m, p + "usage_count");      // REMAINING, despite its name
    bool counts = total && *total > 0 && left;
    if ((status && *status == 3) || (!pct && !counts && !(status && *status == 2)))
        return false;
    auto start = number(&m, weekly ? "weekly_start_time" : "start_time");
    auto end = number(&m, weekly ? "weekly_end_time" : "end_time");
    std::string name = "weekly";
    if (!weekly) {
        double span = start && end ? *end - *start : 0;
        name = span > 0 && span < 1e15 && std::fmod(span, 3600000) == 0
                   ? std::to_string(static_cast<long>(span / 3600000)) + "h"
                   : "5h";
    }
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
    Record r = base;
    r.kind = "balance";
    r.unit = unit;
    r.remaining = *available;
    for (auto [field, part] : {std::pair{"cash_balance", "cash"}, {"voucher_balance", "voucher"},
                               {"credit_balance", "credit"}, {"owed_amount", "owed"}})
        if (auto v = number(root, field))
            r.parts.push_back({part, *v});
    r.status = "ok";
    side.records.push_back(std::move(r));
    return side;
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
    if (region != "global" && region != "cn")
        throw Error("--region: \"" + region + "\" is not global or cn");
    const std::string unit = region == "cn" ? "CNY" : "USD";
    Provider p;
    p.name = "minimax";
    p.key_env = "MINIMAX_API_KEY";
    p.base_url = !base_url.empty() ? base_url
                 : region == "cn"  ? "https://api.minimaxi.com"
                                   : "https://api.minimax.io";
    p.requests = [](const std::string& base, const std::string& key) {
        std::vector<HttpRequest> rq{
            bearer_get(base + "/v1/api/openplatform/coding_plan/remains", key),
            bearer_get(base + "/account/query_balance", key)};
        for (HttpRequest& r : rq)
            r.headers.push_back("Content-Type: application/json");
        return rq;
    };
    p.parse = [unit](const Record& base, const std::vector<HttpResponse>& answers,
                     std::vector<Record>& out) {
        parse_minimax(base, answers.at(0), answers.at(1), unit, out);
    };
    return p;
}

}  // namespace qw

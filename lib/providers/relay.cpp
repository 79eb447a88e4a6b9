#include "providers/relay.h"

#include "error.h"
#include "json.h"
#include "rules.h"
#include "timeutil.h"

#include <cctype>
#include <cmath>

namespace qw {

namespace {

// one-api/new-api's hard_limit_usd for a key without a limit.
constexpr double unlimited = 100000000;

double round6(double v)
{
    return std::round(v * 1e6) / 1e6;
}

// The relay's error in a JSON answer ({"error":...}, success or code false),
// or empty when there is none.
std::string relay_error(const Json& j, const std::string& body)
{
    auto is_false = [](const Json* v) { return v && v->as_bool() == false; };
    const Json* e = j.get("error");
    if (!(e && !e->is_null()) && !is_false(j.get("success")) && !is_false(j.get("code")))
        return {};
    std::string m = body_message(body);
    return "relay answered an error" + (m.empty() ? "" : ": " + m);
}

// Why an answer is unusable, or empty; j holds the parsed body when usable.
std::string problem(const HttpResponse& a, Json& j)
{
    if (std::string why = http_problem(a); !why.empty())
        return why;
    std::string err;
    parse_json(a.body, j, &err);
    return relay_error(j, a.body);
}

std::optional<double> number(const Json& j, std::initializer_list<std::string_view> path)
{
    const Json* v = j.at(path);
    return v ? v->as_number() : std::nullopt;
}

Record balance(const Record& base, const std::string& unit)
{
    Record r = base;
    r.kind = "balance";
    r.unit = unit;
    r.status = "ok";
    return r;
}

std::string date(int64_t t)
{
    return format_rfc3339(t).substr(0, 10);
}

bool plain_unit(const std::string& u)
{
    if (u.empty() || u.size() > 16)
        return false;
    for (char c : u)
        if (!std::isalpha(static_cast<unsigned char>(c)))
            return false;
    return true;
}

// Whether hard_limit_usd holds what is left (one-api's per-user stats mode,
// providers.md R7): the user's remaining quota of /api/user/self, in the
// relay's display unit or raw, equals it while some quota was used.
bool left_in_limit(double limit, double used, const Json& self, double quota_per_unit)
{
    auto quota = number(self, {"data", "quota"});
    auto used_quota = number(self, {"data", "used_quota"});
    if (!quota || !used_quota || !(*used_quota > 0 || used > 0))
        return false;
    return std::fabs(limit - *quota / quota_per_unit) < 0.005 || std::fabs(limit - *quota) < 0.5;
}

}  // namespace

void parse_relay_billing(const Record& base, const std::vector<HttpResponse>& answers,
                         const RelayOptions& o, std::vector<Record>& out)
{
    Json sub, use;
    if (std::string why = problem(answers.at(0), sub); !why.empty())
        return out.push_back(error_record(base, "balance", "subscription: " + why));
    if (std::string why = problem(answers.at(1), use); !why.empty())
        return out.push_back(error_record(base, "balance", "usage: " + why));
    auto limit = number(sub, {"hard_limit_usd"});
    auto total = number(use, {"total_usage"});
    if (!limit)
        return out.push_back(error_record(base, "balance", "no hard_limit_usd in the answer"));
    if (!total)
        return out.push_back(error_record(base, "balance", "no total_usage in the answer"));
    Record r = balance(base, o.unit);
    r.used = round6(*total / 100);
    if (*limit == unlimited) {
        r.status = "na";
        r.reason = "unlimited key: no balance to watch";
        return out.push_back(std::move(r));
    }
    bool user_stats = o.mode == "user-stats";
    if (answers.size() > 2) {
        Json self;
        if (std::string why = problem(answers[2], self); !why.empty())
            return out.push_back(error_record(
                base, "balance", "access token (/api/user/self): " + why +
                                     ": cannot tell the relay's stats mode"));
        user_stats = left_in_limit(*limit, *r.used, self, o.quota_per_unit);
    }
    if (user_stats) {
        r.remaining = round6(*limit);
        r.limit = round6(*limit + *r.used);
    } else if (*limit - *r.used < 0) {
        Record e = error_record(
            base, "balance",
            "hard_limit_usd " + format_amount(*limit, o.unit) + " less used " +
                format_amount(*r.used, o.unit) + " is below zero: likely one-api's per-user "
                "stats mode (hard_limit_usd is what is left): give --mode user-stats or "
                "RELAY_ACCESS_TOKEN");
        e.used = r.used;
        return out.push_back(std::move(e));
    } else {
        r.limit = *limit;
        r.remaining = round6(*limit - *r.used);
    }
    out.push_back(std::move(r));
}

void parse_relay_token(const Record& base, const HttpResponse& answer, const std::string& unit,
                       double quota_per_unit, std::vector<Record>& out)
{
    Json j;
    if (std::string why = problem(answer, j); !why.empty())
        return out.push_back(error_record(base, "balance", why));
    auto available = number(j, {"data", "total_available"});
    auto used = number(j, {"data", "total_used"});
    auto granted = number(j, {"data", "total_granted"});
    if (!available || !used)
        return out.push_back(error_record(
            base, "balance", "no data.total_available or data.total_used in the answer"));
    Record r = balance(base, unit);
    r.used = round6(*used / quota_per_unit);
    const Json* u = j.at({"data", "unlimited_quota"});
    if (u && u->as_bool() == true) {
        r.status = "na";
        r.reason = "unlimited key: no balance to watch";
    } else {
        r.remaining = round6(*available / quota_per_unit);
        if (granted)
            r.limit = round6(*granted / quota_per_unit);
    }
    out.push_back(std::move(r));
}

void check_relay_options(const RelayOptions& o)
{
    if (o.mode != "billing" && o.mode != "user-stats" && o.mode != "token")
        throw Error("--mode: \"" + o.mode + "\" is not billing, user-stats or token");
    if (!plain_unit(o.unit))
        throw Error("--unit: \"" + o.unit + "\" is not a unit name such as USD, CNY or quota");
    if (!(o.quota_per_unit > 0) || !std::isfinite(o.quota_per_unit))
        throw Error("--quota-per-unit: must be a number above 0");
}

Provider relay_provider(const RelayOptions& o, const std::string& base_url, int64_t now)
{
    check_relay_options(o);
    Provider p = new_provider("relay", "RELAY_API_KEY", base_url, "");
    const std::string range = "?start_date=" + date(now - 99 * 86400) +
                              "&end_date=" + date(now + 86400);
    const bool token = o.mode == "token";
    // Only billing mode has a question for the access token.
    const std::string access = o.mode == "billing" ? o.access_token : "";
    p.requests = [token, range, access](const std::string& base, const std::string& key) {
        if (token)
            return std::vector<HttpRequest>{bearer_get(base + "/api/usage/token/", key)};
        std::vector<HttpRequest> rq{
            bearer_get(base + "/v1/dashboard/billing/subscription", key),
            bearer_get(base + "/v1/dashboard/billing/usage" + range, key)};
        if (!access.empty())
            rq.push_back(bearer_get(base + "/api/user/self", access));
        return rq;
    };
    p.parse = [o, token](const Record& base, const std::vector<HttpResponse>& answers,
                         std::vector<Record>& out) {
        if (token)
            parse_relay_token(base, answers.at(0), o.unit, o.quota_per_unit, out);
        else
            parse_relay_billing(base, answers, o, out);
    };
    return p;
}

}  // namespace qw

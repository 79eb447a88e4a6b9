#include "providers/relay.h"

#include "error.h"
#include "json.h"
#include "redact.h"
#include "timeutil.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

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

}  // namespace

void parse_relay_billing(const Record& base, const HttpResponse& subscription,
                         const HttpResponse& usage, const std::string& unit,
                         std::vector<Record>& out)
{
    Json sub, use;
    if (std::string why = problem(subscription, sub); !why.empty())
        return out.push_back(error_record(base, "balance", "subscription: " + why));
    if (std::string why = problem(usage, use); !why.empty())
        return out.push_back(error_record(base, "balance", "usage: " + why));
    auto limit = number(sub, {"hard_limit_usd"});
    auto total = number(use, {"total_usage"});
    if (!limit)
        return out.push_back(error_record(base, "balance", "no hard_limit_usd in the answer"));
    if (!total)
        return out.push_back(error_record(base, "balance", "no total_usage in the answer"));
    Record r = balance(base, unit);
    r.used = round6(*total / 100);
    if (*limit == unlimited) {
        r.status = "na";
        r.reason = "unlimited key: no balance to watch";
    } else {
        r.limit = *limit;
        r.remaining = round6(*limit - *total / 100);
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

Provider relay_provider(const RelayOptions& o, const std::string& base_url, int64_t now)
{
    if (o.mode != "billing" && o.mode != "token")
        throw Error("--mode: \"" + o.mode + "\" is not billing or token");
    if (!plain_unit(o.unit))
        throw Error("--unit: \"" + o.unit + "\" is not a unit name such as USD, CNY or quota");
    if (!(o.quota_per_unit > 0) || !std::isfinite(o.quota_per_unit))
        throw Error("--quota-per-unit: must be a number above 0");
    Provider p;
    p.name = "relay";
    p.key_env = "RELAY_API_KEY";
    p.base_url = base_url;
    const std::string range = "?start_date=" + date(now - 99 * 86400) +
                              "&end_date=" + date(now + 86400);
    const bool token = o.mode == "token";
    p.requests = [token, range](const std::string& base, const std::string& key) {
        if (token)
            return std::vector<HttpRequest>{bearer_get(base + "/api/usage/token/", key)};
        return std::vector<HttpRequest>{
            bearer_get(base + "/v1/dashboard/billing/subscription", key),
            bearer_get(base + "/v1/dashboard/billing/usage" + range, key)};
    };
    p.parse = [o, token](const Record& base, const std::vector<HttpResponse>& answers,
                         std::vector<Record>& out) {
        if (token)
            parse_relay_token(base, answers.at(0), o.unit, o.quota_per_unit, out);
        else
            parse_relay_billing(base, answers.at(0), answers.at(1), o.unit, out);
    };
    return p;
}

bool parse_relay_accounts(std::string_view text, const std::string& dir, const std::string& keys,
                          std::vector<RelayAccountLine>& out, std::string* err)
{
    std::istringstream in{std::string(text)};
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (size_t hash = line.find('#'); hash != std::string::npos)
            line.resize(hash);
        std::istringstream words(line);
        RelayAccountLine a;
        std::string extra;
        if (!(words >> a.name))
            continue;
        words >> a.base_url >> a.key_file >> extra;
        if (a.base_url.empty() || !extra.empty()) {
            *err = std::to_string(n) + ": expected NAME BASE_URL [KEY_FILE]";
            return false;
        }
        if (a.name.find('/') != std::string::npos || a.name[0] == '.') {
            *err = std::to_string(n) + ": \"" + a.name + "\" is not a plain account name";
            return false;
        }
        try {
            a.base_url = checked_base_url(a.base_url);
        } catch (const Error& e) {
            *err = std::to_string(n) + ": " + e.what();
            return false;
        }
        a.written = a.key_file;
        if (a.key_file.empty())
            a.key_file = keys + "/relay/" + a.name;
        else if (a.key_file[0] != '/')
            a.key_file = dir + "/" + a.key_file;
        for (const auto& seen : out)
            if (seen.name == a.name) {
                *err = std::to_string(n) + ": account \"" + a.name + "\" is listed twice";
                return false;
            }
        out.push_back(std::move(a));
    }
    return true;
}

std::vector<Account> relay_accounts(const std::string& accounts_file, const std::string& key_file,
                                    const std::string& base_url)
{
    std::string file = accounts_file;
    struct stat st;
    const std::string in_keys = keys_dir() + "/relay.accounts";
    const char* env = std::getenv("RELAY_API_KEY");
    if (file.empty() && key_file.empty() && !(env && *env) && ::stat(in_keys.c_str(), &st) == 0)
        file = in_keys;
    if (file.empty()) {
        auto accounts = find_accounts("relay", "RELAY_API_KEY", key_file);
        if (!accounts.empty() && base_url.empty())
            throw Error("no relay host: give --base-url or RELAY_BASE_URL, or list the "
                        "accounts with their hosts in " + in_keys);
        return accounts;
    }
    std::ifstream in(file);
    if (!in)
        throw Error(file + ": cannot read the accounts file");
    std::stringstream text;
    text << in.rdbuf();
    std::vector<RelayAccountLine> lines;
    std::string err;
    size_t slash = file.rfind('/');
    std::string dir = slash == std::string::npos ? "." : file.substr(0, slash);
    if (!parse_relay_accounts(text.str(), dir, keys_dir(), lines, &err))
        throw Error(file + ":" + err);
    std::vector<Account> accounts;
    for (const auto& line : lines) {
        Account a{line.name, "", ""};
        if (!line.written.empty() && ::access(line.key_file.c_str(), F_OK) != 0) {
            // Seed 002 wrote the key itself there: never show it.
            add_secret(line.written);
            a.error = file + ": account " + line.name + ": no such key file (the third field "
                      "names a 0600 file; a key is never written there)";
        } else if (!read_secret_file(line.key_file, a.secret, &a.error)) {
            a.secret.clear();
        }
        a.base_url = base_url.empty() ? line.base_url : base_url;
        accounts.push_back(std::move(a));
    }
    return accounts;
}

}  // namespace qw

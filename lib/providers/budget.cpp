#include "providers/budget.h"

#include "display.h"
#include "error.h"
#include "json.h"
#include "record.h"
#include "store/store_query.h"
#include "timeutil.h"

#include <cctype>
#include <cstdlib>

namespace qw {

std::string budget_env(const std::string& provider, const char* option)
{
    std::string env;
    for (char c : provider + "-" + option)
        env += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return env;
}

Record budget_record(const Record& base, std::optional<double> budget, const std::string& env,
                     std::optional<double> used, const std::string& used_error)
{
    if (!used_error.empty())
        return error_record(base, "budget", used_error);
    Record r = base;
    r.kind = "budget";
    r.used = used;
    if (!budget) {
        r.status = "na";
        r.reason = "client subscription: no budget set (" + env + ")";
        return r;
    }
    if (!used)
        return error_record(base, "budget",
                            "a budget needs --used-db and --used-query (" +
                                budget_env(base.provider, "used-db") + ", " +
                                budget_env(base.provider, "used-query") +
                                ") to count the use against it");
    r.limit = *budget;
    r.remaining = *budget - *used;
    r.status = "ok";
    return r;
}

Record fetch_budget(BudgetOptions o, int64_t now)
{
    if (o.provider.empty())
        throw Error("--provider: give the subscription's name, such as anthropic");
    if (o.provider.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
        throw Error("--provider: \"" + one_line(o.provider) +
                    "\" is not a provider name such as anthropic");
    // What the command line did not give, the provider's variables give.
    std::string source = "--budget";
    for (auto [option, value] : {std::pair{"budget", &o.budget}, {"unit", &o.unit},
                                 {"used-db", &o.used_db}, {"used-query", &o.used_query}}) {
        const char* v = value->empty() ? std::getenv(budget_env(o.provider, option).c_str()) : nullptr;
        if (v && *v) {
            *value = v;
            if (value == &o.budget)
                source = budget_env(o.provider, option);
        }
    }
    if (o.unit.empty())
        o.unit = "tasks";
    if (o.used_db.empty() != o.used_query.empty())
        throw Error("--used-db and --used-query go together");
    const std::string env = budget_env(o.provider, "budget");
    std::optional<double> budget;
    if (!o.budget.empty()) {
        budget = parse_number(o.budget);
        if (!budget || *budget < 0)
            throw Error(source + ": \"" + one_line(o.budget) + "\" is not a number of " + o.unit);
    }
    Record base;
    base.ts = format_rfc3339(now);
    base.provider = o.provider;
    base.account = o.account;
    base.unit = o.unit;
    std::optional<double> used;
    std::string err;
    if (!o.used_db.empty()) {
        const std::string month_start = format_rfc3339(now).substr(0, 8) + "01";
        used = sqlite_number(o.used_db, o.used_query,
                             {{":provider", o.provider}, {":account", o.account},
                              {":month_start", month_start}},
                             &err);
    }
    return budget_record(base, budget, env, used, err);
}

}  // namespace qw

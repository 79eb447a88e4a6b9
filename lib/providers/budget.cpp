#include "providers/budget.h"

#include "display.h"
#include "error.h"
#include "json.h"
#include "record.h"
#include "store_query.h"
#include "timeutil.h"

#include <cctype>
#include <cstdlib>

namespace qw {

std::string budget_env(const std::string& provider)
{
    std::string env;
    for (char c : provider)
        env += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return env + "_BUDGET";
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
        return error_record(base, "budget", "a budget needs --used-db and --used-query "
                                            "to count the use against it");
    r.limit = *budget;
    r.remaining = *budget - *used;
    r.status = "ok";
    return r;
}

Record fetch_budget(const BudgetOptions& o, int64_t now)
{
    if (o.provider.empty() || o.provider.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") !=
                                  std::string::npos)
        throw Error("--provider: \"" + o.provider + "\" is not a provider name such as anthropic");
    if (o.used_db.empty() != o.used_query.empty())
        throw Error("--used-db and --used-query go together");
    const std::string env = budget_env(o.provider);
    std::string text = o.budget;
    std::string source = "--budget";
    if (text.empty()) {
        const char* v = std::getenv(env.c_str());
        text = v ? v : "";
        source = env;
    }
    std::optional<double> budget;
    if (!text.empty()) {
        budget = parse_number(text);
        if (!budget || *budget < 0)
            throw Error(source + ": \"" + one_line(text) + "\" is not a number of " + o.unit);
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

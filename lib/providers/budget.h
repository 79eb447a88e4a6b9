// fetch-budget (seed 003): client subscriptions without a balance API
// (Claude Code, Codex CLI), watched against a budget the user sets.
#pragma once
#include "record.h"

#include <cstdint>
#include <optional>
#include <string>

namespace qw {

struct BudgetOptions {
    std::string provider;              // anthropic, openai, ...
    std::string account = "default";
    std::string unit;                  // empty: <PROVIDER>_UNIT, else tasks
    std::string budget;                // --budget; empty: <PROVIDER>_BUDGET
    std::string used_db;               // SQLite file that counts the use (<PROVIDER>_USED_DB)
    std::string used_query;            // SQL giving one number (<PROVIDER>_USED_QUERY)
};

// The provider's variable for an option: ANTHROPIC_BUDGET for anthropic's
// --budget, ANTHROPIC_USED_DB for its --used-db.
std::string budget_env(const std::string& provider, const char* option);

// The pure part.  A budget and a count give an ok record (limit, used,
// remaining); no budget gives status na; a budget with nothing to count
// against, or used_error, gives an error record.
Record budget_record(const Record& base, std::optional<double> budget, const std::string& env,
                     std::optional<double> used, const std::string& used_error);

// Reads the budget and counts the use; an option left empty is taken from the
// provider's variable.  Throws Error on bad options or a budget that is not a
// number.
Record fetch_budget(BudgetOptions opts, int64_t now);

}  // namespace qw

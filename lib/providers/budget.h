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
    std::string unit = "tasks";
    std::string budget;                // --budget; empty: <PROVIDER>_BUDGET
    std::string used_db;               // SQLite file that counts the use
    std::string used_query;            // SQL giving one number
};

// The budget's environment variable: ANTHROPIC_BUDGET for anthropic.
std::string budget_env(const std::string& provider);

// The pure part.  A budget and a count give an ok record (limit, used,
// remaining); no budget gives status na; a budget with nothing to count
// against, or used_error, gives an error record.
Record budget_record(const Record& base, std::optional<double> budget, const std::string& env,
                     std::optional<double> used, const std::string& used_error);

// Reads the budget and counts the use.  Throws Error on bad options or a
// budget that is not a number.
Record fetch_budget(const BudgetOptions& opts, int64_t now);

}  // namespace qw

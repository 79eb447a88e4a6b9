// fetch-budget: a client subscription watched against the user's budget (seed 003).
#include "providers/budget.h"
#include "timeutil.h"
#include "tool/tool.h"

static qw::Exit run(int argc, char** argv)
{
    qw::BudgetOptions o;
    auto opts = qw::tool_options("fetch-budget",
                                 "print a subscription's use against a budget, or N/A");
    opts.add_options()
        ("account", "label the record LABEL", cxxopts::value<std::string>(o.account), "LABEL")
        ("budget", "the budget, in UNIT (default: $<PROVIDER>_BUDGET)",
         cxxopts::value<std::string>(o.budget), "N")
        ("provider", "the subscription: anthropic, openai, ...",
         cxxopts::value<std::string>(o.provider), "NAME")
        ("unit", "what the budget counts (default: $<PROVIDER>_UNIT, else tasks)", cxxopts::value<std::string>(o.unit),
         "UNIT")
        ("used-db", "count the use in this SQLite file (default: $<PROVIDER>_USED_DB)", cxxopts::value<std::string>(o.used_db),
         "FILE")
        ("used-query", "SQL giving the use (:provider, :account, :month_start; "
                       "default: $<PROVIDER>_USED_QUERY)",
         cxxopts::value<std::string>(o.used_query), "SQL");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    qw::Record r = qw::fetch_budget(o, qw::now());
    if (qw::status_of(r) == qw::Status::error)
        qw::warn(r.provider + "/" + r.account + ": " + r.error);
    return qw::write_records({r});
}

int main(int argc, char** argv)
{
    return qw::run_tool("fetch-budget", argc, argv, run);
}

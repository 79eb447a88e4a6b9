// fetch-claude-db: the Claude balance a scrape job keeps in PostgreSQL (seed 001).
#include "error.h"
#include "json.h"
#include "providers/claude_db.h"
#include "timeutil.h"
#include "tool/tool.h"

#include <cmath>

static qw::Exit run(int argc, char** argv)
{
    qw::ClaudeDbOptions o;
    auto opts = qw::tool_options("fetch-claude-db", "print the Claude balance kept in PostgreSQL");
    opts.add_options()
        ("account", "label the record LABEL", cxxopts::value<std::string>(o.account), "LABEL")
        ("query", "run SQL instead of seed 001's query", cxxopts::value<std::string>(o.query),
         "SQL")
        ("t,timeout", "give up connecting, and on the query, after SECONDS",
         cxxopts::value<std::string>()->default_value("30"), "SECONDS")
        ("unit", "the currency of the balance", cxxopts::value<std::string>(o.unit), "UNIT");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    const std::string t = args["timeout"].as<std::string>();
    auto secs = qw::parse_number(t);
    if (!secs || *secs < 1 || *secs > 86400)
        throw qw::Error("--timeout: \"" + t + "\" is not a number of seconds from 1 to 86400");
    o.timeout_seconds = static_cast<int>(std::ceil(*secs));
    qw::Record r = qw::fetch_claude_db(o, qw::now());
    if (qw::status_of(r) == qw::Status::error)
        qw::warn(r.account + ": " + r.error);
    return qw::write_records({r});
}

int main(int argc, char** argv)
{
    return qw::run_tool("fetch-claude-db", argc, argv, run);
}

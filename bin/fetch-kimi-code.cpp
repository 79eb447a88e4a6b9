// fetch-kimi-code: the Kimi Code weekly and 5-hour windows of every account,
// or of the text that Kimi CLI's /usage prints.
#include "error.h"
#include "tool/fetch_tool.h"
#include "providers/kimi_code.h"
#include "providers/usage_text.h"
#include "timeutil.h"
#include "tool/tool.h"

#include <cstdlib>
#include <iostream>
#include <iterator>

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("fetch-kimi-code",
                                 "print the Kimi Code weekly and 5-hour windows of every account");
    qw::add_fetch_options(opts);
    opts.add_options()
        ("manual", "the windows from seven numbers: weekly % left, days, hours, minutes "
                   "to its reset, 5h % left, hours, minutes",
         cxxopts::value<std::string>(), "NUMBERS")
        ("usage-text", "read the text of Kimi CLI's /usage from standard input");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    const bool manual = args.count("manual") > 0;
    if (manual && args.count("usage-text"))
        throw qw::Error("--manual and --usage-text cannot be used together");
    if (manual)
        return qw::write_records(
            qw::kimi_code_from_text(args["manual"].as<std::string>(), true, qw::now()));
    if (args.count("usage-text")) {
        std::string text{std::istreambuf_iterator<char>(std::cin), {}};
        return qw::write_records(qw::kimi_code_from_text(text, false, qw::now()));
    }
    std::string base = args.count("base-url") ? args["base-url"].as<std::string>() : "";
    if (const char* env = std::getenv("KIMI_CODE_BASE_URL"); base.empty() && env)
        base = env;
    return qw::run_fetch(qw::kimi_code_provider(base), args);
}

int main(int argc, char** argv)
{
    return qw::run_tool("fetch-kimi-code", argc, argv, run);
}

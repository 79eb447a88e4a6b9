// fetch-openrouter: the OpenRouter credits of every account, and its key's
// cap and spend.
#include "tool/fetch_tool.h"
#include "providers/openrouter.h"
#include "tool/tool.h"

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("fetch-openrouter",
                                 "print the OpenRouter credits of every account");
    qw::add_fetch_options(opts);
    opts.add_options()
        ("key-usage", "also print the key's cap and its daily, weekly and monthly spend");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    auto base = qw::base_url_option(args, "OPENROUTER_BASE_URL", "");
    return qw::run_fetch(qw::openrouter_provider(base, args.count("key-usage") > 0), args);
}

int main(int argc, char** argv)
{
    return qw::run_tool("fetch-openrouter", argc, argv, run);
}

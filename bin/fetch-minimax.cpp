// fetch-minimax: the MiniMax Coding Plan windows and balance of every account.
#include "tool/fetch_tool.h"
#include "providers/minimax.h"
#include "tool/tool.h"

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("fetch-minimax",
                                 "print the MiniMax plan windows and balance of every account");
    qw::add_fetch_options(opts);
    opts.add_options()
        ("region", "global (api.minimax.io, USD) or cn (api.minimaxi.com, CNY)",
         cxxopts::value<std::string>()->default_value("global"), "REGION");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    auto base = qw::base_url_option(args, "MINIMAX_BASE_URL", "");
    auto region = qw::region_option(args, base, "minimax");
    return qw::run_fetch(qw::minimax_provider(region, base), args);
}

int main(int argc, char** argv)
{
    return qw::run_tool("fetch-minimax", argc, argv, run);
}

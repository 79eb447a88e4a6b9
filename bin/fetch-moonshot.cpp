// fetch-moonshot: the Moonshot / Kimi open-platform balance of every account.
#include "tool/fetch_tool.h"
#include "providers/moonshot.h"
#include "tool/tool.h"

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("fetch-moonshot", "print the Moonshot balance of every account");
    qw::add_fetch_options(opts);
    opts.add_options()
        ("region", "global (api.moonshot.ai, USD) or cn (api.moonshot.cn, CNY)",
         cxxopts::value<std::string>()->default_value("global"), "REGION");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    auto base = qw::base_url_option(args, "MOONSHOT_BASE_URL", "");
    auto region = qw::region_option(args, base, "moonshot");
    return qw::run_fetch(qw::moonshot_provider(region, base), args);
}

int main(int argc, char** argv)
{
    return qw::run_tool("fetch-moonshot", argc, argv, run);
}

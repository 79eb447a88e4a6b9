// fetch-siliconflow: the SiliconFlow balance of every account.
#include "tool/fetch_tool.h"
#include "providers/siliconflow.h"
#include "tool/tool.h"

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("fetch-siliconflow",
                                 "print the SiliconFlow balance of every account");
    qw::add_fetch_options(opts);
    opts.add_options()
        ("region", "global (api.siliconflow.com, USD) or cn (retired on 2026-08-14: "
                   "status na, no request)",
         cxxopts::value<std::string>()->default_value("global"), "REGION");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    auto base = qw::base_url_option(args, "SILICONFLOW_BASE_URL", "");
    auto region = qw::region_option(args, base, "siliconflow");
    return qw::run_fetch(qw::siliconflow_provider(region, base), args);
}

int main(int argc, char** argv)
{
    return qw::run_tool("fetch-siliconflow", argc, argv, run);
}

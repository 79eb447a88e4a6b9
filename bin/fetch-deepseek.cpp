// fetch-deepseek: the DeepSeek balance of every account, one record per currency.
#include "tool/fetch_tool.h"
#include "providers/deepseek.h"
#include "tool/tool.h"

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("fetch-deepseek", "print the DeepSeek balance of every account");
    qw::add_fetch_options(opts);
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    auto base = qw::base_url_option(args, "DEEPSEEK_BASE_URL", "");
    return qw::run_fetch(qw::deepseek_provider(base), args);
}

int main(int argc, char** argv)
{
    return qw::run_tool("fetch-deepseek", argc, argv, run);
}

// fetch-glm: the GLM Coding Plan windows and the BigModel wallet of every account.
#include "tool/fetch_tool.h"
#include "providers/glm.h"
#include "tool/tool.h"

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("fetch-glm",
                                 "print the GLM Coding Plan windows and wallet of every account");
    qw::add_fetch_options(opts);
    opts.add_options()
        ("no-wallet", "leave out the wallet balance (cn region)")
        ("organization", "BigModel team usage: the organisation ID (with --project)",
         cxxopts::value<std::string>(), "ID")
        ("project", "BigModel team usage: the project ID (with --organization)",
         cxxopts::value<std::string>(), "ID")
        ("region", "cn (open.bigmodel.cn, and the wallet) or global (api.z.ai)",
         cxxopts::value<std::string>()->default_value("cn"), "REGION");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    auto base = qw::base_url_option(args, "GLM_BASE_URL", "");
    auto region = qw::region_option(args, base, "glm");
    qw::GlmTeam team;
    if (args.count("organization"))
        team.organization = args["organization"].as<std::string>();
    if (args.count("project"))
        team.project = args["project"].as<std::string>();
    auto glm = qw::glm_provider(region, base, !args.count("no-wallet"),
                                team);
    return qw::run_fetch(glm, args);
}

int main(int argc, char** argv)
{
    return qw::run_tool("fetch-glm", argc, argv, run);
}

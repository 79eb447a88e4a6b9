// fetch-claude: the Claude subscription windows of every OAuth token, and
// the Anthropic organisation's spend with an admin key.
#include "tool/fetch_tool.h"
#include "providers/claude.h"
#include "timeutil.h"
#include "tool/tool.h"

static std::string optional(const cxxopts::ParseResult& args, const char* name)
{
    return args.count(name) ? args[name].as<std::string>() : "";
}

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("fetch-claude",
                                 "print the Claude subscription windows and the Anthropic spend");
    qw::add_fetch_options(opts);
    opts.add_options()
        ("admin-key-file", "read the Anthropic admin key from FILE (mode 0600)",
         cxxopts::value<std::string>(), "FILE");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    auto base = qw::base_url_option(args, "CLAUDE_BASE_URL", "");
    auto parts = qw::claude_parts(base, optional(args, "key-file"),
                                  optional(args, "admin-key-file"), qw::now());
    return qw::run_fetch_parts(parts, args);
}

int main(int argc, char** argv)
{
    return qw::run_tool("fetch-claude", argc, argv, run);
}

// fetch-openai: the OpenAI organisation's spend with an admin key, and the
// ChatGPT / Codex plan windows with a ChatGPT token.
#include "tool/fetch_tool.h"
#include "providers/openai.h"
#include "timeutil.h"
#include "tool/tool.h"

static std::string optional(const cxxopts::ParseResult& args, const char* name)
{
    return args.count(name) ? args[name].as<std::string>() : "";
}

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("fetch-openai",
                                 "print the OpenAI spend and the Codex plan windows");
    qw::add_fetch_options(opts);
    opts.add_options()
        ("chatgpt-token-file", "read the ChatGPT access token from FILE (mode 0600)",
         cxxopts::value<std::string>(), "FILE");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    auto base = qw::base_url_option(args, "QUOTAWATCH_OPENAI_BASE_URL", "");
    auto parts = qw::openai_parts(base, optional(args, "key-file"),
                                  optional(args, "chatgpt-token-file"), qw::now());
    return qw::run_fetch_parts(parts, args);
}

int main(int argc, char** argv)
{
    return qw::run_tool("fetch-openai", argc, argv, run);
}

// render: records to text for people (table, markdown, log, balance-log, text).
#include "tool/render_tool.h"
#include "tool/tool.h"

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("render", "draw records as a table, markdown, log lines or text");
    qw::add_render_options(opts);
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    return qw::run_render(args);
}

int main(int argc, char** argv)
{
    return qw::run_tool("render", argc, argv, run);
}

// recall: what the SQLite history says per series: usage, burn rate, days left.
#include "tool/recall_tool.h"
#include "tool/tool.h"

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("recall", "summarise the quotawatch history per series");
    qw::add_recall_options(opts);
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    return qw::run_recall(args);
}

int main(int argc, char** argv)
{
    return qw::run_tool("recall", argc, argv, run);
}

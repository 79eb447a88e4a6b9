// dashboard: the history as one self-contained HTML page of charts.
#include "tool/dashboard_tool.h"
#include "tool/tool.h"

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("dashboard", "write the quotawatch history as an HTML page");
    qw::add_dashboard_options(opts);
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    return qw::run_dashboard(args);
}

int main(int argc, char** argv)
{
    return qw::run_tool("dashboard", argc, argv, run);
}

// metrics: the history as Prometheus metrics, for node_exporter's textfile collector.
#include "tool/metrics_tool.h"
#include "tool/tool.h"

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("metrics", "write the quotawatch history as Prometheus metrics");
    qw::add_metrics_options(opts);
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    return qw::run_metrics(args);
}

int main(int argc, char** argv)
{
    return qw::run_tool("metrics", argc, argv, run);
}

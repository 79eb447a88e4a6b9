// evaluate: observations in, verdicts out; exit 2 when any is an alert.
#include "tool/evaluate_tool.h"
#include "tool/tool.h"

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("evaluate", "judge observations against thresholds");
    qw::add_evaluate_options(opts);
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    return qw::run_evaluate(args);
}

int main(int argc, char** argv)
{
    return qw::run_tool("evaluate", argc, argv, run);
}

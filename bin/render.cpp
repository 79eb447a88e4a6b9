// render: records to text for people (table, markdown, log, text).
#include "error.h"
#include "registry.h"
#include "render.h"
#include "timeutil.h"
#include "tool.h"

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("render", "draw records as a table, markdown, log lines or text");
    opts.add_options()
        ("f,format", "table, markdown, log, balance-log or text",
         cxxopts::value<std::string>()->default_value("table"), "FORMAT")
        ("provider", "only records of this provider", cxxopts::value<std::string>(), "NAME")
        ("list", "print the providers or channels quotawatch knows, one tab-separated line each",
         cxxopts::value<std::string>(), "WHAT");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    if (args.count("list")) {
        std::fputs(qw::registry_table(args["list"].as<std::string>()).c_str(), stdout);
        return qw::Exit::ok;
    }
    const std::string format = args["format"].as<std::string>();
    if (format != "table" && format != "markdown" && format != "log" && format != "balance-log" &&
        format != "text")
        throw qw::Error("--format: \"" + format +
                        "\" is not table, markdown, log, balance-log or text");
    const std::string only = args.count("provider") ? args["provider"].as<std::string>() : "";
    const bool streaming = format == "log" || format == "balance-log" || format == "text";
    qw::Output out;
    qw::Outcome outcome;
    std::vector<qw::Record> all;
    qw::for_each_record([&](qw::Record& r) {
        if (!only.empty() && r.provider != only) {
            outcome.saw("", false, qw::marks_failure(r));   // a failure still counts
            return;
        }
        outcome.saw(r.level, r.alert, qw::marks_failure(r));
        if (!streaming) {
            all.push_back(r);
            return;
        }
        if (format == "log")
            qw::render_log_line(r, out.buffer());
        else if (format == "balance-log")
            qw::render_balance_log_line(r, out.buffer());
        else
            qw::render_text_line(r, out.buffer());
        out.maybe_flush();
    }, outcome);
    if (format == "table" && !all.empty())
        out.buffer() += qw::render_table(all, qw::now());
    else if (format == "markdown" && !all.empty())
        out.buffer() += qw::render_markdown(all) + "\n";
    out.flush();
    return outcome.status();
}

int main(int argc, char** argv)
{
    return qw::run_tool("render", argc, argv, run);
}

#include "tool/render_tool.h"

#include "error.h"
#include "registry.h"
#include "render.h"
#include "timeutil.h"
#include "tool/tool.h"

#include <cstdio>

namespace qw {

namespace {

// The formats, as --help and the refusal name them.
const char* const formats = "table, markdown, log, balance-log or text";

bool known_format(const std::string& f)
{
    for (const char* name : {"table", "markdown", "log", "balance-log", "text"})
        if (f == name)
            return true;
    return false;
}

}  // namespace

void add_render_options(cxxopts::Options& opts)
{
    opts.add_options()
        ("f,format", formats,
         cxxopts::value<std::string>()->default_value("table"), "FORMAT")
        ("provider", "only records of this provider", cxxopts::value<std::string>(), "NAME")
        ("list", "print the providers or channels quotawatch knows, one tab-separated line each",
         cxxopts::value<std::string>(), "WHAT");
}

Exit run_render(const cxxopts::ParseResult& args)
{
    if (args.count("list")) {
        std::fputs(registry_table(args["list"].as<std::string>()).c_str(), stdout);
        return Exit::ok;
    }
    const std::string format = args["format"].as<std::string>();
    if (!known_format(format))
        throw Error("--format: \"" + format + "\" is not " + formats);
    const std::string only = args.count("provider") ? args["provider"].as<std::string>() : "";
    const bool streaming = format == "log" || format == "balance-log" || format == "text";
    Output out;
    Outcome outcome;
    std::vector<Record> all;
    for_each_record([&](Record& r) {
        if (!only.empty() && r.provider != only) {
            outcome.saw("", false, marks_failure(r));   // a failure still counts
            return;
        }
        outcome.saw(r.level, r.alert, marks_failure(r));
        if (!streaming) {
            all.push_back(r);
            return;
        }
        if (format == "log")
            render_log_line(r, out.buffer());
        else if (format == "balance-log")
            render_balance_log_line(r, out.buffer());
        else
            render_text_line(r, out.buffer());
        out.maybe_flush();
    }, outcome);
    if (format == "table" && !all.empty())
        out.buffer() += render_table(all, now());
    else if (format == "markdown" && !all.empty())
        out.buffer() += render_markdown(all) + "\n";
    out.flush();
    return outcome.status();
}

}  // namespace qw

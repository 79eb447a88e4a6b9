// record: append every record to the SQLite history, one transaction a run.
#include "error.h"
#include "tool/record_tool.h"
#include "timeutil.h"
#include "tool/tool.h"

static qw::Exit run(int argc, char** argv)
{
    auto opts = qw::tool_options("record", "append records to the quotawatch history");
    opts.add_options()
        ("db", "the SQLite database (default $QUOTAWATCH_DB or the XDG state dir)",
         cxxopts::value<std::string>(), "PATH")
        ("keep", "delete snapshots older than DURATION (e.g. 400d)",
         cxxopts::value<std::string>(), "DURATION")
        ("tee", "write every record to standard output too");
    cxxopts::ParseResult args;
    if (!qw::parse_options(opts, argc, argv, args))
        return qw::Exit::ok;
    qw::RecordSettings s;
    s.db = qw::db_path(args);
    s.tee = args.count("tee") > 0;
    if (args.count("keep") && !(s.keep = qw::parse_duration(args["keep"].as<std::string>())))
        throw qw::Error("--keep: not a duration such as 400d");
    return qw::run_record(s);
}

int main(int argc, char** argv)
{
    return qw::run_tool("record", argc, argv, run);
}

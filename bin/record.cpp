// record: append every record to the SQLite history, one transaction a run.
#include "error.h"
#include "store.h"
#include "store_history.h"
#include "timeutil.h"
#include "tool.h"

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
    const bool tee = args.count("tee") > 0;
    std::optional<int64_t> keep;
    if (args.count("keep") && !(keep = qw::parse_duration(args["keep"].as<std::string>())))
        throw qw::Error("--keep: not a duration such as 400d");
    qw::Store store(qw::db_path(args));
    qw::Output out;
    qw::Outcome outcome;
    bool open = false;
    try {
        qw::for_each_record([&](qw::Record& r) {
            if (!open) {
                store.begin();
                open = true;
            }
            store.insert(r);
            outcome.saw(r.level, r.alert);
            if (tee) {
                qw::write_record(out.buffer(), r);
                out.maybe_flush();
            }
        }, outcome);
        if (keep) {
            if (!open)
                store.begin();
            open = true;
            qw::prune_snapshots(store, qw::format_rfc3339(qw::now() - *keep));
        }
        if (open)
            store.commit();
    } catch (...) {
        if (open)
            store.rollback();
        throw;
    }
    out.flush();
    return outcome.status();
}

int main(int argc, char** argv)
{
    return qw::run_tool("record", argc, argv, run);
}

#include "tool/record_tool.h"

#include "spool.h"
#include "store/store.h"
#include "store/store_history.h"
#include "store/store_tally.h"
#include "timeutil.h"
#include "tool/tool.h"

namespace qw {

namespace {

// The whole run in one transaction: a kill leaves all of it or none.  The
// database is opened (created) even for an empty run.
void write_run(const RecordSettings& s, Spool& run)
{
    Store store(s.db);
    if (run.records() == 0 && !s.keep)
        return;
    if (s.keep)                   // the long part of prune's tally, a week at a time
        catch_up_tallies(store, format_rfc3339(now()));
    store.transaction([&] {
        run.replay([&](Record& r) { store.insert(r); });
        if (s.keep)
            prune_snapshots(store, format_rfc3339(now() - *s.keep));
    });
}

}  // namespace

Exit run_record(const RecordSettings& s)
{
    Output out;
    Outcome outcome;
    try {
        Spool run;
        for_each_record([&](Record& r) {
            run.add(r);
            outcome.saw(r.level, r.alert, marks_failure(r));
            if (s.tee) {
                write_record(out.buffer(), r);
                out.maybe_flush();
            }
        }, outcome);
        out.flush();
        write_run(s, run);
    } catch (const std::exception& e) {
        if (!s.tee)
            throw;
        warn(e.what());
        write_record(out.buffer(), run_error_record("record", e.what()));
        out.flush();
        outcome.failed();
    }
    return outcome.status();
}

}  // namespace qw

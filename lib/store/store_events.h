// The tallies of the history: per series, the reset and top-up counters of
// the metrics (metrics(1), table series_events, migration 10) and the hourly
// tallies of the dashboard (hours.h, table series_hours, migration 12).
// Both are brought up to date from the snapshots newer than them, in one
// pass, so that a run reads only those, and before record --keep prunes, so
// that a counter never goes down and a long chart outlives the rows.
#pragma once
#include "hours.h"
#include "record.h"
#include "store/store.h"
#include "store/store_history.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace qw {

struct EventCounts {
    int64_t resets = 0, topups = 0;
};

// Tallies every series' snapshots newer than its tallies, up to until (RFC
// 3339), with history.h's SeriesSummary: its events into its counters, its
// values and steps into its hours.  A snapshot stored later with an older
// timestamp than the tallies is not tallied.  The caller holds the
// transaction.
void update_tallies(Store& store, const std::string& until);

// The counters, by series_key.
std::map<std::string, EventCounts> event_counts(Store& store);

// The hourly tallies of one series (by series_key) from the hour that
// starts at since on, oldest first.
void for_each_hour(Store& store, const std::string& series, int64_t since,
                   const std::function<void(const HourTally&)>& fn);

// The key of a stored series, as series_key gives it for its records.
std::string series_key(const SeriesId& id);

// The newest snapshot of a series whose status is ok (or none); false when
// it has none.  Its statement is prepared once.
class NewestOk {
public:
    explicit NewestOk(Store& store) : store_(store) {}
    bool read(const SeriesId& id, Record& out);

private:
    Store& store_;
    Stmt q_;
};

}  // namespace qw

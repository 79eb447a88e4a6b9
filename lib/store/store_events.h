// The reset and top-up counters of the metrics (metrics(1)): a tally per
// series in table series_events (migration 10), brought up to date from
// the snapshots newer than it, so that a run reads only those, and before
// record --keep prunes, so that a counter never goes down.
#pragma once
#include "record.h"
#include "store/store.h"
#include "store/store_history.h"

#include <cstdint>
#include <map>
#include <string>

namespace qw {

struct EventCounts {
    int64_t resets = 0, topups = 0;
};

// Counts the events (history.h's SeriesSummary) between every series'
// tallied snapshots and its newer ones up to until (RFC 3339) into its
// tally.  The caller holds the transaction.
void count_events(Store& store, const std::string& until);

// The tallies, by series_key.
std::map<std::string, EventCounts> event_counts(Store& store);

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

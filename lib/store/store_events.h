// The metrics' reset and top-up counters as stored (table series_events,
// migration 10; store_tally.h keeps them), the key of a stored series, and
// the newest snapshot of a series that succeeded.
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

// The counters, by series_key.
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

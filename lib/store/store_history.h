// The history queries: series, snapshots in a period, the newest of each
// series, and retention.  They follow the series index (provider, account,
// kind, window, timestamp) and stream rows to a callback.
#pragma once
#include "record.h"
#include "store/store.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace qw {

// Which series to read; an empty field matches any.
struct SeriesFilter {
    std::string provider, account, kind, window;
};

struct SeriesId {
    std::string provider, account, kind, window;
    std::string unit;     // for the kinds unit_in_series names; "" otherwise
};

// Every stored series the filter matches, in index order: one seek each,
// and one per currency of a money series (idx_snap_money); its rows without
// a unit are a series of their own only when it has no other.
std::vector<SeriesId> list_series(Store& store, const SeriesFilter& filter);

// The snapshots of the matching series with since <= timestamp <= until,
// in time order, in one pass over the table.  Rows carry only the series,
// ts, status, unit, the numbers and resets_at, for speed; id is the row's
// id, for read_snapshot_by_id.
void for_each_point(Store& store, const SeriesFilter& filter, const std::string& since,
                    const std::string& until,
                    const std::function<void(const Record&, int64_t id)>& fn);
// The same for one series exactly (its window even when empty, and its
// unit as same_unit_sql has it): one seek on the series index.
void for_each_series_point(Store& store, const SeriesId& series, const std::string& since,
                           const std::string& until,
                           const std::function<void(const Record&, int64_t id)>& fn);

// Reads whole snapshots one at a time, its two statements prepared once
// (preparing them per series was most of the time of a 1,000-series answer).
class SnapshotReader {
public:
    explicit SnapshotReader(Store& store) : store_(store) {}
    // The row with this id; false when there is no such row.
    bool by_id(int64_t id, Record& out);
    // The newest row of a series, whatever its status.
    bool newest(const SeriesId& series, Record& out);

private:
    bool read(sqlite3_stmt* s, Record& out);
    Store& store_;
    Stmt by_id_, newest_;
};

// Whole snapshots of the matching series with since <= timestamp <= until,
// in time order.
void for_each_snapshot(Store& store, const SeriesFilter& filter, const std::string& since,
                       const std::string& until, const std::function<void(const Record&)>& fn);

// Deletes the snapshots older than before (RFC 3339); the number deleted.
// The caller holds the transaction.
int64_t prune_snapshots(Store& store, const std::string& before);

}  // namespace qw

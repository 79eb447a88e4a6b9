// What a notifier sends (DESIGN.md §5): one report per run, sent according
// to --when, and the delivery memory that keeps it from spamming.  Pure.
#pragma once
#include "record.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qw {

enum class When { always, alert, change };

// "always", "alert", "change"; nothing otherwise.
std::optional<When> parse_when(const std::string& s);

// What one channel last delivered for one series.
struct Delivered {
    std::string level;          // the level it was sent with; empty: never sent
    int64_t sent_at = 0;        // epoch seconds
    bool stale = false;         // a stale notice went out and the data is still stale
    std::string pending;        // events a failed delivery still owes, "reset,topup"
    int absent = 0;             // consecutive runs of its provider/account without it
    int64_t since = 0;          // epoch seconds: sent with this level since; 0 unknown
};

struct Memory {
    std::map<std::string, Delivered> series;   // by series_key
    int64_t last_sent = 0;                     // the newest delivery on the channel, 0: none
};

// Usage of a series over the report's period, from the history (seed 002).
struct Usage {
    double amount = 0;          // in the series' unit
    int64_t seconds = 0;        // the span the history covers
};

struct Item {
    Record record;
    std::string was;            // the level last delivered, "" when never
    int64_t was_since = 0;      // since when was was delivered (Delivered::since)
    std::string change;         // "", "alert" (newly bad), "changed", "recovered", "repeat"
    std::vector<std::string> events;   // reset, topup, stale: this run's and owed ones
    std::optional<Usage> usage;
    // The series is not in this run, only in memory: a remembered error of
    // a provider/account that now reports ok records (change "recovered").
    bool remembered = false;
};

struct Report {
    std::vector<Item> items;
    bool send = false;
    std::string why;            // why it is (not) sent, for --dry-run
    int64_t now = 0;
    int64_t last_sent = 0;      // Memory::last_sent: the previous delivery, 0 none
    // The memory's bookkeeping, written whether or not the report is sent:
    // the new absence count of each remembered series of the run's
    // providers/accounts whose count changes, and the series to forget.
    std::map<std::string, int> absent;
    std::vector<std::string> forget;
    size_t left_out = 0;        // verdicts past the notifier's memory cap: passed on, not told
};

// Runs after which a series absent from its provider/account's records is
// forgotten without a message.
inline constexpr int forget_after = 3;

// What a notifier keeps of its input for the report; the rest passes through.
constexpr size_t max_report_bytes = size_t{64} << 20;

// Levels as the memory compares them: ok and info (and no level) are "ok".
std::string quiet_level(const Record& r);
bool is_bad_level(const std::string& level);   // warning, critical, error, unknown

// Builds the run's report: every record, with what changed since memory.
// An error record stands for its provider/account: a remembered error that
// is absent while the provider/account reports non-error records is an item
// of its own, recovered.  quotawatch(7) NOTIFICATIONS tells the model.
// repeat is --repeat in seconds, 0 for never.
Report decide(const std::vector<Record>& records, const Memory& memory, When when,
              int64_t repeat, int64_t now);

}  // namespace qw

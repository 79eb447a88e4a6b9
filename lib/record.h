// The record of DESIGN.md §2: one observation or verdict, one JSON line.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qw {

struct Part {
    std::string name;
    double value = 0;
};

struct Record {
    std::string ts;                 // RFC 3339 UTC, when observed
    std::string provider;
    std::string account;
    std::string kind;               // balance | quota | budget | spend
    std::string window;             // quotas: 5h, weekly, monthly, ...
    std::string unit;               // USD, CNY, %, requests, tokens
    std::optional<double> remaining;
    std::optional<double> used;
    std::optional<double> limit;
    std::optional<double> used_pct; // percent of the window used, 0..100
    std::string resets_at;
    std::vector<Part> parts;        // e.g. voucher, cash
    std::string as_of;
    std::string status;             // ok | error | skipped | na
    std::string error;
    // verdict fields, added by evaluate
    std::string level;
    std::string reason;
    std::string threshold;          // the rule that fired: remaining_pct<10
    std::string event;              // reset | topup | stale | recovered
    std::string prev;               // raw JSON object of the previous numbers
    bool alert = false;             // evaluate --alert-on counted the event as an alert
    // the notifiers (their channel names) that could not deliver this run's
    // report: "undelivered":["discord"]; never changes level or reason
    std::vector<std::string> undelivered;
    // fields this version does not know, kept as raw JSON members "k":v,...
    std::string extra;
    // the line read carried one of the verdict fields, even an empty one
    bool had_verdict = false;

    void clear();                   // empties every field, keeps capacity

    // The string fields above, in order, for code that treats them alike.
    static const std::array<std::string Record::*, 16> texts;
};

// Whether a kind's series include the unit (DESIGN.md §2 as revised on
// 2026-12-01): money kinds (balance, budget, spend) do, so that one account's
// CNY and USD balances are two series; a quota window does not (its unit may
// change between counts and %).
bool unit_in_series(std::string_view kind);

// The series a record belongs to: "provider/account/kind/window", and for
// the kinds unit_in_series names "/unit" after it.
std::string series_key(const Record& r);

// Appends the record as one JSON line (with the final newline).
void write_record(std::string& out, const Record& r);

// Appends line, the text of a record as read, with r's verdict fields (level,
// reason, threshold, event, prev, alert) added before its closing brace and a newline:
// the rest goes out byte for byte, which costs a fraction of write_record.
// Only for lines that carried none of those fields (had_verdict false).
// False, with nothing appended, when line is not an object with members.
bool append_verdict(std::string& out, std::string_view line, const Record& r);

// The record's status is "error": its fetch failed.
bool is_error_status(const Record& r);

// Whether an earlier stage failed at its job for this record (DESIGN.md §3,
// rule 1): a notifier marked it undelivered, or it is the run record a
// stage appended when it failed after passing records on.
bool marks_failure(const Record& r);

// The run record a stage appends when it fails after passing records on:
// kind "run", status error, provider the tool.
Record run_error_record(const std::string& tool, const std::string& reason);

// A balance of the series in base: in unit, remaining, status ok.
Record balance_record(const Record& base, const std::string& unit, double remaining);

// A record of the series in base with status error and a one-line reason.
Record error_record(const Record& base, const std::string& kind, const std::string& reason);

// The states a record's strings name, for code that reads and judges them:
// a typo in an enumerator does not compile.  A value this version does not
// know reads as other (the string itself passes through unchanged), an empty
// one as none.
enum class Status { none, ok, error, skipped, na, other };
enum class Level { none, ok, info, warning, critical, error, unknown, other };
enum class Kind { none, balance, quota, budget, spend, run, other };
Status status_of(const Record& r);
Level level_of(const Record& r);
Kind kind_of(const Record& r);
Level level_named(std::string_view level);

}  // namespace qw

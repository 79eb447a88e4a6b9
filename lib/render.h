// Renderers: records to text for people.  Pure functions over records.
#pragma once
#include "record.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qw {

// Name plus account (when not "default") and window: "Kimi Code 5h".
std::string series_label(const Record& r);

// What tells a provider/account's series apart: " 5h", " spend"; "" for a balance.
std::string series_suffix(const Record& r);

// Seed 003's table: Provider, Status, Used, Remaining, Alert, a "Last check:"
// line in local time (TZ) naming the zone.  now is used when no record has ts.
// Balances in more than one currency add a "Total remaining:" line with a sum
// per currency, each with its own symbol.
std::string render_table(const std::vector<Record>& records, int64_t now);

// Seed 001's Discord summary: a title, then one line per series.
std::string render_markdown(const std::vector<Record>& records);

// The line renderers are in render_lines.cpp.
// A log line, as seed 001's combined job writes it: "[2026-01-29 09:00:00]
// Claude: $8.07"; "[...] Kimi (work): $3.20" for an account not "default";
// "[...] Kimi Code 5h: 40% used, resets ..." for a window.
void render_log_line(const Record& r, std::string& out);

// Seed 001's balance logger: "2026-01-29 09:00:00 | Available: $12.34 |
// Voucher: $3.45 | Cash: $8.89" (the account after the time when not "default").
void render_balance_log_line(const Record& r, std::string& out);

// One plain line: "warning moonshot/default: remaining $4.20 (remaining ...)".
void render_text_line(const Record& r, std::string& out);

// For the renderers: an RFC 3339 time as local "YYYY-MM-DD HH:MM:SS" (as given
// when it does not parse); an amount with its unit's symbol, or "".
std::string local_ts(const std::string& ts);
std::string amount(const std::optional<double>& v, const std::string& unit);

// The threshold that fired, as the Alert column shows it: "< 10%", "<= $5.00".
std::string threshold_text(const Record& r);

}  // namespace qw

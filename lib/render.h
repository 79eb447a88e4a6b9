// Renderers: records to text for people.  Pure functions over records.
#pragma once
#include "record.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qw {

// "Kimi", "GLM (智谱)", ...; the provider id itself when unknown.
std::string display_name(const std::string& provider);

// Name plus account (when not "default") and window: "Kimi Code 5h".
std::string series_label(const Record& r);

// Seed 003's table: Provider, Status, Used, Remaining, Alert, a "Last check:"
// line in local time (TZ) naming the zone.  now is used when no record has ts.
// Balances in more than one currency add a "Total remaining:" line with a sum
// per currency, each with its own symbol.
std::string render_table(const std::vector<Record>& records, int64_t now);

// Seed 001's Discord summary: a title, then one line per series.
std::string render_markdown(const std::vector<Record>& records);

// Seed 001's log line: "2026-01-29 09:00:00 | Available: $12.34 | Voucher: ...".
void render_log_line(const Record& r, std::string& out);

// One plain line: "warning moonshot/default: remaining $4.20 (remaining ...)".
void render_text_line(const Record& r, std::string& out);

// The threshold that fired, as the Alert column shows it: "< 10%", "<= $5.00".
std::string threshold_text(const Record& r);

}  // namespace qw

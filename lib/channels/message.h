// The words of a report: seed 001's summary for Discord, a plain text for
// mail, and one note per thing that needs a person (an alert, a recovery,
// an event).  Pure functions over a Report.
#pragma once
#include "notify.h"

#include <string>
#include <string_view>
#include <vector>

namespace qw {

// Backslash before the characters Discord reads as markdown.
std::string markdown_escape(std::string_view s);

// One line per alert, event and recovery, alerts first: "⚠️ Kimi credits
// low!", "🔄 Kimi Code weekly quota reset", "✅ Kimi recovered".  With
// markdown the names are bold and escaped.
std::vector<std::string> report_notes(const Report& report, bool markdown);

// Says that n verdicts were left out of a report (Report::left_out).
std::string left_out_note(size_t n);

// Seed 001's summary (render_markdown) followed by the notes.
std::string discord_text(const Report& report);

// The value of a series in words: "$4.20 available (voucher: $3.45, cash:
// $0.75)", "72% left, resets 2026-11-29 09:00:00", "error: HTTP 401".
std::string value_text(const Record& r);

// A mail's subject and body: the first note (and how many more), then the
// notes and one line per series.
std::string mail_subject(const Report& report);
std::string mail_body(const Report& report, const std::string& tool);

// The --test message.
std::string test_text(const std::string& tool);

}  // namespace qw

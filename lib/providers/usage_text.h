// fetch-kimi-code without a key: the panel that Kimi CLI's /usage prints,
// pasted as text, and seed 000's seven numbers.  Both give the records of
// the API path with percentages instead of counts: unit "%", used_pct, and
// resets_at counted from now.
#pragma once
#include "record.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qw {

// "6d 22h 54m", "3h 54m", "45s": seconds; nothing when malformed.
std::optional<int64_t> parse_reset_in(std::string_view s);

// Lines like "Weekly limit  ━━━━━━  84% left  (resets in 6d 22h 54m)": one
// quota record per window; lines without "% left" are ignored.  False, with
// *err set, when no line says "% left".
bool parse_usage_text(std::string_view text, const Record& base, int64_t now,
                      std::vector<Record>& out, std::string* err);

// "84 6 22 54 19 3 54": the weekly window's percent left and the days, hours
// and minutes to its reset, then the 5-hour window's percent left, hours and
// minutes.  False, with *err set, when the text is not seven such numbers.
bool parse_manual(std::string_view text, const Record& base, int64_t now,
                  std::vector<Record>& out, std::string* err);

// fetch-kimi-code --usage-text (manual false) or --manual: the records at
// time now, for the account "default".  Throws Error naming the option when
// the text gives no window.
std::vector<Record> kimi_code_from_text(std::string_view text, bool manual, int64_t now);

}  // namespace qw

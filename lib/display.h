// How text is shown: how wide it is on a terminal (CJK and emoji take two
// columns), and cut to one line of a record.
#pragma once
#include <string>
#include <string_view>

namespace qw {

size_t display_width(std::string_view utf8);

// s padded with spaces to width columns (never cut).
std::string pad(std::string_view s, size_t width);

// Text cut to one line of at most 200 bytes, bytes that are not UTF-8 made
// '?', the registered secrets redacted before the cut (redact.h).
std::string one_line(std::string s);

}  // namespace qw

// How wide text is on a terminal: CJK and emoji take two columns.
#pragma once
#include <string>
#include <string_view>

namespace qw {

size_t display_width(std::string_view utf8);

// s padded with spaces to width columns (never cut).
std::string pad(std::string_view s, size_t width);

}  // namespace qw

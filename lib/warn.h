// Diagnostics: the one place text leaves a tool on stderr, as
// "tool: message", secrets redacted (redact.h).
#pragma once
#include <string_view>

namespace qw {

// The name warn() puts first; run_tool sets it.
void set_tool_name(const char* tool);

// "tool: message" on stderr.
void warn(std::string_view message);

}

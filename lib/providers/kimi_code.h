// Kimi Code subscription windows: the weekly quota and the rate-limit
// windows (providers.md §2).
#pragma once
#include "fetch.h"

#include <cstdint>

namespace qw {

// base_url: scheme://host[:port], or empty for https://api.kimi.com.  A
// trailing /coding/v1, as in the Kimi CLI's KIMI_CODE_BASE_URL, is dropped.
Provider kimi_code_provider(const std::string& base_url);

// The name of a window that lasts seconds: 5h, weekly, daily, 2d, 30m, ...
std::string kimi_code_window(int64_t seconds);

// /coding/v1/usages: a weekly record from "usage" and one per "limits" entry,
// or an error record.
void parse_kimi_code(const Record& base, const HttpResponse& answer, std::vector<Record>& out);

}  // namespace qw

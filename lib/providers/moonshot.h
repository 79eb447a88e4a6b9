// Moonshot / Kimi open platform balance (providers.md §1).
#pragma once
#include "fetch.h"

namespace qw {

// region "global" (api.moonshot.ai, USD) or "cn" (api.moonshot.cn, CNY); the
// currency follows the region even when base_url points elsewhere.
Provider moonshot_provider(const std::string& region, const std::string& base_url);

// The pure parser: one balance record, or an error record.  A negative
// available_balance is an account in arrears, reported as it is
// (providers.md R9); the default rules make it critical.
void parse_moonshot(const Record& base, const HttpResponse& answer, const std::string& unit,
                    std::vector<Record>& out);

}  // namespace qw

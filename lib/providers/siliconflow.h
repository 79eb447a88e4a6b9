// SiliconFlow balance (providers.md §7).
#pragma once
#include "fetch.h"

namespace qw {

// region "cn" (api.siliconflow.cn, CNY) or "global" (api.siliconflow.com,
// USD: UNCONFIRMED); the currency follows the region even with base_url.
Provider siliconflow_provider(const std::string& region, const std::string& base_url);

// The pure parser: one balance record (voucher and cash parts), or an error
// record; code other than 20000 is an error even on HTTP 200.
void parse_siliconflow(const Record& base, const HttpResponse& answer, const std::string& unit,
                       std::vector<Record>& out);

}  // namespace qw

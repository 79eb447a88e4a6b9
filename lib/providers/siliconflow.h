// SiliconFlow balance (providers.md §7).
#pragma once
#include "fetch.h"

namespace qw {

// region "global" (api.siliconflow.com, USD: UNCONFIRMED) or "cn"
// (api.siliconflow.cn, CNY); the currency follows the region even with
// base_url.  The China host retired its balance endpoint on 2026-08-14: "cn"
// asks nothing and gives each account a record with status na saying so.
Provider siliconflow_provider(const std::string& region, const std::string& base_url);

// The pure parser: one balance record (voucher and cash parts), or an error
// record; code other than 20000 is an error even on HTTP 200.  HTTP 410 (the
// endpoint retired) from any host is the same na record as region "cn".
void parse_siliconflow(const Record& base, const HttpResponse& answer, const std::string& unit,
                       std::vector<Record>& out);

}  // namespace qw

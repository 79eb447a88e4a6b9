// MiniMax: the Coding Plan windows and the pay-as-you-go balance
// (providers.md §4).
#pragma once
#include "fetch.h"

namespace qw {

// region "global" (api.minimax.io, balance in USD) or "cn" (api.minimaxi.com,
// CNY); the currency follows the region also when base_url points elsewhere.
// Every account asks both endpoints.
Provider minimax_provider(const std::string& region, const std::string& base_url);

// coding_plan/remains and query_balance to records: one quota record per
// limited window (status 3, unlimited, is skipped) and one balance record.
// An endpoint that refuses the key (HTTP 401/403, base_resp.status_code not
// 0, no plan) is left out when the other answered; when neither did, one
// error record gives both reasons.  Any other failure is an error record.
void parse_minimax(const Record& base, const HttpResponse& plan, const HttpResponse& balance,
                   const std::string& unit, std::vector<Record>& out);

}  // namespace qw

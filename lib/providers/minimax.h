// MiniMax: the Coding Plan windows and the pay-as-you-go balance
// (providers.md §4).
#pragma once
#include "fetch.h"

namespace qw {

// region "global" (api.minimax.io, balance in USD) or "cn" (api.minimaxi.com,
// CNY); the currency follows the region also when base_url points elsewhere.
// Every account asks both endpoints: the plan first at /v1/token_plan/remains,
// then, when that gives no plan, at the legacy coding_plan/remains.
Provider minimax_provider(const std::string& region, const std::string& base_url);

// token_plan/remains (or coding_plan/remains: the same shape) and
// query_balance to records: one quota record per limited window (status 3,
// unlimited, is skipped; a 4-6 h interval is "5h") and one balance record.
// A window's counts are read as remaining or as used, whichever agrees with
// its remaining percentage; agreeing with neither, the percentage alone.
// An endpoint that refuses the key (HTTP 401/403, base_resp.status_code not
// 0, no plan) is left out when the other answered; when neither did, one
// error record gives both reasons.  Any other failure is an error record.
void parse_minimax(const Record& base, const HttpResponse& plan, const HttpResponse& balance,
                   const std::string& unit, std::vector<Record>& out);

}  // namespace qw

// OpenRouter credits and key usage (providers.md §6).
#pragma once
#include "fetch.h"

namespace qw {

// Asks /api/v1/credits; also /api/v1/key when key_usage is set, or after
// /credits answered 403 (it may need a management key).
Provider openrouter_provider(const std::string& base_url, bool key_usage);

// The pure parser.  answers[0] is /credits: a balance record (remaining =
// total_credits - total_usage, used = total_usage, USD).  answers[1], when
// there, is /key: a budget record for the key's cap and spend records for
// usage_daily, usage_weekly, usage_monthly and usage (window total).
void parse_openrouter(const Record& base, const std::vector<HttpResponse>& answers,
                      std::vector<Record>& out);

}  // namespace qw

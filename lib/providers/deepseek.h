// DeepSeek balance (providers.md §5): one record per currency.
#pragma once
#include "fetch.h"

namespace qw {

// api.deepseek.com, or base_url when given.
Provider deepseek_provider(const std::string& base_url);

// The pure parser: one balance record per entry of balance_infos, its window
// and unit the entry's currency, so CNY and USD are separate series.  With
// is_available false every record has status error, numbers kept.
void parse_deepseek(const Record& base, const HttpResponse& answer, std::vector<Record>& out);

}  // namespace qw

// DeepSeek balance (providers.md §5): one record per currency.
#pragma once
#include "fetch.h"

namespace qw {

// api.deepseek.com, or base_url when given.
Provider deepseek_provider(const std::string& base_url);

// The pure parser: one balance record per entry of balance_infos, its unit
// the entry's currency (the unit is part of a balance's series, so CNY and
// USD are separate series; the window stays empty).  With is_available false
// every record has status error, numbers kept; with is_available false and
// no entry at all, one balance of 0 with no unit.
void parse_deepseek(const Record& base, const HttpResponse& answer, std::vector<Record>& out);

}  // namespace qw

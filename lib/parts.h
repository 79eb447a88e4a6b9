// The one vocabulary of a balance's parts (quotawatch-record(5)) and the
// names stored before it, read as the current ones.
#pragma once
#include <string_view>

namespace qw {

// The names every fetcher writes in "parts":
//   cash     money the user paid in (topped up, charged)
//   voucher  money the provider gave (vouchers, gifts, grants)
//   credit   a credit line the provider extends
//   owed     what the account owes (arrears)
//   frozen   held, not spendable now
// Before issue 25, SiliconFlow wrote gift and charge, DeepSeek granted and
// topped_up.  The name a part stored under an older name is read as, or
// name itself.
std::string_view current_part_name(std::string_view name);

}  // namespace qw

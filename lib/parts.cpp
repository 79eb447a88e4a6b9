#include "parts.h"

#include <utility>

namespace qw {

std::string_view current_part_name(std::string_view name)
{
    // old name -> current name; quotawatch-record(5)'s HISTORY lists them.
    static constexpr std::pair<std::string_view, std::string_view> renamed[] = {
        {"gift", "voucher"},       // SiliconFlow data.balance
        {"charge", "cash"},        // SiliconFlow data.chargeBalance
        {"granted", "voucher"},    // DeepSeek granted_balance
        {"topped_up", "cash"},     // DeepSeek topped_up_balance
    };
    for (const auto& [old_name, current] : renamed)
        if (name == old_name)
            return current;
    return name;
}

}  // namespace qw

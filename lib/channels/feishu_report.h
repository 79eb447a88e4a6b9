// Seed 002's report for Feishu/Lark: the title 【💵API 余额监控时报】 with the
// time, then per account (named as seed 002's API_KEYS name it) ✅/❌,
// remaining, used, the usage since the previous report (or that there is no
// earlier observation to measure it from), the total, and at the end the
// total remaining of all accounts.
#pragma once
#include "notify.h"

#include <string>
#include <vector>

namespace qw {

struct FeishuPost {
    std::string title;
    std::vector<std::string> lines;     // one paragraph each
};

FeishuPost feishu_report(const Report& report);

// "在过去的 12 小时 5 分钟用量为：$0.1234"
std::string usage_line(const Usage& u, const std::string& unit);

// "总剩余：$24.68 + ¥20.00": balances of the accounts that answered, per unit.
std::string total_line(const Report& report);

}  // namespace qw

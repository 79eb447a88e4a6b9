#include "channels/feishu_report.h"

#include "channels/message.h"
#include "render.h"
#include "rules.h"
#include "timeutil.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace qw {

namespace {

// The usage line of an account with no earlier observation in the history.
const char* const no_usage_line = "首次报告，暂无时段用量";

std::string four_places(double v, const std::string& unit)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, std::fabs(v) >= 1e15 ? "%.6g" : "%.4f", v);
    if (unit == "USD") return std::string("$") + buf;
    if (unit == "CNY") return std::string("¥") + buf;
    if (unit == "EUR") return std::string("€") + buf;
    return unit == "%" ? std::string(buf) + "%" : std::string(buf) + " " + unit;
}

bool is_money(const std::string& unit)
{
    return unit == "USD" || unit == "CNY" || unit == "EUR";
}

std::string amount(const std::optional<double>& v, const std::optional<double>& pct,
                   const std::string& unit)
{
    if (v)
        return format_amount(*v, unit);
    return pct ? format_amount(*pct, "%") : std::string();
}

void event_lines(const Item& it, std::vector<std::string>& out)
{
    for (const std::string& e : it.events) {
        if (e == "reset")
            out.push_back("🔄 额度已重置");
        else if (e == "topup")
            out.push_back("💰 已充值");
        else if (auto t = parse_rfc3339(it.record.as_of))
            out.push_back("⏳ 数据已过期（更新于 " + format_local(*t) + "）");
        else
            out.push_back("⏳ 数据已过期");
    }
    if (it.change == "recovered")
        out.push_back("✅ 已恢复正常");
}

bool named_account(const Record& r)
{
    return !r.account.empty() && r.account != "default";
}

// The account names that more than one provider of the report uses.
std::set<std::string> shared_accounts(const Report& report)
{
    std::map<std::string, std::set<std::string>> providers;
    for (const Item& it : report.items)
        if (named_account(it.record))
            providers[it.record.account].insert(it.record.provider);
    std::set<std::string> shared;
    for (const auto& [account, which] : providers)
        if (which.size() > 1)
            shared.insert(account);
    return shared;
}

// Seed 002's name of a row: the account alone (账户名称1), as its API_KEYS
// name them; the provider's name for a default account, and both
// (Relay (主账号)) when another provider of the report has the same account.
std::string row_name(const Record& r, const std::set<std::string>& shared)
{
    if (!named_account(r) || shared.count(r.account))
        return series_label(r);
    return r.account + series_suffix(r);
}

void account_lines(const Item& it, const std::string& name, std::vector<std::string>& out)
{
    const Record& r = it.record;
    if (r.status == "skipped") {
        out.push_back("ℹ️ " + name + "：未配置密钥");
        return;
    }
    if (r.status == "na") {
        out.push_back("ℹ️ " + name + "：客户端订阅，无余额");
        return;
    }
    if (r.status == "error" || r.level == "error") {
        out.push_back("❌ " + name);
        out.push_back("查询失败：" + (r.error.empty() ? r.reason : r.error));
        event_lines(it, out);
        return;
    }
    out.push_back("✅ " + name);
    auto left_pct = field_value(r, Field::remaining_pct);
    if (std::string s = amount(r.remaining, r.kind == "quota" ? left_pct : std::nullopt, r.unit);
        !s.empty())
        out.push_back("剩余：" + s);
    if (std::string s = amount(r.used, r.used_pct, r.unit); !s.empty())
        out.push_back("已用：" + s);
    if (it.usage)
        out.push_back(usage_line(*it.usage, r.unit));
    else if (!it.remembered && (r.used || r.remaining))
        out.push_back(no_usage_line);
    if (r.limit)
        out.push_back("总额：" + format_amount(*r.limit, r.unit));
    if (auto t = parse_rfc3339(r.resets_at))
        out.push_back("重置时间：" + format_local(*t));
    const std::string what = r.kind == "quota" ? "额度" : "余额";
    std::string threshold = threshold_text(r);
    threshold = threshold.empty() ? "" : "（阈值：" + threshold + "）";
    if (r.level == "warning")
        out.push_back("⚠️ " + what + "偏低" + threshold);
    else if (r.level == "critical")
        out.push_back("🚨 " + what + "严重不足" + threshold);
    else if (r.level == "unknown")
        out.push_back("❓ 状态未知");
    event_lines(it, out);
}

}  // namespace

std::string usage_line(const Usage& u, const std::string& unit)
{
    const int64_t minutes = u.seconds / 60;
    return "在过去的 " + std::to_string(minutes / 60) + " 小时 " + std::to_string(minutes % 60) +
           " 分钟用量为：" + four_places(u.amount, unit);
}

std::string total_line(const Report& report)
{
    std::map<std::string, double> sums;
    for (const Item& it : report.items) {
        const Record& r = it.record;
        if (r.status == "ok" && r.level != "error" && r.kind != "quota" && r.remaining &&
            is_money(r.unit))
            sums[r.unit] += *r.remaining;
    }
    std::string out;
    for (const char* unit : {"USD", "CNY", "EUR"})
        if (auto s = sums.find(unit); s != sums.end())
            out += (out.empty() ? "" : " + ") + format_amount(s->second, unit);
    return "总剩余：" + (out.empty() ? std::string("无") : out);
}

FeishuPost feishu_report(const Report& report)
{
    FeishuPost post;
    post.title = "【💵API 余额监控时报】" + format_local(report.now);
    const std::set<std::string> shared = shared_accounts(report);
    for (const Item& it : report.items) {
        account_lines(it, row_name(it.record, shared), post.lines);
        post.lines.push_back("");
    }
    post.lines.push_back(total_line(report));
    if (report.left_out > 0)
        post.lines.push_back(left_out_note(report.left_out));
    post.lines.push_back("注：时段用量按历史快照计算，充值和额度重置不计为用量；"
                         "服务商侧的余额重置可能影响计算精度。");
    return post;
}

}  // namespace qw

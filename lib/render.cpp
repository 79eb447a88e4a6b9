#include "render.h"

#include "display.h"
#include "history_trend.h"
#include "registry.h"
#include "rules.h"
#include "timeutil.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace qw {

namespace {

std::string status_cell(const Record& r)
{
    const std::string& l = r.level;
    if (l == "warning") return "⚠️ LOW";
    if (l == "critical") return "🚨 CRIT";
    if (l == "error" || r.status == "error") return "❌ ERROR";
    if (r.status == "skipped") return "ℹ️ SKIP";
    if (r.status == "na") return "ℹ️ N/A";
    if (l == "info") return "ℹ️ INFO";
    if (l == "unknown") return "❓ UNKNOWN";
    if (l.empty()) return "· -";
    return "✅ OK";
}

// A currency code: three capital letters (USD, CNY, EUR...).
bool is_currency(const std::string& unit)
{
    return unit.size() == 3 && std::all_of(unit.begin(), unit.end(),
                                           [](char c) { return c >= 'A' && c <= 'Z'; });
}

// "Total remaining: $24.68 · ¥970.00": the balances of each currency summed
// apart, in the order the currencies first appear.
std::string totals_line(const std::vector<Record>& records)
{
    std::vector<std::pair<std::string, double>> sums;
    for (const Record& r : records) {
        if (r.kind != "balance" || r.status != "ok" || !r.remaining || !is_currency(r.unit))
            continue;
        auto it = std::find_if(sums.begin(), sums.end(),
                               [&](const auto& s) { return s.first == r.unit; });
        if (it == sums.end())
            sums.emplace_back(r.unit, *r.remaining);
        else
            it->second += *r.remaining;
    }
    if (sums.size() < 2)
        return {};
    std::string out = "Total remaining:";
    for (size_t i = 0; i < sums.size(); ++i)
        out += (i ? " · " : " ") + format_amount(sums[i].second, sums[i].first);
    return out + "\n";
}

}  // namespace

std::string local_ts(const std::string& ts)
{
    auto t = parse_rfc3339(ts);
    return t ? format_local(*t) : ts;
}

std::string amount(const std::optional<double>& v, const std::string& unit)
{
    return v ? format_amount(*v, unit) : std::string();
}

std::string series_suffix(const Record& r)
{
    std::string s;
    if (!r.window.empty())
        s += " " + r.window;
    if ((r.kind == "spend" || r.kind == "budget") && r.status != "na")
        s += " " + r.kind;
    return s;
}

std::string series_label(const Record& r)
{
    std::string s = display_name(r.provider);
    if (!r.account.empty() && r.account != "default")
        s += " (" + r.account + ")";
    return s + series_suffix(r);
}

std::string threshold_text(const Record& r)
{
    Condition c;
    std::string err;
    if (r.threshold.empty() || !parse_condition(r.threshold, c, &err))
        return {};
    std::string v = c.field == Field::remaining_pct || c.field == Field::used_pct
                        ? format_amount(c.value, "%")
                        : format_amount(c.value, r.unit);
    std::string op = op_text(c.op);
    if (c.field == Field::used || c.field == Field::used_pct)
        return "used " + op + " " + v;
    return op + " " + v;
}

std::string render_table(const std::vector<Record>& records, int64_t now)
{
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"Provider", "Status", "Used", "Remaining", "Alert"});
    // History summaries (recall(1)) add a Trend column: a sparkline and days left.
    const bool trends = std::any_of(records.begin(), records.end(),
                                    [](const Record& r) { return !trend_cell(r).empty(); });
    if (trends)
        rows[0].push_back("Trend");
    int64_t last = 0;
    for (const Record& r : records) {
        if (auto t = parse_rfc3339(r.ts))
            last = std::max(last, *t);
        std::vector<std::string> row{series_label(r), status_cell(r)};
        if (r.status == "error" || r.level == "error") {
            row.push_back(r.error.empty() ? r.reason : r.error);
        } else if (r.status == "skipped") {
            row.push_back("(no key)");
        } else if (r.status == "na") {
            row.push_back("(subscription)");
        } else {
            std::string used = amount(r.used, r.unit);
            if (used.empty() && r.used_pct)
                used = format_amount(*r.used_pct, "%");
            std::string left = amount(r.remaining, r.unit);
            if (left.empty() && r.used_pct)
                left = format_amount(100 - *r.used_pct, "%");
            row.push_back(used);
            row.push_back(left);
            if (r.level == "warning" || r.level == "critical")
                row.push_back(threshold_text(r));
        }
        if (std::string trend = trends ? trend_cell(r) : ""; !trend.empty()) {
            row.resize(5);
            row.push_back(trend);
        }
        rows.push_back(std::move(row));
    }
    const size_t min_width[] = {16, 10, 12, 12, 0, 0};
    size_t width[6] = {0, 0, 0, 0, 0, 0};
    for (const auto& row : rows)
        for (size_t i = 0; i + 1 < row.size() && i < 5; ++i)
            width[i] = std::max({width[i], display_width(row[i]) + 2, min_width[i]});
    size_t total = 0;
    for (const auto& row : rows) {
        size_t w = 0;
        for (size_t i = 0; i < row.size(); ++i)
            w += i + 1 < row.size() ? width[i] : display_width(row[i]);
        total = std::max(total, w);
    }
    std::string rule;
    for (size_t i = 0; i < total; ++i)
        rule += "─";
    std::string out = "=== AI API Usage Monitor ===\n";
    for (size_t k = 0; k < rows.size(); ++k) {
        std::string line;
        for (size_t i = 0; i < rows[k].size(); ++i)
            line += i + 1 < rows[k].size() ? pad(rows[k][i], width[i]) : rows[k][i];
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out += line + "\n";
        if (k == 0)
            out += rule + "\n";
    }
    out += rule + "\n";
    out += totals_line(records);
    int64_t when = last ? last : now;
    out += "Last check: " + format_local_zone(when) + "\n";
    return out;
}

std::string render_markdown(const std::vector<Record>& records)
{
    std::string out = "📊 **API Balance Summary**\n\n";
    for (const Record& r : records) {
        const ProviderEntry* e = find_provider(r.provider);
        std::string emoji = e ? e->emoji : "💰";
        if (r.level == "warning" || r.level == "critical")
            emoji = "⚠️";
        else if (r.level == "error" || r.status == "error")
            emoji = "❌";
        else if (r.level == "info" || r.status == "skipped" || r.status == "na")
            emoji = "ℹ️";
        out += emoji + " **" + series_label(r) + ":** ";
        if (r.status == "error" || r.level == "error") {
            out += "error: " + (r.error.empty() ? r.reason : r.error);
        } else if (r.status == "skipped") {
            out += "skipped (no key)";
        } else if (r.status == "na") {
            out += "N/A (client subscription)";
        } else if (r.kind == "quota") {
            auto left = field_value(r, Field::remaining_pct);
            out += left ? format_amount(*left, "%") + " left" : amount(r.remaining, r.unit);
            if (r.remaining && r.limit && r.unit != "%")
                out += " (" + format_amount(*r.remaining, r.unit) + " of " +
                       format_amount(*r.limit, r.unit) + ")";
            if (!r.resets_at.empty())
                out += ", resets " + local_ts(r.resets_at);
        } else {
            out += r.remaining ? format_amount(*r.remaining, r.unit) : std::string("?");
            if (!r.parts.empty())
                out += " available";
        }
        if (std::string t = threshold_text(r); !t.empty() && r.status != "error")
            out += " (threshold: " + (t.rfind("<= ", 0) == 0 ? t.substr(3) : t) + ")";
        if (!r.event.empty())
            out += " — " + r.event;
        out += "\n";
    }
    while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
        out.pop_back();
    return out;
}

}  // namespace qw

#include "events.h"

#include "json_writer.h"
#include "rules.h"
#include "timeutil.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace qw {

namespace {

constexpr int64_t jitter = 120;          // seconds a provider's clock may wander
constexpr double pct_rounding = 0.5;     // percentage points
constexpr double money_rounding = 0.01;  // in the balance's unit

bool usage_dropped(const Record& prev, const Record& cur)
{
    auto p = field_value(prev, Field::used_pct);
    auto c = field_value(cur, Field::used_pct);
    if (p && c)
        return *c < *p - pct_rounding;
    if (prev.used && cur.used)
        return *cur.used < *prev.used - 1e-9 * std::fabs(*prev.used);
    if (prev.remaining && cur.remaining)
        return *cur.remaining > *prev.remaining + 1e-9 * std::fabs(*prev.remaining);
    return false;
}

// The end of the window prev was counted in.
std::optional<int64_t> counted_end(const Record& prev, std::string_view prev_end, int64_t length)
{
    if (auto end = parse_rfc3339(prev_end))
        return end;
    auto shown = parse_rfc3339(prev.resets_at);
    if (shown && length)
        if (auto seen = parse_rfc3339(prev.ts); seen && *seen > *shown + jitter)
            return *shown + length;
    return shown;
}

// The end of the window that holds seen, when seen is at or past end (less
// jitter): end moved on by whole windows.
int64_t window_after(int64_t end, int64_t seen, int64_t length)
{
    return end + (1 + std::max<int64_t>(0, (seen - jitter - end) / length)) * length;
}

Change quota_change(const Record& prev, std::string_view prev_end, const Record& cur)
{
    Change out;
    const int64_t length = window_seconds(cur.window);
    const int64_t half = length ? length / 2 : 3600;
    const auto counted = counted_end(prev, prev_end, length);
    const auto shown = parse_rfc3339(cur.resets_at);
    const auto seen = parse_rfc3339(cur.ts);
    auto end = counted;
    if (counted && shown && *shown - *counted >= half) {
        out.event = "reset";
        end = shown;
        if (seen && length && *seen >= *shown - jitter)   // the new end shown late
            end = window_after(*shown, *seen, length);
    } else if (usage_dropped(prev, cur)) {
        out.event = "reset";
        if (counted && seen && length && *seen >= *counted - jitter)
            end = window_after(*counted, *seen, length);
        else if (shown && (!counted || *shown > *counted - half))
            end = shown;
    } else if (shown && (!counted || *shown > *counted - half)) {
        end = shown;
    }
    if (end)
        out.window_end = format_rfc3339(*end);
    return out;
}

}  // namespace

int64_t window_seconds(std::string_view window)
{
    if (window == "hourly") return 3600;
    if (window == "daily") return 86400;
    if (window == "weekly") return 7 * 86400;
    if (window == "monthly") return 28 * 86400;
    return parse_duration(window).value_or(0);
}

Change next_change(const Record& prev, std::string_view prev_end, const Record& cur)
{
    if (cur.kind == "quota")
        return quota_change(prev, prev_end, cur);
    Change out;
    if (cur.kind == "balance" && prev.remaining && cur.remaining &&
        *cur.remaining > *prev.remaining + money_rounding)
        out.event = "topup";
    return out;
}

const char* change_event(const Record& prev, const Record& cur)
{
    return next_change(prev, "", cur).event;
}

bool is_stale(const Record& r, int64_t now, int64_t max_age)
{
    auto as_of = parse_rfc3339(r.as_of);
    if (!as_of)
        return false;
    const int64_t seen = parse_rfc3339(r.ts).value_or(now);
    return seen - *as_of > max_age;
}

std::string prev_numbers(const Record& prev)
{
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    if (!prev.ts.empty())
        w.field("ts", prev.ts);
    if (prev.remaining)
        w.field("remaining", *prev.remaining);
    if (prev.used)
        w.field("used", *prev.used);
    if (prev.limit)
        w.field("limit", *prev.limit);
    if (prev.used_pct)
        w.field("used_pct", *prev.used_pct);
    if (!prev.resets_at.empty())
        w.field("resets_at", prev.resets_at);
    w.end_object();
    return out;
}

}  // namespace qw

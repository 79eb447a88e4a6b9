#include "history_trend.h"

#include "json.h"
#include "rules.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qw {

std::string sparkline(const std::vector<std::optional<double>>& points)
{
    static const char* const blocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& p : points)
        if (p) {
            lo = std::min(lo, *p);
            hi = std::max(hi, *p);
        }
    std::string out;
    for (const auto& p : points) {
        if (!p)
            out += ' ';
        else if (hi - lo <= 0)
            out += blocks[3];
        else
            out += blocks[std::clamp(static_cast<int>((*p - lo) / (hi - lo) * 7 + 0.5), 0, 7)];
    }
    return out;
}

std::string trend_cell(const Record& r)
{
    if (r.extra.find("\"trend\"") == std::string::npos)
        return {};
    Json j;
    std::string err;
    if (!parse_json("{" + r.extra + "}", j, &err))
        return {};
    const Json* trend = j.get("trend");
    if (!trend || !trend->is_array())
        return {};
    std::vector<std::optional<double>> points;
    for (const Json& p : trend->items)
        points.push_back(p.as_number());
    std::string out = sparkline(points);
    const Json* usage = j.get("usage");
    const Json* span = j.get("span");
    const Json* measure = j.get("measure");
    if (usage && span && usage->as_number() && span->as_string()) {
        const bool pct = measure && measure->as_string() == "used_pct";
        out += " " + format_amount(*usage->as_number(), pct ? "%" : r.unit) + " in " +
               *span->as_string();
    }
    if (const Json* days = j.get("days_left"); days && days->as_number()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, ", %.1f days left", *days->as_number());
        out += buf;
    }
    return out;
}

}  // namespace qw

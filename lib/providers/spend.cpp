#include "providers/spend.h"

#include "timeutil.h"

#include <cmath>

namespace qw {

namespace {

const size_t max_cost_pages = 12;                // the most pages of a report read in a run

Record spend(const Record& base, const char* window, double dollars, int64_t resets)
{
    Record r = base;
    r.kind = "spend";
    r.window = window;
    r.unit = "USD";
    r.used = std::round(dollars * 1e6) / 1e6;
    r.resets_at = format_rfc3339(resets);
    r.status = "ok";
    return r;
}

}  // namespace

std::string next_cost_page(const std::string& first_url, const std::vector<HttpResponse>& answers)
{
    const std::string cursor = next_page_cursor(answers);
    if (cursor.empty() || answers.size() >= max_cost_pages)
        return {};
    return first_url + "&page=" + url_encode(cursor);
}

void push_spend(const Record& base, const std::vector<HttpResponse>& answers,
                const std::string& what, double day_dollars, double month_dollars, int64_t now,
                std::vector<Record>& out)
{
    if (!next_page_cursor(answers).empty()) {
        out.push_back(error_record(base, "spend", what + " has more than " +
                                                      std::to_string(max_cost_pages) + " pages"));
        return;
    }
    const int64_t today = now - now % 86400;
    out.push_back(spend(base, "daily", day_dollars, today + 86400));
    out.push_back(spend(base, "monthly", month_dollars, next_month_start(now)));
}

}  // namespace qw

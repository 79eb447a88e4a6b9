#include "providers/spend.h"

#include "display.h"
#include "json.h"
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

void request_cost_pages(Provider& p, int64_t now,
                        std::string (*first_url)(const std::string& base, int64_t now),
                        HttpRequest (*get)(const std::string& url, const std::string& key))
{
    p.requests = [now, first_url, get](const std::string& base, const std::string& key) {
        return std::vector<HttpRequest>{get(first_url(base, now), key)};
    };
    p.more = [now, first_url, get](const std::string& base, const std::string& key,
                                   const std::vector<HttpResponse>& answers) {
        const std::string next = next_cost_page(first_url(base, now), answers);
        return next.empty() ? std::vector<HttpRequest>{} : std::vector<HttpRequest>{get(next, key)};
    };
}

void parse_costs(const CostReport& report, const Record& base,
                 const std::vector<HttpResponse>& answers, int64_t now, std::vector<Record>& out)
{
    const std::string label = report.label;
    const int64_t today = now - now % 86400;
    double month = 0, day = 0;
    for (const HttpResponse& a : answers) {
        Json j;
        if (!open_answer(base, a, "spend", j, out, label + ": "))
            return;
        const Json* data = j.get("data");
        if (!data || !data->is_array()) {
            out.push_back(error_record(base, "spend", std::string("no data in ") + report.answer));
            return;
        }
        for (const Json& bucket : data->items) {
            const int64_t t = report.start(bucket);
            const Json* results = bucket.get("results");
            if (t < 0 || !results || !results->is_array()) {
                out.push_back(error_record(base, "spend", "a " + label + " bucket has no " +
                                                              report.start_field + " or results"));
                return;
            }
            for (const Json& r : results->items) {
                const Json* currency = report.currency(r);
                if (currency && currency->is_string() && currency->text != "USD" &&
                    currency->text != "usd") {
                    out.push_back(error_record(base, "spend", label + " in " +
                                                                  one_line(currency->text) +
                                                                  ", not USD"));
                    return;
                }
                const Json* amount = report.amount(r);
                auto value = amount ? amount->as_number() : std::nullopt;
                if (!value) {
                    out.push_back(error_record(base, "spend", "a " + label + " result has no " +
                                                                  report.amount_field));
                    return;
                }
                month += *value;
                if (t >= today && t < today + 86400)
                    day += *value;
            }
        }
    }
    push_spend(base, answers, report.answer, day * report.to_dollars,
               month * report.to_dollars, now, out);
}

}  // namespace qw

// What the admin cost reports of Anthropic and OpenAI have in common: paged
// answers summed into today's and this month's spend, in dollars.
#pragma once
#include "fetch.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qw {

// The URL of a cost report's next page (first_url with the cursor the last
// answer gave), or "" when there is none or the run read its most pages.
std::string next_cost_page(const std::string& first_url,
                           const std::vector<HttpResponse>& answers);

// Today's and this month's spend records, or an error record when the
// report had pages left over.  what names the report in that message.
void push_spend(const Record& base, const std::vector<HttpResponse>& answers,
                const std::string& what, double day_dollars, double month_dollars, int64_t now,
                std::vector<Record>& out);

// A cost report's requests: the page at first_url(base, now), then the next
// page while the last answer gives a cursor (next_cost_page), each made by get.
void request_cost_pages(Provider& p, int64_t now,
                        std::string (*first_url)(const std::string& base, int64_t now),
                        HttpRequest (*get)(const std::string& url, const std::string& key));

struct Json;

// How one admin cost report names what the walker reads: its words in the
// messages, where a bucket's start and a result's currency and amount are,
// and what an amount counts (Anthropic: cents; OpenAI: dollars).
struct CostReport {
    const char* label;          // "cost report": "cost report: HTTP 500", ...
    const char* answer;         // "the cost report": "no data in the cost report"
    const char* start_field;    // "starting_at", as the messages name it
    const char* amount_field;   // "amount.value"
    double to_dollars;          // 0.01 for cents
    int64_t (*start)(const Json& bucket);              // epoch seconds; -1 when missing
    const Json* (*currency)(const Json& result);
    const Json* (*amount)(const Json& result);
};

// The walker: every page's buckets summed into today's and this month's
// spend (push_spend), or the first problem as an error record.
void parse_costs(const CostReport& report, const Record& base,
                 const std::vector<HttpResponse>& answers, int64_t now, std::vector<Record>& out);

}  // namespace qw

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

}  // namespace qw

// What the admin cost reports of Anthropic and OpenAI have in common: paged
// answers summed into today's and this month's spend, in dollars.
#pragma once
#include "fetch.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qw {

// The most pages of one cost report read in a run.
constexpr size_t max_cost_pages = 12;

// Today's and this month's spend records, or an error record when the
// report had pages left over.  what names the report in that message.
void push_spend(const Record& base, const std::vector<HttpResponse>& answers,
                const std::string& what, double day_dollars, double month_dollars, int64_t now,
                std::vector<Record>& out);

}  // namespace qw

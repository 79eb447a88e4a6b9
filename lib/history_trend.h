// The trend of a history summary for people: a sparkline and a few words.
#pragma once
#include "record.h"

#include <optional>
#include <string>
#include <vector>

namespace qw {

// One block character per point, scaled from the lowest to the highest;
// a gap is a space.  "▇▆▅▄ ▂▁".
std::string sparkline(const std::vector<std::optional<double>>& points);

// The Trend cell of render's table for a record written by history: the
// sparkline, the usage over the span and the days left, e.g.
// "█▇▆▅▄▃▂▁ $7.66 in 23h 0m, 1.54 days left".  Empty when r has no trend.
std::string trend_cell(const Record& r);

}  // namespace qw

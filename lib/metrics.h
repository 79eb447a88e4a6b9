// The Prometheus text exposition of the history (metrics(1)), for
// node_exporter's textfile collector: one family per metric name, HELP and
// TYPE first; one unit per name (a money series' currency and a quota's
// unit are in the name: quotawatch_remaining_usd, _ratio for percent);
// times in seconds since the epoch; what is not known is left out.  Pure:
// the tool reads the store and hands each series' state to render_metrics.
#pragma once
#include "history.h"
#include "record.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qw {

// What the metrics say of one series.
struct SeriesMetrics {
    std::string provider, account, kind, window;
    std::string currency;                  // the unit of a money series ("" for quotas)
    std::optional<Record> last_ok;         // the newest snapshot whose status is ok
    std::optional<Record> last_check;      // the newest snapshot, whatever its status
    int64_t resets = 0, topups = 0;        // the tallies (store_events.h)
    std::string measure;                   // SeriesSummary::measure() of the period
    std::optional<SeriesSummary::Forecast> forecast;
};

// A label value as the text format wants it: \ as \\, " as \", a line feed
// as \n; the rest as is (UTF-8).
std::string escape_label_value(std::string_view value);

// The unit as a metric name's suffix: "usd" for USD, "ratio" for %, letters
// and digits kept and the rest "_"; "" when there is none to name.
std::string unit_suffix(std::string_view unit);

// The whole file: quotawatch_build_info with version, then every metric of
// every series, each name's samples together.
std::string render_metrics(const std::vector<SeriesMetrics>& series, std::string_view version);

}  // namespace qw

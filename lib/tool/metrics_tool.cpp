#include "tool/metrics_tool.h"

#include "error.h"
#include "history.h"
#include "metrics.h"
#include "store/store_events.h"
#include "store/store_history.h"
#include "store/store_tally.h"
#include "timeutil.h"
#include "tool/tool.h"


namespace qw {

namespace {

std::vector<SeriesMetrics> read_series(Store& store, int64_t since, int64_t now)
{
    const std::string from = format_rfc3339(since), until = format_rfc3339(now);
    tally_history(store, until);
    const auto counts = event_counts(store);
    SnapshotReader newest(store);
    NewestOk newest_ok(store);
    std::vector<SeriesMetrics> out;
    Record r;
    for (const SeriesId& id : list_series(store, {})) {
        SeriesMetrics m;
        m.provider = id.provider;
        m.account = id.account;
        m.kind = id.kind;
        m.window = id.window;
        if (unit_in_series(id.kind))
            m.currency = id.unit;
        if (newest.newest(id, r))
            m.last_check = r;
        if (newest_ok.read(id, r))
            m.last_ok = r;
        if (auto it = counts.find(series_key(id)); it != counts.end()) {
            m.resets = it->second.resets;
            m.topups = it->second.topups;
        }
        SeriesSummary summary(since, now);
        for_each_series_point(store, id, from, until,
                              [&](const Record& p, int64_t) { summary.add(p); });
        m.measure = summary.measure();
        m.forecast = summary.forecast();
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace

void add_metrics_options(cxxopts::Options& opts)
{
    opts.add_options()
        ("db", "the SQLite database (default $QUOTAWATCH_DB or the XDG state dir)",
         cxxopts::value<std::string>(), "PATH")
        ("output", "write the metrics to FILE (atomically) instead of standard output",
         cxxopts::value<std::string>(), "FILE")
        ("since", "the period of the burn rate and the forecast: 24h, 7d, a date or a time",
         cxxopts::value<std::string>()->default_value("24h"), "WHEN");
}

Exit run_metrics(const cxxopts::ParseResult& args)
{
    const int64_t now = qw::now();
    const int64_t since = since_option(args, now);
    Store store(history_path(args));
    write_output(args, render_metrics(read_series(store, since, now), QUOTAWATCH_VERSION));
    return Exit::ok;
}

}  // namespace qw

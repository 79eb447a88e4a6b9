#include "tool/dashboard_tool.h"

#include "dashboard.h"
#include "error.h"
#include "redact.h"
#include "registry.h"
#include "store/store_events.h"
#include "store/store_history.h"
#include "store/store_tally.h"
#include "timeutil.h"
#include "tool/evaluate_tool.h"
#include "tool/tool.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <unordered_map>

namespace qw {

namespace {

constexpr int chart_columns = 240;

// A duration as --since takes it (24h, 7d), or years: 1y is 365 days.
std::optional<int64_t> span_of(const std::string& text)
{
    if (text.size() >= 2 && text.back() == 'y')
        if (auto d = parse_duration(text.substr(0, text.size() - 1) + "d"))
            return *d * 365;
    return parse_duration(text);
}

int64_t span_option(const cxxopts::ParseResult& args, const char* name)
{
    const std::string text = args[name].as<std::string>();
    auto s = span_of(text);
    if (!s || *s <= 0)
        throw Error(std::string("--") + name + ": \"" + text +
                    "\" is not a duration (24h, 7d, 1y)");
    return *s;
}

std::vector<Period> periods_of(const std::string& list, int64_t now)
{
    std::vector<Period> out;
    std::stringstream in(list);
    std::string name;
    while (std::getline(in, name, ',')) {
        auto s = span_of(name);
        if (!s || *s <= 0)
            throw Error("--periods: \"" + name + "\" is not a duration (24h, 7d, 1y)");
        // A chart column of an hour or more: drawn from the hourly tallies.
        const bool hourly = *s / chart_columns >= 3600;
        out.push_back({name, hourly ? HourTally::hour_of(now - *s) : now - *s, now, hourly});
    }
    if (out.empty())
        throw Error("--periods: no period");
    std::stable_sort(out.begin(), out.end(),
                     [](const Period& a, const Period& b) { return a.since > b.since; });
    return out;
}

// The secrets a job's environment holds (every provider key and channel
// secret of the registry): redacted from the page, should one have reached
// the history's text (DESIGN.md §4).
void register_secrets()
{
    auto each = [](std::string_view list) {
        std::stringstream in{std::string(list)};
        std::string item;
        while (in >> item) {
            const std::string var = item.substr(0, item.find(':'));
            const char* v = std::getenv(var.c_str());
            if (!v || !*v)
                continue;
            if (var.ends_with("_URL"))
                add_url_secret(v);
            else
                add_secret(v);
        }
    };
    for (const ProviderEntry& p : provider_registry())
        each(p.keys);
    for (const ChannelEntry& c : channel_registry())
        each(c.secrets);
    each("SUPABASE_DB_PASSWORD");                 // fetch-claude-db's other password
}

}  // namespace

void add_dashboard_options(cxxopts::Options& opts)
{
    opts.add_options()
        ("account", "only this account", cxxopts::value<std::string>(), "NAME")
        ("db", "the SQLite database (default $QUOTAWATCH_DB or the XDG state dir)",
         cxxopts::value<std::string>(), "PATH")
        ("forecast", "the period the forecast rests on (24h, 7d), as recall's",
         cxxopts::value<std::string>()->default_value("7d"), "WHEN")
        ("kind", "only this kind: balance, quota, budget or spend",
         cxxopts::value<std::string>(), "KIND")
        ("o,output", "write the page to FILE atomically, mode 0644 (default: standard output)",
         cxxopts::value<std::string>(), "FILE")
        ("periods", "the page's periods, a section each",
         cxxopts::value<std::string>()->default_value("24h,7d,30d,1y"), "LIST")
        ("provider", "only this provider", cxxopts::value<std::string>(), "NAME")
        ("rules", "evaluate's rules file, for the threshold lines (default: $QUOTAWATCH_RULES)",
         cxxopts::value<std::string>(), "FILE")
        ("stale-after", "a newest check older than this is marked stale",
         cxxopts::value<std::string>()->default_value("25h"), "DURATION")
        ("window", "only this quota window, e.g. 5h or weekly",
         cxxopts::value<std::string>(), "NAME");
}

Exit run_dashboard(const cxxopts::ParseResult& args)
{
    register_secrets();
    Dashboard d;
    d.now = qw::now();
    d.periods = periods_of(args["periods"].as<std::string>(), d.now);
    d.forecast_period = args["forecast"].as<std::string>();
    const int64_t forecast_since = d.now - span_option(args, "forecast");
    d.stale_after = span_option(args, "stale-after");
    const Evaluator judge({}, {}, rules_file(args));
    Store store(history_path(args));
    tally_history(store, format_rfc3339(d.now));
    const SeriesFilter filter{option_text(args, "provider"), option_text(args, "account"),
                              option_text(args, "kind"), option_text(args, "window")};
    const std::vector<SeriesId> ids = list_series(store, filter);
    std::unordered_map<std::string, size_t> index;
    std::vector<SeriesBuilder> builders;
    std::vector<int64_t> newest_ok(ids.size(), -1);
    for (const SeriesId& id : ids) {
        Record r;
        r.provider = id.provider, r.account = id.account, r.kind = id.kind;
        r.window = id.window, r.unit = id.unit;
        index.emplace(series_key(r), builders.size());
        builders.emplace_back(d.periods, forecast_since, d.now, chart_columns);
    }
    // Rows of a money series without a unit (failed fetches) match no key:
    // errors, which no chart draws.
    const int64_t since = snapshots_since(d.periods, forecast_since);
    for_each_point(store, filter, format_rfc3339(since), format_rfc3339(d.now),
                   [&](const Record& r, int64_t row) {
                       auto it = index.find(series_key(r));
                       if (it == index.end())
                           return;
                       builders[it->second].add(r);
                       const Status st = status_of(r);
                       if (st == Status::none || st == Status::ok)
                           newest_ok[it->second] = std::max(newest_ok[it->second], row);
                   });
    if (d.periods.back().hourly)
        for (size_t i = 0; i < ids.size(); ++i)
            for_each_hour(store, series_key(ids[i]), d.periods.back().since,
                          [&](const HourTally& h) { builders[i].add_hour(h); });
    SnapshotReader reader(store);
    for (size_t i = 0; i < ids.size(); ++i) {
        Record newest, base;
        if (!reader.newest(ids[i], newest))
            continue;
        if (newest_ok[i] < 0 || !reader.by_id(newest_ok[i], base))
            base = newest;
        d.series.push_back(builders[i].finish(newest, base, judge));
    }
    std::string page = render_dashboard(d);
    redact_secrets(page);
    write_output(args, std::move(page));
    return Exit::ok;
}

}  // namespace qw

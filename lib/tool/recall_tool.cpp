#include "tool/recall_tool.h"

#include "error.h"
#include "history.h"
#include "json_writer.h"
#include "store/store_history.h"
#include "timeutil.h"
#include "tool/tool.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <utility>
#include <vector>

namespace qw {

namespace {

void add_member(Record& r, std::string_view key, std::string_view value)
{
    if (!r.extra.empty())
        r.extra += ',';
    append_json_string(r.extra, key);
    r.extra += ':';
    append_json_string(r.extra, value);
}

// With TZ set, the time in that zone, named: "ts_local":"2026-11-22 17:00:00 CST".
void add_local_time(Record& r, int64_t when)
{
    if (const char* tz = std::getenv("TZ"); tz && *tz)
        add_member(r, "ts_local", format_local_zone(when));
}

void write_last(Store& store, const SeriesFilter& filter, int64_t now, Output& out)
{
    Record r;
    SnapshotReader reader(store);
    for (const SeriesId& id : list_series(store, filter)) {
        if (!reader.newest(id, r))
            continue;
        if (auto t = parse_rfc3339(r.ts)) {
            std::string age;
            append_json_number(age, static_cast<double>(now - *t));
            r.extra = "\"age_s\":" + age;
            add_member(r, "age", format_span(now - *t));
            add_local_time(r, *t);
        }
        write_record(out.buffer(), r);
        out.maybe_flush();
    }
}

struct Series {
    SeriesSummary summary;
    int64_t newest = -1, newest_ok = -1;
};

void write_summaries(Store& store, const SeriesFilter& filter, int64_t since, int64_t now,
                     Output& out)
{
    std::map<std::string, Series> all;
    std::string key;
    auto add = [&](const std::string& k, const Record& r, int64_t row) {
        auto it = all.find(k);
        if (it == all.end())
            it = all.emplace(k, Series{SeriesSummary(since, now)}).first;
        it->second.summary.add(r);
        it->second.newest = std::max(it->second.newest, row);
        if (status_of(r) == Status::none || status_of(r) == Status::ok)
            it->second.newest_ok = std::max(it->second.newest_ok, row);
    };
    // A money row without a unit (a failed fetch) stands for every currency
    // of its series (store.h, same_unit_sql): kept until they are known.
    std::vector<std::pair<Record, int64_t>> unitless;
    for_each_point(store, filter, format_rfc3339(since), format_rfc3339(now),
                   [&](const Record& r, int64_t row) {
                       key = series_key(r);
                       if (unit_in_series(r.kind) && r.unit.empty())
                           unitless.emplace_back(r, row);
                       else
                           add(key, r, row);
                   });
    for (const auto& [r, row] : unitless) {
        const std::string k = series_key(r);              // "provider/account/kind/window/"
        bool joined = false;
        for (auto it = all.lower_bound(k); it != all.end() && it->first.starts_with(k); ++it) {
            add(it->first, r, row);
            joined = true;
        }
        if (!joined)
            add(k, r, row);
    }
    Record base;
    SnapshotReader reader(store);
    for (const auto& [name, s] : all) {
        if (!reader.by_id(s.newest_ok >= 0 ? s.newest_ok : s.newest, base))
            continue;
        s.summary.write(base);
        if (auto t = parse_rfc3339(base.ts))
            add_local_time(base, *t);
        write_record(out.buffer(), base);
        out.maybe_flush();
    }
}

}  // namespace

void add_recall_options(cxxopts::Options& opts)
{
    opts.add_options()
        ("account", "only this account", cxxopts::value<std::string>(), "NAME")
        ("db", "the SQLite database (default $QUOTAWATCH_DB or the XDG state dir)",
         cxxopts::value<std::string>(), "PATH")
        ("kind", "only this kind: balance, quota, budget or spend",
         cxxopts::value<std::string>(), "KIND")
        ("last", "the newest snapshot of each series and its age")
        ("provider", "only this provider", cxxopts::value<std::string>(), "NAME")
        ("raw", "the stored snapshots of the period as records")
        ("since", "the period: 24h, 7d, a date or an RFC 3339 time",
         cxxopts::value<std::string>()->default_value("24h"), "WHEN")
        ("window", "only this quota window, e.g. 5h or weekly",
         cxxopts::value<std::string>(), "NAME");
}

Exit run_recall(const cxxopts::ParseResult& args)
{
    if (args.count("raw") && args.count("last"))
        throw Error("--raw and --last cannot be combined");
    const int64_t now = qw::now();
    const int64_t since = since_option(args, now);
    Store store(history_path(args));
    SeriesFilter filter{option_text(args, "provider"), option_text(args, "account"), option_text(args, "kind"),
                        option_text(args, "window")};
    Output out;
    if (args.count("last"))
        write_last(store, filter, now, out);
    else if (args.count("raw"))
        for_each_snapshot(store, filter, format_rfc3339(since), format_rfc3339(now),
                          [&](const Record& r) {
                              write_record(out.buffer(), r);
                              out.maybe_flush();
                          });
    else
        write_summaries(store, filter, since, now, out);
    out.flush();
    return Exit::ok;
}

}  // namespace qw

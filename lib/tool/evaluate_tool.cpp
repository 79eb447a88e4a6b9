#include "tool/evaluate_tool.h"

#include "error.h"
#include "events.h"
#include "rules.h"
#include "store/store.h"
#include "timeutil.h"
#include "tool/tool.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

namespace qw {

namespace {

std::vector<Condition> conditions(const cxxopts::ParseResult& args, const char* name)
{
    std::vector<Condition> out;
    if (!args.count(name))
        return out;
    for (const std::string& text : args[name].as<std::vector<std::string>>()) {
        Condition c;
        std::string err;
        if (!parse_condition(text, c, &err))
            throw Error(std::string("--") + name + ": " + err);
        out.push_back(c);
    }
    return out;
}

}  // namespace

std::vector<Rule> rules_file(const cxxopts::ParseResult& args)
{
    std::vector<Rule> rules;
    const char* env = std::getenv("QUOTAWATCH_RULES");
    if (!args.count("rules") && !(env && *env))
        return rules;
    const std::string path = args.count("rules") ? args["rules"].as<std::string>() : env;
    std::ifstream in(path);
    if (!in)
        throw Error(path + ": cannot read the rules file");
    std::stringstream text;
    text << in.rdbuf();
    std::string err;
    if (!parse_rules(text.str(), rules, &err))
        throw Error(path + ":" + err);
    return rules;
}

namespace {

std::vector<std::string> alert_events(const cxxopts::ParseResult& args)
{
    if (!args.count("alert-on"))
        return {};
    auto events = args["alert-on"].as<std::vector<std::string>>();
    for (const std::string& e : events)
        if (e != "reset" && e != "topup" && e != "stale")
            throw Error("--alert-on: \"" + e + "\" is not reset, topup or stale");
    return events;
}

// Sets r.event (unless the input carried one) and r.prev from the newest
// recorded observation of r's series, and marks stale source data.
void mark_events(Record& r, Store* store, Record& prev, int64_t now, int64_t stale_after)
{
    std::string prev_end;
    const Status st = status_of(r);
    if (store && (st == Status::none || st == Status::ok) && store->last(r, prev, &prev_end)) {
        r.prev = prev_numbers(prev);
        if (r.event.empty())
            r.event = next_change(prev, prev_end, r).event;
    }
    if (r.event.empty() && is_stale(r, now, stale_after))
        r.event = "stale";
}

}  // namespace

void add_evaluate_options(cxxopts::Options& opts)
{
    opts.add_options()
        ("alert-on", "count EVENT (reset, topup, stale) as an alert (repeatable)",
         cxxopts::value<std::vector<std::string>>(), "EVENT")
        ("c,critical", "critical when EXPR holds, e.g. 'remaining_pct<5' (repeatable)",
         cxxopts::value<std::vector<std::string>>(), "EXPR")
        ("db", "detect resets and top-ups against the history in PATH",
         cxxopts::value<std::string>(), "PATH")
        ("rules", "per-series rules from FILE (default: $QUOTAWATCH_RULES)", cxxopts::value<std::string>(), "FILE")
        ("stale-after", "an as_of older than DURATION is stale",
         cxxopts::value<std::string>()->default_value("2h"), "DURATION")
        ("w,warn", "warning when EXPR holds, e.g. 'remaining<=5' (repeatable)",
         cxxopts::value<std::vector<std::string>>(), "EXPR");
}

Exit run_evaluate(const cxxopts::ParseResult& args)
{
    Evaluator judge(conditions(args, "warn"), conditions(args, "critical"), rules_file(args));
    const std::string stale_text = args["stale-after"].as<std::string>();
    const auto stale_after = parse_duration(stale_text);
    if (!stale_after)
        throw Error("--stale-after: \"" + stale_text + "\" is not a duration such as 2h");
    const std::vector<std::string> alert_on = alert_events(args);
    std::unique_ptr<Store> store;
    if (args.count("db"))
        store = std::make_unique<Store>(args["db"].as<std::string>());
    const int64_t now = qw::now();
    Record prev;
    Output out;
    Outcome outcome;
    for_each_line([&](Record& r, std::string_view line) {
        const bool fresh = !r.had_verdict;
        judge.judge(r);
        mark_events(r, store.get(), prev, now, *stale_after);
        r.alert = !r.event.empty() && std::count(alert_on.begin(), alert_on.end(), r.event);
        outcome.saw(r.level, r.alert, marks_failure(r));
        // A line not judged before keeps its text: only the verdict is added.
        if (!fresh || !append_verdict(out.buffer(), line, r))
            write_record(out.buffer(), r);
        out.maybe_flush();
    }, outcome);
    out.flush();
    return outcome.status();
}

}  // namespace qw

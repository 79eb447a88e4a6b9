#include "notify_tool.h"

#include "error.h"
#include "json.h"
#include "redact.h"
#include "secrets.h"
#include "store.h"
#include "store_notify.h"
#include "timeutil.h"
#include "tool.h"

#include <cstdio>
#include <cstdlib>

namespace qw {

namespace {

const int64_t first_period = 12 * 3600;    // usage period of a first report (seed 002)

void show(std::string text)
{
    redact_secrets(text);
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
}

}  // namespace

void add_notify_options(cxxopts::Options& opts)
{
    opts.add_options()
        ("cacert", "trust the CA certificates in FILE too", cxxopts::value<std::string>(), "FILE")
        ("db", "the state database (default $QUOTAWATCH_DB)", cxxopts::value<std::string>(),
         "PATH")
        ("dry-run", "print the request that would be sent, secrets redacted; send nothing")
        ("name", "keep the delivery memory under NAME (one per destination)",
         cxxopts::value<std::string>(), "NAME")
        ("repeat", "resend while a series stays bad, every DURATION (e.g. 6h)",
         cxxopts::value<std::string>(), "DURATION")
        ("test", "send a short test message and exit")
        ("t,timeout", "give up delivering after SECONDS, retries included",
         cxxopts::value<std::string>()->default_value("30"), "SECONDS")
        ("when", "always, alert or change", cxxopts::value<std::string>()->default_value("change"),
         "WHEN");
}

std::string option_text(const cxxopts::ParseResult& args, const char* name)
{
    return args.count(name) ? args[name].as<std::string>() : std::string();
}

NotifySettings notify_settings(const cxxopts::ParseResult& args, const char* tool,
                               const char* channel)
{
    NotifySettings s;
    s.tool = tool;
    s.channel = args.count("name") ? args["name"].as<std::string>() : channel;
    if (s.channel.empty())
        throw Error("--name: must not be empty");
    const std::string when = args["when"].as<std::string>();
    auto w = parse_when(when);
    if (!w)
        throw Error("--when: \"" + when + "\" is not always, alert or change");
    s.when = *w;
    if (args.count("repeat")) {
        const std::string r = args["repeat"].as<std::string>();
        auto d = parse_duration(r);
        if (!d || *d <= 0)
            throw Error("--repeat: \"" + r + "\" is not a duration such as 30m, 6h or 1d");
        s.repeat = *d;
    }
    const std::string t = args["timeout"].as<std::string>();
    auto secs = parse_number(t);
    if (!secs || *secs <= 0 || *secs > 86400)
        throw Error("--timeout: \"" + t + "\" is not a number of seconds");
    s.delivery.timeout = *secs;
    s.delivery.cacert = option_text(args, "cacert");
    if (const char* ca = std::getenv("QUOTAWATCH_CACERT"); s.delivery.cacert.empty() && ca)
        s.delivery.cacert = ca;
    s.dry_run = args.count("dry-run") > 0;
    s.test = args.count("test") > 0;
    s.db = db_path(args);
    return s;
}

std::string notify_secret(const char* name, const char* env, const std::string& file,
                          bool required, const std::string& missing)
{
    std::vector<Account> found = find_accounts(name, env, file);
    if (found.size() > 1)
        throw Error(std::string(name) + ": a directory of keys; one file is expected");
    if (!found.empty() && !found[0].error.empty())
        throw Error(found[0].error);
    if (found.empty() && required)
        throw Error(missing);
    return found.empty() ? std::string() : found[0].secret;
}

Exit run_notify(const NotifySettings& s, Channel& channel)
{
    CurlGlobal curl;
    if (s.test) {
        channel.compose_test(s.tool);
        if (s.dry_run) {
            show(channel.describe());
            return Exit::ok;
        }
        std::string err = deliver(channel, s.delivery);
        if (!err.empty())
            warn(s.channel + ": " + err);
        return err.empty() ? Exit::ok : Exit::error;
    }
    Output out;
    Outcome outcome;
    std::vector<Record> records;
    size_t kept = 0, left_out = 0;
    for_each_line([&](Record& r, std::string_view line) {
        outcome.saw(quiet_level(r), r.alert);
        write_record(out.buffer(), r);
        out.maybe_flush();
        // A record takes about its struct and its line, and is held up to
        // four times: as read, in the report, as shown, and as text.
        kept += 4 * (sizeof(Record) + line.size());
        if (kept <= max_report_bytes)
            records.push_back(r);
        else
            ++left_out;
    }, outcome);
    out.flush();
    if (records.empty())
        return outcome.status();

    Store store(s.db);
    NotifyStore memory_store(store, s.channel);
    const Memory memory = memory_store.load();
    Report report = decide(records, memory, s.when, s.repeat, now());
    report.left_out = left_out;
    if (!report.send) {
        if (s.dry_run)
            warn("dry run: nothing to send: " + report.why);
        else
            memory_store.refresh(report, memory);
        return outcome.status();
    }
    if (channel.wants_usage()) {
        const int64_t since = memory.last_sent ? memory.last_sent : report.now - first_period;
        for (Item& it : report.items)
            it.usage = memory_store.usage(it.record, since);
    }
    channel.compose(report);
    if (s.dry_run) {
        show(channel.describe());
        return outcome.status();
    }
    const std::string err = deliver(channel, s.delivery);
    if (err.empty()) {
        memory_store.delivered(report);
        return outcome.status();
    }
    warn(s.channel + ": " + err);
    memory_store.failed(report);
    memory_store.refresh(report, memory);
    outcome.failed();
    return outcome.status();
}

}  // namespace qw

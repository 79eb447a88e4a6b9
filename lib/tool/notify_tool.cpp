#include "tool/notify_tool.h"

#include "channels/crypto.h"
#include "error.h"
#include "json.h"
#include "redact.h"
#include "secrets.h"
#include "spool.h"
#include "store/store.h"
#include "store/store_notify.h"
#include "timeutil.h"
#include "tool/tool.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

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

void add_notify_options(cxxopts::Options& opts, bool timing)
{
    opts.add_options()
        ("cacert", "trust the CA certificates in FILE too", cxxopts::value<std::string>(), "FILE")
        ("db", "the state database (default $QUOTAWATCH_DB)", cxxopts::value<std::string>(),
         "PATH")
        ("dry-run", "print the request that would be sent, secrets redacted; send nothing")
        ("name", "keep the delivery memory under NAME (one per destination)",
         cxxopts::value<std::string>(), "NAME")
        ("test", "send a short test message and exit")
        ("t,timeout", "give up delivering after SECONDS, retries included",
         cxxopts::value<std::string>()->default_value("30"), "SECONDS");
    if (timing)
        opts.add_options()
            ("repeat", "resend while a series stays bad, every DURATION (e.g. 6h)",
             cxxopts::value<std::string>(), "DURATION")
            ("when", "always, alert or change",
             cxxopts::value<std::string>()->default_value("change"), "WHEN");
}

NotifySettings notify_settings(const cxxopts::ParseResult& args, const char* tool,
                               const char* channel, bool timing)
{
    NotifySettings s;
    s.tool = tool;
    s.channel = args.count("name") ? args["name"].as<std::string>() : channel;
    if (s.channel.empty())
        throw Error("--name: must not be empty");
    const std::string when = timing ? args["when"].as<std::string>() : "always";
    auto w = parse_when(when);
    if (!w)
        throw Error("--when: \"" + when + "\" is not always, alert or change");
    s.when = *w;
    if (timing && args.count("repeat")) {
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

namespace {

// The newest record of each series, in the order the series came: what a
// report is about, however long the run (memory grows with series only).
// A reset or top-up of an older record of the series is kept.
// At most max_report_bytes are kept: the series past it pass through, untold,
// and are counted (the report says how many).
class Latest {
public:
    void add(const Record& r)
    {
        auto it = index_.find(series_key(r));
        if (it == index_.end()) {
            // A record is held about four times: as read, in the report, as
            // shown, and as text.
            const size_t cost = 4 * (sizeof(Record) + r.provider.size() + r.account.size() +
                                     r.window.size() + r.reason.size() + r.error.size() +
                                     r.extra.size());
            if (bytes_ + cost > max_report_bytes) {
                ++left_out_;
                return;
            }
            bytes_ += cost;
            index_.emplace(series_key(r), records_.size());
            records_.push_back(r);
            return;
        }
        Record& kept = records_[it->second];
        std::string event = r.event.empty() && kept.event != "stale" ? kept.event : r.event;
        kept = r;
        kept.event = std::move(event);
    }
    const std::vector<Record>& records() const { return records_; }
    size_t left_out() const { return left_out_; }

private:
    std::vector<Record> records_;
    std::unordered_map<std::string, size_t> index_;
    size_t bytes_ = 0, left_out_ = 0;
};

// The pieces of the composed message that a previous run already sent,
// before a later piece failed (same digest), flagged; their digests in digests.
std::vector<bool> sent_before(const Channel& channel, NotifyStore& memory_store,
                              const std::string& name, std::vector<std::string>& digests)
{
    std::vector<bool> done(channel.pieces(), false);
    if (channel.pieces() < 2)
        return done;
    const std::set<std::string> known = memory_store.parts();
    for (size_t i = 0; i < done.size(); ++i) {
        digests.push_back(base64(hmac_sha256(name, channel.piece_body(i))));
        done[i] = known.count(digests.back()) > 0;
    }
    return done;
}

using Clock = std::chrono::steady_clock;

// Seconds left before deadline, at least a millisecond.
double seconds_left(Clock::time_point deadline)
{
    return std::max(0.001, std::chrono::duration<double>(deadline - Clock::now()).count());
}

// Offers each message owed to a single recipient again, to it alone, oldest
// first, before deadline; keeps what is still refused for now.
void offer_owed(const NotifySettings& s, Channel& channel, NotifyStore& memory_store,
                Clock::time_point deadline)
{
    for (const Owed& owed : memory_store.owed()) {
        const long left_ms = static_cast<long>(seconds_left(deadline) * 1000);
        const Attempt a = channel.resend(owed, std::max(1L, left_ms));
        if (a.result != Attempt::Result::retry)
            memory_store.settle(owed);
        if (a.result == Attempt::Result::retry)
            warn(s.channel + ": " + a.error + "; offered again on the next run");
        else if (a.result == Attempt::Result::failed)
            warn(s.channel + ": " + a.error + "; not retried");
    }
}

// Decides, delivers and remembers; false when the report could not be
// delivered (said on stderr), true when it was or nothing was to be sent.
bool notify(const NotifySettings& s, Channel& channel, const std::vector<Record>& records,
            size_t left_out)
{
    Store store(s.db);
    NotifyStore memory_store(store, s.channel);
    const Memory memory = memory_store.load();
    const bool parts_owed = !memory_store.parts().empty();
    // One --timeout for the owed mail and the report, every retry included
    // (from here: waiting for the database's lock is not delivering).
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                             std::chrono::duration<double>(s.delivery.timeout));
    if (!s.dry_run)
        offer_owed(s, channel, memory_store, deadline);
    Report report = decide(records, memory, s.when, s.repeat, now());
    report.left_out = left_out;
    if (!report.send) {
        if (s.dry_run) {
            warn("dry run: nothing to send: " + report.why);
            return true;
        }
        memory_store.refresh(report, memory);
        memory_store.track(report);
        if (parts_owed)
            memory_store.forget_parts();
        return true;
    }
    if (channel.wants_usage()) {
        const int64_t since = memory.last_sent ? memory.last_sent : report.now - first_period;
        for (Item& it : report.items)
            if (!it.remembered)
                it.usage = memory_store.usage(it.record, since);
    }
    channel.compose(report);
    if (s.dry_run) {
        show(channel.describe());
        return true;
    }
    std::vector<std::string> digests;
    std::vector<bool> done = sent_before(channel, memory_store, s.channel, digests);
    DeliveryOptions delivery = s.delivery;       // what the owed mail left of --timeout
    delivery.timeout = seconds_left(deadline);
    const std::string err = deliver(channel, delivery, &done);
    memory_store.track(report);
    if (err.empty()) {
        memory_store.delivered(report, channel.deferred());
        if (parts_owed)
            memory_store.forget_parts();
        return true;
    }
    std::vector<std::string> sent;
    for (size_t i = 0; i < digests.size(); ++i)
        if (done[i])
            sent.push_back(digests[i]);
    if (!sent.empty())
        memory_store.parts_sent(sent);
    warn(s.channel + ": " + err);
    memory_store.failed(report);
    memory_store.refresh(report, memory);
    return false;
}

}  // namespace

Exit run_notify(const NotifySettings& s, const std::function<std::unique_ptr<Channel>()>& make)
{
    CurlGlobal curl;
    std::unique_ptr<Channel> channel;
    std::string broken;                  // why the channel could not be set up
    try {
        channel = make();
    } catch (const Error& e) {
        if (s.test)
            throw;
        broken = e.what();
    }
    if (s.test) {
        channel->compose_test(s.tool);
        if (s.dry_run) {
            show(channel->describe());
            return Exit::ok;
        }
        std::string err = deliver(*channel, s.delivery);
        if (!err.empty())
            warn(s.channel + ": " + err);
        return err.empty() ? Exit::ok : Exit::error;
    }
    // All input first: a later stage that stops reading, fails or holds
    // the database never stands between the verdicts and their delivery.
    Outcome outcome;
    Spool run;
    Latest latest;
    for_each_record([&](Record& r) {
        run.add(r);
        outcome.saw(quiet_level(r), r.alert, marks_failure(r));
        latest.add(r);
    }, outcome);
    bool delivered = broken.empty();
    if (!broken.empty())
        warn(broken);
    else if (run.records() > 0) {
        try {
            delivered = notify(s, *channel, latest.records(), latest.left_out());
        } catch (const std::exception& e) {
            warn(e.what());
            delivered = false;
        }
    }
    if (!delivered || (channel && channel->refused()))
        outcome.failed();
    Output out;
    run.replay([&](Record& r) {
        auto& marks = r.undelivered;
        if (!delivered && std::find(marks.begin(), marks.end(), s.channel) == marks.end())
            marks.push_back(s.channel);
        write_record(out.buffer(), r);
        out.maybe_flush();
    });
    out.flush();
    return outcome.status();
}

}  // namespace qw

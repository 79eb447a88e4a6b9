#include "notify.h"

#include "timeutil.h"

#include <algorithm>
#include <set>

namespace qw {

namespace {

bool is_event(const std::string& e)
{
    return e == "reset" || e == "topup" || e == "stale";
}

void add_event(std::vector<std::string>& events, const std::string& e)
{
    if (is_event(e) && std::find(events.begin(), events.end(), e) == events.end())
        events.push_back(e);
}

std::string quiet(const std::string& level)
{
    return is_bad_level(level) ? level : "ok";
}

Item judge(const Record& r, const Delivered* mem, int64_t repeat, int64_t now)
{
    Item it;
    it.record = r;
    const std::string level = quiet_level(r);
    const std::string before = mem ? quiet(mem->level) : "ok";
    if (mem) {
        it.was = mem->level;
        it.was_since = mem->since;
    }
    if (level != before)
        it.change = !is_bad_level(level)  ? "recovered"
                    : is_bad_level(before) ? "changed"
                                           : "alert";
    else if (is_bad_level(level) && repeat > 0 && mem && now - mem->sent_at >= repeat)
        it.change = "repeat";
    if (mem)
        for (size_t pos = 0; pos < mem->pending.size();) {
            size_t comma = std::min(mem->pending.find(',', pos), mem->pending.size());
            add_event(it.events, mem->pending.substr(pos, comma - pos));
            pos = comma + 1;
        }
    if (r.event != "stale" || !mem || !mem->stale)
        add_event(it.events, r.event);
    return it;
}

// "provider/account/" of a series key (the key's first two fields).
std::string owner(const std::string& key)
{
    size_t slash = key.find('/');
    slash = slash == std::string::npos ? slash : key.find('/', slash + 1);
    return slash == std::string::npos ? key : key.substr(0, slash + 1);
}

// The record a remembered error series stands in with once it recovered.
Record recovered_record(const std::string& key, int64_t now)
{
    Record r;
    std::string* fields[] = {&r.provider, &r.account, &r.kind, &r.window, &r.unit};
    size_t pos = 0;
    for (std::string* f : fields) {
        size_t slash = std::min(key.find('/', pos), key.size());
        *f = key.substr(pos, slash - pos);
        pos = std::min(slash + 1, key.size());
    }
    r.ts = format_rfc3339(now);
    r.status = "ok";
    return r;
}

// The remembered series of the run's providers/accounts that the run does
// not report: an error recovers when its provider/account reports non-error
// records; any other is counted absent, unless its provider/account is in
// error (the error stands for it), and forgotten at forget_after.
void absentees(const std::vector<Record>& records, const Memory& memory, Report& rep)
{
    std::set<std::string> present, reporting, failing;
    for (const Record& r : records) {
        const std::string key = series_key(r);
        present.insert(key);
        (is_error_status(r) ? failing : reporting).insert(owner(key));
    }
    for (const auto& [key, d] : memory.series) {
        const std::string who = owner(key);
        if (present.count(key)) {
            if (d.absent)
                rep.absent[key] = 0;
            continue;
        }
        if (!reporting.count(who))
            continue;
        if (level_named(d.level) == Level::error) {
            Item it;
            it.record = recovered_record(key, rep.now);
            it.was = d.level;
            it.was_since = d.since;
            it.change = "recovered";
            it.remembered = true;
            rep.items.push_back(std::move(it));
        } else if (!failing.count(who) && d.absent + 1 >= forget_after) {
            rep.forget.push_back(key);
        } else if (!failing.count(who)) {
            rep.absent[key] = d.absent + 1;
        }
    }
}

}  // namespace

std::optional<When> parse_when(const std::string& s)
{
    if (s == "always") return When::always;
    if (s == "alert") return When::alert;
    if (s == "change") return When::change;
    return std::nullopt;
}

bool is_bad_level(const std::string& level)
{
    const Level l = level_named(level);
    return l == Level::warning || l == Level::critical || l == Level::error || l == Level::unknown;
}

std::string quiet_level(const Record& r)
{
    if (r.level.empty())
        return status_of(r) == Status::error ? "error" : "ok";
    return quiet(r.level);
}

Report decide(const std::vector<Record>& records, const Memory& memory, When when,
              int64_t repeat, int64_t now)
{
    Report rep;
    rep.now = now;
    rep.last_sent = memory.last_sent;
    bool bad = false, changed = false;
    for (const Record& r : records) {
        auto m = memory.series.find(series_key(r));
        rep.items.push_back(judge(r, m == memory.series.end() ? nullptr : &m->second, repeat, now));
        const Item& it = rep.items.back();
        bad = bad || is_bad_level(quiet_level(r));
        changed = changed || !it.change.empty() || !it.events.empty();
    }
    const size_t run_items = rep.items.size();
    absentees(records, memory, rep);
    changed = changed || rep.items.size() > run_items;
    if (records.empty()) {
        rep.why = "no verdict on input";
    } else if (when == When::always) {
        rep.send = true;
        rep.why = "--when always";
    } else if (when == When::alert) {
        rep.send = bad;
        rep.why = bad ? "a verdict is warning, critical or error"
                      : "no verdict is warning, critical or error";
    } else {
        rep.send = changed;
        rep.why = changed ? "a series changed level or an event arrived"
                          : "no change since the last delivery";
    }
    return rep;
}

}  // namespace qw

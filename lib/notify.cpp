#include "notify.h"

#include <algorithm>

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
    if (mem)
        it.was = mem->level;
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
    return level == "warning" || level == "critical" || level == "error" || level == "unknown";
}

std::string quiet_level(const Record& r)
{
    if (r.level.empty())
        return r.status == "error" ? "error" : "ok";
    return quiet(r.level);
}

Report decide(const std::vector<Record>& records, const Memory& memory, When when,
              int64_t repeat, int64_t now)
{
    Report rep;
    rep.now = now;
    bool bad = false, changed = false;
    for (const Record& r : records) {
        auto m = memory.series.find(series_key(r));
        rep.items.push_back(judge(r, m == memory.series.end() ? nullptr : &m->second, repeat, now));
        const Item& it = rep.items.back();
        bad = bad || is_bad_level(quiet_level(r));
        changed = changed || !it.change.empty() || !it.events.empty();
    }
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

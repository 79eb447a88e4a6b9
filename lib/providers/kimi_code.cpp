#include "providers/kimi_code.h"

#include "json.h"
#include "timeutil.h"

#include <algorithm>
#include <cmath>

namespace qw {

namespace {

std::optional<double> number(const Json* j, std::string_view key)
{
    const Json* v = j ? j->get(key) : nullptr;
    return v ? v->as_number() : std::nullopt;
}

// The window of a limits[] entry from duration and timeUnit, read from its
// "window" object, the entry itself or its detail; empty when they are missing.
std::string entry_window(const Json& item, const Json& detail)
{
    std::optional<double> duration;
    std::string unit;
    for (const Json* src : {item.get("window"), &item, &detail}) {
        if (!src || !src->is_object())
            continue;
        if (!duration)
            duration = number(src, "duration");
        if (const Json* u = src->get("timeUnit"); unit.empty() && u && u->is_string())
            unit = u->text;
    }
    if (!duration || *duration < 1 || *duration != std::floor(*duration) || *duration > 1e6)
        return {};
    int64_t scale = unit.find("MINUTE") != std::string::npos ? 60
                    : unit.find("HOUR") != std::string::npos ? 3600
                    : unit.find("DAY") != std::string::npos  ? 86400
                    : unit.find("SECOND") != std::string::npos ? 1
                                                               : 0;
    return scale ? kimi_code_window(static_cast<int64_t>(*duration) * scale) : std::string();
}

// One window from an object with limit, used, remaining and a reset time.
// False when it has no limit, or neither used nor remaining.
bool window_record(const Record& base, const Json& d, const std::string& window, Record& r)
{
    auto limit = number(&d, "limit");
    auto used = number(&d, "used");
    auto remaining = number(&d, "remaining");
    if (!used && limit && remaining)
        used = *limit - *remaining;
    if (!limit || !used)
        return false;
    r = base;
    r.kind = "quota";
    r.window = window;
    r.unit = "requests";
    r.limit = limit;
    r.used = used;
    r.remaining = remaining ? *remaining : std::max(0.0, *limit - *used);
    if (*limit > 0)
        r.used_pct = std::round(*used / *limit * 10000) / 100;
    for (auto key : {"resetTime", "resetAt", "reset_time", "reset_at"}) {
        if (const Json* t = d.get(key); t && t->is_string()) {
            if (auto at = parse_rfc3339(t->text))
                r.resets_at = format_rfc3339(*at);
            break;
        }
    }
    r.status = "ok";
    return true;
}

}  // namespace

std::string kimi_code_window(int64_t s)
{
    if (s > 0 && s % 604800 == 0)
        return s == 604800 ? "weekly" : std::to_string(s / 604800) + "w";
    if (s > 0 && s % 86400 == 0)
        return s == 86400 ? "daily" : std::to_string(s / 86400) + "d";
    if (s > 0 && s % 3600 == 0)
        return std::to_string(s / 3600) + "h";
    if (s > 0 && s % 60 == 0)
        return std::to_string(s / 60) + "m";
    return std::to_string(s) + "s";
}

void parse_kimi_code(const Record& base, const HttpResponse& answer, std::vector<Record>& out)
{
    Json j;
    if (!open_answer(base, answer, "quota", j, out))
        return;
    std::vector<Record> windows;
    Record r;
    if (const Json* usage = j.get("usage"); usage && usage->is_object() &&
                                            window_record(base, *usage, "weekly", r))
        windows.push_back(r);
    const Json* limits = j.get("limits");
    for (size_t i = 0; limits && limits->is_array() && i < limits->items.size(); ++i) {
        const Json& item = limits->items[i];
        if (!item.is_object())
            continue;
        const Json* d = item.get("detail");
        const Json& detail = d && d->is_object() ? *d : item;
        std::string w = entry_window(item, detail);
        if (w.empty())
            w = "limit-" + std::to_string(i + 1);
        if (std::any_of(windows.begin(), windows.end(),
                        [&w](const Record& x) { return x.window == w; }))
            w += "-" + std::to_string(i + 1);
        if (window_record(base, detail, w, r))
            windows.push_back(r);
    }
    if (windows.empty()) {
        std::string why = "no usage in the answer";
        if (std::string m = body_message(answer.body); !m.empty())
            why += ": " + m;
        out.push_back(error_record(base, "quota", why));
        return;
    }
    for (Record& w : windows)
        out.push_back(std::move(w));
}

Provider kimi_code_provider(const std::string& base_url)
{
    std::string b = base_url;
    while (!b.empty() && b.back() == '/')
        b.pop_back();
    const std::string cli_path = "/coding/v1";
    if (b.size() > cli_path.size() &&
        b.compare(b.size() - cli_path.size(), cli_path.size(), cli_path) == 0)
        b.resize(b.size() - cli_path.size());
    Provider p = new_provider("kimi-code", "KIMI_CODE_API_KEY", b.empty() ? b : checked_base_url(b),
                              "api.kimi.com");
    p.error_kind = "quota";
    p.requests = [](const std::string& base, const std::string& key) {
        return std::vector<HttpRequest>{bearer_get(base + "/coding/v1/usages", key)};
    };
    p.parse = [](const Record& base, const std::vector<HttpResponse>& answers,
                 std::vector<Record>& out) { parse_kimi_code(base, answers.at(0), out); };
    return p;
}

}  // namespace qw

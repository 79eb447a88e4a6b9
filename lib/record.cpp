#include "record.h"

#include "json_writer.h"

namespace qw {

void Record::clear()
{
    for (std::string* s : {&ts, &provider, &account, &kind, &window, &unit,
                           &resets_at, &as_of, &status, &error, &level, &reason,
                           &threshold, &event, &prev, &extra})
        s->clear();
    remaining.reset();
    used.reset();
    limit.reset();
    used_pct.reset();
    parts.clear();
}

std::string series_key(const Record& r)
{
    std::string k;
    k.reserve(r.provider.size() + r.account.size() + r.kind.size() + r.window.size() + 3);
    k += r.provider;
    k += '/';
    k += r.account;
    k += '/';
    k += r.kind;
    k += '/';
    k += r.window;
    return k;
}

bool is_error_status(const Record& r)
{
    return r.status == "error";
}

static void opt_string(JsonWriter& w, std::string_view k, const std::string& v)
{
    if (!v.empty())
        w.field(k, v);
}

static void opt_number(JsonWriter& w, std::string_view k, const std::optional<double>& v)
{
    if (v)
        w.field(k, *v);
}

void write_record(std::string& out, const Record& r)
{
    JsonWriter w(out);
    w.begin_object();
    opt_string(w, "ts", r.ts);
    opt_string(w, "provider", r.provider);
    opt_string(w, "account", r.account);
    opt_string(w, "kind", r.kind);
    opt_string(w, "window", r.window);
    opt_string(w, "unit", r.unit);
    opt_number(w, "remaining", r.remaining);
    opt_number(w, "used", r.used);
    opt_number(w, "limit", r.limit);
    opt_number(w, "used_pct", r.used_pct);
    opt_string(w, "resets_at", r.resets_at);
    if (!r.parts.empty()) {
        w.key("parts").begin_object();
        for (const Part& p : r.parts)
            w.field(p.name, p.value);
        w.end_object();
    }
    opt_string(w, "as_of", r.as_of);
    opt_string(w, "status", r.status);
    opt_string(w, "error", r.error);
    opt_string(w, "level", r.level);
    opt_string(w, "reason", r.reason);
    opt_string(w, "threshold", r.threshold);
    opt_string(w, "event", r.event);
    if (!r.prev.empty())
        w.key("prev").raw(r.prev);
    w.members(r.extra);
    w.end_object();
    out += '\n';
}

}  // namespace qw

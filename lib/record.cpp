#include "record.h"

#include "display.h"
#include "json_writer.h"
#include "timeutil.h"

#include <cstring>

namespace qw {

const std::array<std::string Record::*, 16> Record::texts = {
    &Record::ts, &Record::provider, &Record::account, &Record::kind, &Record::window,
    &Record::unit, &Record::resets_at, &Record::as_of, &Record::status, &Record::error,
    &Record::level, &Record::reason, &Record::threshold, &Record::event, &Record::prev,
    &Record::extra};

void Record::clear()
{
    for (std::string Record::*s : texts)
        (this->*s).clear();
    remaining.reset();
    used.reset();
    limit.reset();
    used_pct.reset();
    parts.clear();
    undelivered.clear();
    alert = false;
    had_verdict = false;
}

bool unit_in_series(std::string_view kind)
{
    return kind == "balance" || kind == "budget" || kind == "spend";
}

std::string series_key(const Record& r)
{
    std::string k;
    k.reserve(r.provider.size() + r.account.size() + r.kind.size() + r.window.size() +
              r.unit.size() + 4);
    k += r.provider;
    k += '/';
    k += r.account;
    k += '/';
    k += r.kind;
    k += '/';
    k += r.window;
    if (unit_in_series(r.kind)) {
        k += '/';
        k += r.unit;
    }
    return k;
}

bool is_error_status(const Record& r)
{
    return status_of(r) == Status::error;
}

bool marks_failure(const Record& r)
{
    return !r.undelivered.empty() || (kind_of(r) == Kind::run && status_of(r) == Status::error);
}

namespace {

// Writes the members of one record object: our own keys need no escaping,
// so they go out as they are, which is most of the cost of a line saved.
class Members {
public:
    explicit Members(std::string& out) : out_(out), start_(out.size()) { out_ += '{'; }
    // Goes on after head, an object's opening brace and members.
    Members(std::string& out, std::string_view head) : out_(out), start_(out.size())
    {
        out_ += head;
    }
    template <size_t N>
    void key(const char (&k)[N])                 // ,"k": in one append
    {
        char buf[N + 3];
        size_t n = out_.size() != start_ + 1;
        buf[0] = ',';
        buf[n] = '"';
        std::memcpy(buf + n + 1, k, N - 1);
        buf[n + N] = '"';
        buf[n + N + 1] = ':';
        out_.append(buf, n + N + 2);
    }
    template <size_t N>
    void text(const char (&k)[N], const std::string& v)
    {
        if (!v.empty()) {
            key(k);
            append_json_string(out_, v);
        }
    }
    template <size_t N>
    void number(const char (&k)[N], const std::optional<double>& v)
    {
        if (v) {
            key(k);
            append_json_number(out_, *v);
        }
    }
    void raw(std::string_view json)
    {
        if (out_.size() != start_ + 1)
            out_ += ',';
        out_ += json;
    }

private:
    std::string& out_;
    size_t start_;
};

void verdict(Members& m, std::string& out, const Record& r)
{
    m.text("level", r.level);
    m.text("reason", r.reason);
    m.text("threshold", r.threshold);
    m.text("event", r.event);
    if (!r.prev.empty()) {
        m.key("prev");
        out += r.prev;
    }
    if (r.alert) {
        m.key("alert");
        out += "true";
    }
}

}  // namespace

void write_record(std::string& out, const Record& r)
{
    Members m(out);
    m.text("ts", r.ts);
    m.text("provider", r.provider);
    m.text("account", r.account);
    m.text("kind", r.kind);
    m.text("window", r.window);
    m.text("unit", r.unit);
    m.number("remaining", r.remaining);
    m.number("used", r.used);
    m.number("limit", r.limit);
    m.number("used_pct", r.used_pct);
    m.text("resets_at", r.resets_at);
    if (!r.parts.empty()) {
        m.key("parts");
        JsonWriter w(out);
        w.begin_object();
        for (const Part& p : r.parts)
            w.field(p.name, p.value);
        w.end_object();
    }
    m.text("as_of", r.as_of);
    m.text("status", r.status);
    m.text("error", r.error);
    verdict(m, out, r);
    if (!r.undelivered.empty()) {
        m.key("undelivered");
        char sep = '[';
        for (const std::string& c : r.undelivered) {
            out += sep;
            append_json_string(out, c);
            sep = ',';
        }
        out += ']';
    }
    if (!r.extra.empty())
        m.raw(r.extra);
    out += "}\n";
}

bool append_verdict(std::string& out, std::string_view line, const Record& r)
{
    auto trim_end = [](std::string_view s) {
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' ||
                              s.back() == '\n'))
            s.remove_suffix(1);
        return s;
    };
    std::string_view head = trim_end(line);
    if (head.empty() || head.back() != '}')
        return false;
    head = trim_end(head.substr(0, head.size() - 1));
    if (head.empty() || head.back() == '{')
        return false;
    Members m(out, head);
    verdict(m, out, r);
    out += "}\n";
    return true;
}

Record run_error_record(const std::string& tool, const std::string& reason)
{
    Record r;
    r.ts = format_rfc3339(now());
    r.provider = tool;
    r.account = "default";
    r.kind = "run";
    r.status = "error";
    r.error = one_line(reason);
    return r;
}

Record balance_record(const Record& base, const std::string& unit, double remaining)
{
    Record r = base;
    r.kind = "balance";
    r.unit = unit;
    r.remaining = remaining;
    r.status = "ok";
    return r;
}

Record error_record(const Record& base, const std::string& kind, const std::string& reason)
{
    Record r = base;
    r.kind = kind;
    r.status = "error";
    r.error = one_line(reason);
    return r;
}

Status status_of(const Record& r)
{
    const std::string& s = r.status;
    return s.empty() ? Status::none : s == "ok" ? Status::ok : s == "error" ? Status::error
         : s == "skipped" ? Status::skipped : s == "na" ? Status::na : Status::other;
}

Level level_named(std::string_view l)
{
    return l.empty() ? Level::none : l == "ok" ? Level::ok : l == "info" ? Level::info
         : l == "warning" ? Level::warning : l == "critical" ? Level::critical
         : l == "error" ? Level::error : l == "unknown" ? Level::unknown : Level::other;
}

Level level_of(const Record& r)
{
    return level_named(r.level);
}

Kind kind_of(const Record& r)
{
    const std::string& k = r.kind;
    return k.empty() ? Kind::none : k == "balance" ? Kind::balance : k == "quota" ? Kind::quota
         : k == "budget" ? Kind::budget : k == "spend" ? Kind::spend : k == "run" ? Kind::run
         : Kind::other;
}

}  // namespace qw

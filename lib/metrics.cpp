#include "metrics.h"

#include "timeutil.h"

#include <charconv>
#include <cmath>
#include <map>

namespace qw {

namespace {

struct Family {
    const char* type;
    std::string help;
    std::map<std::string, double> samples;        // by label set; one value each
};

class Families {
public:
    void add(const std::string& name, const char* type, const std::string& help,
             const std::string& labels, std::optional<double> value)
    {
        if (!value || !std::isfinite(*value))
            return;                                // unknown: left out
        Family& f = all_[name];
        if (!f.type)
            f = {type, help, {}};
        f.samples.emplace(labels, *value);
    }
    std::string text() const;

private:
    std::map<std::string, Family> all_;
};

void append_number(std::string& out, double v)
{
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
}

std::string Families::text() const
{
    std::string out;
    for (const auto& [name, f] : all_) {
        out += "# HELP " + name + ' ';
        for (char c : f.help)                      // HELP escapes \ and line feeds only
            out += c == '\\' ? "\\\\" : c == '\n' ? "\\n" : std::string(1, c);
        out += '\n';
        out += "# TYPE " + name + ' ' + f.type + '\n';
        for (const auto& [labels, value] : f.samples) {
            out += name;
            if (!labels.empty())
                out += '{' + labels + '}';
            out += ' ';
            append_number(out, value);
            out += '\n';
        }
    }
    return out;
}

void add_label(std::string& labels, const char* name, const std::string& value)
{
    if (value.empty())
        return;
    if (!labels.empty())
        labels += ',';
    labels += name;
    labels += "=\"" + escape_label_value(value) + '"';
}

std::optional<double> seconds(const std::string& ts)
{
    if (auto t = parse_rfc3339(ts))
        return static_cast<double>(*t);
    return std::nullopt;
}

// v in the metric's unit: a percentage divided by 100 for a ratio.
std::optional<double> scaled(std::optional<double> v, double divisor)
{
    if (v)
        return *v / divisor;
    return std::nullopt;
}

// The level as a number alerts compare: ok and info 0, warning 1,
// critical 2; error, unknown and none are not known.
std::optional<double> level_number(const std::string& level)
{
    switch (level_named(level)) {
    case Level::ok:
    case Level::info: return 0;
    case Level::warning: return 1;
    case Level::critical: return 2;
    default: return std::nullopt;
    }
}

void add_series(Families& out, const SeriesMetrics& s)
{
    std::string l;
    add_label(l, "provider", s.provider);
    add_label(l, "account", s.account);
    add_label(l, "kind", s.kind);
    add_label(l, "window", s.window);
    add_label(l, "currency", s.currency);
    const char* const g = "gauge";
    out.add("quotawatch_resets_total", "counter",
            "Quota windows that started again (reset events) in the history, pruned rows included.",
            l, static_cast<double>(s.resets));
    out.add("quotawatch_topups_total", "counter",
            "Top-ups of a balance (and restarts of a budget or spend) in the history, pruned rows "
            "included.", l, static_cast<double>(s.topups));
    if (s.last_check) {
        out.add("quotawatch_last_check_timestamp_seconds", g,
                "When the series was last checked, successfully or not.", l,
                seconds(s.last_check->ts));
        out.add("quotawatch_level", g,
                "Level of the newest check: 0 ok, 1 warning, 2 critical (absent when unknown).", l,
                level_number(s.last_check->level));
    }
    if (!s.last_ok)
        return;
    const Record& r = *s.last_ok;
    out.add("quotawatch_last_success_timestamp_seconds", g,
            "When the series was last checked successfully.", l, seconds(r.ts));
    out.add("quotawatch_window_reset_timestamp_seconds", g,
            "When the current quota window ends, as the provider says.", l, seconds(r.resets_at));
    const std::string u = unit_suffix(r.unit);
    const double by = u == "ratio" ? 100 : 1;
    const std::string in = u == "ratio" ? "as a ratio (0..1)" : "in " + r.unit;
    if (!u.empty()) {
        out.add("quotawatch_remaining_" + u, g, "What is left of the balance or quota, " + in + ".",
                l, scaled(r.remaining, by));
        out.add("quotawatch_used_" + u, g, "What is used of the quota or budget, " + in + ".", l,
                scaled(r.used, by));
        out.add("quotawatch_limit_" + u, g, "The size of the quota or budget, " + in + ".", l,
                scaled(r.limit, by));
    }
    if (u != "ratio" || !r.used)
        out.add("quotawatch_used_ratio", g,
                "What is used of the quota or budget, as a ratio (0..1).", l,
                scaled(r.used_pct, 100));
    if (!s.forecast)
        return;
    const std::string bu = s.measure == "used_pct" ? "ratio" : u;
    const double per_day = bu == "ratio" ? 100 * 86400 : 86400;
    if (!bu.empty())
        out.add("quotawatch_burn_" + bu + "_per_second", "gauge",
                "How fast the series was spent over the period, per second.", l,
                s.forecast->burn_per_day / per_day);
    out.add("quotawatch_depletion_timestamp_seconds", g,
            "When the series runs out at the period's burn rate (absent with too little data).", l,
            s.forecast->empty_at);
}

}  // namespace

std::string escape_label_value(std::string_view value)
{
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string unit_suffix(std::string_view unit)
{
    if (unit == "%")
        return "ratio";
    std::string out;
    for (char c : unit) {
        if (c >= 'A' && c <= 'Z')
            out += static_cast<char>(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out += c;
        else
            out += '_';
    }
    return out;
}

std::string render_metrics(const std::vector<SeriesMetrics>& series, std::string_view version)
{
    Families out;
    std::string l;
    add_label(l, "version", std::string(version));
    out.add("quotawatch_build_info", "gauge", "The quotawatch that wrote this file (always 1).", l,
            1);
    for (const SeriesMetrics& s : series)
        add_series(out, s);
    return out.text();
}

}  // namespace qw

#include "channels/message.h"

#include "render.h"
#include "rules.h"
#include "timeutil.h"

#include <ctime>

namespace qw {

namespace {

std::string name(const Record& r, bool markdown)
{
    std::string label = series_label(r);
    return markdown ? "**" + markdown_escape(label) + "**" : label;
}

std::string alert_note(const Item& it, bool markdown)
{
    const Record& r = it.record;
    const std::string level = quiet_level(r);
    const std::string n = name(r, markdown);
    const std::string still = it.change == "repeat" ? "still " : "";
    const std::string what = r.kind == "quota" ? " quota " : r.kind == "budget" ? " budget " : " credits ";
    if (level == "warning")
        return "⚠️ " + n + what + still + "low!";
    if (level == "critical")
        return "🚨 " + n + what + still + "critically low!";
    if (level == "error")
        return "❌ " + n + ": the check " + still + "failed";
    return "❓ " + n + ": the state is " + still + "unknown";
}

std::string event_note(const Item& it, const std::string& event, bool markdown)
{
    const Record& r = it.record;
    const std::string n = name(r, markdown);
    if (event == "reset")
        return "🔄 " + n + " quota reset";
    if (event == "topup")
        return "💰 " + n + " topped up: " + value_text(r);
    std::string note = "⏳ " + n + " data is stale";
    if (auto t = parse_rfc3339(r.as_of))
        note += " (as of " + format_local(*t) + ")";
    return note;
}

}  // namespace

std::string markdown_escape(std::string_view s)
{
    std::string out;
    for (char c : s) {
        if (c == '\\' || c == '*' || c == '_' || c == '~' || c == '`' || c == '|' || c == '>' ||
            c == '#' || c == '[' || c == ']')
            out += '\\';
        out += c;
    }
    return out;
}

std::string left_out_note(size_t n)
{
    return "⚠️ " + std::to_string(n) + " more verdicts were left out of this report: a notifier "
           "keeps at most 64 MiB of its input (they were passed on)";
}

std::vector<std::string> report_notes(const Report& report, bool markdown)
{
    std::vector<std::string> alerts, events, recoveries;
    for (const Item& it : report.items) {
        if (is_bad_level(quiet_level(it.record)))
            alerts.push_back(alert_note(it, markdown));
        for (const std::string& e : it.events)
            events.push_back(event_note(it, e, markdown));
        if (it.change == "recovered")
            recoveries.push_back("✅ " + name(it.record, markdown) + " recovered" +
                                 (it.was.empty() ? "" : " (was " + it.was + ")"));
    }
    alerts.insert(alerts.end(), events.begin(), events.end());
    alerts.insert(alerts.end(), recoveries.begin(), recoveries.end());
    if (report.left_out > 0)
        alerts.push_back(left_out_note(report.left_out));
    return alerts;
}

std::string discord_text(const Report& report)
{
    std::vector<Record> shown;
    for (const Item& it : report.items) {
        if (it.remembered)
            continue;               // not in this run: only its recovery note
        Record r = it.record;
        for (std::string* s : {&r.provider, &r.account, &r.window, &r.unit, &r.error, &r.reason,
                               &r.event})
            *s = markdown_escape(*s);
        shown.push_back(std::move(r));
    }
    std::string out = render_markdown(shown);
    while (!out.empty() && out.back() == '\n')
        out.pop_back();
    std::vector<std::string> notes = report_notes(report, true);
    if (!notes.empty())
        out += "\n";
    for (const std::string& n : notes)
        out += "\n" + n;
    return out;
}

std::string value_text(const Record& r)
{
    if (r.status == "error" || r.level == "error")
        return "error: " + (r.error.empty() ? r.reason : r.error);
    if (r.status == "skipped")
        return "skipped (no key)";
    if (r.status == "na")
        return "N/A (client subscription)";
    std::string out;
    if (r.kind == "quota") {
        auto left = field_value(r, Field::remaining_pct);
        out = left ? format_amount(*left, "%") + " left"
                   : r.remaining ? format_amount(*r.remaining, r.unit) + " left" : "?";
        if (!r.resets_at.empty())
            if (auto t = parse_rfc3339(r.resets_at))
                out += ", resets " + format_local(*t);
        return out;
    }
    out = r.remaining ? format_amount(*r.remaining, r.unit) : std::string("?");
    if (!r.parts.empty()) {
        out += " available (";
        for (size_t i = 0; i < r.parts.size(); ++i)
            out += (i ? ", " : "") + r.parts[i].name + ": " + format_amount(r.parts[i].value, r.unit);
        out += ")";
    }
    return out;
}

std::string mail_subject(const Report& report)
{
    std::vector<std::string> notes = report_notes(report, false);
    if (notes.empty())
        return "📊 API balance summary: all ok";
    if (notes.size() > 1)
        notes[0] += " (and " + std::to_string(notes.size() - 1) + " more)";
    return notes[0];
}

std::string mail_body(const Report& report, const std::string& tool)
{
    std::string out;
    for (const std::string& n : report_notes(report, false))
        out += n + "\n";
    if (!out.empty())
        out += "\n";
    out += "API balance summary, " + format_local_zone(report.now) + ":\n\n";
    for (const Item& it : report.items) {
        if (it.remembered)
            continue;
        const Record& r = it.record;
        out += "  " + series_label(r) + ": " + value_text(r);
        if (std::string t = threshold_text(r); !t.empty() && r.status != "error")
            out += " (threshold: " + t + ")";
        if (is_bad_level(quiet_level(r)))
            out += " [" + quiet_level(r) + "]";
        out += "\n";
    }
    out += "\n-- \nSent by " + tool + " (quotawatch).\n";
    return out;
}

std::string test_text(const std::string& tool)
{
    return "🔔 quotawatch test message from " + tool +
           ": this channel is configured correctly.";
}

}  // namespace qw

#include "render.h"

#include "rules.h"

#include <cctype>

namespace qw {

namespace {

// "40% used, $60.00 of $100.00 left, resets 2026-12-01 18:00:00": what a
// window, a spend or a budget says, each number once.
std::string usage_text(const Record& r)
{
    std::string out;
    auto add = [&out](const std::string& s) { out += (out.empty() ? "" : ", ") + s; };
    if (r.used_pct)
        add(format_amount(*r.used_pct, "%") + " used");
    const std::string of = r.limit ? " of " + amount(r.limit, r.unit) : "";
    if (r.unit == "%")
        ;                                   // the percentage said it
    else if (r.remaining)
        add(amount(r.remaining, r.unit) + of + " left");
    else if (r.used)
        add(amount(r.used, r.unit) + of + " used");
    if (!r.resets_at.empty())
        add("resets " + local_ts(r.resets_at));
    return out.empty() ? "?" : out;
}

}  // namespace

void render_log_line(const Record& r, std::string& out)
{
    out += "[" + local_ts(r.ts) + "] " + series_label(r) + ": ";
    if (r.status == "error")
        out += "error: " + r.error;
    else if (r.status == "na" || r.status == "skipped")
        out += r.status + (r.reason.empty() ? "" : " (" + r.reason + ")");
    else if (r.kind == "balance" || r.kind.empty())
        out += r.remaining ? amount(r.remaining, r.unit) : "?";
    else
        out += usage_text(r);
    if (!r.event.empty())
        out += " — " + r.event;
    out += "\n";
}

void render_balance_log_line(const Record& r, std::string& out)
{
    out += local_ts(r.ts);
    if (r.status == "error") {
        out += " | " + series_label(r) + " | Error: " + r.error + "\n";
        return;
    }
    if (!r.account.empty() && r.account != "default")
        out += " | " + r.account;
    if (r.kind == "balance" || r.kind.empty()) {
        out += " | Available: " + amount(r.remaining, r.unit);
        for (const Part& p : r.parts) {
            std::string name = p.name;
            if (!name.empty())
                name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
            out += " | " + name + ": " + format_amount(p.value, r.unit);
        }
    } else {
        out += " | " + series_label(r) + " | " + usage_text(r);
    }
    out += "\n";
}

void render_text_line(const Record& r, std::string& out)
{
    out += r.level.empty() ? r.status : r.level;
    out += " " + r.provider + "/" + (r.account.empty() ? "default" : r.account);
    if (!r.window.empty())
        out += "/" + r.window;
    out += ":";
    if (r.remaining) out += " remaining " + amount(r.remaining, r.unit);
    if (r.used) out += " used " + amount(r.used, r.unit);
    if (r.limit) out += " of " + amount(r.limit, r.unit);
    if (r.used_pct) out += " used " + format_amount(*r.used_pct, "%");
    if (!r.resets_at.empty()) out += " resets " + r.resets_at;
    if (r.status == "error") out += " error: " + r.error;
    else if (!r.reason.empty()) out += " (" + r.reason + ")";
    if (!r.event.empty()) out += " [" + r.event + "]";
    out += "\n";
}

}  // namespace qw

// The dashboard page: head (charset, a Content-Security-Policy that allows
// no request and no script, the style), the state of every series with the
// totals per currency, then a section per period with each series' charts.
#include "dashboard.h"

#include "display.h"
#include "history.h"
#include "render.h"
#include "rules.h"
#include "timeutil.h"

#include <map>

namespace qw {

namespace {

const char* const style = R"(:root{color-scheme:light dark;--bg:#fff;--fg:#1d2330;--muted:#596273;
--card:#f4f5f7;--line:#2157d6;--rule:#c9ced6;--warn:#b86e00;--crit:#c62828;--ok:#2e7d32;
--bar:#6d4fe0;--reset:#00838f;--topup:#2e7d32;--future:#e9ecf1}
@media (prefers-color-scheme:dark){:root{--bg:#12151b;--fg:#e6e9ef;--muted:#9aa3b2;--card:#1b2029;
--line:#6ea0ff;--rule:#3a4150;--warn:#ffb74d;--crit:#ff6b6b;--ok:#66bb6a;--bar:#a78bfa;
--reset:#4dd0e1;--topup:#81c784;--future:#222831}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1400px;padding:16px;background:var(--bg);color:var(--fg);
font:15px/1.45 system-ui,"Noto Sans","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif,
"Noto Color Emoji"}
h1{font-size:1.4em;margin:0 0 4px}h2{font-size:1.15em;margin:24px 0 8px}
nav a{margin-right:14px;color:var(--line)}
.muted,.alt{color:var(--muted);font-size:.85em;margin:4px 0}
table.state{border-collapse:collapse;width:100%}
.state th,.state td{padding:4px 8px;text-align:left;border-bottom:1px solid var(--rule);
vertical-align:top;overflow-wrap:anywhere}
.state td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.state th,.state td.level{white-space:nowrap}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,520px),1fr));gap:16px}
figure{margin:0;padding:12px;background:var(--card);border-radius:8px;min-width:0}
figcaption{font-weight:600;margin-bottom:6px;overflow-wrap:anywhere}
svg{display:block;width:100%;height:auto}
svg text{font-size:11px;fill:var(--muted)}
.line{fill:none;stroke:var(--line);stroke-width:1.5;stroke-linejoin:round}
.rule{stroke:var(--rule);stroke-width:1}.future{fill:var(--future)}
path.warning,path.critical{stroke-width:1;stroke-dasharray:6 4}
path.warning{stroke:var(--warn)}path.critical{stroke:var(--crit)}
text.warning{fill:var(--warn)}text.critical,text.forecast{fill:var(--crit)}
path.forecast{fill:none;stroke:var(--crit);stroke-width:1.5;stroke-dasharray:3 3}
.reset{stroke:var(--reset);opacity:.7}.topup{stroke:var(--topup);opacity:.7}.bar{stroke:var(--bar)}
.badge{display:inline-block;padding:0 6px;border-radius:4px;font-size:.8em;border:1px solid}
.level-ok{color:var(--ok)}.level-warning{color:var(--warn)}
.level-critical,.level-error{color:var(--crit)}.level-stale,.level-unknown{color:var(--muted)}
@media (max-width:600px){body{padding:8px}.cards{grid-template-columns:1fr}svg text{font-size:20px}
.state thead{display:none}.state,.state tbody,.state tr,.state td{display:block;width:100%}
.state tr{border-bottom:2px solid var(--rule);padding:4px 0}
.state td,.state td.num{border:0;padding:1px 0;text-align:left}
.state td::before{content:attr(data-label) ": ";color:var(--muted)}.state td:empty{display:none}}
@media print{nav{display:none}figure{break-inside:avoid}body{max-width:none}})";

std::string esc_line(const std::string& s)
{
    return html_escape(one_line(s));
}

std::string badge(const std::string& level)
{
    return "<span class=\"badge level-" + html_escape(level) + "\">" + html_escape(level) +
           "</span>";
}

// The state's level words: the stored verdict's level, error when the fetch
// failed, and stale when the newest check is older than stale_after.
std::vector<std::string> levels(const SeriesView& s, int64_t now, int64_t stale_after)
{
    std::vector<std::string> out;
    const Record& r = s.newest;
    if (is_error_status(r))
        out.push_back("error");
    else if (!r.level.empty())
        out.push_back(r.level);
    auto t = parse_rfc3339(r.ts);
    if (t && stale_after > 0 && now - *t > stale_after)
        out.push_back("stale");
    return out;
}

std::string cell(const char* label, const std::string& html, const char* cls = nullptr)
{
    return std::string("<td") + (cls ? std::string(" class=\"") + cls + "\"" : "") +
           " data-label=\"" + label + "\">" + html + "</td>";
}

std::string state_table(const Dashboard& d)
{
    std::string out = "<table class=\"state\"><thead><tr><th>Series</th><th>Level</th>"
                      "<th>Remaining</th><th>Used</th><th>Limit</th><th>Alert</th>"
                      "<th>Last check</th><th>Age</th><th>Forecast</th></tr></thead><tbody>";
    for (const SeriesView& s : d.series) {
        const Record& r = s.newest;
        std::string lv;
        for (const std::string& l : levels(s, d.now, d.stale_after))
            lv += badge(l) + " ";
        std::string used = amount(r.used, r.unit);
        if (used.empty() && r.used_pct)
            used = format_amount(*r.used_pct, "%");
        const std::string alert = is_error_status(r) ? r.error : r.reason;
        auto t = parse_rfc3339(r.ts);
        out += "<tr data-series=\"" + html_escape(series_key(r)) + "\">";
        out += cell("Series", html_escape(dashboard_label(r)));
        out += cell("Level", lv, "level");
        out += cell("Remaining", html_escape(amount(r.remaining, r.unit)), "num");
        out += cell("Used", html_escape(used), "num");
        out += cell("Limit", html_escape(amount(r.limit, r.unit)), "num");
        out += cell("Alert", esc_line(alert));
        out += cell("Last check", html_escape(local_ts(r.ts)));
        out += cell("Age", t ? html_escape(format_span(d.now - *t)) : std::string());
        out += cell("Forecast", html_escape(forecast_text(s, d.forecast_period)));
        out += "</tr>";
    }
    return out + "</tbody></table>";
}

// "Total remaining: $119.43 · ¥132.38": the balances of each currency apart.
std::string totals(const Dashboard& d)
{
    std::map<std::string, double> sum;
    for (const SeriesView& s : d.series) {
        const Record& r = s.newest;
        if (kind_of(r) == Kind::balance && !is_error_status(r) && r.remaining)
            sum[r.unit] += *r.remaining;
    }
    if (sum.empty())
        return {};
    std::string out = "<p class=\"totals\">Total remaining: ";
    bool first = true;
    for (const auto& [unit, v] : sum) {
        out += (first ? "" : " · ") + html_escape(format_amount(v, unit));
        first = false;
    }
    return out + "</p>";
}

std::string section(const Dashboard& d, size_t k, int& id)
{
    const Period& p = d.periods[k];
    std::string out = "<section id=\"p-" + html_escape(p.name) + "\"><h2>Last " +
                      html_escape(p.name) + "</h2><div class=\"cards\">";
    for (const SeriesView& s : d.series) {
        out += "<figure data-series=\"" + html_escape(series_key(s.newest)) + "\"><figcaption>" +
               html_escape(dashboard_label(s.newest)) + "</figcaption>";
        out += render_chart(s, s.periods[k], ++id);
        out += render_bars(s, s.periods[k], ++id);
        out += "<p class=\"alt\">Forecast: " +
               html_escape(forecast_text(s, d.forecast_period)) + "</p></figure>";
    }
    return out + "</div></section>";
}

}  // namespace

std::string render_dashboard(const Dashboard& d)
{
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"color-scheme\" content=\"light dark\">\n"
        "<title>quotawatch</title>\n<style>";
    out += style;
    out += "</style></head><body>\n<header><h1>quotawatch</h1><p class=\"muted\">" +
           html_escape(format_local_zone(d.now)) + " · " + std::to_string(d.series.size()) +
           " series · forecasts over the last " + html_escape(d.forecast_period) + "</p>";
    if (d.series.empty())
        return out + "</header>\n<main><h2>No data yet</h2><p>The history holds no snapshot: "
                     "the page fills in after the first run of <code>record</code>.</p>"
                     "</main></body></html>\n";
    out += "<nav><a href=\"#now\">Now</a>";
    for (const Period& p : d.periods)
        out += "<a href=\"#p-" + html_escape(p.name) + "\">" + html_escape(p.name) + "</a>";
    out += "</nav></header>\n<main><section id=\"now\"><h2>Now</h2>" + state_table(d) +
           totals(d) + "</section>\n";
    int id = 0;
    for (size_t k = 0; k < d.periods.size(); ++k)
        out += section(d, k, id) + "\n";
    return out + "</main></body></html>\n";
}

}  // namespace qw

#include "metrics.h"

#include <doctest/doctest.h>

#include <set>
#include <sstream>

using namespace qw;

namespace {

SeriesMetrics balance(double remaining)
{
    SeriesMetrics s;
    s.provider = "moonshot";
    s.account = "default";
    s.kind = "balance";
    s.currency = "USD";
    Record r;
    r.ts = "2026-11-21T09:00:00Z";
    r.unit = "USD";
    r.remaining = remaining;
    r.status = "ok";
    r.level = "warning";
    s.last_ok = r;
    s.last_check = r;
    s.resets = 0;
    s.topups = 3;
    return s;
}

bool has_line(const std::string& text, const std::string& line)
{
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        if (l == line)
            return true;
    return false;
}

}  // namespace

TEST_CASE("label values escape backslash, quote and line feed, and nothing else")
{
    CHECK(escape_label_value("plain") == "plain");
    CHECK(escape_label_value("a\\b") == "a\\\\b");
    CHECK(escape_label_value("say \"hi\"") == "say \\\"hi\\\"");
    CHECK(escape_label_value("two\nlines") == "two\\nlines");
    CHECK(escape_label_value("tab\there, 账户") == "tab\there, 账户");
}

TEST_CASE("a unit becomes a name's suffix: lower case, percent as ratio")
{
    CHECK(unit_suffix("USD") == "usd");
    CHECK(unit_suffix("CNY") == "cny");
    CHECK(unit_suffix("%") == "ratio");
    CHECK(unit_suffix("tokens") == "tokens");
    CHECK(unit_suffix("k-tokens") == "k_tokens");
    CHECK(unit_suffix("") == "");
}

TEST_CASE("every family has HELP and TYPE before its samples, all of them together")
{
    SeriesMetrics cny = balance(80);
    cny.currency = "CNY";
    cny.last_ok->unit = "CNY";
    const std::string text = render_metrics({balance(4.2), cny}, "1.2.3");
    CHECK(text.back() == '\n');
    CHECK(has_line(text, "quotawatch_build_info{version=\"1.2.3\"} 1"));
    CHECK(has_line(text, "quotawatch_remaining_usd{provider=\"moonshot\",account=\"default\","
                         "kind=\"balance\",currency=\"USD\"} 4.2"));
    CHECK(has_line(text, "quotawatch_remaining_cny{provider=\"moonshot\",account=\"default\","
                         "kind=\"balance\",currency=\"CNY\"} 80"));
    CHECK(has_line(text, "quotawatch_topups_total{provider=\"moonshot\",account=\"default\","
                         "kind=\"balance\",currency=\"USD\"} 3"));
    CHECK(has_line(text, "# TYPE quotawatch_topups_total counter"));
    CHECK(has_line(text, "quotawatch_level{provider=\"moonshot\",account=\"default\","
                         "kind=\"balance\",currency=\"USD\"} 1"));
    CHECK(has_line(text, "quotawatch_last_success_timestamp_seconds{provider=\"moonshot\","
                         "account=\"default\",kind=\"balance\",currency=\"USD\"} 1795251600"));
    // Each name: one HELP, one TYPE, then its samples, never split.
    std::istringstream in(text);
    std::set<std::string> done;
    std::string current;
    int help = 0, type = 0;
    for (std::string l; std::getline(in, l);) {
        if (l.starts_with("# HELP ")) {
            const std::string name = l.substr(7, l.find(' ', 7) - 7);
            CHECK(done.insert(name).second);
            current = name;
            ++help;
        } else if (l.starts_with("# TYPE ")) {
            CHECK(l.substr(7, current.size()) == current);
            ++type;
        } else {
            CHECK(l.substr(0, current.size()) == current);
        }
    }
    CHECK(help == type);
    CHECK(help >= 8);
}

TEST_CASE("what is not known is left out, never 0 or -1")
{
    SeriesMetrics s = balance(4.2);
    s.last_ok->remaining.reset();
    s.last_check->level = "error";
    const std::string text = render_metrics({s}, "1");
    CHECK(text.find("quotawatch_remaining_usd") == std::string::npos);
    CHECK(text.find("quotawatch_level") == std::string::npos);
    CHECK(text.find("quotawatch_depletion_timestamp_seconds") == std::string::npos);
    CHECK(text.find("quotawatch_window_reset_timestamp_seconds") == std::string::npos);
    CHECK(text.find("quotawatch_burn_") == std::string::npos);
    CHECK(text.find(" -1\n") == std::string::npos);

    SeriesMetrics never = balance(1);                  // only failed checks so far
    never.last_ok.reset();
    never.last_check->status = "error";
    const std::string t2 = render_metrics({never}, "1");
    CHECK(t2.find("quotawatch_last_success_timestamp_seconds") == std::string::npos);
    CHECK(t2.find("quotawatch_last_check_timestamp_seconds{") != std::string::npos);
}

TEST_CASE("percentages are ratios; a forecast gives burn per second and the depletion time")
{
    SeriesMetrics q;
    q.provider = "kimi-code";
    q.account = "a \"quoted\"\\name\nx";
    q.kind = "quota";
    q.window = "5h";
    Record r;
    r.ts = "2026-11-21T09:00:00Z";
    r.unit = "%";
    r.used_pct = 70;
    r.resets_at = "2026-11-21T10:00:00Z";
    r.status = "ok";
    q.last_ok = r;
    q.measure = "used_pct";
    q.forecast = SeriesSummary::Forecast{86.4, 0.5, 1795300000};
    const std::string text = render_metrics({q}, "1");
    const std::string l = "{provider=\"kimi-code\",account=\"a \\\"quoted\\\"\\\\name\\nx\","
                          "kind=\"quota\",window=\"5h\"}";
    CHECK(has_line(text, "quotawatch_used_ratio" + l + " 0.7"));
    CHECK(has_line(text, "quotawatch_burn_ratio_per_second" + l + " 1e-05"));
    CHECK(has_line(text, "quotawatch_depletion_timestamp_seconds" + l + " 1795300000"));
    CHECK(has_line(text, "quotawatch_window_reset_timestamp_seconds" + l + " 1795255200"));
    CHECK(text.find("quotawatch_used_ratio" + l + " 0.7\n") != std::string::npos);
}

TEST_CASE("a unit's text in HELP is escaped: a backslash or line feed breaks no line")
{
    SeriesMetrics s = balance(1);
    s.currency = "odd\\unit\nX";
    s.last_ok->unit = "odd\\unit\nX";
    const std::string text = render_metrics({s}, "1");
    CHECK(has_line(text, "# HELP quotawatch_remaining_odd_unit_x What is left of the balance or "
                         "quota, in odd\\\\unit\\nX."));
    CHECK(has_line(text, "quotawatch_remaining_odd_unit_x{provider=\"moonshot\",account=\"default\","
                         "kind=\"balance\",currency=\"odd\\\\unit\\nX\"} 1"));
}

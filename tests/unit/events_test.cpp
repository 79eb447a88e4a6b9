#include "events.h"

#include "timeutil.h"

#include <doctest/doctest.h>

#include <vector>

using namespace qw;

namespace {

// Seed 000's monitor, every 10 minutes: percent left and the time to the
// reset, as Kimi CLI's /usage prints them ("84% left, resets in 6d 22h
// 54m"), which fetch-kimi-code turns into used_pct and resets_at.
Record kimi(int64_t at, const std::string& window, double left, int64_t reset_in)
{
    Record r;
    r.ts = format_rfc3339(at);
    r.provider = "kimi-code";
    r.account = "default";
    r.kind = "quota";
    r.window = window;
    r.unit = "%";
    r.used_pct = 100 - left;
    r.resets_at = format_rfc3339(at + reset_in);
    r.status = "ok";
    return r;
}

Record balance(const std::string& ts, double remaining)
{
    Record r;
    r.ts = ts;
    r.provider = "moonshot";
    r.account = "default";
    r.kind = "balance";
    r.unit = "USD";
    r.remaining = remaining;
    r.status = "ok";
    return r;
}

// The resets counted over seq as the pipeline counts them: each observation
// against the previous one and the end of the window that one was counted in.
int resets(const std::vector<Record>& seq)
{
    int n = 0;
    std::string end = seq.empty() ? "" : seq[0].resets_at;
    for (size_t i = 1; i < seq.size(); ++i) {
        Change c = next_change(seq[i - 1], end, seq[i]);
        n += std::string(c.event) == "reset";
        end = c.window_end;
    }
    return n;
}

// A provider whose window ends at ends[0], ends[1], ...: checks every 10
// minutes (clock jitter up to 40 s) from half a window before ends[0] to half
// a window after ends[1], the first `phase` seconds into that span.  After each reset the provider still shows
// the old resets_at for `late` seconds, and with `relapse` a lagging replica
// shows it once more 10 minutes later.  The share used starts at 30% and
// grows by spend per check, from 0 after a reset.
std::vector<Record> two_resets(const std::string& window, const std::vector<int64_t>& ends,
                               int64_t phase, int64_t late, double spend, bool relapse)
{
    const int jitter[] = {0, 17, -23, 40, -40, 5, -9, 31};
    std::vector<Record> seq;
    double used = 30;
    size_t k = 0;
    const int64_t margin = (ends[1] - ends[0]) / 2;
    for (int i = 0;; ++i) {
        const int64_t at = ends[0] - margin + phase + i * 600 + jitter[i % 8];
        if (at > ends[1] + margin)
            return seq;
        if (at >= ends[k]) {
            ++k;
            used = 0;
        }
        int64_t shown = ends[k];
        if (k > 0 && (at < ends[k - 1] + late ||
                      (relapse && at >= ends[k - 1] + late + 600 && at < ends[k - 1] + late + 1200)))
            shown = ends[k - 1];
        seq.push_back(kimi(at, window, 100 - used, shown - at + jitter[(i + 3) % 8]));
        used = std::min(100.0, used + spend);
    }
}

constexpr int64_t t0 = 1767348000;                  // 2026-01-02T10:00:00Z
constexpr int64_t week = 7 * 86400;
constexpr int64_t first_reset = 6 * 86400 + 22 * 3600 + 54 * 60;

// The weekly window of seed 000 from "84% left, 6d 22h 54m" until a week
// after its reset, every 10 minutes, with the minute-rounded countdown of
// /usage and a provider clock that wanders by up to 40 seconds.
std::vector<Record> seed000_week(double spend_per_check)
{
    std::vector<Record> seq;
    const int64_t reset_at = t0 + first_reset;
    const int jitter[] = {0, 17, -23, 40, -40, 5, -9, 31};
    double left = 84;
    bool restarted = false;
    for (int i = 0;; ++i) {
        const int64_t at = t0 + i * 600 + jitter[i % 8];
        if (at > reset_at + week - 3600)
            return seq;
        if (at >= reset_at && !restarted) {
            left = 100;
            restarted = true;
        }
        const int64_t ends = restarted ? reset_at + week : reset_at;
        const int64_t countdown = (ends - at) / 60 * 60 + jitter[(i + 3) % 8];
        seq.push_back(kimi(at, "weekly", left, countdown));
        left = std::max(0.0, left - spend_per_check);
    }
}

}  // namespace

TEST_CASE("window lengths come from the window's name")
{
    CHECK(window_seconds("5h") == 18000);
    CHECK(window_seconds("weekly") == week);
    CHECK(window_seconds("daily") == 86400);
    CHECK(window_seconds("monthly") == 28 * 86400);
    CHECK(window_seconds("2w") == 2 * week);
    CHECK(window_seconds("") == 0);
    CHECK(window_seconds("fortnightly") == 0);
}

TEST_CASE("seed 000: 84% left with 6d 22h 54m to go, then the window restarts: one reset")
{
    const Record before = kimi(t0, "weekly", 84, first_reset);
    const Record later = kimi(t0 + 600, "weekly", 83, first_reset - 600 + 20);
    CHECK(std::string(change_event(before, later)).empty());
    const Record after = kimi(t0 + first_reset + 300, "weekly", 100, week - 300);
    CHECK(std::string(change_event(later, after)) == "reset");
    const Record next = kimi(t0 + first_reset + 900, "weekly", 99, week - 900 - 30);
    CHECK(std::string(change_event(after, next)).empty());
}

TEST_CASE("a whole week of checks with clock jitter gives exactly one reset")
{
    CHECK(resets(seed000_week(0.05)) == 1);
    CHECK(resets(seed000_week(0)) == 1);           // nothing used: the jump alone tells
}

TEST_CASE("the usage drop alone tells, when the provider gives no resets_at")
{
    Record a = kimi(t0, "5h", 81, 3 * 3600 + 54 * 60);    // seed 000: 19% used, 3h 54m
    Record b = kimi(t0 + 4 * 3600, "5h", 97, 3600);
    a.resets_at.clear();
    b.resets_at.clear();
    CHECK(std::string(change_event(a, b)) == "reset");
    Record c = b;
    c.used_pct = *b.used_pct - 0.3;                 // rounding, not a reset
    CHECK(std::string(change_event(b, c)).empty());
}

TEST_CASE("resets_at jitter of seconds, even across the window's end, is no reset")
{
    const int64_t ends = t0 + 3600;
    const Record a = kimi(t0, "5h", 60, ends - t0 + 30);
    const Record b = kimi(t0 + 600, "5h", 58, ends - t0 - 600 - 25);
    const Record c = kimi(ends - 10, "5h", 50, -40);          // says the end has passed
    CHECK(std::string(change_event(a, b)).empty());
    CHECK(std::string(change_event(b, c)).empty());
    const Record d = kimi(ends + 600, "5h", 50, 5 * 3600 - 600 + 12);  // idle: same usage
    CHECK(std::string(change_event(c, d)) == "reset");
}

TEST_CASE("a provider that shows the drop before the new resets_at gives one reset")
{
    const int64_t ends = t0 + 3600;
    const Record a = kimi(ends - 600, "5h", 40, 600);
    const Record b = kimi(ends + 600, "5h", 98, -600);        // old resets_at still shown
    const Record c = kimi(ends + 1200, "5h", 97, 5 * 3600 - 1200);
    CHECK(std::string(change_event(a, b)) == "reset");
    CHECK(std::string(change_event(b, c)).empty());
}

TEST_CASE("quota counts: used falling is a reset; a window of unknown length jumps by an hour")
{
    Record a = kimi(t0, "", 0, 86400);
    a.used_pct.reset();
    a.unit = "requests";
    a.used = 139;
    Record b = a;
    b.ts = format_rfc3339(t0 + 600);
    b.used = 3;
    CHECK(std::string(change_event(a, b)) == "reset");
    b.used = 139;
    b.resets_at = format_rfc3339(t0 + 86400 + 1800);
    CHECK(std::string(change_event(a, b)).empty());
    b.resets_at = format_rfc3339(t0 + 86400 + 3600);
    CHECK(std::string(change_event(a, b)) == "reset");
}

TEST_CASE("top-ups: a balance that rises by more than rounding")
{
    const Record a = balance("2026-11-22T08:00:00Z", 12.34);
    CHECK(std::string(change_event(a, balance("2026-11-22T09:00:00Z", 50.00))) == "topup");
    CHECK(std::string(change_event(a, balance("2026-11-22T09:00:00Z", 12.345))).empty());
    CHECK(std::string(change_event(a, balance("2026-11-22T09:00:00Z", 11.00))).empty());
    Record q = balance("2026-11-22T09:00:00Z", 50);
    q.kind = "quota";
    CHECK(std::string(change_event(a, q)) == "reset");       // a quota never tops up
}

TEST_CASE("stale: as_of older than the limit when the record was observed")
{
    Record r = balance("2026-11-22T09:00:00Z", 5);
    CHECK_FALSE(is_stale(r, 0, 7200));                        // no as_of: never stale
    r.as_of = "2026-11-22T07:30:00Z";
    CHECK_FALSE(is_stale(r, 0, 7200));
    r.as_of = "2026-11-22T06:59:59Z";
    CHECK(is_stale(r, 0, 7200));
    r.ts.clear();                                             // then it counts from now
    CHECK_FALSE(is_stale(r, *parse_rfc3339("2026-11-22T08:00:00Z"), 7200));
    CHECK(is_stale(r, *parse_rfc3339("2026-11-22T10:00:00Z"), 7200));
}

TEST_CASE("prev carries the previous observation's numbers")
{
    Record p = kimi(t0, "weekly", 84, first_reset);
    CHECK(prev_numbers(p) == "{\"ts\":\"2026-01-02T10:00:00Z\",\"used_pct\":16,"
                             "\"resets_at\":\"2026-01-09T08:54:00Z\"}");
    CHECK(prev_numbers(balance("2026-11-22T08:00:00Z", 12.34)) ==
          "{\"ts\":\"2026-11-22T08:00:00Z\",\"remaining\":12.34}");
}

TEST_CASE("a check just after the reset that still shows the old resets_at: one reset, not two")
{
    const int64_t ends = t0 + 3600;
    const Record a = kimi(ends - 540, "5h", 60, 540);
    const Record b = kimi(ends + 60, "5h", 99, -60);            // 1% used, old resets_at
    const Record c = kimi(ends + 660, "5h", 98, 5 * 3600 - 660);  // the new resets_at at last
    CHECK(resets({a, b, c}) == 1);
    const Record d = kimi(ends + 1260, "5h", 97, -1260);        // a lagging replica: old again
    const Record e = kimi(ends + 1860, "5h", 96, 5 * 3600 - 1860);
    CHECK(resets({a, b, c, d, e}) == 1);
}

TEST_CASE("two real resets, checked every 10 minutes from any phase, old resets_at shown for 15 "
          "minutes after: two resets, for 5-hour, weekly and monthly windows")
{
    const int64_t h5 = 5 * 3600, day = 86400;
    struct Case {
        const char* window;
        std::vector<int64_t> ends;
    };
    const Case cases[] = {
        {"5h", {t0 + 3 * 3600, t0 + 3 * 3600 + h5, t0 + 3 * 3600 + 2 * h5}},
        {"weekly", {t0 + 2 * day, t0 + 2 * day + week, t0 + 2 * day + 2 * week}},
        {"monthly", {t0 + 20 * day, t0 + 51 * day, t0 + 81 * day}},   // 31 and 30 days
    };
    for (const Case& c : cases)
        for (int64_t phase = 0; phase < 600; phase += 37)
            for (double spend : {0.0, 0.4, 3.0})
                for (bool relapse : {false, true}) {
                    const std::string window = c.window;
                    CAPTURE(window);
                    CAPTURE(phase);
                    CAPTURE(spend);
                    CAPTURE(relapse);
                    CHECK(resets(two_resets(c.window, c.ends, phase, 900, spend, relapse)) == 2);
                }
}

TEST_CASE("the window end moves on when the drop is counted, and never back")
{
    const int64_t ends = t0 + 3600;
    const Record a = kimi(ends - 540, "5h", 60, 540);
    const Record b = kimi(ends + 60, "5h", 99, -60);
    Change c = next_change(a, a.resets_at, b);
    CHECK(std::string(c.event) == "reset");
    CHECK(c.window_end == format_rfc3339(ends + 5 * 3600));
    const Record d = kimi(ends + 660, "5h", 98, -660);          // still the old one
    c = next_change(b, c.window_end, d);
    CHECK(std::string(c.event).empty());
    CHECK(c.window_end == format_rfc3339(ends + 5 * 3600));
}

TEST_CASE("after a gap in the checks, a check that sees the old resets_at late: one reset")
{
    const int64_t ends = t0 + 3600, h5 = 5 * 3600;
    const Record a = kimi(ends - h5 - 1800, "5h", 60, 1800);       // two windows back
    const Record b = kimi(ends + 300, "5h", 99, -300);             // late, 1% used
    const Record c = kimi(ends + 900, "5h", 98, h5 - 900);         // the new end at last
    CHECK(resets({a, b, c}) == 1);
    Record idle_b = b, idle_c = c;                                 // nothing used: no drop
    idle_b.used_pct = 40;
    idle_c.used_pct = 40;
    Record idle_a = a;
    idle_a.used_pct = 40;
    CHECK(resets({idle_a, idle_b, idle_c}) == 1);
}

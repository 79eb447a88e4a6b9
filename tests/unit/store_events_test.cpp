#include "store/store_events.h"
#include "store/store_tally.h"
#include "temp_dir.h"

#include "timeutil.h"

#include <doctest/doctest.h>

using namespace qw;

namespace {

constexpr int64_t t0 = 1795251600;                  // 2026-11-21T09:00:00Z

Record balance(int hour, double remaining, const char* status = "ok")
{
    Record r;
    r.ts = format_rfc3339(t0 + hour * 3600);
    r.provider = "moonshot";
    r.account = "default";
    r.kind = "balance";
    r.unit = "USD";
    r.remaining = remaining;
    r.status = status;
    return r;
}

void insert(Store& s, const std::vector<Record>& rows)
{
    s.transaction([&] {
        for (const Record& r : rows)
            s.insert(r);
    });
}

EventCounts counts(Store& s)
{
    s.transaction([&] { update_tallies(s, "9999"); });
    return event_counts(s)["moonshot/default/balance//USD"];
}

// 20 days of hourly checks, a top-up every 100 hours.
std::vector<Record> twenty_days()
{
    std::vector<Record> rows;
    for (int h = 0; h < 24 * 20; ++h)
        rows.push_back(balance(h, 500 - h + (h / 100) * 200));
    return rows;
}

// The hourly tallies of the balance, a line each.
std::string hours_of(Store& s)
{
    std::string out;
    for_each_hour(s, "moonshot/default/balance//USD", 0, [&](const HourTally& h) {
        out += std::to_string(h.hour) + " " + std::to_string(h.samples) + " " +
               std::to_string(h.usage + h.entry) + " " + std::to_string(h.topups) + "\n";
    });
    return out;
}

}  // namespace

TEST_CASE("top-ups are tallied once each, run after run, from the newer rows only")
{
    TempDb t("store-events");
    Store s(t.path);
    insert(s, {balance(0, 10), balance(1, 8), balance(2, 50), balance(3, 40)});
    CHECK(counts(s).topups == 1);
    CHECK(counts(s).topups == 1);                    // counted again: the same
    // A failed check between two top-ups does not hide the second.
    insert(s, {balance(4, 30), balance(5, 0, "error"), balance(6, 90)});
    CHECK(counts(s).topups == 2);
    CHECK(counts(s).resets == 0);
}

TEST_CASE("pruning keeps the counters: never lower after record --keep")
{
    TempDb t("store-events-prune");
    Store s(t.path);
    insert(s, {balance(0, 10), balance(1, 60), balance(2, 50), balance(3, 99), balance(4, 98)});
    // Nobody counted before the prune: it counts first.
    s.transaction([&] { CHECK(prune_snapshots(s, format_rfc3339(t0 + 4 * 3600)) == 4); });
    CHECK(counts(s).topups == 2);
    insert(s, {balance(5, 97), balance(6, 150)});
    CHECK(counts(s).topups == 3);
    s.transaction([&] { prune_snapshots(s, format_rfc3339(t0 + 100 * 3600)); });
    CHECK(counts(s).topups == 3);
}

TEST_CASE("the newest ok snapshot of a series, past a failed check and other currencies")
{
    TempDb t("store-events-newest");
    Store s(t.path);
    Record cny = balance(3, 700);
    cny.unit = "CNY";
    insert(s, {balance(0, 10), balance(1, 9), balance(2, 0, "error"), cny});
    NewestOk newest(s);
    Record r;
    REQUIRE(newest.read({"moonshot", "default", "balance", "", "USD"}, r));
    CHECK(r.ts == format_rfc3339(t0 + 3600));
    CHECK(*r.remaining == 9);
    REQUIRE(newest.read({"moonshot", "default", "balance", "", "CNY"}, r));
    CHECK(*r.remaining == 700);
    CHECK_FALSE(newest.read({"moonshot", "other", "balance", "", "USD"}, r));
}

TEST_CASE("catching up a week at a time tallies what one pass tallies")
{
    TempDb a("store-tally-one"), b("store-tally-weeks");
    Store one(a.path), weeks(b.path);
    const std::vector<Record> rows = twenty_days();
    insert(one, rows);
    insert(weeks, rows);
    const std::string until = format_rfc3339(t0 + 24 * 20 * 3600);
    one.transaction([&] { update_tallies(one, until); });
    catch_up_tallies(weeks, until, 86400, [] {});     // a day at a time, no pause
    CHECK(hours_of(weeks) == hours_of(one));
    CHECK(hours_of(one).size() > 24 * 20 * 10);
    CHECK(event_counts(weeks)["moonshot/default/balance//USD"].topups == 4);
    weeks.transaction([&] { update_tallies(weeks, until); });   // nothing left
    CHECK(hours_of(weeks) == hours_of(one));
    CHECK(event_counts(weeks)["moonshot/default/balance//USD"].topups == 4);
}

TEST_CASE("catching up: another run that tallies meanwhile counts nothing twice")
{
    TempDb a("store-tally-alone"), b("store-tally-both");
    Store alone(a.path), both(b.path), other(b.path);
    const std::vector<Record> rows = twenty_days();
    insert(alone, rows);
    insert(both, rows);
    const std::string until = format_rfc3339(t0 + 24 * 20 * 3600);
    alone.transaction([&] { update_tallies(alone, until); });
    int steps = 0;
    catch_up_tallies(both, until, 86400, [&] {
        if (++steps == 3)             // the other run, all of it, after the third day
            other.transaction([&] { update_tallies(other, until); });
    });
    CHECK(steps == 3);                // then it saw the other's tallies, and nothing left
    both.transaction([&] { update_tallies(both, until); });
    CHECK(hours_of(both) == hours_of(alone));
    CHECK(event_counts(both)["moonshot/default/balance//USD"].topups == 4);
}

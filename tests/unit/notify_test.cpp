#include "notify.h"

#include <doctest/doctest.h>

using namespace qw;

namespace {

Record verdict(const std::string& account, const std::string& level, const std::string& event = "")
{
    Record r;
    r.ts = "2026-11-22T09:00:00Z";
    r.provider = "moonshot";
    r.account = account;
    r.kind = "balance";
    r.unit = "USD";
    r.remaining = level == "ok" ? 12.34 : 4.2;
    r.status = "ok";
    r.level = level;
    r.event = event;
    return r;
}

Memory remembered(const Record& r, const std::string& level, int64_t sent_at)
{
    Memory m;
    m.series[series_key(r)] = Delivered{level, sent_at, false, ""};
    m.last_sent = sent_at;
    return m;
}

const int64_t now = 1795338000;   // 2026-11-22T09:00:00Z

}  // namespace

TEST_CASE("--when takes always, alert or change")
{
    CHECK(parse_when("always") == When::always);
    CHECK(parse_when("alert") == When::alert);
    CHECK(parse_when("change") == When::change);
    CHECK_FALSE(parse_when("sometimes"));
}

TEST_CASE("levels as the memory compares them")
{
    Record r = verdict("a", "info");
    CHECK(quiet_level(r) == "ok");
    r.level.clear();
    CHECK(quiet_level(r) == "ok");
    r.status = "error";
    CHECK(quiet_level(r) == "error");
    r.level = "critical";
    CHECK(quiet_level(r) == "critical");
    CHECK(is_bad_level("unknown"));
    CHECK_FALSE(is_bad_level("info"));
}

TEST_CASE("change: a series seen ok for the first time says nothing")
{
    Report rep = decide({verdict("a", "ok")}, Memory{}, When::change, 0, now);
    CHECK_FALSE(rep.send);
    CHECK(rep.why == "no change since the last delivery");
    REQUIRE(rep.items.size() == 1);
    CHECK(rep.items[0].change.empty());
}

TEST_CASE("change: crossing a threshold alerts once, then not while it stays")
{
    Record low = verdict("a", "warning");
    Report first = decide({low, verdict("b", "ok")}, Memory{}, When::change, 0, now);
    CHECK(first.send);
    CHECK(first.items[0].change == "alert");
    CHECK(first.items[1].change.empty());
    Report again = decide({low}, remembered(low, "warning", now - 3600), When::change, 0, now);
    CHECK_FALSE(again.send);
}

TEST_CASE("change: a worse level is a change, and so is recovering")
{
    Record crit = verdict("a", "critical");
    Report worse = decide({crit}, remembered(crit, "warning", now - 60), When::change, 0, now);
    CHECK(worse.send);
    CHECK(worse.items[0].change == "changed");
    CHECK(worse.items[0].was == "warning");
    Record ok = verdict("a", "ok");
    Report back = decide({ok}, remembered(ok, "critical", now - 60), When::change, 0, now);
    CHECK(back.send);
    CHECK(back.items[0].change == "recovered");
    Record info = verdict("a", "info");
    CHECK_FALSE(decide({info}, remembered(info, "ok", now - 60), When::change, 0, now).send);
}

TEST_CASE("--repeat resends while a series stays bad, once the time has passed")
{
    Record low = verdict("a", "warning");
    Memory m = remembered(low, "warning", now - 5 * 3600);
    CHECK_FALSE(decide({low}, m, When::change, 6 * 3600, now).send);
    Report due = decide({low}, m, When::change, 4 * 3600, now);
    CHECK(due.send);
    CHECK(due.items[0].change == "repeat");
    Record ok = verdict("a", "ok");
    CHECK_FALSE(decide({ok}, remembered(ok, "ok", 0), When::change, 60, now).send);
}

TEST_CASE("events are told; owed events come back; stale is told once while it lasts")
{
    Record reset = verdict("a", "ok", "reset");
    Report r1 = decide({reset}, remembered(reset, "ok", now - 60), When::change, 0, now);
    CHECK(r1.send);
    CHECK(r1.items[0].events == std::vector<std::string>{"reset"});

    Record plain = verdict("a", "ok");
    Memory owed = remembered(plain, "ok", now - 60);
    owed.series.begin()->second.pending = "reset,topup";
    Report r2 = decide({plain}, owed, When::change, 0, now);
    CHECK(r2.send);
    CHECK(r2.items[0].events == std::vector<std::string>{"reset", "topup"});

    Record stale = verdict("a", "ok", "stale");
    Memory told = remembered(stale, "ok", now - 60);
    CHECK(decide({stale}, told, When::change, 0, now).send);
    told.series.begin()->second.stale = true;
    CHECK_FALSE(decide({stale}, told, When::change, 0, now).send);

    CHECK_FALSE(decide({verdict("a", "ok", "recovered")}, Memory{}, When::change, 0, now).send);
}

TEST_CASE("always sends every non-empty run; alert only with a bad verdict")
{
    CHECK(decide({verdict("a", "ok")}, Memory{}, When::always, 0, now).send);
    CHECK_FALSE(decide({}, Memory{}, When::always, 0, now).send);
    CHECK(decide({}, Memory{}, When::always, 0, now).why == "no verdict on input");
    CHECK_FALSE(decide({verdict("a", "ok", "reset")}, Memory{}, When::alert, 0, now).send);
    Record err = verdict("a", "");
    err.status = "error";
    CHECK(decide({verdict("a", "ok"), err}, Memory{}, When::alert, 0, now).send);
}

TEST_CASE("each series is compared with its own memory")
{
    Record a = verdict("a", "warning"), b = verdict("b", "warning");
    Report rep = decide({a, b}, remembered(a, "warning", now - 60), When::change, 0, now);
    CHECK(rep.send);
    CHECK(rep.items[0].change.empty());
    CHECK(rep.items[1].change == "alert");
    CHECK(rep.now == now);
}

// quotawatch(7) NOTIFICATIONS: an error record stands for its provider/account.
TEST_CASE("a remembered error recovers when its provider/account reports ok records")
{
    Record window = verdict("default", "ok");
    window.window = "5h";
    Memory m;
    m.series["moonshot/default/balance//"] = Delivered{"error", now - 600, false, ""};
    Report rep = decide({window}, m, When::change, 0, now);
    REQUIRE(rep.items.size() == 2);
    CHECK(rep.send);
    CHECK(rep.items[1].remembered);
    CHECK(rep.items[1].change == "recovered");
    CHECK(rep.items[1].was == "error");
    CHECK(series_key(rep.items[1].record) == "moonshot/default/balance//");
    CHECK(rep.absent.empty());
    CHECK(rep.forget.empty());
}

TEST_CASE("a series absent for 3 runs of its provider/account is forgotten, silently")
{
    Record weekly = verdict("default", "ok");
    weekly.window = "weekly";
    Memory m;
    m.series["moonshot/default/balance/5h/USD"] = Delivered{"warning", now - 600, false, "", 1};
    m.series["moonshot/other/balance/5h/USD"] = Delivered{"warning", now - 600, false, "", 2};
    Report rep = decide({weekly}, m, When::change, 0, now);
    CHECK(rep.absent == std::map<std::string, int>{{"moonshot/default/balance/5h/USD", 2}});
    CHECK(rep.forget.empty());      // another account's series is not counted
    m.series["moonshot/default/balance/5h/USD"].absent = 2;
    rep = decide({weekly}, m, When::change, 0, now);
    CHECK(rep.forget == std::vector<std::string>{"moonshot/default/balance/5h/USD"});
    CHECK(rep.items.size() == 1);
    CHECK(rep.items[0].change.empty());
}

TEST_CASE("a run in which the provider/account fails does not count as absence")
{
    Record failed = verdict("default", "ok");
    failed.status = "error";
    failed.level.clear();
    Memory m;
    m.series["moonshot/default/balance/5h/USD"] = Delivered{"ok", now - 600, false, "", 2};
    Report rep = decide({failed}, m, When::change, 0, now);
    CHECK(rep.absent.empty());
    CHECK(rep.forget.empty());
    Record back = verdict("default", "ok");
    back.window = "5h";
    rep = decide({back}, m, When::change, 0, now);
    CHECK(rep.absent == std::map<std::string, int>{{"moonshot/default/balance/5h/USD", 0}});
}

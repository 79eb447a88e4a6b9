#include "store/store_notify.h"
#include "temp_dir.h"

#include "timeutil.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <sqlite3.h>

using namespace qw;
namespace fs = std::filesystem;

namespace {

Record balance(const std::string& ts, std::optional<double> remaining, std::optional<double> used,
               const std::string& level = "ok")
{
    Record r;
    r.ts = ts;
    r.provider = "relay";
    r.account = "a";
    r.kind = "balance";
    r.unit = "USD";
    r.remaining = remaining;
    r.used = used;
    r.status = "ok";
    r.level = level;
    return r;
}

int64_t at(const char* ts)
{
    return *parse_rfc3339(ts);
}

}  // namespace

TEST_CASE("the memory is written only by a delivery, per channel")
{
    TempDb t("notify");
    Store s(t.path);
    NotifyStore discord(s, "discord"), mail(s, "smtp");
    Record low = balance("2026-11-22T09:00:00Z", 4.2, {}, "warning");
    Report rep = decide({low}, discord.load(), When::change, 0, at("2026-11-22T09:00:00Z"));
    REQUIRE(rep.send);
    discord.failed(rep);
    CHECK(discord.load().series.empty());
    discord.delivered(rep);
    Memory m = discord.load();
    REQUIRE(m.series.count(series_key(low)) == 1);
    CHECK(m.series[series_key(low)].level == "warning");
    CHECK(m.series[series_key(low)].sent_at == at("2026-11-22T09:00:00Z"));
    CHECK(m.last_sent == at("2026-11-22T09:00:00Z"));
    CHECK(mail.load().series.empty());
}

TEST_CASE("a failed delivery owes its events; the next delivery pays them")
{
    TempDb t("notify");
    Store s(t.path);
    NotifyStore ns(s, "discord");
    Record topup = balance("2026-11-22T09:00:00Z", 40, {});
    topup.event = "topup";
    Report rep = decide({topup}, ns.load(), When::change, 0, at("2026-11-22T09:00:00Z"));
    ns.failed(rep);
    Memory m = ns.load();
    CHECK(m.series[series_key(topup)].pending == "topup");
    CHECK(m.series[series_key(topup)].level.empty());
    CHECK(m.last_sent == 0);
    Record plain = balance("2026-11-22T10:00:00Z", 40, {});
    Report next = decide({plain}, m, When::change, 0, at("2026-11-22T10:00:00Z"));
    CHECK(next.send);
    ns.delivered(next);
    CHECK(ns.load().series[series_key(plain)].pending.empty());
}

TEST_CASE("a stale notice is remembered until the data is fresh again")
{
    TempDb t("notify");
    Store s(t.path);
    NotifyStore ns(s, "feishu");
    Record stale = balance("2026-11-22T09:00:00Z", 8, {});
    stale.event = "stale";
    Report rep = decide({stale}, ns.load(), When::change, 0, at("2026-11-22T09:00:00Z"));
    ns.delivered(rep);
    Memory m = ns.load();
    CHECK(m.series[series_key(stale)].stale);
    Record fresh = balance("2026-11-22T10:00:00Z", 8, {});
    Report quiet = decide({fresh}, m, When::change, 0, at("2026-11-22T10:00:00Z"));
    CHECK_FALSE(quiet.send);
    ns.refresh(quiet, m);
    CHECK_FALSE(ns.load().series[series_key(fresh)].stale);
}

TEST_CASE("usage since a time: from used, or from remaining with top-ups not counted")
{
    TempDb t("notify");
    Store s(t.path);
    s.begin();
    s.insert(balance("2026-11-21T18:00:00Z", 14, 6));
    s.insert(balance("2026-11-21T21:00:00Z", 13, 7));
    s.insert(balance("2026-11-22T03:00:00Z", 12.8, 7.2));
    s.commit();
    NotifyStore ns(s, "feishu");
    auto u = ns.usage(balance("2026-11-22T09:00:00Z", 12.5, 7.5), at("2026-11-21T21:00:00Z"));
    REQUIRE(u);
    CHECK(u->amount == doctest::Approx(0.5));
    CHECK(u->seconds == 12 * 3600);
    auto between = ns.usage(balance("2026-11-22T09:00:00Z", 12.5, 7.5), at("2026-11-21T22:00:00Z"));
    REQUIRE(between);
    CHECK(between->seconds == 12 * 3600);      // from the newest snapshot before the time

    Record r = balance("2026-11-22T09:00:00Z", 28, {});
    r.account = "b";
    s.begin();
    for (auto [ts, v] : {std::pair{"2026-11-21T21:00:00Z", 10.0}, {"2026-11-22T03:00:00Z", 30.0}}) {
        Record snap = balance(ts, v, {});
        snap.account = "b";
        s.insert(snap);
    }
    s.insert(r);                                 // already recorded: counted once
    s.commit();
    auto topped = ns.usage(r, at("2026-11-21T21:00:00Z"));
    REQUIRE(topped);
    CHECK(topped->amount == doctest::Approx(2.0));

    Record none = balance("2026-11-22T09:00:00Z", 1, {});
    none.account = "nobody";
    CHECK_FALSE(ns.usage(none, at("2026-11-21T21:00:00Z")));
}

TEST_CASE("a reset of used counts the use since the reset")
{
    TempDb t("notify");
    Store s(t.path);
    s.begin();
    s.insert(balance("2026-11-22T00:00:00Z", {}, 80));
    s.insert(balance("2026-11-22T03:00:00Z", {}, 2));
    s.commit();
    NotifyStore ns(s, "feishu");
    auto u = ns.usage(balance("2026-11-22T06:00:00Z", {}, 5), at("2026-11-22T00:00:00Z"));
    REQUIRE(u);
    CHECK(u->amount == doctest::Approx(5));
}

TEST_CASE("mail owed to single recipients: kept with the delivery, per channel, until settled")
{
    TempDb t("notify");
    Store s(t.path);
    NotifyStore mail(s, "smtp"), other(s, "smtp-ops");
    Record low = balance("2026-11-22T09:00:00Z", 4.2, {}, "warning");
    Report rep = decide({low}, mail.load(), When::change, 0, at("2026-11-22T09:00:00Z"));
    REQUIRE(rep.send);
    mail.delivered(rep, {{0, "b@example.org", "message one", 0}, {0, "c@example.org", "message one", 0}});
    std::vector<Owed> owed = mail.owed();
    REQUIRE(owed.size() == 2);
    CHECK(owed[0].recipient == "b@example.org");
    CHECK(owed[1].recipient == "c@example.org");
    CHECK(owed[0].message == "message one");
    CHECK(owed[0].since == at("2026-11-22T09:00:00Z"));
    CHECK(owed[0].id != owed[1].id);
    CHECK(other.owed().empty());
    mail.settle(owed[0]);
    owed = mail.owed();
    REQUIRE(owed.size() == 1);
    CHECK(owed[0].recipient == "c@example.org");
    CHECK(mail.load().series.count(series_key(low)) == 1);   // the delivery is remembered too
}

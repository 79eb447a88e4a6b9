#include "store/store_history.h"
#include "temp_dir.h"

#include "timeutil.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <sqlite3.h>

using namespace qw;
namespace fs = std::filesystem;

namespace {

Record snap(const std::string& account, int hour, double remaining)
{
    Record r;
    r.ts = format_rfc3339(1795251600 + hour * 3600);     // 2026-11-21T09:00:00Z + hours
    r.provider = "moonshot";
    r.account = account;
    r.kind = "balance";
    r.unit = "USD";
    r.remaining = remaining;
    r.parts = {{"cash", remaining}};
    r.status = "ok";
    r.level = "ok";
    return r;
}

// Two accounts of moonshot and a kimi-code quota, hourly for a day.
void fill(Store& s)
{
    s.begin();
    for (int h = 0; h <= 24; ++h) {
        s.insert(snap("home", h, 50 - h));
        s.insert(snap("work", h, 10));
        Record q = snap("default", h, 0);
        q.provider = "kimi-code";
        q.kind = "quota";
        q.window = "5h";
        q.parts.clear();
        q.status = h == 24 ? "error" : "ok";
        s.insert(q);
    }
    s.commit();
}

}  // namespace

TEST_CASE("series are listed in index order, filtered")
{
    TempDb t("store-history");
    Store s(t.path);
    fill(s);
    auto all = list_series(s, {});
    REQUIRE(all.size() == 3);
    CHECK(all[0].provider == "kimi-code");
    CHECK(all[0].window == "5h");
    CHECK(all[1].account == "home");
    CHECK(all[2].account == "work");
    CHECK(list_series(s, {"moonshot", "", "", ""}).size() == 2);
    CHECK(list_series(s, {"", "work", "", ""}).size() == 1);
    CHECK(list_series(s, {"", "", "quota", "5h"}).size() == 1);
    CHECK(list_series(s, {"glm", "", "", ""}).empty());
}

TEST_CASE("points of a period come in time order with their series, in one query")
{
    TempDb t("store-history");
    Store s(t.path);
    fill(s);
    int n = 0;
    std::string last_ts;
    int64_t last_id = 0;
    for_each_point(s, {"moonshot", "home", "", ""}, "2026-11-22T06:00:00Z",
                   "2026-11-22T08:00:00Z", [&](const Record& r, int64_t id) {
                       CHECK(r.provider == "moonshot");
                       CHECK(r.account == "home");
                       CHECK(r.kind == "balance");
                       CHECK(r.unit == "USD");
                       CHECK(r.ts >= last_ts);
                       last_ts = r.ts;
                       last_id = id;
                       ++n;
                   });
    CHECK(n == 3);
    Record whole;
    SnapshotReader reader(s);
    REQUIRE(reader.by_id(last_id, whole));
    CHECK(whole.ts == "2026-11-22T08:00:00Z");
    CHECK(whole.remaining == 27);
    CHECK(whole.parts.size() == 1);
    CHECK_FALSE(reader.by_id(999999, whole));
}

TEST_CASE("the newest snapshot of a series, whatever its status")
{
    TempDb t("store-history");
    Store s(t.path);
    fill(s);
    Record r;
    SnapshotReader reader(s);
    REQUIRE(reader.newest({"kimi-code", "default", "quota", "5h", ""}, r));
    CHECK(r.status == "error");
    CHECK(r.ts == "2026-11-22T09:00:00Z");
    CHECK_FALSE(reader.newest({"glm", "default", "quota", "5h", ""}, r));
    REQUIRE(reader.newest({"kimi-code", "default", "quota", "5h", ""}, r));   // used again
    CHECK(r.ts == "2026-11-22T09:00:00Z");
}

TEST_CASE("whole snapshots of a period, in time order")
{
    TempDb t("store-history");
    Store s(t.path);
    fill(s);
    std::vector<Record> got;
    for_each_snapshot(s, {"moonshot", "", "", ""}, "2026-11-22T08:00:00Z",
                      "2026-11-22T09:00:00Z", [&](const Record& r) { got.push_back(r); });
    REQUIRE(got.size() == 4);
    CHECK(got[0].ts == "2026-11-22T08:00:00Z");
    CHECK(got[3].ts == "2026-11-22T09:00:00Z");
    CHECK(got[0].parts.size() == 1);
}

TEST_CASE("retention deletes what is older than the cut, and nothing else")
{
    TempDb t("store-history");
    Store s(t.path);
    fill(s);
    s.begin();
    CHECK(prune_snapshots(s, "2026-11-22T09:00:00Z") == 3 * 24);
    s.commit();
    Stmt q = s.prepare("SELECT count(*), min(timestamp) FROM usage_snapshots");
    REQUIRE(sqlite3_step(q.get()) == SQLITE_ROW);
    CHECK(sqlite3_column_int(q.get(), 0) == 3);
    CHECK(column_text(q.get(), 1) == "2026-11-22T09:00:00Z");
}

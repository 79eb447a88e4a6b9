#include "store/store.h"
#include "store/store_migrate.h"
#include "temp_dir.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <sqlite3.h>

using namespace qw;
namespace fs = std::filesystem;

namespace {

Record snap(const std::string& ts, double remaining)
{
    Record r;
    r.ts = ts;
    r.provider = "moonshot";
    r.account = "default";
    r.kind = "balance";
    r.unit = "USD";
    r.remaining = remaining;
    r.parts = {{"voucher", 3.45}, {"cash", 8.89}};
    r.status = "ok";
    return r;
}

}  // namespace

TEST_CASE("a new database is created with its directory, in WAL, at the latest schema")
{
    TempDb t("store", "sub/q.db");
    Store s(t.path);
    CHECK(fs::exists(t.path));
    CHECK(s.schema_version() == static_cast<int>(migrations().size()));
    Stmt mode = s.prepare("PRAGMA journal_mode");
    REQUIRE(sqlite3_step(mode.get()) == SQLITE_ROW);
    CHECK(column_text(mode.get(), 0) == "wal");
}

TEST_CASE("records go into seed 003's usage_snapshots and the newest is found per series")
{
    TempDb t("store", "sub/q.db");
    {
        Store s(t.path);
        s.begin();
        s.insert(snap("2026-11-22T08:00:00Z", 12.34));
        s.insert(snap("2026-11-22T09:00:00Z", 11.00));
        Record other = snap("2026-11-22T09:30:00Z", 1);
        other.account = "work";
        s.insert(other);
        s.commit();
    }
    Store s(t.path);
    Stmt q = s.prepare("SELECT timestamp, provider, used, remaining, currency, status, account "
                       "FROM usage_snapshots ORDER BY id");
    REQUIRE(sqlite3_step(q.get()) == SQLITE_ROW);
    CHECK(column_text(q.get(), 0) == "2026-11-22T08:00:00Z");
    CHECK(column_text(q.get(), 1) == "moonshot");
    CHECK_FALSE(column_number(q.get(), 2));
    CHECK(column_number(q.get(), 3) == 12.34);
    CHECK(column_text(q.get(), 4) == "USD");
    CHECK(column_text(q.get(), 5) == "ok");
    Record probe = snap("2026-11-22T10:00:00Z", 0);
    Record last;
    REQUIRE(s.last(probe, last));
    CHECK(last.remaining == 11.00);
    CHECK(last.parts.size() == 2);
    probe.ts = "2026-11-22T09:00:00Z";            // strictly older than the probe
    REQUIRE(s.last(probe, last));
    CHECK(last.remaining == 12.34);
    probe.provider = "glm";
    CHECK_FALSE(s.last(probe, last));
}

TEST_CASE("a seed-003 monitor.db is adopted: old rows stay, new columns appear")
{
    TempDb t("store", "sub/q.db");
    fs::create_directories(fs::path(t.path).parent_path());
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(t.path.c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw,
                         "CREATE TABLE usage_snapshots (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                         "timestamp TEXT NOT NULL, provider TEXT NOT NULL, used REAL, remaining "
                         "REAL, currency TEXT DEFAULT 'USD', status TEXT DEFAULT 'ok');"
                         "INSERT INTO usage_snapshots (timestamp, provider, used, remaining, "
                         "currency) VALUES ('2026-02-12 16:30:00', 'GLM', 180, 20, 'CNY');",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
    Store s(t.path);
    CHECK(s.schema_version() == static_cast<int>(migrations().size()));
    Stmt q = s.prepare("SELECT provider, remaining, account, kind FROM usage_snapshots");
    REQUIRE(sqlite3_step(q.get()) == SQLITE_ROW);
    CHECK(column_text(q.get(), 0) == "glm");   // its name as the provider id (issue 24)
    CHECK(column_number(q.get(), 1) == 20);
    CHECK(column_text(q.get(), 2) == "default");
    CHECK(column_text(q.get(), 3) == "balance");
    Stmt idx = s.prepare("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master "
                         "WHERE type = 'index' AND tbl_name = 'usage_snapshots' ORDER BY name)");
    REQUIRE(sqlite3_step(idx.get()) == SQLITE_ROW);
    CHECK(column_text(idx.get(), 0) == "idx_snap_money idx_snap_series idx_snap_ts");
}

TEST_CASE("a rolled-back run leaves nothing behind")
{
    TempDb t("store", "sub/q.db");
    Store s(t.path);
    s.begin();
    s.insert(snap("2026-11-22T08:00:00Z", 1));
    s.rollback();
    Stmt q = s.prepare("SELECT count(*) FROM usage_snapshots");
    REQUIRE(sqlite3_step(q.get()) == SQLITE_ROW);
    CHECK(sqlite3_column_int(q.get(), 0) == 0);
}

TEST_CASE("an unopenable path is an error naming it")
{
    CHECK_THROWS_WITH_AS(Store("/proc/no/such/dir/q.db"), doctest::Contains("/proc/no"),
                         std::exception);
}

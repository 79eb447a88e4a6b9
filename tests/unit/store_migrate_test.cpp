#include "error.h"
#include "store/store.h"
#include "store/store_history.h"
#include "temp_dir.h"

#include <doctest/doctest.h>

#include <sqlite3.h>

#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

using namespace qw;

namespace {

int runs[3];

int count(Store& s, const char* sql)
{
    Stmt q = s.prepare(sql);
    REQUIRE(sqlite3_step(q.get()) == SQLITE_ROW);
    return sqlite3_column_int(q.get(), 0);
}

void make_table(Store& s)
{
    ++runs[0];
    s.exec("CREATE TABLE t (x INTEGER)");
}

void add_row(Store& s)
{
    ++runs[1];
    s.exec("INSERT INTO t VALUES (1)");
}

// Inserts, then fails: its transaction must take the row back.
void broken(Store& s)
{
    ++runs[2];
    s.exec("INSERT INTO t VALUES (2)");
    s.exec("INSERT INTO no_such_table VALUES (3)");
}

void add_another(Store& s)
{
    ++runs[2];
    s.exec("INSERT INTO t VALUES (3)");
}

const Migration good[] = {make_table, add_row, add_another};

// Migrates the database at path with TZ=Asia/Shanghai, then gives TZ back.
void migrate_in_shanghai(const std::string& path)
{
    const char* tz = std::getenv("TZ");
    const std::string saved = tz ? tz : "";
    setenv("TZ", "Asia/Shanghai", 1);
    tzset();
    { Store s(path); }
    if (tz) setenv("TZ", saved.c_str(), 1); else unsetenv("TZ");
    tzset();
}
const Migration failing[] = {make_table, add_row, broken};

}  // namespace

TEST_CASE("each migration runs once, in its own transaction")
{
    TempDb t("migrate", "q.db");
    runs[0] = runs[1] = runs[2] = 0;
    CHECK_THROWS_AS(Store(t.path, failing), Error);
    CHECK(runs[0] == 1);
    CHECK(runs[1] == 1);
    CHECK(runs[2] == 1);
    {
        // The first two stay done; the failed third left nothing behind.
        Store s(t.path, std::span(failing).first(2));
        CHECK(s.schema_version() == 2);
        CHECK(count(s, "SELECT group_concat(x) FROM t") == 1);
    }
    CHECK(runs[0] == 1);
    CHECK(runs[1] == 1);
    Store s(t.path, good);
    CHECK(s.schema_version() == 3);
    CHECK(count(s, "SELECT sum(x) FROM t") == 4);
    CHECK(runs[0] == 1);
    CHECK(runs[1] == 1);
    CHECK(runs[2] == 2);
    Store again(t.path, good);
    CHECK(runs[2] == 2);
}

TEST_CASE("a database from a newer schema is refused, naming it and both versions")
{
    TempDb t("migrate", "q.db");
    { Store s(t.path, good); }
    CHECK_THROWS_WITH_AS(Store(t.path, std::span(good).first(2)),
                         (t.path + ": schema version 3 is newer than this quotawatch " +
                          QUOTAWATCH_VERSION + " knows (2); use the newer quotawatch that wrote it")
                             .c_str(),
                         Error);
}

TEST_CASE("this program's migrations end at the version 0.1.0 wrote, or later")
{
    CHECK(migrations().size() >= 3);
}

TEST_CASE("version 5: timestamps to UTC, zone-less ones in local time, no time set aside")
{
    TempDb t("migrate", "q.db");
    { Store s(t.path, migrations().first(3)); }
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(t.path.c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw,
                         "INSERT INTO usage_snapshots (timestamp, provider) VALUES "
                         "('2026-11-21T19:00:00+08:00', 'a'), ('2026-02-12 16:30:00', 'b'), "
                         "('not a time', 'c'), ('2026-11-21T13:00:00Z', 'd'), "
                         "('2026-11-21T13:00:00.250Z', 'e')",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
    migrate_in_shanghai(t.path);
    Store s(t.path);
    CHECK(s.schema_version() == static_cast<int>(migrations().size()));
    Stmt q = s.prepare("SELECT group_concat(provider || '=' || timestamp, ' ') FROM "
                       "(SELECT * FROM usage_snapshots ORDER BY provider)");
    REQUIRE(sqlite3_step(q.get()) == SQLITE_ROW);
    CHECK(column_text(q.get(), 0) == "a=2026-11-21T11:00:00Z b=2026-02-12T08:30:00Z "
                                     "d=2026-11-21T13:00:00Z e=2026-11-21T13:00:00Z");
    Stmt aside = s.prepare("SELECT provider || '=' || timestamp FROM usage_snapshots_set_aside");
    REQUIRE(sqlite3_step(aside.get()) == SQLITE_ROW);
    CHECK(column_text(aside.get(), 0) == "c=not a time");
}

TEST_CASE("version 8: seed 003's rows, its times, provider names and statuses ours, kept as written")
{
    TempDb t("migrate", "q.db");
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(t.path.c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw,   // seed 003's schema and rows, as its monitor.py writes them
                         "CREATE TABLE usage_snapshots (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                         "timestamp TEXT NOT NULL, provider TEXT NOT NULL, used REAL, "
                         "remaining REAL, currency TEXT DEFAULT 'USD', status TEXT DEFAULT 'ok');"
                         "INSERT INTO usage_snapshots (timestamp, provider, status) VALUES "
                         "('2026-02-12 16:30:00', 'GLM', 'warning'), "
                         "('2026-02-12T16:35:00.250000', 'Codex/OpenAI', 'INFO'), "
                         "('2026-02-12 16:40:00', 'MiniMax', 'critical'), "
                         "('2026-11-21T13:00:00Z', 'Unknown', 'odd'), "
                         "('2026-11-21T13:00:00Z', 'glm', 'error')",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
    migrate_in_shanghai(t.path);
    Store s(t.path);
    Stmt q = s.prepare("SELECT timestamp, provider, status, ifnull(level, '-'), "
                       "ifnull(written, '-') FROM usage_snapshots ORDER BY id");
    std::vector<std::string> rows;
    while (sqlite3_step(q.get()) == SQLITE_ROW)
        rows.push_back(column_text(q.get(), 0) + " " + column_text(q.get(), 1) + " " +
                       column_text(q.get(), 2) + " " + column_text(q.get(), 3) + " " +
                       column_text(q.get(), 4));
    CHECK(rows == std::vector<std::string>{
        R"(2026-02-12T08:30:00Z glm ok warning {"timestamp":"2026-02-12 16:30:00",)"
        R"("provider":"GLM","status":"warning"})",
        R"(2026-02-12T08:35:00Z openai na - {"timestamp":"2026-02-12T16:35:00.250000",)"
        R"("provider":"Codex/OpenAI","status":"INFO"})",
        R"(2026-02-12T08:40:00Z minimax ok critical {"timestamp":"2026-02-12 16:40:00",)"
        R"("provider":"MiniMax","status":"critical"})",
        "2026-11-21T13:00:00Z Unknown odd - -",
        "2026-11-21T13:00:00Z glm error - -"});
}

TEST_CASE("issue 25: the unit joins a money series; DeepSeek's currency leaves window; MiniMax 4h is 5h")
{
    TempDb t("migrate", "q.db");
    { Store s(t.path, migrations().first(5)); }
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(t.path.c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw,
        R"(INSERT INTO usage_snapshots (timestamp, provider, account, kind, "window", currency,
               remaining, status, level) VALUES
           ('2026-11-21T01:00:00Z', 'deepseek', 'two', 'balance', 'CNY', 'CNY', 3.5, 'ok', 'warning'),
           ('2026-11-21T01:00:00Z', 'deepseek', 'two', 'balance', 'USD', 'USD', 20, 'ok', 'ok'),
           ('2026-11-21T01:00:00Z', 'minimax', 'default', 'quota', '4h', '%', NULL, 'ok', 'ok'),
           ('2026-11-21T01:00:00Z', 'minimax', 'default', 'quota', 'video-4h', '%', NULL, 'ok', 'ok'),
           ('2026-11-21T01:00:00Z', 'glm', 'default', 'quota', '14h', '%', NULL, 'ok', 'ok'),
           ('2026-11-21T01:00:00Z', 'moonshot', 'work', 'balance', '', 'USD', 12, 'ok', 'ok'),
           ('2026-11-21T02:00:00Z', 'moonshot', 'work', 'balance', '', NULL, NULL, 'error', 'error'),
           ('2026-11-21T01:00:00Z', 'moonshot', 'home', 'balance', '', 'CNY', 40, 'ok', 'ok');
           INSERT INTO notify_state (channel, series, level) VALUES
           ('discord', 'deepseek/two/balance/CNY', 'warning'),
           ('discord', 'deepseek/two/balance/USD', 'ok'),
           ('discord', 'minimax/default/quota/4h', 'critical'),
           ('discord', 'minimax/default/quota/5h', 'ok'),
           ('feishu', 'minimax/default/quota/video-4h', 'ok'),
           ('discord', 'glm/default/quota/14h', 'ok'),
           ('discord', 'moonshot/work/balance/', 'error'),
           ('feishu', 'moonshot/work/balance/', 'ok'),
           ('discord', 'moonshot/home/balance/', 'ok'),
           ('discord', 'openai/default/spend/monthly', 'ok'))",
        nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
    Store s(t.path);
    auto text = [&s](const char* sql) {
        Stmt q = s.prepare(sql);
        REQUIRE(sqlite3_step(q.get()) == SQLITE_ROW);
        return column_text(q.get(), 0);
    };
    CHECK(text(R"(SELECT group_concat(provider || ':' || "window" || ':' || IFNULL(currency, '-'), ' ')
                  FROM (SELECT * FROM usage_snapshots ORDER BY id))") ==
          "deepseek::CNY deepseek::USD minimax:5h:% minimax:video-5h:% glm:14h:% "
          "moonshot::USD moonshot::- moonshot::CNY");
    CHECK(text("SELECT group_concat(channel || '=' || series || '=' || level, ' ') "
               "FROM (SELECT * FROM notify_state ORDER BY channel, series)") ==
          "discord=deepseek/two/balance//CNY=warning discord=deepseek/two/balance//USD=ok "
          "discord=glm/default/quota/14h=ok discord=minimax/default/quota/5h=critical "
          "discord=moonshot/home/balance//CNY=ok discord=moonshot/work/balance//=error "
          "discord=openai/default/spend/monthly/=ok "
          "feishu=minimax/default/quota/video-5h=ok feishu=moonshot/work/balance//USD=ok");
    // The series a recall lists: one per currency of a money series, rows
    // without a unit (a failed fetch) in each.
    std::vector<std::string> listed;
    for (const SeriesId& id : list_series(s, {}))
        listed.push_back(id.provider + "/" + id.account + "/" + id.kind + "/" + id.window + "/" +
                         id.unit);
    CHECK(listed == std::vector<std::string>{"deepseek/two/balance//CNY", "deepseek/two/balance//USD",
                                             "glm/default/quota/14h/", "minimax/default/quota/5h/",
                                             "minimax/default/quota/video-5h/",
                                             "moonshot/home/balance//CNY",
                                             "moonshot/work/balance//USD"});
    SnapshotReader reader(s);
    Record r;
    REQUIRE(reader.newest({"deepseek", "two", "balance", "", "USD"}, r));
    CHECK(r.remaining == 20);
    // moonshot/work's error row, which has no unit, is its newest.
    REQUIRE(reader.newest({"moonshot", "work", "balance", "", "USD"}, r));
    CHECK(r.status == "error");
    Record next;
    next.ts = "2026-11-22T00:00:00Z";
    next.provider = "deepseek";
    next.account = "two";
    next.kind = "balance";
    next.unit = "CNY";
    REQUIRE(s.last(next, r));
    CHECK(r.remaining == 3.5);
}

#include "providers/budget.h"

#include "store/store.h"
#include "store/store_query.h"
#include "temp_dir.h"
#include "timeutil.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

using namespace qw;

namespace {

// A dispatch.db like seed 003's, made through the store (the tests have no
// SQLite of their own), removed with its directory at the end.
struct DispatchDb : TempDb {
    DispatchDb();
};

DispatchDb::DispatchDb() : TempDb("budget", "dispatch.db")
{
    Store s(path);
    s.exec("CREATE TABLE tasks (id INTEGER PRIMARY KEY, executor TEXT, status TEXT, done_at TEXT);"
           "INSERT INTO tasks (executor, status, done_at) VALUES"
           " ('anthropic', 'completed', '2026-11-02 10:00:00'),"
           " ('anthropic', 'completed', '2026-10-30T10:00:00Z'),"
           " ('anthropic', 'failed', '2026-11-03 10:00:00'),"
           " ('openai', 'completed', '2026-11-04 10:00:00');");
}

const char* const count_sql =
    "SELECT count(*) FROM tasks WHERE executor = :provider AND status = 'completed'";

}  // namespace

TEST_CASE("the budget variable is named after the provider")
{
    CHECK(budget_env("anthropic", "budget") == "ANTHROPIC_BUDGET");
    CHECK(budget_env("openai", "budget") == "OPENAI_BUDGET");
    CHECK(budget_env("kimi-code", "budget") == "KIMI_CODE_BUDGET");
    CHECK(budget_env("anthropic", "used-db") == "ANTHROPIC_USED_DB");
}

TEST_CASE("budget records: ok, na without a budget, errors")
{
    Record base;
    base.provider = "anthropic";
    base.account = "default";
    base.unit = "tasks";
    auto r = budget_record(base, 100, "ANTHROPIC_BUDGET", 12, "");
    CHECK(r.status == "ok");
    CHECK(r.kind == "budget");
    CHECK(r.limit == 100);
    CHECK(r.used == 12);
    CHECK(r.remaining == 88);
    r = budget_record(base, std::nullopt, "ANTHROPIC_BUDGET", std::nullopt, "");
    CHECK(r.status == "na");
    CHECK(r.reason == "client subscription: no budget set (ANTHROPIC_BUDGET)");
    CHECK(!r.remaining);
    r = budget_record(base, std::nullopt, "ANTHROPIC_BUDGET", 7, "");
    CHECK(r.status == "na");
    CHECK(r.used == 7);
    r = budget_record(base, 100, "ANTHROPIC_BUDGET", std::nullopt, "");
    CHECK(r.status == "error");
    CHECK(r.error.find("--used-db") != std::string::npos);
    r = budget_record(base, 100, "ANTHROPIC_BUDGET", std::nullopt, "x.db: no such table: tasks");
    CHECK(r.error == "x.db: no such table: tasks");
}

TEST_CASE("the use is counted in a SQLite file, with :provider and :month_start")
{
    DispatchDb tmp;
    const std::string& db = tmp.path;
    auto now = *parse_rfc3339("2026-11-22T09:00:00Z");
    BudgetOptions o;
    o.provider = "anthropic";
    o.budget = "50";
    o.used_db = db;
    o.used_query = count_sql;
    auto r = fetch_budget(o, now);
    CHECK(r.status == "ok");
    CHECK(r.used == 2);
    CHECK(r.remaining == 48);
    o.used_query = std::string(count_sql) + " AND done_at >= :month_start";
    CHECK(fetch_budget(o, now).used == 1);
    o.budget.clear();
    ::setenv("ANTHROPIC_BUDGET", "10", 1);
    CHECK(fetch_budget(o, now).limit == 10);
    ::setenv("ANTHROPIC_BUDGET", "ten", 1);
    CHECK_THROWS_WITH(fetch_budget(o, now), "ANTHROPIC_BUDGET: \"ten\" is not a number of tasks");
    ::unsetenv("ANTHROPIC_BUDGET");
    CHECK(fetch_budget(o, now).status == "na");
    o.provider = "Anthropic";
    CHECK_THROWS(fetch_budget(o, now));
    o.provider = "openai";
    o.used_query.clear();
    CHECK_THROWS_WITH(fetch_budget(o, now), "--used-db and --used-query go together");
}

TEST_CASE("sqlite_number refuses what is not one readable number")
{
    DispatchDb tmp;
    const std::string& db = tmp.path;
    std::string err;
    CHECK(sqlite_number(db, "SELECT 2.5", {}, &err) == 2.5);
    CHECK(sqlite_number(db, "SELECT '7'", {}, &err) == 7);
    CHECK(!sqlite_number(db, "SELECT NULL", {}, &err));
    CHECK(err == db + ": the query returned NULL");
    CHECK(!sqlite_number(db, "SELECT 'many'", {}, &err));
    CHECK(err == db + ": the query returned \"many\", not a number");
    CHECK(!sqlite_number(db, "SELECT id FROM tasks WHERE 0", {}, &err));
    CHECK(err == db + ": the query returned no rows");
    CHECK(!sqlite_number(db, "SELECT count(*) FROM jobs", {}, &err));
    CHECK(err == db + ": no such table: jobs");
    CHECK(!sqlite_number(db, "DELETE FROM tasks", {}, &err));
    CHECK(err == db + ": the query would write; it may only read");
    CHECK(sqlite_number(db, "SELECT count(*) FROM tasks", {}, &err) == 4);
    CHECK(!sqlite_number(db + ".missing", "SELECT 1", {}, &err));
    CHECK(err == db + ".missing: unable to open database file");
}

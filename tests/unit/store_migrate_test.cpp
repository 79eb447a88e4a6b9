#include "error.h"
#include "store.h"
#include "temp_dir.h"

#include <doctest/doctest.h>

#include <sqlite3.h>

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

#include "providers/claude_db.h"

#include <doctest/doctest.h>

#include <map>

using namespace qw;

namespace {

std::map<std::string, std::string> env;

const char* fake_getenv(const char* name)
{
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
}

Record base()
{
    Record b;
    b.ts = "2026-11-22T09:00:00Z";
    b.provider = "claude";
    b.account = "default";
    return b;
}

PgResult table(std::vector<std::string> columns,
               std::vector<std::vector<std::optional<std::string>>> rows)
{
    PgResult r;
    r.columns = std::move(columns);
    r.rows = std::move(rows);
    return r;
}

}  // namespace

TEST_CASE("libpq's own environment wins; seed 001's variables fill the gaps")
{
    env.clear();
    CHECK(claude_db_params(fake_getenv).empty());
    env = {{"SUPABASE_DB_HOST", "db.example.supabase.co"}, {"SUPABASE_DB_PASSWORD", "pw-canary"}};
    PgParams seed{{"host", "db.example.supabase.co"}, {"port", "5432"}, {"user", "postgres"},
                  {"dbname", "postgres"}, {"password", "pw-canary"}};
    CHECK(claude_db_params(fake_getenv) == seed);
    env["PGUSER"] = "scraper";
    env["PGPORT"] = "6543";
    CHECK(claude_db_params(fake_getenv) ==
          PgParams{{"host", "db.example.supabase.co"}, {"dbname", "postgres"},
                   {"password", "pw-canary"}});
    env["PGHOST"] = "/run/postgresql";
    env["PGPASSWORD"] = "other";
    CHECK(claude_db_params(fake_getenv).empty());
    env.clear();
}

TEST_CASE("the newest row of the default query is a USD balance with as_of")
{
    auto r = claude_db_record(
        base(), table({"available_balance", "updated_at"}, {{"8.07", "2026-11-22 08:15:00.123+00"}}),
        "USD");
    CHECK(r.status == "ok");
    CHECK(r.kind == "balance");
    CHECK(r.unit == "USD");
    CHECK(r.remaining == 8.07);
    CHECK(r.as_of == "2026-11-22T08:15:00Z");
    CHECK(!r.used);
    CHECK(r.error.empty());
}

TEST_CASE("a custom query names its columns; otherwise the first column is the balance")
{
    auto r = claude_db_record(base(),
                              table({"as_of", "used", "remaining", "limit"},
                                    {{"2026-11-21T23:00:00-05:00", "12", "38", "50"}}),
                              "CNY");
    CHECK(r.remaining == 38);
    CHECK(r.used == 12);
    CHECK(r.limit == 50);
    CHECK(r.unit == "CNY");
    CHECK(r.as_of == "2026-11-22T04:00:00Z");
    r = claude_db_record(base(), table({"coalesce"}, {{"0"}}), "USD");
    CHECK(r.status == "ok");
    CHECK(r.remaining == 0);
    CHECK(r.as_of.empty());
}

TEST_CASE("every failure is an error record with a one-line reason")
{
    PgResult failed;
    failed.error = "relation \"claude_api_usage\" does not exist";
    auto r = claude_db_record(base(), failed, "USD");
    CHECK(r.status == "error");
    CHECK(r.error == failed.error);
    r = claude_db_record(base(), table({"available_balance", "updated_at"}, {}), "USD");
    CHECK(r.error == "the query returned no rows");
    r = claude_db_record(base(), table({"available_balance", "updated_at"},
                                       {{std::nullopt, "2026-11-22 08:00:00+00"}}), "USD");
    CHECK(r.error == "available_balance is NULL in the newest row");
    CHECK(!r.remaining);
    r = claude_db_record(base(), table({"available_balance"}, {{"$8.07"}}), "USD");
    CHECK(r.error == "available_balance is not a number: \"$8.07\"");
    r = claude_db_record(base(), table({"available_balance", "updated_at"}, {{"8", "yesterday"}}),
                         "USD");
    CHECK(r.error == "updated_at is not a time: \"yesterday\"");
}

TEST_CASE("PostgreSQL's time texts")
{
    CHECK(parse_pg_time("2026-01-29 09:00:00+00") == 1769677200);
    CHECK(parse_pg_time("2026-01-29 09:00:00") == 1769677200);
    CHECK(parse_pg_time("2026-01-29 09:00:00.5") == 1769677200);
    CHECK(parse_pg_time("2026-01-29 14:30:00+05:30") == 1769677200);
    CHECK(parse_pg_time("2026-01-29 04:00:00-05") == 1769677200);
    CHECK(parse_pg_time("2026-01-29T09:00:00Z") == 1769677200);
    CHECK(parse_pg_time("2026-01-29") == 1769644800);
    CHECK(!parse_pg_time("infinity"));
    CHECK(!parse_pg_time(""));
}

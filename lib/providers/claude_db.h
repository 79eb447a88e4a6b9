// fetch-claude-db (seed 001): the Claude balance that a scrape job keeps in
// PostgreSQL, read through libpq.
#pragma once
#include "store/pg.h"
#include "record.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qw {

// Seed 001's query, with the time of the row for as_of.
extern const char* const claude_db_default_query;

// What libpq does not find in its own environment: seed 001's
// SUPABASE_DB_HOST (with port 5432, user and database "postgres", as its
// psql line) when PGHOST is unset, and SUPABASE_DB_PASSWORD when PGPASSWORD
// is unset.  getenv is std::getenv, or a stand-in in the tests.
PgParams claude_db_params(const char* (*getenv)(const char*));

// The pure part: the first row of a query result to one balance record, or
// an error record.  Columns by name: remaining or available_balance (else
// the first column), as_of or updated_at, used, limit.
Record claude_db_record(const Record& base, const PgResult& result, const std::string& unit);

// A PostgreSQL time as text ("2026-01-29 09:00:00+00", a timestamp without
// zone read as UTC, a date, or RFC 3339) to epoch seconds.
std::optional<int64_t> parse_pg_time(std::string_view s);

struct ClaudeDbOptions {
    std::string account = "default";
    std::string query = claude_db_default_query;
    std::string unit = "USD";
    int timeout_seconds = 30;
};

// Connects, queries, and returns the record; no password reaches it.
Record fetch_claude_db(const ClaudeDbOptions& opts, int64_t now);

}  // namespace qw

// PostgreSQL through libpq, behind plain types; the only libpq-fe.h user.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qw {

using PgParams = std::vector<std::pair<std::string, std::string>>;  // keyword, value

struct PgResult {
    std::string error;                  // one line; empty when the query ran
    std::vector<std::string> columns;
    std::vector<std::vector<std::optional<std::string>>> rows;  // text; NULL is nothing
};

// Connects with libpq's own defaults (PGHOST, PGPORT, PGUSER, PGDATABASE,
// PGPASSWORD, PGPASSFILE or ~/.pgpass, PGSSLMODE, PGSERVICE, ...), each
// overridden by a keyword in params, and runs sql in a read-only transaction
// with DateStyle ISO, TimeZone UTC and a statement timeout.  All of it,
// connecting included, ends within timeout_seconds, also when the server
// accepts and then never answers.  A failure is PgResult::error, never an
// exception.
PgResult pg_query(const PgParams& params, const std::string& sql, int timeout_seconds);

}  // namespace qw

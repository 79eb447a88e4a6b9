#include "pg.h"

#include "handle.h"

#include <libpq-fe.h>

#include <memory>

namespace qw {

namespace {

using PgConnPtr = std::unique_ptr<PGconn, Deleter<PQfinish>>;
using PgResultPtr = std::unique_ptr<PGresult, Deleter<PQclear>>;

// libpq's messages may span lines ("...failed: Connection refused\n\tIs the
// server running..."); the first line says what happened.
std::string first_line(const char* message)
{
    std::string s = message ? message : "";
    if (size_t nl = s.find('\n'); nl != std::string::npos)
        s.resize(nl);
    for (size_t p; (p = s.find("  ")) != std::string::npos;)
        s.erase(p, 1);
    return s.empty() ? "unknown libpq error" : s;
}

void ignore_notice(void*, const char*) {}

// Runs one command that returns no rows; empty on success, else why not.
std::string command(PGconn* c, const char* sql)
{
    PgResultPtr r(PQexec(c, sql));
    if (PQresultStatus(r.get()) == PGRES_COMMAND_OK)
        return {};
    return first_line(r ? PQresultErrorMessage(r.get()) : PQerrorMessage(c));
}

}  // namespace

PgResult pg_query(const PgParams& params, const std::string& sql, int timeout_seconds)
{
    PgResult out;
    const std::string timeout = std::to_string(timeout_seconds);
    std::vector<const char*> keys, values;
    bool has_timeout = false;
    for (const auto& [k, v] : params) {
        keys.push_back(k.c_str());
        values.push_back(v.c_str());
        has_timeout = has_timeout || k == "connect_timeout";
    }
    if (!has_timeout) {
        keys.push_back("connect_timeout");
        values.push_back(timeout.c_str());
    }
    keys.push_back("fallback_application_name");
    values.push_back("quotawatch");
    keys.push_back(nullptr);
    values.push_back(nullptr);
    PgConnPtr conn(PQconnectdbParams(keys.data(), values.data(), 0));
    if (!conn || PQstatus(conn.get()) != CONNECTION_OK) {
        out.error = first_line(conn ? PQerrorMessage(conn.get()) : "out of memory");
        return out;
    }
    PQsetNoticeProcessor(conn.get(), ignore_notice, nullptr);
    const std::string set_timeout =
        "SET LOCAL statement_timeout = " + std::to_string(timeout_seconds * 1000);
    for (const char* setup : {"BEGIN READ ONLY", set_timeout.c_str(),
                              "SET LOCAL DateStyle = ISO", "SET LOCAL TimeZone = 'UTC'"}) {
        if (std::string why = command(conn.get(), setup); !why.empty()) {
            out.error = why;
            return out;
        }
    }
    PgResultPtr res(PQexecParams(conn.get(), sql.c_str(), 0, nullptr, nullptr, nullptr,
                                 nullptr, 0));
    if (PQresultStatus(res.get()) != PGRES_TUPLES_OK) {
        const char* primary = res ? PQresultErrorField(res.get(), PG_DIAG_MESSAGE_PRIMARY)
                                  : nullptr;
        if (res && PQresultStatus(res.get()) == PGRES_COMMAND_OK)
            out.error = "the query returned no result set";
        else
            out.error = first_line(primary ? primary : PQerrorMessage(conn.get()));
        return out;
    }
    const int ncols = PQnfields(res.get());
    for (int c = 0; c < ncols; ++c)
        out.columns.push_back(PQfname(res.get(), c));
    for (int r = 0; r < PQntuples(res.get()); ++r) {
        auto& row = out.rows.emplace_back();
        for (int c = 0; c < ncols; ++c) {
            if (PQgetisnull(res.get(), r, c))
                row.emplace_back();
            else
                row.emplace_back(std::string(PQgetvalue(res.get(), r, c),
                                             PQgetlength(res.get(), r, c)));
        }
    }
    command(conn.get(), "ROLLBACK");
    return out;
}

}  // namespace qw

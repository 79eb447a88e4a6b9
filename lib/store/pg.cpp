#include "store/pg.h"

#include "handle.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <memory>
#include <poll.h>

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

using Clock = std::chrono::steady_clock;

// Waits until c's socket is ready for events or the deadline passes; false
// when it passed (a server or pooler that accepted and went silent).
bool wait_socket(PGconn* c, short events, Clock::time_point deadline)
{
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - Clock::now()).count();
        if (left <= 0)
            return false;
        pollfd p{PQsocket(c), events, 0};
        const int n = ::poll(&p, 1, static_cast<int>(left));
        if (n > 0)
            return true;
        if (n < 0 && errno != EINTR)
            return true;                      // libpq will find the error itself
    }
}

// Connects without blocking past the deadline.
PGconn* connect(const char* const* keys, const char* const* values, Clock::time_point deadline,
                std::string& why)
{
    PGconn* c = PQconnectStartParams(keys, values, 0);
    if (!c || PQstatus(c) == CONNECTION_BAD)
        return c;
    for (PostgresPollingStatusType st = PGRES_POLLING_WRITING;;) {
        if (st == PGRES_POLLING_OK || st == PGRES_POLLING_FAILED)
            return c;
        if (!wait_socket(c, st == PGRES_POLLING_READING ? POLLIN : POLLOUT, deadline)) {
            why = "the server accepted the connection but did not finish it within --timeout";
            return c;
        }
        st = PQconnectPoll(c);
    }
}

// The result of one statement sent with PQsendQuery*, the deadline kept:
// nothing, with why set, when it passed.
PgResultPtr result(PGconn* c, Clock::time_point deadline, std::string& why)
{
    PgResultPtr last;
    for (;;) {
        while (PQisBusy(c)) {
            if (!wait_socket(c, POLLIN, deadline)) {
                why = "no answer from the server within --timeout";
                return nullptr;
            }
            if (!PQconsumeInput(c))
                return last;
        }
        PGresult* r = PQgetResult(c);
        if (!r)
            return last;
        last.reset(r);
    }
}

// Runs one command that returns no rows; empty on success, else why not.
std::string command(PGconn* c, const char* sql, Clock::time_point deadline)
{
    std::string why;
    if (!PQsendQuery(c, sql))
        return first_line(PQerrorMessage(c));
    PgResultPtr r = result(c, deadline, why);
    if (!why.empty())
        return why;
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
    // One deadline for all of it: libpq's blocking calls waited forever on a
    // server (or pooler) that accepted the connection and then said nothing.
    // At the deadline the connection is closed, which ends the query.
    const auto deadline = Clock::now() + std::chrono::seconds(timeout_seconds);
    std::string why;
    PgConnPtr conn(connect(keys.data(), values.data(), deadline, why));
    if (!why.empty() || !conn || PQstatus(conn.get()) != CONNECTION_OK) {
        out.error = !why.empty() ? why
                                 : first_line(conn ? PQerrorMessage(conn.get()) : "out of memory");
        return out;
    }
    PQsetNoticeProcessor(conn.get(), ignore_notice, nullptr);
    // The server's own timeout comes first, so that a live server says why
    // (canceling statement due to statement timeout) before the deadline.
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - Clock::now()).count();
    const std::string set_timeout =
        "SET LOCAL statement_timeout = " + std::to_string(std::max<long long>(1, left - 250));
    for (const char* setup : {"BEGIN READ ONLY", set_timeout.c_str(),
                              "SET LOCAL DateStyle = ISO", "SET LOCAL TimeZone = 'UTC'"}) {
        if (std::string failed = command(conn.get(), setup, deadline); !failed.empty()) {
            out.error = failed;
            return out;
        }
    }
    if (!PQsendQueryParams(conn.get(), sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0)) {
        out.error = first_line(PQerrorMessage(conn.get()));
        return out;
    }
    PgResultPtr res = result(conn.get(), deadline, why);
    if (!why.empty()) {
        out.error = why;
        return out;
    }
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
    command(conn.get(), "ROLLBACK", deadline);
    return out;
}

}  // namespace qw

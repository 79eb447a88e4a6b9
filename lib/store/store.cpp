#include "store/store.h"

#include "display.h"
#include "error.h"
#include "events.h"
#include "json.h"
#include "json_writer.h"
#include "parts.h"
#include "redact.h"
#include "store/store_migrate.h"
#include "timeutil.h"

#include <sqlite3.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <thread>

namespace qw {

const char* const snapshot_columns =
    "timestamp, provider, account, kind, \"window\", currency, used, remaining, \"limit\", "
    "used_pct, resets_at, parts, as_of, status, error, level, reason";

const char* const same_unit_sql =
    "(kind NOT IN ('balance', 'budget', 'spend') OR IFNULL(currency, '') IN (?6, ''))";

namespace {

constexpr int default_busy_timeout_ms = 60000;  // how long a writer waits for another

// QUOTAWATCH_BUSY_TIMEOUT: milliseconds, 0 to 3,600,000; the default when unset.
int busy_timeout_ms()
{
    const char* v = std::getenv("QUOTAWATCH_BUSY_TIMEOUT");
    if (!v || !*v)
        return default_busy_timeout_ms;
    int ms = 0;
    auto [end, ec] = std::from_chars(v, v + std::strlen(v), ms);
    if (ec != std::errc() || *end || ms < 0 || ms > 3600000)
        throw Error(std::string("QUOTAWATCH_BUSY_TIMEOUT: \"") + v +
                    "\" is not a number of milliseconds (0 to 3600000)");
    return ms;
}

void make_parent_dir(const std::string& path)
{
    size_t slash = path.rfind('/');
    if (slash == std::string::npos || slash == 0)
        return;
    std::string dir = path.substr(0, slash);
    make_parent_dir(dir);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
        throw Error(dir + ": cannot create directory: " + std::strerror(errno));
}

void parts_json(const Record& r, std::string& out)
{
    out.clear();
    if (r.parts.empty())
        return;
    JsonWriter w(out);
    w.begin_object();
    for (const Part& p : r.parts)
        w.field(p.name, p.value);
    w.end_object();
}

}  // namespace

void bind_text(sqlite3_stmt* s, int i, const std::string& v)
{
    if (v.empty())
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}

void bind_number(sqlite3_stmt* s, int i, const std::optional<double>& v)
{
    if (v)
        sqlite3_bind_double(s, i, *v);
    else
        sqlite3_bind_null(s, i);
}

std::string column_text(sqlite3_stmt* s, int i)
{
    const unsigned char* t = sqlite3_column_text(s, i);
    return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(s, i))
             : std::string();
}

std::optional<double> column_number(sqlite3_stmt* s, int i)
{
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        return std::nullopt;
    return sqlite3_column_double(s, i);
}

void read_snapshot(sqlite3_stmt* s, Record& r)
{
    r.clear();
    r.ts = column_text(s, 0);
    r.provider = column_text(s, 1);
    r.account = column_text(s, 2);
    r.kind = column_text(s, 3);
    r.window = column_text(s, 4);
    r.unit = column_text(s, 5);
    r.used = column_number(s, 6);
    r.remaining = column_number(s, 7);
    r.limit = column_number(s, 8);
    r.used_pct = column_number(s, 9);
    r.resets_at = column_text(s, 10);
    Json parts;
    std::string err;
    if (std::string p = column_text(s, 11); !p.empty() && parse_json(p, parts, &err))
        for (const auto& [name, v] : parts.members)
            if (auto d = v.as_number())
                r.parts.push_back({std::string(current_part_name(name)), *d});
    r.as_of = column_text(s, 12);
    r.status = column_text(s, 13);
    r.error = column_text(s, 14);
    r.level = column_text(s, 15);
    r.reason = column_text(s, 16);
}

Store::Store(const std::string& path, std::span<const Migration> list)
    : path_(path), busy_ms_(busy_timeout_ms())
{
    // Either would store nothing and end as if all went well.
    if (path.empty())
        throw Error("the database path is empty (--db ''): name the database file");
    if (path == ":memory:" || (path.rfind("file:", 0) == 0 &&
                               (path.find(":memory:") != std::string::npos ||
                                path.find("mode=memory") != std::string::npos)))
        throw Error(path + ": a database in memory keeps nothing; name the database file");
    // Every tool uses SQLite from one thread: no mutexes and no memory
    // statistics (they were a twentieth of a long record run).  Only
    // possible before SQLite starts, so at the first Store.
    static const bool configured = sqlite3_config(SQLITE_CONFIG_SINGLETHREAD) == SQLITE_OK &&
                                   sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    (void)configured;
    make_parent_dir(path);
    // db_ is a member: a constructor that throws after this closes it too.
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    db_.reset(raw);
    if (rc != SQLITE_OK)
        fail("cannot open database");
    sqlite3_busy_timeout(db_.get(), busy_ms_);
    use_wal();
    exec("PRAGMA synchronous=NORMAL");
    exec("PRAGMA foreign_keys=ON");
    exec("PRAGMA cache_size=-4096");        // 4 MiB: a big run's indexes stay in memory
    migrate(*this, list);
}

Store::~Store() = default;

void Store::use_wal()
{
    // Two processes creating the database at once each hold a read lock and
    // want a write lock to switch it to WAL; SQLite answers one of them
    // SQLITE_BUSY at once instead of waiting (that would deadlock), so the
    // loser waits a little and asks again, within the busy timeout.
    for (int waited = 0;; waited += 10) {
        int rc = sqlite3_exec(db_.get(), "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
        if (rc == SQLITE_OK)
            return;
        if (rc != SQLITE_BUSY || waited >= busy_ms_)
            fail("cannot switch to WAL");
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

void Store::fail(const std::string& what)
{
    throw Error(path_ + ": " + what + ": " + (db_ ? sqlite3_errmsg(db_.get()) : "out of memory"));
}

void Store::exec(const char* sql)
{
    char* msg = nullptr;
    if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, &msg) != SQLITE_OK) {
        std::string m = msg ? msg : "unknown error";
        sqlite3_free(msg);
        throw Error(path_ + ": " + m);
    }
}

Stmt Store::prepare(const char* sql)
{
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql, -1, &s, nullptr) != SQLITE_OK)
        fail("cannot prepare a statement");
    return Stmt(s);
}

int Store::schema_version()
{
    Stmt s = prepare("PRAGMA user_version");
    if (sqlite3_step(s.get()) != SQLITE_ROW)
        fail("cannot read the schema version");
    return sqlite3_column_int(s.get(), 0);
}

void Store::begin()
{
    exec("BEGIN IMMEDIATE");
}

void Store::commit()
{
    exec("COMMIT");
}

void Store::rollback() noexcept
{
    sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Store::insert(const Record& given)
{
    // A tool that holds a secret stores none, in any field.
    std::optional<Record> copy;
    if (holds_secrets()) {
        copy = given;
        for (std::string* s : {&copy->ts, &copy->provider, &copy->account, &copy->kind,
                               &copy->window, &copy->unit, &copy->resets_at, &copy->as_of,
                               &copy->status, &copy->error, &copy->level, &copy->reason})
            redact_secrets(*s);
        for (Part& p : copy->parts)
            redact_secrets(p.name);
    }
    const Record& r = copy ? *copy : given;
    if (!insert_)
        insert_ = prepare(
            "INSERT INTO usage_snapshots (timestamp, provider, account, kind, \"window\", "
            "currency, used, remaining, \"limit\", used_pct, resets_at, parts, as_of, status, "
            "error, level, reason, window_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    sqlite3_stmt* s = insert_.get();
    parts_json(r, parts_);
    ts_ = r.ts.empty() ? format_rfc3339(now()) : utc_text(r.ts);   // stored as UTC
    if (ts_.empty())
        throw Error(path_ + ": \"" + one_line(r.ts) + "\" is not an RFC 3339 time");
    bind_text(s, 1, ts_);
    sqlite3_bind_text(s, 2, r.provider.empty() ? "unknown" : r.provider.c_str(), -1,
                      SQLITE_STATIC);
    sqlite3_bind_text(s, 3, r.account.empty() ? "default" : r.account.c_str(), -1,
                      SQLITE_STATIC);
    sqlite3_bind_text(s, 4, r.kind.empty() ? "balance" : r.kind.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, r.window.c_str(), -1, SQLITE_STATIC);
    bind_text(s, 6, r.unit);
    bind_number(s, 7, r.used);
    bind_number(s, 8, r.remaining);
    bind_number(s, 9, r.limit);
    bind_number(s, 10, r.used_pct);
    bind_text(s, 11, r.resets_at);
    bind_text(s, 12, parts_);
    bind_text(s, 13, r.as_of);
    sqlite3_bind_text(s, 14, r.status.empty() ? "ok" : r.status.c_str(), -1, SQLITE_STATIC);
    bind_text(s, 15, r.error);
    bind_text(s, 16, r.level);
    bind_text(s, 17, r.reason);
    std::string counted;
    if (kind_of(r) == Kind::quota && (status_of(r) == Status::none || status_of(r) == Status::ok))
        counted = last(r, prev_, &end_) ? next_change(prev_, end_, r).window_end : r.resets_at;
    bind_text(s, 18, counted);
    int rc = sqlite3_step(s);                    // every parameter is bound again next time
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        fail("cannot write a record");
}

bool Store::last(const Record& r, Record& out, std::string* window_end)
{
    if (!last_)
        last_ = prepare((std::string("SELECT ") + snapshot_columns + ", window_end" +
                         " FROM usage_snapshots WHERE provider = ?1 AND account = ?2 AND kind = ?3 "
                         "AND \"window\" = ?4 AND " + same_unit_sql + " AND status = 'ok' "
                         "AND timestamp < ?5 ORDER BY timestamp DESC, id DESC LIMIT 1")
                            .c_str());
    sqlite3_stmt* s = last_.get();
    std::string ts = r.ts.empty() ? std::string("9999") : utc_text(r.ts);
    if (ts.empty())
        ts = "9999";
    sqlite3_bind_text(s, 1, r.provider.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, r.account.empty() ? "default" : r.account.c_str(), -1,
                      SQLITE_STATIC);
    sqlite3_bind_text(s, 3, r.kind.empty() ? "balance" : r.kind.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, r.window.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, ts.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, r.unit.c_str(), -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    bool found = rc == SQLITE_ROW;
    if (found) {
        read_snapshot(s, out);
        if (window_end)
            *window_end = column_text(s, 17);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        fail("cannot read the history");
    return found;
}

}  // namespace qw

// The SQLite history (DESIGN.md §5): WAL, a busy timeout, numbered
// migrations on PRAGMA user_version, seed 003's usage_snapshots kept.
#pragma once
#include "handle.h"
#include "record.h"
#include "store/store_migrate.h"

#include <cstdint>
#include <memory>
#include <string>

// SQLite's handles and the two functions that free them, declared as
// sqlite3.h does, so that only the store modules include sqlite3.h.
struct sqlite3;
struct sqlite3_stmt;
extern "C" int sqlite3_close(sqlite3*);
extern "C" int sqlite3_finalize(sqlite3_stmt*);

namespace qw {

// A prepared statement, finalised when it goes; the database, closed.
using Stmt = std::unique_ptr<sqlite3_stmt, Deleter<sqlite3_finalize>>;
using Db = std::unique_ptr<sqlite3, Deleter<sqlite3_close>>;

class Store {
public:
    // Opens (creating it and its directory when missing) and migrates with
    // list.  Throws Error naming the path when it cannot, and for an empty
    // path or a database in memory (they would keep nothing).
    explicit Store(const std::string& path, std::span<const Migration> list = migrations());
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    void begin();                 // BEGIN IMMEDIATE: takes the write lock now
    void commit();
    void rollback() noexcept;
    // Runs fn in one write transaction: committed when fn returns, rolled
    // back when it throws (and the exception goes on).
    template <class Fn>
    void transaction(Fn fn)
    {
        begin();
        try {
            fn();
            commit();
        } catch (...) {
            rollback();
            throw;
        }
    }

    // Appends one record to usage_snapshots (prepared once, reused), with
    // a quota's window_end counted against the series' newest observation.
    void insert(const Record& r);
    // The newest recorded observation of r's series, older than r.ts when
    // it has one, and the end of the window it was counted in ("" for rows
    // stored before schema version 6); false when there is none.
    bool last(const Record& r, Record& out, std::string* window_end = nullptr);

    int schema_version();
    Stmt prepare(const char* sql);
    void exec(const char* sql);
    [[noreturn]] void fail(const std::string& what);
    sqlite3* handle() { return db_.get(); }
    const std::string& path() const { return path_; }

private:
    void use_wal();
    std::string path_;
    Db db_;                                  // before the statements: closed after them
    int busy_ms_ = 0;                        // QUOTAWATCH_BUSY_TIMEOUT, else 60 s
    Stmt insert_, last_;
    std::string parts_, ts_, end_;           // insert's buffers, reused row after row
    Record prev_;
};

// Binding and reading helpers shared by the store modules.
void bind_text(sqlite3_stmt* s, int i, const std::string& v);
void bind_number(sqlite3_stmt* s, int i, const std::optional<double>& v);
std::string column_text(sqlite3_stmt* s, int i);
std::optional<double> column_number(sqlite3_stmt* s, int i);

// Fills r from a row whose first 17 columns are snapshot_columns.
void read_snapshot(sqlite3_stmt* s, Record& r);
extern const char* const snapshot_columns;

// The SQL condition that a row is of the series whose unit is bound as ?6
// (as text, "" for none): true for the kinds whose series have no unit
// (unit_in_series), else the row's currency must be it, or none: a row
// without a unit (a failed fetch, which knows no currency) stands for every
// currency of its provider, account, kind and window.
extern const char* const same_unit_sql;

}  // namespace qw

#include "store_migrate.h"

#include "error.h"
#include "store.h"

#include <sqlite3.h>

#include <cstring>
#include <string>

namespace qw {

namespace {

// Version 1: seed 003's usage_snapshots with the columns a record carries.
// A seed-003 monitor.db is adopted: its table gains only the columns it lacks.
void snapshots_table(Store& store)
{
    static const char* const statements[] = {
        R"(CREATE TABLE IF NOT EXISTS usage_snapshots (
               id INTEGER PRIMARY KEY AUTOINCREMENT,
               timestamp TEXT NOT NULL,
               provider TEXT NOT NULL,
               used REAL,
               remaining REAL,
               currency TEXT DEFAULT 'USD',
               status TEXT DEFAULT 'ok'))",
        "CREATE INDEX IF NOT EXISTS idx_snap_ts ON usage_snapshots(timestamp)",
        "CREATE INDEX IF NOT EXISTS idx_snap_provider ON usage_snapshots(provider)",
        "ALTER TABLE usage_snapshots ADD COLUMN account TEXT NOT NULL DEFAULT 'default'",
        "ALTER TABLE usage_snapshots ADD COLUMN kind TEXT NOT NULL DEFAULT 'balance'",
        R"(ALTER TABLE usage_snapshots ADD COLUMN "window" TEXT NOT NULL DEFAULT '')",
        R"(ALTER TABLE usage_snapshots ADD COLUMN "limit" REAL)",
        "ALTER TABLE usage_snapshots ADD COLUMN used_pct REAL",
        "ALTER TABLE usage_snapshots ADD COLUMN resets_at TEXT",
        "ALTER TABLE usage_snapshots ADD COLUMN parts TEXT",
        "ALTER TABLE usage_snapshots ADD COLUMN as_of TEXT",
        "ALTER TABLE usage_snapshots ADD COLUMN error TEXT",
        "ALTER TABLE usage_snapshots ADD COLUMN level TEXT",
        "ALTER TABLE usage_snapshots ADD COLUMN reason TEXT",
        R"(CREATE INDEX IF NOT EXISTS idx_snap_series
               ON usage_snapshots(provider, account, kind, "window", timestamp))",
    };
    Stmt has = store.prepare("SELECT 1 FROM pragma_table_info('usage_snapshots') WHERE name = ?");
    for (const char* sql : statements) {
        if (const char* col = std::strstr(sql, "ADD COLUMN ")) {
            std::string name(col + 11, std::strcspn(col + 11, " "));
            if (name.front() == '"')
                name = name.substr(1, name.size() - 2);
            bind_text(has.get(), 1, name);
            const bool there = sqlite3_step(has.get()) == SQLITE_ROW;
            sqlite3_reset(has.get());
            if (there)
                continue;
        }
        store.exec(sql);
    }
}

// Version 2: what each notification channel last delivered, per series: the
// level and when (NULL until a delivery succeeds), whether a stale notice
// went out, and the events a failed delivery still owes.
void notify_state(Store& store)
{
    store.exec(R"(CREATE TABLE notify_state (
                      channel TEXT NOT NULL,
                      series TEXT NOT NULL,
                      level TEXT,
                      sent_at TEXT,
                      stale INTEGER NOT NULL DEFAULT 0,
                      pending TEXT NOT NULL DEFAULT '',
                      PRIMARY KEY (channel, series)))");
}

// Version 3: idx_snap_series begins with provider: seed 003's provider index
// only slowed every insert (by a tenth).
void drop_provider_index(Store& store)
{
    store.exec("DROP INDEX IF EXISTS idx_snap_provider");
}

// Version 4 (issue 19): how many consecutive runs of its provider and
// account a remembered series has been absent from; at 3 it is forgotten.
void notify_absent(Store& store)
{
    store.exec("ALTER TABLE notify_state ADD COLUMN absent INTEGER NOT NULL DEFAULT 0");
}

const Migration all[] = {snapshots_table, notify_state, drop_provider_index, notify_absent};

void refuse_newer(Store& store, int version, size_t known)
{
    if (version > static_cast<int>(known))
        throw Error(store.path() + ": schema version " + std::to_string(version) +
                    " is newer than this quotawatch " QUOTAWATCH_VERSION " knows (" +
                    std::to_string(known) + "); use the newer quotawatch that wrote it");
}

}  // namespace

std::span<const Migration> migrations()
{
    return all;
}

void migrate(Store& store, std::span<const Migration> list)
{
    const int known = static_cast<int>(list.size());
    for (int version = store.schema_version();;) {
        refuse_newer(store, version, list.size());
        if (version == known)
            return;
        store.begin();
        try {
            version = store.schema_version();   // another process may have migrated
            if (version < known) {
                list[version](store);
                ++version;
                store.exec(("PRAGMA user_version = " + std::to_string(version)).c_str());
            }
            store.commit();
        } catch (...) {
            store.rollback();
            throw;
        }
    }
}

}  // namespace qw

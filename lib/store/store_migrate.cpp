#include "store/store_migrate.h"
#include "store/store_migrate_rows.h"

#include "error.h"
#include "record.h"
#include "store/store.h"
#include "timeutil.h"

#include <sqlite3.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

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

// Version 5 (issue 20): every timestamp in UTC, as record now stores them, so
// that text order is time order.  Offsets (+08:00) are converted; seed 003's
// zone-less times are left to version 8, which keeps them as written; what
// is no time at all (0.1.0 stored "not a time" as written) is set aside, kept
// in usage_snapshots_set_aside and out of every question's way.
void utc_timestamps(Store& store)
{
    store.exec("CREATE TABLE usage_snapshots_set_aside AS "
               "SELECT * FROM usage_snapshots WHERE 0");
    std::vector<std::pair<int64_t, std::string>> found;
    {
        Stmt q = store.prepare("SELECT id, timestamp FROM usage_snapshots WHERE timestamp NOT GLOB "
                               "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T"
                               "[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'");
        int rc;
        while ((rc = sqlite3_step(q.get())) == SQLITE_ROW)
            found.emplace_back(sqlite3_column_int64(q.get(), 0), column_text(q.get(), 1));
        if (rc != SQLITE_DONE)
            store.fail("cannot read the timestamps");
    }
    Stmt update = store.prepare("UPDATE usage_snapshots SET timestamp = ? WHERE id = ?");
    Stmt aside = store.prepare("INSERT INTO usage_snapshots_set_aside "
                               "SELECT * FROM usage_snapshots WHERE id = ?");
    Stmt remove = store.prepare("DELETE FROM usage_snapshots WHERE id = ?");
    for (const auto& [id, text] : found) {
        const std::string utc = utc_text(text);
        if (utc.empty() && parse_zoneless_time(text))
            continue;
        std::vector<sqlite3_stmt*> steps;
        if (!utc.empty()) {
            bind_text(update.get(), 1, utc);
            sqlite3_bind_int64(update.get(), 2, id);
            steps = {update.get()};
        } else {
            sqlite3_bind_int64(aside.get(), 1, id);
            sqlite3_bind_int64(remove.get(), 1, id);
            steps = {aside.get(), remove.get()};
        }
        for (sqlite3_stmt* s : steps) {
            const int rc = sqlite3_step(s);
            sqlite3_reset(s);
            if (rc != SQLITE_DONE)
                store.fail("cannot convert the timestamps to UTC");
        }
    }
}

// Version 6 (issue 19): the end of the window each quota observation was
// counted in (events.h, next_change), so that one reset is one event when
// the provider shows the old resets_at after the reset (NULL in older rows:
// their resets_at stands for it); and the parts of a message of several
// (Discord's) that went out before a later part failed, by digest, so that
// the next run does not send them again.
void window_end(Store& store)
{
    store.exec("ALTER TABLE usage_snapshots ADD COLUMN window_end TEXT");
    store.exec(R"(CREATE TABLE notify_parts (
                      channel TEXT NOT NULL,
                      digest TEXT NOT NULL,
                      PRIMARY KEY (channel, digest)))");
}

// Version 7 (issue 22): mail a recipient refused for now (4xx), owed to it
// alone: the message as first sent and since when, offered again on each run
// until the recipient takes it or refuses it for good.
void notify_owed(Store& store)
{
    store.exec(R"(CREATE TABLE notify_owed (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      channel TEXT NOT NULL,
                      recipient TEXT NOT NULL,
                      since TEXT NOT NULL,
                      message TEXT NOT NULL))");
}

// Version 11 (issue 28, notify-alertmanager): since when each
// channel has delivered a series at its level, so that notify-alertmanager
// keeps an alert's startsAt from its first firing run.  NULL in older rows:
// the next delivery at a new level sets it; one at the same level, now.
void notify_since(Store& store)
{
    store.exec("ALTER TABLE notify_state ADD COLUMN since TEXT");
}

const Migration all[] = {snapshots_table, notify_state, drop_provider_index, notify_absent,
                         utc_timestamps, window_end, notify_owed, seed_003_rows,
                         unit_in_identity, event_tallies, notify_since, hour_tallies};

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
        store.transaction([&] {
            version = store.schema_version();   // another process may have migrated
            if (version < known) {
                list[version](store);
                ++version;
                store.exec(("PRAGMA user_version = " + std::to_string(version)).c_str());
            }
        });
    }
}

}  // namespace qw

#include "store_migrate.h"

#include "error.h"
#include "json_writer.h"
#include "record.h"
#include "registry.h"
#include "store.h"
#include "timeutil.h"

#include <sqlite3.h>

#include <cctype>
#include <cstring>
#include <strings.h>
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

// Seed 003's name of a provider (GLM, MiniMax, Anthropic, Codex/OpenAI): the
// registry's id it names, in any case; as written when it names none.
std::string registry_provider(const std::string& written)
{
    for (const ProviderEntry& e : provider_registry())
        if (strcasecmp(written.c_str(), e.provider) == 0 || strcasecmp(written.c_str(), e.name) == 0)
            return e.provider;
    return written;
}

// Seed 003's status (its alert column) as ours and the level it says:
// warning and critical are observations judged so, info is no balance (na).
std::pair<std::string, std::string> our_status(const std::string& written)
{
    std::string s = written;
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (s == "warning" || s == "critical")
        return {"ok", s};
    if (s == "info")
        return {"na", ""};
    if (s == "ok" || s == "error" || s == "skipped" || s == "na")
        return {s, ""};
    return {written, ""};
}

// Version 8 (issue 24): seed 003's own rows adopted as its monitor.py wrote
// them.  Zone-less times (2026-02-12 16:30:00, or isoformat()'s
// 2026-02-12T16:30:00.250000) read in the local time zone (TZ) and stored in
// UTC; provider names as the registry's ids (GLM: glm); statuses as ours
// (warning: ok with level warning, info: na).  A row it changes keeps what
// was written in the new column "written", {"timestamp","provider","status"}.
void seed_003_rows(Store& store)
{
    store.exec("ALTER TABLE usage_snapshots ADD COLUMN written TEXT");
    struct Row {
        int64_t id;
        std::string timestamp, provider, status;
    };
    std::vector<Row> rows;
    {
        Stmt q = store.prepare("SELECT id, timestamp, provider, status FROM usage_snapshots "
                               "WHERE timestamp NOT GLOB '*Z' OR provider <> lower(provider) "
                               "OR status NOT IN ('ok', 'error', 'skipped', 'na')");
        int rc;
        while ((rc = sqlite3_step(q.get())) == SQLITE_ROW)
            rows.push_back({sqlite3_column_int64(q.get(), 0), column_text(q.get(), 1),
                            column_text(q.get(), 2), column_text(q.get(), 3)});
        if (rc != SQLITE_DONE)
            store.fail("cannot read seed 003's rows");
    }
    Stmt update = store.prepare("UPDATE usage_snapshots SET timestamp = ?, provider = ?, "
                                "status = ?, level = coalesce(level, ?), written = ? WHERE id = ?");
    for (const Row& row : rows) {
        std::string ts = row.timestamp;
        if (auto t = parse_zoneless_time(ts))
            ts = format_rfc3339(*t);
        const std::string provider = registry_provider(row.provider);
        const auto [status, level] = our_status(row.status);
        if (ts == row.timestamp && provider == row.provider && status == row.status)
            continue;
        std::string written = "{\"timestamp\":";
        append_json_string(written, row.timestamp);
        written += ",\"provider\":";
        append_json_string(written, row.provider);
        written += ",\"status\":";
        append_json_string(written, row.status);
        written += '}';
        bind_text(update.get(), 1, ts);
        bind_text(update.get(), 2, provider);
        bind_text(update.get(), 3, status);
        bind_text(update.get(), 4, level);
        bind_text(update.get(), 5, written);
        sqlite3_bind_int64(update.get(), 6, row.id);
        const int rc = sqlite3_step(update.get());
        sqlite3_reset(update.get());
        if (rc != SQLITE_DONE)
            store.fail("cannot adopt seed 003's rows");
    }
}

// The key a remembered series has from version 9 on (issue 25), from its
// old key "provider/account/kind/window": MiniMax's 4h interval is 5h; a money
// series gains "/unit", the unit of its newest snapshot at the remembered
// level (or of its newest at all; "" when none); DeepSeek's currency moves
// from its window to its unit.
std::string new_key(Store& store, Stmt& unit_of, const std::string& key,
                    const std::string& level)
{
    std::string f[4];
    size_t pos = 0;
    for (int i = 0; i < 4; ++i) {
        size_t slash = i < 3 ? key.find('/', pos) : key.size();
        if (slash == std::string::npos)
            return key;                                  // not a series key
        f[i] = key.substr(pos, slash - pos);
        pos = slash + 1;
    }
    const std::string series = f[0] + '/' + f[1] + '/' + f[2] + '/';
    if (f[0] == "minimax" && f[2] == "quota" &&
        (f[3] == "4h" || (f[3].size() > 3 && f[3].ends_with("-4h"))))
        return series + f[3].substr(0, f[3].size() - 2) + "5h";
    if (!unit_in_series(f[2]))
        return key;
    if (f[0] == "deepseek" && !f[3].empty())
        return series + '/' + f[3];
    sqlite3_stmt* s = unit_of.get();
    for (int i = 0; i < 4; ++i)
        sqlite3_bind_text(s, i + 1, f[i].c_str(), -1, SQLITE_TRANSIENT);
    bind_text(s, 5, level);
    const int rc = sqlite3_step(s);
    std::string unit = rc == SQLITE_ROW ? column_text(s, 0) : std::string();
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        store.fail("cannot read the units of the remembered series");
    return key + '/' + unit;
}

// Version 9 (issue 25): the unit joins the
// series of the money kinds (DESIGN.md §2 as revised on 2026-12-01), with a
// partial index to list a money series' currencies.  DeepSeek's currency
// leaves its window (the unit already held it); MiniMax's interval window
// "4h", a Token Plan's 5-hour window, is "5h" in every lane.  The notifiers'
// memory follows, so the first run after the upgrade sends nothing new; a
// lane remembered as both 4h and 5h keeps its 4h memory, the newer one.
void unit_in_identity(Store& store)
{
    store.exec(R"(CREATE INDEX idx_snap_money ON usage_snapshots
                      (provider, account, kind, "window", currency, timestamp)
                  WHERE kind IN ('balance', 'budget', 'spend'))");
    store.exec(R"(UPDATE usage_snapshots SET currency = IFNULL(currency, "window"), "window" = ''
                  WHERE provider = 'deepseek' AND kind = 'balance' AND "window" <> '')");
    store.exec(R"(UPDATE usage_snapshots
                  SET "window" = substr("window", 1, length("window") - 2) || '5h'
                  WHERE provider = 'minimax' AND kind = 'quota'
                    AND ("window" = '4h' OR "window" GLOB '?*-4h'))");
    struct Memory {
        std::string channel, key, level;
    };
    std::vector<Memory> rows;
    {
        Stmt q = store.prepare("SELECT channel, series, IFNULL(level, '') FROM notify_state");
        int rc;
        while ((rc = sqlite3_step(q.get())) == SQLITE_ROW)
            rows.push_back({column_text(q.get(), 0), column_text(q.get(), 1),
                            column_text(q.get(), 2)});
        if (rc != SQLITE_DONE)
            store.fail("cannot read the delivery memory");
    }
    Stmt unit_of = store.prepare(
        R"(SELECT IFNULL(currency, '') FROM usage_snapshots WHERE provider = ?1
           AND account = ?2 AND kind = ?3 AND "window" = ?4
           ORDER BY level IS ?5 DESC, timestamp DESC, id DESC LIMIT 1)");
    Stmt drop = store.prepare("DELETE FROM notify_state WHERE channel = ?1 AND series = ?2");
    Stmt rename = store.prepare(
        "UPDATE notify_state SET series = ?2 WHERE channel = ?1 AND series = ?3");
    for (const Memory& m : rows) {
        const std::string key = new_key(store, unit_of, m.key, m.level);
        if (key == m.key)
            continue;
        for (sqlite3_stmt* s : {drop.get(), rename.get()}) {
            bind_text(s, 1, m.channel);
            bind_text(s, 2, key);
            if (s == rename.get())
                bind_text(s, 3, m.key);
            const int rc = sqlite3_step(s);
            sqlite3_reset(s);
            if (rc != SQLITE_DONE)
                store.fail("cannot rename the remembered series");
        }
    }
}

const Migration all[] = {snapshots_table, notify_state, drop_provider_index, notify_absent,
                         utc_timestamps, window_end, notify_owed, seed_003_rows,
                         unit_in_identity};

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

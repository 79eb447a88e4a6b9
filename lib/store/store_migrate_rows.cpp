// The migrations that rewrite stored rows: seed 003's own (version 8) and
// the unit in a money series' identity (version 9); and the event tallies
// (version 10) and hourly tallies (version 12).
#include "store/store_migrate_rows.h"

#include "error.h"
#include "json_writer.h"
#include "record.h"
#include "registry.h"
#include "store/store.h"
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

}  // namespace

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

// Version 10 (issue 28): per series, the reset and top-up events counted so
// far and the timestamp of the newest snapshot counted (store_tally.h), so
// that the metrics' counters read only newer rows and never go down when
// record --keep prunes the rows they were counted in.
void event_tallies(Store& store)
{
    store.exec(R"(CREATE TABLE series_events (
                      series TEXT PRIMARY KEY,
                      counted_to TEXT NOT NULL,
                      resets INTEGER NOT NULL DEFAULT 0,
                      topups INTEGER NOT NULL DEFAULT 0))");
}

// Version 12 (issue 27): per series and hour, what SeriesSummary took in
// it (hours.h), for the dashboard's long periods; and in series_events,
// hours_to, the newest snapshot tallied by the hour (NULL: none yet, so the
// next tally reads the series from its first row, counting again only the
// events after counted_to).  Kept when record --keep prunes.
void hour_tallies(Store& store)
{
    store.exec(R"(CREATE TABLE series_hours (
                      series TEXT NOT NULL,
                      hour INTEGER NOT NULL,
                      samples INTEGER NOT NULL,
                      first_t INTEGER NOT NULL,
                      first REAL NOT NULL,
                      last_t INTEGER NOT NULL,
                      last REAL NOT NULL,
                      lo REAL NOT NULL,
                      hi REAL NOT NULL,
                      entry REAL NOT NULL,
                      entry_event TEXT NOT NULL,
                      usage REAL NOT NULL,
                      resets INTEGER NOT NULL,
                      topups INTEGER NOT NULL,
                      reset_t INTEGER NOT NULL,
                      topup_t INTEGER NOT NULL,
                      PRIMARY KEY (series, hour)) WITHOUT ROWID)");
    store.exec("ALTER TABLE series_events ADD COLUMN hours_to TEXT");
}

}  // namespace qw

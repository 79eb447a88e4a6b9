#include "store/store_notify.h"

#include "timeutil.h"

#include <sqlite3.h>

#include <algorithm>

namespace qw {

namespace {

std::string joined(const std::vector<std::string>& events)
{
    std::string out;
    for (const std::string& e : events)
        out += (out.empty() ? "" : ",") + e;
    return out;
}

bool has(const std::vector<std::string>& v, const char* s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}

void step(Store& store, sqlite3_stmt* s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        store.fail("cannot write the delivery memory");
}

}  // namespace

NotifyStore::NotifyStore(Store& store, std::string channel)
    : store_(store), channel_(std::move(channel))
{
}

Memory NotifyStore::load()
{
    Memory m;
    Stmt s = store_.prepare(
        "SELECT series, level, sent_at, stale, pending, absent, since FROM notify_state "
        "WHERE channel = ?");
    bind_text(s.get(), 1, channel_);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
        Delivered d;
        d.level = column_text(s.get(), 1);
        d.sent_at = parse_rfc3339(column_text(s.get(), 2)).value_or(0);
        d.stale = sqlite3_column_int(s.get(), 3) != 0;
        d.pending = column_text(s.get(), 4);
        d.absent = sqlite3_column_int(s.get(), 5);
        d.since = parse_rfc3339(column_text(s.get(), 6)).value_or(0);
        m.last_sent = std::max(m.last_sent, d.sent_at);
        m.series.emplace(column_text(s.get(), 0), std::move(d));
    }
    if (rc != SQLITE_DONE)
        store_.fail("cannot read the delivery memory");
    return m;
}

void NotifyStore::delivered(const Report& report, const std::vector<Owed>& deferred)
{
    Stmt owe = store_.prepare(
        "INSERT INTO notify_owed (channel, recipient, since, message) VALUES (?, ?, ?, ?)");
    Stmt s = store_.prepare(
        "INSERT INTO notify_state (channel, series, level, sent_at, stale, pending, since) "
        "VALUES (?1, ?2, ?3, ?4, ?5, '', ?4) ON CONFLICT (channel, series) DO UPDATE SET "
        "since = CASE WHEN level IS excluded.level AND since IS NOT NULL THEN since "
        "ELSE excluded.since END, "
        "level = excluded.level, sent_at = excluded.sent_at, stale = excluded.stale, "
        "pending = ''");
    const std::string now = format_rfc3339(report.now);
    store_.transaction([&] {
        for (const Item& it : report.items) {
            const std::string key = series_key(it.record);
            const std::string level = quiet_level(it.record);
            bind_text(s.get(), 1, channel_);
            bind_text(s.get(), 2, key);
            bind_text(s.get(), 3, level);
            bind_text(s.get(), 4, now);
            sqlite3_bind_int(s.get(), 5, it.record.event == "stale" || has(it.events, "stale"));
            step(store_, s.get());
        }
        for (const Owed& o : deferred) {
            bind_text(owe.get(), 1, channel_);
            bind_text(owe.get(), 2, o.recipient);
            bind_text(owe.get(), 3, now);
            bind_text(owe.get(), 4, o.message);
            step(store_, owe.get());
        }
    });
}

void NotifyStore::failed(const Report& report)
{
    if (std::none_of(report.items.begin(), report.items.end(),
                     [](const Item& it) { return !it.events.empty(); }))
        return;
    Stmt s = store_.prepare(
        "INSERT INTO notify_state (channel, series, pending) VALUES (?, ?, ?) "
        "ON CONFLICT (channel, series) DO UPDATE SET pending = excluded.pending");
    store_.transaction([&] {
        for (const Item& it : report.items) {
            if (it.events.empty())
                continue;
            const std::string key = series_key(it.record);
            const std::string owed = joined(it.events);
            bind_text(s.get(), 1, channel_);
            bind_text(s.get(), 2, key);
            bind_text(s.get(), 3, owed);
            step(store_, s.get());
        }
    });
}

void NotifyStore::refresh(const Report& report, const Memory& memory)
{
    std::vector<std::string> fresh;
    for (const Item& it : report.items) {
        auto m = memory.series.find(series_key(it.record));
        if (m != memory.series.end() && m->second.stale && it.record.event != "stale")
            fresh.push_back(m->first);
    }
    if (fresh.empty())
        return;
    Stmt s = store_.prepare("UPDATE notify_state SET stale = 0 WHERE channel = ? AND series = ?");
    store_.transaction([&] {
        for (const std::string& key : fresh) {
            bind_text(s.get(), 1, channel_);
            bind_text(s.get(), 2, key);
            step(store_, s.get());
        }
    });
}

void NotifyStore::track(const Report& report)
{
    if (report.absent.empty() && report.forget.empty())
        return;
    Stmt count = store_.prepare(
        "UPDATE notify_state SET absent = ? WHERE channel = ? AND series = ?");
    Stmt forget = store_.prepare("DELETE FROM notify_state WHERE channel = ? AND series = ?");
    store_.transaction([&] {
        for (const auto& [key, n] : report.absent) {
            sqlite3_bind_int(count.get(), 1, n);
            bind_text(count.get(), 2, channel_);
            bind_text(count.get(), 3, key);
            step(store_, count.get());
        }
        for (const std::string& key : report.forget) {
            bind_text(forget.get(), 1, channel_);
            bind_text(forget.get(), 2, key);
            step(store_, forget.get());
        }
    });
}

std::set<std::string> NotifyStore::parts()
{
    std::set<std::string> out;
    Stmt s = store_.prepare("SELECT digest FROM notify_parts WHERE channel = ?");
    bind_text(s.get(), 1, channel_);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW)
        out.insert(column_text(s.get(), 0));
    if (rc != SQLITE_DONE)
        store_.fail("cannot read the delivery memory");
    return out;
}

std::vector<Owed> NotifyStore::owed()
{
    std::vector<Owed> out;
    Stmt s = store_.prepare(
        "SELECT id, recipient, message, since FROM notify_owed WHERE channel = ? ORDER BY id");
    bind_text(s.get(), 1, channel_);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW)
        out.push_back({sqlite3_column_int64(s.get(), 0), column_text(s.get(), 1),
                       column_text(s.get(), 2),
                       parse_rfc3339(column_text(s.get(), 3)).value_or(0)});
    if (rc != SQLITE_DONE)
        store_.fail("cannot read the delivery memory");
    return out;
}

void NotifyStore::parts_sent(const std::vector<std::string>& digests)
{
    Stmt s = store_.prepare("INSERT OR IGNORE INTO notify_parts (channel, digest) VALUES (?, ?)");
    store_.transaction([&] {
        for (const std::string& d : digests) {
            bind_text(s.get(), 1, channel_);
            bind_text(s.get(), 2, d);
            step(store_, s.get());
        }
    });
}

void NotifyStore::forget_parts()
{
    Stmt s = store_.prepare("DELETE FROM notify_parts WHERE channel = ?");
    bind_text(s.get(), 1, channel_);
    step(store_, s.get());
}

void NotifyStore::settle(const Owed& owed)
{
    Stmt s = store_.prepare("DELETE FROM notify_owed WHERE id = ?");
    sqlite3_bind_int64(s.get(), 1, owed.id);
    step(store_, s.get());
}

std::optional<Usage> NotifyStore::usage(const Record& r, int64_t since)
{
    auto end = parse_rfc3339(r.ts);
    if (!end)
        return std::nullopt;
    const std::string series = std::string("provider = ?1 AND account = ?2 AND kind = ?3 AND "
                                           "\"window\" = ?4 AND ") + same_unit_sql +
                               " AND status = 'ok'";
    Stmt s = store_.prepare(("SELECT timestamp, used, remaining FROM usage_snapshots WHERE " +
                             series + " AND timestamp < ?5 AND timestamp >= COALESCE(("
                             "  SELECT MAX(timestamp) FROM usage_snapshots WHERE " + series +
                             " AND timestamp <= ?7), ?7) ORDER BY timestamp, id")
                                .c_str());
    const std::string account = r.account.empty() ? "default" : r.account;
    const std::string kind = r.kind.empty() ? "balance" : r.kind;
    const std::string since_text = format_rfc3339(since);
    bind_text(s.get(), 1, r.provider);
    bind_text(s.get(), 2, account);
    bind_text(s.get(), 3, kind);
    sqlite3_bind_text(s.get(), 4, r.window.c_str(), -1, SQLITE_STATIC);
    const std::string end_text = format_rfc3339(*end);   // the stored form
    bind_text(s.get(), 5, end_text);
    sqlite3_bind_text(s.get(), 6, r.unit.c_str(), -1, SQLITE_STATIC);
    bind_text(s.get(), 7, since_text);
    const bool by_used = r.used.has_value();
    std::optional<double> last;
    int64_t first = 0;
    Usage u;
    auto add = [&](int64_t t, std::optional<double> v) {
        if (!v)
            return;
        if (!last)
            first = t;
        else if (by_used)
            u.amount += *v >= *last ? *v - *last : *v;   // a reset starts from zero
        else
            u.amount += std::max(0.0, *last - *v);       // a top-up is not use
        last = v;
    };
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW)
        if (auto t = parse_rfc3339(column_text(s.get(), 0)))
            add(*t, column_number(s.get(), by_used ? 1 : 2));
    if (rc != SQLITE_DONE)
        store_.fail("cannot read the history");
    if (!last)
        return std::nullopt;
    add(*end, by_used ? r.used : r.remaining);
    u.seconds = *end - first;
    return u;
}

}  // namespace qw

#!/usr/bin/python3 -B
"""Benchmark 4, history: recall --since 24h, --since 365d and --last on a
year of hourly snapshots for 50 series (438,000 rows) and on 10,000,000 rows
(1,000 series, 10,000 hours), against sqlite3 asking the same question by hand
on the same database (stopped after HAND_LIMIT seconds).  Targets: issue 5's
50 ms for --since 24h and 1 s for --since 365d on the year of 50 series;
elsewhere "instantly" is read as under 100 ms.  The databases are made once, kept in bench/out: record makes
the schema, then the rows go in with the indexes dropped and made again."""
import os
import sqlite3
import time

from benchlib import (OUT, bench_env, main, median, program, remove_db, repeat_within, row,
                      run_pipeline, runs, tool)

START = 1735689600                                   # 2025-01-01T00:00:00Z
DATABASES = [("a year of 50 series", 50, 8760), ("1,000 series, 10,000 hours", 1000, 10000)]
TARGETS = {  # ms, per database and question; None: no target
    50: {"--since 24h": 50, "--since 365d": 1000, "--last": 100},
    1000: {"--since 24h": 100, "--since 365d": None, "--last": 100},
}
FILL = """WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {rows} - 1)
INSERT INTO usage_snapshots (timestamp, provider, account, kind, "window", currency,
                             remaining, parts, status)
SELECT strftime('%Y-%m-%dT%H:%M:%SZ', {start} + (i / {series}) * 3600, 'unixepoch'),
       'moonshot', printf('acct-%04d', i % {series}), 'balance', '', 'USD',
       100.0 - ((i / {series}) % 480) * 0.2,
       printf('{{"voucher":%.2f,"cash":%.2f}}', 10.0, 90.0 - ((i / {series}) % 480) * 0.2),
       'ok'
FROM n"""
HAND_LIMIT = 20                                      # the by-hand scans can take minutes
SERIES = 'provider, account, kind, "window"'
BY_HAND = {
    "period": f"SELECT {SERIES}, count(*), min(remaining), max(remaining), max(timestamp) "
              f"FROM usage_snapshots WHERE timestamp >= '{{since}}' GROUP BY {SERIES}",
    "last": f"SELECT {SERIES}, max(timestamp), remaining FROM usage_snapshots "
            f"GROUP BY {SERIES}",
}


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def fill(db, sql):
    """The rows of sql into db, with the indexes dropped and made again after."""
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-500000")
    indexes = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                          "tbl_name = 'usage_snapshots' AND sql IS NOT NULL").fetchall()
    con.execute("BEGIN")
    for name, _ in indexes:
        con.execute(f'DROP INDEX "{name}"')
    con.execute(sql)
    for _, create in indexes:
        con.execute(create)
    con.execute("COMMIT")
    con.execute("PRAGMA journal_mode=WAL")
    con.close()


def cached_database(name, sql, env):
    """bench/out/NAME: record's schema filled by sql, made again when missing or
    when sql changed."""
    db = os.path.join(OUT, name)
    stamp = db + ".stamp"
    if os.path.exists(db) and os.path.exists(stamp) and open(stamp).read() == sql:
        return db
    remove_db(db)
    if os.path.exists(stamp):
        os.unlink(stamp)
    run_pipeline([[tool("record"), "--db", db]], env=env)
    fill(db, sql)
    with open(stamp, "w") as f:
        f.write(sql)
    return db


def database(series, hours, env):
    """The database, made again when missing or when FILL changed."""
    rows = series * hours
    return cached_database(f"history-{rows}.db",
                           FILL.format(start=START, series=series, rows=rows), env)


def body():
    for label, series, hours in DATABASES:
        now = START + hours * 3600
        env = bench_env(QUOTAWATCH_NOW=iso(now))
        db = database(series, hours, env)
        section = f"History: {label} ({series * hours:,} rows)"
        for name, args, since in [("--since 24h", ["--since", "24h"], now - 86400),
                                  ("--since 365d", ["--since", "365d"], now - 365 * 86400),
                                  ("--last", ["--last"], None)]:
            ours = [tool("recall"), "--db", db] + args
            key = "last" if since is None else "period"
            hand = [program("timeout"), str(HAND_LIMIT), program("sqlite3"), db,
                    BY_HAND[key].format(since=iso(since or 0))]
            a = repeat_within(runs(5), lambda: run_pipeline([ours], env=env), 5)
            b = repeat_within(runs(3), lambda: run_pipeline([hand], env=env, ok=(0, 124)), 5)
            note = f"{median(a, 'cpu') * 1e3:.0f} ms CPU"
            base = median(b, "wall") * 1e3
            if b[0].statuses[-1] == 124:
                base, note = None, note + f"; sqlite3 by hand stopped after {HAND_LIMIT} s"
            row(section, f"recall {name}", "ms", median(a, "wall") * 1e3, base,
                "sqlite3, the same question by hand",
                targets=[{"max": t}] if (t := TARGETS[series][name]) else [], note=note)


if __name__ == "__main__":
    main(body)

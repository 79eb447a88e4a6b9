#!/usr/bin/python3 -B
"""Benchmark 7, metrics (issue 28): the Prometheus metrics of a year of 50
series checked every 5 minutes (5,256,000 rows, a top-up every 40 hours of
each), target under 1 s.  Each run brings the reset and top-up tallies up
to date from the rows newer than them (series_events, migration 10), with
the dashboard's hourly tallies (series_hours, migration 12): the first run
on a database tallies the whole year once (measured with the tallies
emptied, no target); every run after it reads the rows since the
last one and the 24 hours of the burn rate.  The baseline is sqlite3 reading
the newest row of each series by hand.  The database is made once, kept in
bench/out, with one INSERT ... WITH RECURSIVE (history.py's fill)."""
import os

from benchlib import OUT, bench_env, main, median, program, repeat_within, row, run_pipeline, \
    runs, tool
from history import iso, cached_database

START = 1735689600                                   # 2025-01-01T00:00:00Z
SERIES, STEP, STEPS = 50, 300, 365 * 288
FILL = """WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {rows} - 1)
INSERT INTO usage_snapshots (timestamp, provider, account, kind, "window", currency,
                             remaining, status, level)
SELECT strftime('%Y-%m-%dT%H:%M:%SZ', {start} + (i / {series}) * {step}, 'unixepoch'),
       'moonshot', printf('acct-%04d', i % {series}), 'balance', '', 'USD',
       100.0 - ((i / {series}) % 480) * 0.2, 'ok', 'ok'
FROM n"""
HAND = ('SELECT provider, account, kind, "window", max(timestamp), remaining '
        'FROM usage_snapshots GROUP BY provider, account, kind, "window"')


def database(env):
    rows = SERIES * STEPS
    return cached_database(f"metrics-{rows}.db",
                           FILL.format(start=START, series=SERIES, rows=rows, step=STEP), env)


def body():
    now = START + STEPS * STEP
    env = bench_env(QUOTAWATCH_NOW=iso(now))
    db = database(env)
    section = f"Metrics: a year of {SERIES} series every 5 minutes ({SERIES * STEPS:,} rows)"
    ours = [tool("metrics"), "--db", db, "--output", os.path.join(OUT, "metrics.prom")]
    empty = [program("sqlite3"), db, "DELETE FROM series_events; DELETE FROM series_hours"]
    run_pipeline([ours], env=env)                    # the schema of these tools

    def first():
        run_pipeline([empty], env=env)
        return run_pipeline([ours], env=env)
    a = repeat_within(runs(3), first, 30)
    row(section, "metrics, the first run (tallies the whole year)", "ms",
        median(a, "wall") * 1e3, note=f"{median(a, 'cpu') * 1e3:.0f} ms CPU; once per database")
    run_pipeline([ours], env=env)
    b = repeat_within(runs(10), lambda: run_pipeline([ours], env=env), 10)
    hand = [program("sqlite3"), db, HAND]
    c = repeat_within(runs(3), lambda: run_pipeline([hand], env=env), 10)
    row(section, "metrics, every run after", "ms", median(b, "wall") * 1e3,
        median(c, "wall") * 1e3, "sqlite3, each series' newest row by hand",
        targets=[{"max": 1000}], note=f"{median(b, 'cpu') * 1e3:.0f} ms CPU")


if __name__ == "__main__":
    main(body)

#!/usr/bin/python3
"""Seed 003's dispatch/monitor.db as its monitor.py writes it (issue 24).

Usage: make-monitor-db.py PATH

The seed's schema, created with CREATE TABLE IF NOT EXISTS, and the rows its
`check` writes, one per provider and run, with Python's sqlite3 and datetime:
the time a naive local datetime (no zone), as `str(datetime)` gives it with a
space (`2026-02-12 16:30:00`) or as `isoformat()` gives it with a T and
microseconds; the provider as the table names it (`GLM`, `MiniMax`,
`Anthropic`); the status as its alert column (`ok`, `warning`, `critical`,
`error`, `info`).  Deterministic: the times are fixed, not datetime.now().
The same observations recorded through `record` are in observations.ndjson.
"""
import sqlite3
import sys
from datetime import datetime, timedelta

SCHEMA = """
CREATE TABLE IF NOT EXISTS usage_snapshots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    timestamp TEXT NOT NULL,
    provider TEXT NOT NULL,
    used REAL,
    remaining REAL,
    currency TEXT DEFAULT 'USD',
    status TEXT DEFAULT 'ok'
);
CREATE INDEX IF NOT EXISTS idx_snap_ts ON usage_snapshots(timestamp);
CREATE INDEX IF NOT EXISTS idx_snap_provider ON usage_snapshots(provider);
"""

# (minutes after the first run, how the time is written, provider, used,
# remaining, currency, status)
RUNS = [
    (0, str, "GLM", 180.0, 20.0, "CNY", "warning"),
    (0, str, "MiniMax", 50.0, 950.0, "CNY", "ok"),
    (0, str, "Anthropic", None, None, "USD", "info"),
    (300, str, "GLM", 190.5, 9.5, "CNY", "critical"),
    (300, str, "MiniMax", None, None, "CNY", "error"),
    (300, str, "Anthropic", None, None, "USD", "info"),
    (600, datetime.isoformat, "GLM", 170.0, 30.0, "CNY", "ok"),
    (600, datetime.isoformat, "MiniMax", 60.0, 940.0, "CNY", "ok"),
]


def main():
    first = datetime(2026, 2, 12, 16, 30, 0)
    db = sqlite3.connect(sys.argv[1])
    db.executescript(SCHEMA)
    for minutes, written, provider, used, remaining, currency, status in RUNS:
        when = first + timedelta(minutes=minutes)
        if written is datetime.isoformat:
            when = when.replace(microsecond=250000)
        db.execute("INSERT INTO usage_snapshots (timestamp, provider, used, remaining, currency, "
                   "status) VALUES (?, ?, ?, ?, ?, ?)",
                   (written(when), provider, used, remaining, currency, status))
    db.commit()
    db.close()


if __name__ == "__main__":
    main()

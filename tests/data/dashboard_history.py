#!/usr/bin/python3 -B
"""A known history for the dashboard's tests, as NDJSON observations on
stdout (| evaluate | record): 40 days before NOW (argv[1], RFC 3339 UTC) of
hourly checks of five series: a USD balance with a top-up, a CNY balance
whose newest check failed, a 5-hour quota window in % that resets, a weekly
window counted in requests under a CJK and emoji account name, and a balance
whose account label is hostile HTML."""
import calendar
import json
import sys
import time

NOW = calendar.timegm(time.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%SZ"))
HOURS = 40 * 24
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def out(**r):
    print(json.dumps(r, ensure_ascii=False))


for h in range(HOURS, -1, -1):
    t = NOW - h * 3600
    k = HOURS - h                                   # hours since the start
    base = {"ts": iso(t), "status": "ok"}
    # USD: 0.1 an hour, +50 at hour 500 (a top-up).
    out(**base, provider="moonshot", account="personal", kind="balance", unit="USD",
        remaining=round(120 - 0.1 * k + (50 if k >= 500 else 0), 2))
    # CNY: 0.5 an hour; its newest check failed.
    if h == 0:
        out(ts=iso(t), provider="deepseek", account="default", kind="balance", unit="CNY",
            status="error", error="HTTP 503: upstream <b>busy</b>")
    else:
        out(**base, provider="deepseek", account="default", kind="balance", unit="CNY",
            remaining=round(600 - 0.5 * k, 2))
    # A 5-hour window: 15% an hour, reset every 5 hours.
    start = t - (k % 5) * 3600
    out(**base, provider="kimi-code", account="default", kind="quota", window="5h", unit="%",
        used_pct=15.0 * (k % 5), resets_at=iso(start + 5 * 3600))
    # A weekly window of 1000 requests, 4 an hour, reset each 168 hours.
    wk = k % 168
    out(**base, provider="glm", account="研发团队 🚀", kind="quota", window="weekly",
        unit="requests", used=4 * wk, limit=1000, remaining=1000 - 4 * wk,
        resets_at=iso(t - wk * 3600 + 168 * 3600))
    out(**base, provider="openrouter", account=HOSTILE, kind="balance", unit="USD",
        remaining=round(30 - 0.02 * k, 2))

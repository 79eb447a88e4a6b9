#!/usr/bin/python3 -B
"""Reads one series' chart and bars of one period back from a dashboard page
and checks them against the history database they came from: each pixel
column's min and max, and the usage per day.  A period whose column spans an
hour or more is drawn from the hourly tallies: each snapshot where its hour
starts, each step in the bar of its later snapshot's hour.  Prints one line per check,
"ok NAME" or "FAIL NAME: why".  Usage: dashboard_points.py PAGE DB SERIES PERIOD
(SERIES as the page's data-series, PERIOD as its section, e.g. 7d)."""
import html
import re
import sqlite3
import sys

LEFT, PAST, TOP, HEIGHT, COLUMNS = 10, 480, 8, 140, 240   # lib/dashboard_chart.cpp
BARS_TOP, BARS_HEIGHT = 4, 50

page, db, series, period = sys.argv[1:5]
text = open(page, encoding="utf-8").read()
section = text[text.index(f'<section id="p-{period}">'):]
figure = section[section.index(f'<figure data-series="{html.escape(series)}">'):]
figure = figure[:figure.index("</figure>")]
chart = re.search(r'<svg class="chart"[^>]*data-since="(\d+)" data-until="(\d+)" '
                  r'data-lo="([-\d.]+)" data-hi="([-\d.]+)"', figure)
since, until, lo, hi = int(chart[1]), int(chart[2]), float(chart[3]), float(chart[4])
line = re.search(r'<path class="line" d="([^"]*)"', figure)[1]
bars = re.search(r'<svg class="bars"[^>]*data-step="(\d+)" data-max="([-\d.]+)"', figure)
step, top_bar = int(bars[1]), float(bars[2])
bar_path = re.search(r'<path class="bar"[^"]*"[^"]*" d="([^"]*)"', figure)[1]
failed = 0


def report(name, ok, why=""):
    global failed
    print(f"ok {name}" if ok else f"FAIL {name}: {why}")
    failed += not ok


# The page's points: per column, the values drawn.
drawn = {}
for seg in line.split("M")[1:]:
    nums = [float(n) for n in seg.split()]
    for x, y in zip(nums[::2], nums[1::2]):
        col = round((x - LEFT) / (PAST / COLUMNS) - 0.5)
        drawn.setdefault(col, []).append(hi - (y - TOP) / HEIGHT * (hi - lo))

provider, account, kind, window, unit = series.split("/")
con = sqlite3.connect(db)
rows = con.execute(
    "SELECT CAST(strftime('%s', timestamp) AS INTEGER), remaining FROM usage_snapshots "
    "WHERE provider = ? AND account = ? AND kind = ? AND \"window\" = ? AND currency = ? "
    "AND status = 'ok' AND timestamp >= strftime('%Y-%m-%dT%H:%M:%SZ', ?, 'unixepoch') "
    "AND timestamp <= strftime('%Y-%m-%dT%H:%M:%SZ', ?, 'unixepoch') ORDER BY timestamp",
    (provider, account, kind, window, unit, since, until)).fetchall()
hourly = (until - since) // COLUMNS >= 3600


def hour(t):
    return t - t % 3600 if hourly else t


want = {}
for t, v in rows:
    col = min(COLUMNS - 1, (hour(t) - since) * COLUMNS // (until - since))
    lo_hi = want.setdefault(col, [v, v])
    lo_hi[0], lo_hi[1] = min(lo_hi[0], v), max(lo_hi[1], v)
tolerance = (hi - lo) / HEIGHT * 0.06
report("the columns drawn are the columns with snapshots", sorted(drawn) == sorted(want),
       f"{sorted(set(drawn) ^ set(want))[:5]}")
bad = [c for c in want if c in drawn and not (
    abs(min(drawn[c]) - want[c][0]) <= tolerance and abs(max(drawn[c]) - want[c][1]) <= tolerance)]
report(f"each column's min and max ({len(want)} columns)", not bad,
       f"column {bad[:1]}: drawn {[drawn[c] for c in bad[:1]]}, history {[want[c] for c in bad[:1]]}")

# Usage per bar: what the balance fell between snapshots (a rise is a
# top-up, not negative spending), from the period's second snapshot on, in
# the bar that ends at or after the later snapshot (hourly: that holds its hour).
n = (until - since + step - 1) // step
usage = [0.0] * n
for (t0, v0), (t1, v1) in zip(rows, rows[1:]):
    if v1 <= v0:
        usage[min(n - 1, (hour(t1) - since) // step if hourly else (t1 - since - 1) // step)] \
            += v0 - v1
base = BARS_TOP + BARS_HEIGHT
got = [0.0] * n
nums = [s for s in re.split(r"[MV ]", bar_path) if s]
for x, _, y in zip(nums[::3], nums[1::3], nums[2::3]):
    got[round((float(x) - LEFT) / (PAST / n) - 0.5)] = (base - float(y)) / BARS_HEIGHT * top_bar
bad = [i for i in range(n) if abs(got[i] - usage[i]) > top_bar * 0.002 + 1e-9]
report(f"each bar is the usage of its {step} s ({n} bars)", not bad,
       f"bar {bad[:1]}: drawn {[got[i] for i in bad[:1]]}, history {[usage[i] for i in bad[:1]]}")
sys.exit(1 if failed else 0)

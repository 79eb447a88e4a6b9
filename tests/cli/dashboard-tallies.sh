# dashboard's hourly tallies (series_hours, migration 12): the 30d and 1y
# charts are drawn from them.  Tallied in four runs at times within an hour,
# or by three runs at once, they are the tallies of one run, and the page is
# the same; a year's charts
# match the snapshots they came from at 10-minute checks; record --keep leaves
# them, and the long charts with them.
. "$(dirname "$0")/lib.sh"
export QUOTAWATCH_NOW=2026-11-22T09:17:00Z
now=$(date -u -d "$QUOTAWATCH_NOW" +%s)
db="$T/inc.db"
record --db "$db" </dev/null
# 40 days of 10-minute checks, from 3 minutes past the hour: a USD balance
# that falls 0.05 a check and is topped up with 30 every 9 days, and a 5-hour
# quota window that rises 2.5 % a check and resets every 5 hours.
sqlite3 "$db" "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 5759)
INSERT INTO usage_snapshots (timestamp, provider, account, kind, \"window\", currency,
    remaining, used_pct, resets_at, status)
SELECT strftime('%Y-%m-%dT%H:%M:%SZ', $now - 40 * 86400 + 180 + i * 600, 'unixepoch'),
       'moonshot', 'a', 'balance', '', 'USD',
       round(100 - (i % 1296) * 0.05 + (i / 1296) * 30, 2), NULL, NULL, 'ok' FROM n
UNION ALL
SELECT strftime('%Y-%m-%dT%H:%M:%SZ', $now - 40 * 86400 + 180 + i * 600, 'unixepoch'),
       'kimi-code', 'default', 'quota', '5h', '%', NULL, (i % 30) * 2.5,
       strftime('%Y-%m-%dT%H:%M:%SZ', $now - 40 * 86400 + 180 + (i / 30 + 1) * 18000, 'unixepoch'),
       'ok' FROM n"
cp "$db" "$T/fresh.db"
cp "$db" "$T/fresh.db.orig"

for back in 1730000 259261 18541; do
    QUOTAWATCH_NOW=$(date -u -d "@$((now - back))" +%Y-%m-%dT%H:%M:%SZ) dashboard --db "$db" >/dev/null
done
run dashboard --db "$db" --output "$T/inc.html"
check "four tallying runs: exit 0, nothing on stderr" [ "$st/$(wc -c <"$T/err")" = 0/0 ]
dashboard --db "$T/fresh.db" --output "$T/fresh.html"
tallies() { sqlite3 "$1" "SELECT * FROM series_hours ORDER BY series, hour; SELECT * FROM series_events ORDER BY series"; }
check "an hour for each hour with a check, for each series" \
    [ "$(sqlite3 "$db" "SELECT count(*) FROM series_hours")" = $((2 * 961)) ]
check "tallied in four runs (a week at a time behind by a day or more, each series from its tally else): the tallies of one"  [ "$(tallies "$db")" = "$(tallies "$T/fresh.db")" ]
check "and the same page" cmp -s "$T/inc.html" "$T/fresh.html"
check "the 30d and 1y charts are hourly: from the start of an hour" \
    [ "$(grep -o 'data-since="[0-9]*"' "$T/inc.html" | sort -u | sed 's/[^0-9]//g' |
         awk '$1 % 3600 == 0' | wc -l)" = 2 ]
# Three first runs at once: whichever tallies a week, the others go on from it.
cp "$T/fresh.db.orig" "$T/three.db"
for i in 1 2 3; do dashboard --db "$T/three.db" --output "$T/three.$i.html" & done
wait
check "three first runs at once: the tallies of one" [ "$(tallies "$T/three.db")" = "$(tallies "$T/fresh.db")" ]
check "and each its page" sh -c "cmp -s '$T/three.1.html' '$T/fresh.html' && cmp -s '$T/three.2.html' '$T/fresh.html' && cmp -s '$T/three.3.html' '$T/fresh.html'"

section() { sed -n "/<section id=\"p-$2\">/,/<\\/section>/p" "$1"; }
section "$T/inc.html" 1y >"$T/1y"
for p in 24h 7d 30d 1y; do
    /usr/bin/python3 "$here/dashboard_points.py" "$T/inc.html" "$db" "moonshot/a/balance//USD" \
        "$p" >"$T/points" 2>&1
    while read -r result name; do
        check "$p: $name" [ "$result" = ok ]
    done <"$T/points"
done
# The 1y charts' usage and events, from the hourly tallies, are recall's from every snapshot.
for s in moonshot kimi-code; do
    recall --db "$db" --since 365d --provider $s >"$T/recall"
    words=$(jq -r '"used " + (if .measure == "used_pct" then "\(.usage)%" else "$\(.usage)" end)
        + "; \(.resets) resets, \(.topups) top-up"' "$T/recall")
    check "$s: the 1y chart says $words" grep -qF "$words" "$T/1y"
done
check "the 1y chart marks the 4 top-ups" [ "$(grep -o '<path class="topup" d="[^"]*"' "$T/1y" | grep -o M | wc -l)" = 4 ]

record --db "$db" --keep 10d </dev/null
check "record --keep 10d deletes the older snapshots" \
    [ "$(sqlite3 "$db" "SELECT count(*) FROM usage_snapshots WHERE timestamp < '2026-11-12'")" = 0 ]
check "and leaves the hourly tallies" [ "$(tallies "$db")" = "$(tallies "$T/fresh.db")" ]
dashboard --db "$db" --output "$T/kept.html"
for p in 7d 30d 1y; do
    check "after it, the $p charts are the same" [ "$(section "$T/kept.html" $p)" = "$(section "$T/fresh.html" $p)" ]
done
finish

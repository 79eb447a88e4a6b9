# evaluate --db: reset, top-up and stale events against the recorded history,
# over several cron runs, with seed 000's numbers and a wandering clock.
. "$(dirname "$0")/lib.sh"
db="$T/q.db"

# kimi TS LEFT RESETS_AT: seed 000's weekly window as fetch-kimi-code reports it.
kimi() {
    printf '{"ts":"%s","provider":"kimi-code","account":"default","kind":"quota","window":"weekly","unit":"%%","used_pct":%s,"resets_at":"%s","status":"ok"}\n' \
        "$1" "$((100 - $2))" "$3"
}
# cron_run TS EVALUATE-OPTIONS...: one run of fetch | evaluate --db | record at time TS;
# evaluate's status in st, record's (the last stage's) in rst.
cron_run() {
    local ts=$1; shift
    QUOTAWATCH_NOW=$ts run_in "$T/in" evaluate --db "$db" "$@"
    QUOTAWATCH_NOW=$ts record --db "$db" <"$T/out" >/dev/null 2>&1
    rst=$?
}

# 84% left with 6d 22h 54m to the reset, checked every 10 minutes.
kimi 2026-01-02T10:00:00Z 84 2026-01-09T08:54:00Z >"$T/in"
cron_run 2026-01-02T10:00:00Z --alert-on reset
check "first run: no event, no prev, exit 0" [ "$st/$(field event)/$(field prev)" = 0/null/null ]
check "first run: silent" [ ! -s "$T/err" ]
check "the database is created" [ -s "$db" ]

kimi 2026-01-02T10:10:00Z 83 2026-01-09T08:54:23Z >"$T/in"
cron_run 2026-01-02T10:10:00Z --alert-on reset
check "resets_at jitter of seconds is no reset" [ "$st/$(field event)" = 0/null ]
check "prev carries the last recorded numbers" \
    [ "$(field prev.ts)/$(field prev.used_pct)" = 2026-01-02T10:00:00Z/16 ]

kimi 2026-01-09T08:53:40Z 60 2026-01-09T08:53:31Z >"$T/in"
cron_run 2026-01-09T08:53:40Z --alert-on reset
check "a resets_at just past, seconds before the end, is no reset" [ "$st/$(field event)" = 0/null ]

kimi 2026-01-09T09:03:40Z 100 2026-01-16T08:54:12Z >"$T/in"
cron_run 2026-01-09T09:03:40Z --alert-on reset
check "the window restarts: one reset, exit 2 with --alert-on reset" \
    [ "$st/$(field event)/$(field level)" = 2/reset/ok ]
check "the reset verdict keeps the numbers before it" [ "$(field prev.used_pct)" = 40 ]
check "the reset is marked an alert, and the last stage exits 2 for it" \
    [ "$(field alert)/$rst" = true/2 ]
cp "$T/out" "$T/reset"
run_in "$T/reset" render -f text
check "render counts the marked event as an alert too" [ "$st" = 2 ]

kimi 2026-01-09T09:13:40Z 99 2026-01-16T08:53:51Z >"$T/in"
cron_run 2026-01-09T09:13:40Z --alert-on reset
check "the next run: no second reset" [ "$st/$(field event)" = 0/null ]
check "the next run: no alert mark, the last stage exits 0" [ "$(field alert)/$rst" = null/0 ]

kimi 2026-01-16T09:00:00Z 100 2026-01-23T08:54:00Z >"$T/in"
cron_run 2026-01-16T09:00:00Z
check "an idle week still resets (resets_at jumped); without --alert-on exit 0" \
    [ "$st/$(field event)" = 0/reset ]
check "without --alert-on the reset carries no alert mark" [ "$(field alert)/$rst" = null/0 ]

# A balance topped up, then spent: topup once.
bal() {
    printf '{"ts":"%s","provider":"moonshot","account":"default","kind":"balance","unit":"USD","remaining":%s,"status":"ok"}\n' "$1" "$2"
}
bal 2026-01-02T10:00:00Z 12.34 >"$T/in"
cron_run 2026-01-02T10:00:00Z
bal 2026-01-02T11:00:00Z 50.00 >"$T/in"
cron_run 2026-01-02T11:00:00Z --alert-on topup
check "a top-up: event topup, exit 2 with --alert-on topup" [ "$st/$(field event)" = 2/topup ]
check "prev.remaining" [ "$(field prev.remaining)" = 12.34 ]
bal 2026-01-02T12:00:00Z 49.995 >"$T/in"
cron_run 2026-01-02T12:00:00Z --alert-on topup
check "spending after it is no event" [ "$st/$(field event)" = 0/null ]
bal 2026-01-02T13:00:00Z 50.001 >"$T/in"
cron_run 2026-01-02T13:00:00Z --alert-on topup
check "a rise within rounding is no top-up" [ "$st/$(field event)" = 0/null ]

# Several series in one run: each against its own history.
{ kimi 2026-01-16T09:10:00Z 99 2026-01-23T08:54:10Z; bal 2026-01-02T14:00:00Z 80; } >"$T/in"
cron_run 2026-01-16T09:10:00Z --alert-on reset --alert-on topup
check "two series, two verdicts, the top-up alerts" \
    [ "$st/$(jq -r '.event // "-"' "$T/out" | tr '\n' ' ')" = "2/- topup " ]

# Stale: a database-fed balance whose source has not updated for 3 hours.
printf '{"ts":"2026-01-02T15:00:00Z","provider":"claude","account":"default","kind":"balance","unit":"USD","remaining":40,"as_of":"2026-01-02T12:00:00Z","status":"ok"}\n' >"$T/stale"
QUOTAWATCH_NOW=2026-01-02T15:00:00Z run_in "$T/stale" evaluate --alert-on stale
check "as_of 3h old: stale (default 2h), exit 2 with --alert-on stale; no --db needed" \
    [ "$st/$(field event)" = 2/stale ]
QUOTAWATCH_NOW=2026-01-02T15:00:00Z run_in "$T/stale" evaluate --alert-on stale --stale-after 4h
check "--stale-after 4h: fresh" [ "$st/$(field event)" = 0/null ]
QUOTAWATCH_NOW=2026-01-02T15:00:00Z run_in "$T/stale" evaluate
check "stale without --alert-on: exit 0, event still set" [ "$st/$(field event)" = 0/stale ]

# An alert from a threshold and an event together: still 2; errors are not compared.
bal 2026-01-02T16:00:00Z 3 >"$T/in"
QUOTAWATCH_NOW=2026-01-02T16:00:00Z run_in "$T/in" evaluate --db "$db" --alert-on topup
check "a threshold alert without event" [ "$st/$(field level)/$(field event)" = 2/warning/null ]
printf '{"ts":"2026-01-02T17:00:00Z","provider":"moonshot","account":"default","kind":"balance","status":"error","error":"HTTP 401"}\n' >"$T/in"
QUOTAWATCH_NOW=2026-01-02T17:00:00Z run_in "$T/in" evaluate --db "$db"
check "an error record gets no event and no prev" [ "$st/$(field event)/$(field prev)" = 1/null/null ]

# Replaying the history: the stored snapshots through evaluate --db find the events again.
QUOTAWATCH_NOW=2026-01-17T00:00:00Z recall --db "$db" --raw --since 2026-01-01 --kind quota |
    evaluate --db "$db" >"$T/replay"
check "recall --raw | evaluate --db: the two resets of the weeks" \
    [ "$(jq -r 'select(.event == "reset") | .ts' "$T/replay" | tr '\n' ' ')" = \
      "2026-01-09T09:03:40Z 2026-01-16T09:00:00Z " ]

# Issue 19, case 2: the first check lands a minute after the reset while the
# provider still shows the old resets_at (for 15 minutes), the next shows the
# new one, a lagging replica the old one once more: one reset per window.
for w in 5h:18000 weekly:604800 monthly:2592000; do
    win=${w%%:*} len=${w#*:} ends=1767348000 events=
    for step in -540:40 60:1 660:2 1260:3 1860:4; do
        at=$((ends + ${step%%:*})) shown=$((ends + len))
        [ "${step%%:*}" = 60 ] || [ "${step%%:*}" = 1260 ] && shown=$ends
        ts=$(date -u -d "@$at" +%FT%TZ)
        printf '{"ts":"%s","provider":"kimi-code","account":"late-%s","kind":"quota","window":"%s","unit":"%%","used_pct":%s,"resets_at":"%s","status":"ok"}\n' \
            "$ts" "$win" "$win" "${step#*:}" "$(date -u -d "@$shown" +%FT%TZ)" >"$T/in"
        cron_run "$ts"
        events="$events$(jq -r '.event // "-"' "$T/out") "
    done
    check "$win: a check a minute after the reset with the old resets_at: one reset" \
        [ "$events" = "- reset - - - " ]
done

run evaluate --alert-on recovered
check "--alert-on takes reset, topup or stale" [ "$st" = 1 ]
check "and says so" grep -q '^evaluate: --alert-on: "recovered" is not reset, topup or stale' "$T/err"
run evaluate --stale-after soon
check "bad --stale-after" [ "$st" = 1 ]
check "names the option" grep -q '^evaluate: --stale-after:' "$T/err"
: >"$T/plain-file"
bal 2026-01-02T18:00:00Z 40 >"$T/in"
run_in "$T/in" evaluate --db "$T/plain-file/q.db"
check "a database that cannot be opened: exit 1, no output" [ "$st/$(wc -c <"$T/out")" = 1/0 ]
check "the message names the path" grep -q "^evaluate: $T/plain-file" "$T/err"
finish

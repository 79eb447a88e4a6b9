# recall: summaries, --raw, --last, filters, time zones, render's trend,
# and record --keep, on a day of hourly snapshots recorded by record.
. "$(dirname "$0")/lib.sh"
export QUOTAWATCH_DB="$T/q.db"
base=$(date -u -d 2026-11-21T09:00:00Z +%s)       # now (QUOTAWATCH_NOW) is 24 h later
at() { date -u -d "@$(( base + $1 ))" +%Y-%m-%dT%H:%M:%SZ; }

# moonshot/home spends $1 an hour and is topped up by $51 at hour 12: usage $23.
# kimi-code 5h fills 10 points an hour; its windows end at hours 3, 8, 13, 18, 23.
# glm is seen once, then fails twice.  relay has a snapshot 40 days old.
for h in $(seq 0 24); do
    ts=$(at $((h * 3600)))
    if [ "$h" -lt 12 ]; then left=$((40 - h)); else left=$((80 - (h - 12))); fi
    printf '{"ts":"%s","provider":"moonshot","account":"home","kind":"balance","unit":"USD","remaining":%s,"status":"ok","level":"ok"}\n' "$ts" "$left"
    if [ "$h" -lt 3 ]; then used=$((50 + 10 * h)); ends=$(at $((3 * 3600)))
    else used=$((5 + 10 * ((h - 3) % 5))); ends=$(at $(( (3 + 5 * ((h - 3) / 5 + 1)) * 3600 + h % 3 ))); fi
    printf '{"ts":"%s","provider":"kimi-code","account":"default","kind":"quota","window":"5h","unit":"%%","used_pct":%s,"resets_at":"%s","status":"ok"}\n' "$ts" "$used" "$ends"
done >"$T/day"
{
    printf '{"ts":"%s","provider":"glm","account":"default","kind":"balance","unit":"CNY","remaining":20,"status":"ok"}\n' "$(at 3600)"
    printf '{"ts":"%s","provider":"glm","account":"default","kind":"balance","status":"error","error":"HTTP 502"}\n' "$(at 7200)" "$(at 10800)"
    printf '{"ts":"%s","provider":"relay","account":"default","kind":"balance","unit":"USD","remaining":9,"status":"ok"}\n' "$(at $((-39 * 86400)))"
} >>"$T/day"
record <"$T/day"

run recall
check "a summary per series of the last 24 h, exit 0" [ "$st/$(wc -l <"$T/out")" = 0/3 ]
check "silent" [ ! -s "$T/err" ]
check "series order" [ "$(jq -r .provider "$T/out" | tr '\n' ' ')" = "glm kimi-code moonshot " ]
jq -c 'select(.provider == "moonshot")' "$T/out" >"$T/m"
m() { jq -r ".$1" "$T/m"; }
check "the newest snapshot's numbers" [ "$(m ts)/$(m remaining)/$(m level)" = 2026-11-22T09:00:00Z/68/ok ]
check "first, last, min, max" [ "$(m first)/$(m last)/$(m min)/$(m max)" = 40/68/29/80 ]
check "a top-up is not negative spending: usage 23" [ "$(m usage)/$(m topups)" = 23/1 ]
check "burn rate per day" [ "$(m burn_per_day)" = 23 ]
check "days left, with the span it rests on" [ "$(m days_left)/$(m span)/$(m span_s)" = 2.96/"1d 0h"/86400 ]
check "when it runs out" [ "$(m empty_at)" = 2026-11-25T07:57:23Z ]
check "the period and its samples" [ "$(m since)/$(m first_ts)/$(m samples)" = \
    2026-11-21T09:00:00Z/2026-11-21T09:00:00Z/25 ]
check "a 24-point trend" [ "$(jq -r '.trend | length' "$T/m")" = 24 ]
check "local time, naming the zone" [ "$(m ts_local)" = "2026-11-22 09:00:00 UTC" ]
jq -c 'select(.provider == "kimi-code")' "$T/out" >"$T/m"
check "quota: five resets in the day" [ "$(m resets)/$(m measure)" = 5/used_pct ]
check "quota: no forecast past the reset" [ "$(m no_forecast)/$(m days_left)" = "the window resets first/null" ]
jq -c 'select(.provider == "glm")' "$T/out" >"$T/m"
check "one snapshot and two errors" [ "$(m samples)/$(m errors)/$(m status)" = 1/2/ok ]
check "no forecast from one snapshot" [ "$(m no_forecast)" = "fewer than two snapshots" ]

run recall --since 6h --provider moonshot
check "--since 6h" [ "$(field samples)/$(field usage)/$(field first)" = 7/6/74 ]
run recall --since 2026-11-22T03:00:00+00:00 --provider moonshot
check "--since an RFC 3339 time" [ "$(field samples)" = 7 ]
run recall --since 2026-10-01
check "--since a date reaches the old relay snapshot" \
    [ "$(jq -r .provider "$T/out" | tr '\n' ' ')" = "glm kimi-code moonshot relay " ]
run recall --account home
check "--account" [ "$(wc -l <"$T/out")/$(field account)" = 1/home ]
run recall --kind quota --window 5h
check "--kind and --window" [ "$(wc -l <"$T/out")/$(field provider)" = 1/kimi-code ]
run recall --window weekly
check "nothing matches: no output, exit 0" [ "$st/$(wc -c <"$T/out")" = 0/0 ]

# Seed 002: "usage in the past X hours Y minutes", one line.
recall --since 12h --provider moonshot | jq -r '"\(.account): \(.usage) \(.unit) in the past \(.span)"' >"$T/out"
check "seed 002's usage over the past hours" [ "$(cat "$T/out")" = "home: 12 USD in the past 12h 0m" ]

# Seed 003: the 24 h trend, one line.
recall --since 24h | render >"$T/out"
check "render draws a Trend column" grep -q 'Trend$' "$T/out"
check "with a sparkline and the days left" grep -q '▁.* \$23.00 in 1d 0h, 3.0 days left$' "$T/out"
check "the table names the zone" grep -q '^Last check: 2026-11-22 09:00:00 UTC$' "$T/out"
TZ=Asia/Shanghai recall --since 24h --provider moonshot | TZ=Asia/Shanghai render >"$T/out"
check "TZ: the table in local time" grep -q '^Last check: 2026-11-22 17:00:00 CST$' "$T/out"
TZ=Asia/Shanghai run recall --provider moonshot
check "TZ: ts_local in that zone, ts still UTC" \
    [ "$(field ts_local)/$(field ts)" = "2026-11-22 17:00:00 CST/2026-11-22T09:00:00Z" ]
env -u TZ "$QW_BIN/recall" --provider moonshot >"$T/out"
check "no TZ: no ts_local" [ "$(field ts_local)" = null ]

# --raw: the stored snapshots as records, for render and evaluate.
run recall --raw --since 3h --provider moonshot
check "--raw: the snapshots of the period, oldest first" \
    [ "$(jq -r .remaining "$T/out" | tr '\n' ' ')" = "71 70 69 68 " ]
recall --raw --since 3h | render -f log >"$T/out"
check "recall --raw | render" [ "$(head -n 1 "$T/out")" = "[2026-11-22 06:00:00] Kimi (home): \$71.00" ]
recall --raw --since 7d | evaluate -w 'remaining<=30' >"$T/out"
st=$?
check "recall --raw | evaluate replays rules: exit 2" [ "$st" = 2 ]
check "the snapshots at \$30 or less" \
    [ "$(jq -r 'select(.level == "warning") | "\(.provider):\(.remaining)"' "$T/out" | tr '\n' ' ')" = \
      "glm:20 moonshot:30 moonshot:29 " ]

# --last: the newest snapshot per series and its age.
QUOTAWATCH_NOW=2026-11-22T11:30:00Z run recall --last
check "--last: one per series, whatever its status" \
    [ "$(jq -r '"\(.provider):\(.status)"' "$T/out" | tr '\n' ' ')" = \
      "glm:error kimi-code:ok moonshot:ok relay:ok " ]
check "--last: the age" [ "$(field age 2)/$(field age_s 2)" = "2h 30m/9000" ]
QUOTAWATCH_NOW=2026-11-22T11:30:00Z recall --last | jq -r 'select(.age_s > 3 * 3600) | .provider' >"$T/out"
check "is the cron job still running? the series silent for 3 h" \
    [ "$(tr '\n' ' ' <"$T/out")" = "glm relay " ]

# Retention: record --keep, in the run's transaction.
echo '{"ts":"2026-11-22T09:00:00Z","provider":"moonshot","account":"home","kind":"balance","remaining":68,"status":"ok"}' |
    record --keep 30d
check "record --keep 30d: exit 0" [ "$?" = 0 ]
run recall --since 60d --provider relay
check "the 40-day-old snapshot is gone" [ "$(wc -c <"$T/out")" = 0 ]
run recall --since 24h --provider moonshot
check "the recent ones stay" [ "$(field samples)" = 26 ]
record --keep 1h </dev/null
run recall --raw --since 365d
check "record --keep with no input still prunes: hours 8 and 9 are left" \
    [ "$(jq -r .ts "$T/out" | sort -u | tr '\n' ' ')" = "2026-11-22T08:00:00Z 2026-11-22T09:00:00Z " ]
run record --keep forever </dev/null
check "bad --keep" [ "$st" = 1 ]
check "names the option" grep -q '^record: --keep:' "$T/err"

run recall --since yesterday
check "bad --since: exit 1" [ "$st" = 1 ]
check "names the option" grep -q '^recall: --since: "yesterday"' "$T/err"
run recall --raw --last
check "--raw with --last is refused" [ "$st" = 1 ]
run recall --db "$T/none.db"
check "a missing database is an error" [ "$st" = 1 ]
check "and is not created" [ ! -e "$T/none.db" ]
check "it says so" grep -q "^recall: $T/none.db: no history database" "$T/err"
run recall extra
check "a stray argument" [ "$st" = 1 ]

# The name no shell takes: bash and zsh, interactive or not, run our recall
# (their history builtin shadowed the old name).
mkdir -p "$T/home" && : >"$T/home/.zshrc"     # no zsh-newuser-install menu
for sh in "bash -c" "bash -ic" "zsh -c" "zsh -ic"; do
    if ! command -v "${sh%% *}" >/dev/null; then
        skip "$sh runs recall" "${sh%% *} is not installed"
        continue
    fi
    HOME="$T/home" $sh 'recall --version' >"$T/out" 2>"$T/err" </dev/null
    check "$sh 'recall --version' runs our tool" grep -q '^recall (quotawatch) ' "$T/out"
done
finish

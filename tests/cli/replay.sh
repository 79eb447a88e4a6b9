# The replay of many runs (issue 19): tests/data/replay/scenario.txt, over
# 200 runs and weeks of QUOTAWATCH_NOW, through fetch-kimi-code and
# fetch-moonshot | evaluate --db | notify-discord --db | record --db with one
# database, against a loopback provider and webhook (fake_http.py answering
# from files this script rewrites before each run).  The notes each run
# delivered are compared with the ones the scenario expects, written there
# by hand: 0 missed, 0 duplicated; the resends after a kill between send and
# remember are expected there ("again") and counted as at least once.
# Its files are in memory (/dev/shm) when it can: 212 runs of five tools
# and their fsyncs stay well under a minute on a busy machine.
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm
. "$(dirname "$0")/lib.sh"
unset KIMI_CODE_API_KEY MOONSHOT_API_KEY DISCORD_WEBHOOK_URL
export KIMI_CODE_API_KEY=kimi-replay MOONSHOT_API_KEY=sk-replay QUOTAWATCH_KEYS="$T/no-keys"
scenario="$here/../data/replay/scenario.txt"
db="$T/replay.db"
cat >"$T/routes.json" <<EOF
{"GET /coding/v1/usages": {"file": "$T/kimi.json"},
 "GET /v1/users/me/balance": {"file": "$T/moonshot.json"},
 "POST /api/webhooks/1/replay": {"file": "$T/channel.json"}}
EOF
start_server "$T/routes.json"
hook="$URL/api/webhooks/1/replay"
epoch() { date -u -d "$1" +%s; }

seconds() { case $1 in *m) echo $((${1%m} * 60));; *h) echo $((${1%h} * 3600));; *d) echo $((${1%d} * 86400));; esac; }

# window ANCHOR LENGTH T: sets w_start and w_end, the real window holding T,
# and w_shown, the resets_at the provider shows: the old end for $late seconds.
window() {
    local k=$(( ($3 - $1 + 1000 * $2) / $2 - 1000 ))
    w_end=$(( $1 + (k + 1) * $2 )) w_start=$(( $1 + k * $2 ))
    w_shown=$w_end
    [ $(( $3 - w_start )) -lt "$late" ] && w_shown=$w_start
    printf -v w_shown '%(%Y-%m-%dT%H:%M:%SZ)T' $(( w_shown + run * 17 % 81 - 40 ))
}
a5=$(epoch 2026-12-07T02:00:00Z) aw=$(epoch 2026-12-10T00:00:00Z)
provider() {
    if [ "$kimi" = down ]; then
        echo '{"status": 502, "text": "<html><body><h1>502 Bad Gateway</h1></body></html>"}'
    else
        window "$aw" 604800 "$1"
        local uw=$(( ($1 - w_start) / 3600 )) rw=$w_shown
        window "$a5" 18000 "$1"
        local u5=$(( ($1 - w_start) / 150 ))
        printf '{"json": {"usage": {"limit": "2048", "used": "%s", "remaining": "%s", "resetTime": "%s"}, "limits": [{"window": {"duration": 300, "timeUnit": "TIME_UNIT_MINUTE"}, "detail": {"limit": "200", "used": "%s", "remaining": "%s", "resetTime": "%s"}}]}}\n' \
            "$uw" $((2048 - uw)) "$rw" "$u5" $((200 - u5)) "$w_shown"
    fi >"$T/kimi.json"
    printf '{"json": {"code": 0, "data": {"available_balance": %s, "voucher_balance": 0, "cash_balance": %s}, "scode": "0x0", "status": true}}\n' \
        "$balance" "$balance" >"$T/moonshot.json"
}
channel() {
    case $1 in
        ok|kill|refused) echo '{"json": {"id": "1", "type": 0, "content": ""}}';;
        500) echo '{"status": 500, "json": {"message": "500: Internal Server Error"}}';;
        html) echo '{"text": "<html><body>Sign in to the guest network</body></html>"}';;
        429) echo '{"status": 429, "json": {"message": "You are being rate limited.", "retry_after": 0, "global": false}}';;
    esac >"$T/channel.json"
}
# posted_after N: the webhook got a request after the log's first N lines.
posted_after() { tail -n +$(($1 + 1)) "$T/requests.log" | grep -q /api/webhooks/1/replay; }
# locked: another process holds the database's write lock.
locked() { ! sqlite3 "$db" 'BEGIN IMMEDIATE; ROLLBACK;' 2>/dev/null; }

# one_run MODE: the job once at $now; the notes delivered go to received.
one_run() {
    local mode=$1 url=$hook line new posts
    [ "$mode" = refused ] && url=http://127.0.0.1:1/api/webhooks/1/replay
    provider "$now"
    channel "$mode"
    printf -v QUOTAWATCH_NOW '%(%Y-%m-%dT%H:%M:%SZ)T' "$now"
    export QUOTAWATCH_NOW
    if [ "$mode" != kill ]; then
        { fetch-kimi-code --base-url "$URL"; fetch-moonshot --base-url "$URL"; } 2>/dev/null |
            evaluate --db "$db" -w 'remaining<5' -c 'remaining<1' 2>>"$T/log" |
            DISCORD_WEBHOOK_URL=$url notify-discord --db "$db" --timeout 1 2>>"$T/log.notify" |
            record --db "$db" >/dev/null 2>>"$T/log"
    else
        { fetch-kimi-code --base-url "$URL"; fetch-moonshot --base-url "$URL"; } >"$T/in" 2>/dev/null
        evaluate --db "$db" -w 'remaining<5' -c 'remaining<1' <"$T/in" >"$T/verdicts" 2>>"$T/log"
        rm -f "$T/lock.in"
        mkfifo "$T/lock.in"
        sqlite3 "$db" <"$T/lock.in" >/dev/null 2>&1 &
        local holder=$!
        exec 7>"$T/lock.in"
        echo 'BEGIN IMMEDIATE;' >&7
        wait_for locked || echo "run $run: could not take the write lock" >>"$T/log"
        DISCORD_WEBHOOK_URL=$url notify-discord --db "$db" --timeout 1 <"$T/verdicts" \
            >"$T/notified" 2>>"$T/log" &
        local notifier=$!
        wait_for posted_after "$logged" || echo "run $run: nothing sent" >>"$T/log"
        kill -KILL "$notifier" 2>/dev/null || echo "run $run: the notifier had ended" >>"$T/log"
        wait "$notifier" 2>/dev/null
        kills=$((kills + 1))
        echo 'ROLLBACK;' >&7
        exec 7>&-
        wait "$holder"
        record --db "$db" <"$T/notified" >/dev/null 2>>"$T/log"
    fi
    # The run's requests (read by the shell: a fork less each run).
    mapfile -t -s "$logged" new <"$T/requests.log"
    logged=$((logged + ${#new[@]}))
    posts=()
    for line in "${new[@]}"; do [[ $line == *'"/api/webhooks/1/replay"'* ]] && posts+=("$line"); done
    case $mode in
        ok|kill)
            [ ${#posts[@]} -gt 0 ] && printf '%s\n' "${posts[@]}" | jq -r '.body | fromjson | .content | split("\n\n") | .[2] // empty' |
                sed 's/\*\*//g; s/\\//g; s/^/'"$run"' /' >>"$T/received";;
        refused) ;;
        *) fail_runs=$((fail_runs + 1))
           [ ${#posts[@]} -gt 0 ] && failures=$((failures + 1));;
    esac
}

: >"$T/expected"
: >"$T/received"
run=0 kills=0 failures=0 fail_runs=0 step=600 next= at= late=900 logged=0
: >"$T/requests.log"
started=$(date +%s.%N)
while IFS= read -r line <&3; do
    set -- $line
    case ${1:-#} in
        \#*) ;;
        start|at) next=$(epoch "$2");;
        every) step=$(seconds "$2");;
        late) late=$(seconds "$2");;
        kimi) kimi=$2;;
        balance) balance=$2;;
        run)
            count=$2 mode=ok
            [ $# -ge 3 ] && [ "$3" != "=>" ] && mode=$3
            notes=
            case $line in *"=> "*) notes=${line#*=> };; esac
            for _ in $(seq "$count"); do
                run=$((run + 1))
                at=${next:-$((at + step))} next=
                now=$(( at + (run * 37 % 61) - 30 ))
                [ -n "$notes" ] && echo "$notes" | tr ';' '\n' | sed 's/^ *//; s/^/'"$run"' /' >>"$T/expected"
                one_run "$mode"
            done;;
    esac
done 3<"$scenario"
elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

# Counted per run, notes as a multiset: missed are expected and not received,
# duplicated received and not expected.
sed 's/ again / /' "$T/expected" | sort >"$T/expected.sorted"
sort "$T/received" >"$T/received.sorted"
missed=$(comm -23 "$T/expected.sorted" "$T/received.sorted" | wc -l)
duplicated=$(comm -13 "$T/expected.sorted" "$T/received.sorted" | wc -l)
again=$(grep -c ' again ' "$T/expected")
recoveries=$(grep -c ' recovered ' "$T/received")
echo "replay: $run runs, $kills kills, messages expected $(wc -l <"$T/expected"), received" \
    "$(wc -l <"$T/received"), missed $missed, duplicated $duplicated, at least once (resent after a kill) $again," \
    "in $elapsed s"
comm -3 "$T/expected.sorted" "$T/received.sorted" | head -n 20 | sed 's/^\t/    received, not expected: /; s/^\([^ ]\)/    expected, not received: \1/' >&2
check "at least 200 runs" [ "$run" -ge 200 ]
check "0 missed" [ "$missed" = 0 ]
check "0 duplicated" [ "$duplicated" = 0 ]
check "the very sequence expected, in order" cmp -s <(sed 's/ again / /' "$T/expected") "$T/received"
check "every recovery announced once (and again after a kill)" \
    [ "$recoveries" = "$(grep -c ' recovered ' "$T/expected")" ]
check "each kill's notes resent once (at least once), and counted" [ "$kills" -gt 0 ] && [ "$again" -gt 0 ]
check "every failing answer was a request the notifier gave up on" [ "$failures" = "$fail_runs" ]
check "the kills found the notifier between send and remember" [ ! -s "$T/log" ]
sed 's/^/    /' "$T/log" | head -n 5 >&2
# The sanitizer pass of make check runs the tools several times slower.
if ldd "$QW_BIN/evaluate" | grep -q libasan; then
    echo "replay: an ASan build: its time is not checked"
else
    check "under a minute" [ "${elapsed%.*}" -lt 60 ]
fi
finish

# Issue 18: the documented pipelines with one database, as users run them.
# No stage holds the write lock while it waits for input, a notifier
# delivers and remembers before it writes, and the last stage answers for
# the whole run, failures included.  A stage that waited for another's lock
# would say "locked" after QUOTAWATCH_BUSY_TIMEOUT (set short here).
. "$(dirname "$0")/lib.sh"
unset DISCORD_WEBHOOK_URL SMTP_URL SMTP_USER SMTP_PASSWORD SMTP_PASSWORD_FILE
export QUOTAWATCH_DB="$T/one.db" QUOTAWATCH_BUSY_TIMEOUT=1500
export MAIL_FROM=bot@example.org MAIL_TO=ops@example.org
start_server "$here/../data/moonshot-routes.json"
moonshot=$URL
start_server "$here/../data/discord-routes.json"
hook() { echo "$URL/api/webhooks/4711/$1-canary7Qx2"; }
make_cert
start_smtp --cert "$T/cert.pem" --key "$T/key.pem" --user bot --password pw-one
export SMTP_URL=smtp://127.0.0.1:$SMTP_PORT SMTP_USER=bot SMTP_PASSWORD=pw-one
posts() { grep -c "/api/webhooks/4711/$1-" "$T/requests.log"; }
mails() { grep -c '"file"' "$MAIL/log"; }
rows() { sqlite3 "${1:-$QUOTAWATCH_DB}" 'SELECT count(*) FROM usage_snapshots'; }
seconds() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
fetch() { MOONSHOT_API_KEY=${key:-sk-five} fetch-moonshot --base-url "$moonshot"; }

# headline [NOTIFIER OPTION...]: the README's pipeline, as written; sets
# statuses, took (seconds) and keeps stderr in $T/err.
headline() {
    local start
    start=$(date +%s.%N)
    fetch 2>"$T/err" | evaluate 2>>"$T/err" | notify-discord "$@" 2>>"$T/err" |
        record 2>>"$T/err"
    statuses="${PIPESTATUS[*]}"
    took=$(seconds "$start")
}

DISCORD_WEBHOOK_URL=$(hook ok) headline
check "headline: PIPESTATUS 0 2 2 2 (got $statuses)" [ "$statuses" = "0 2 2 2" ]
check "headline: no stage says locked" [ "$(grep -c locked "$T/err")" = 0 ]
check "headline: no stage waited for the busy timeout (${took} s < 1.5 s)" \
    awk -v t="$took" 'BEGIN { exit !(t < 1.5) }'
check "headline: posted" [ "$(posts ok)" = 1 ]
check "headline: recorded" [ "$(rows)" = 1 ]
DISCORD_WEBHOOK_URL=$(hook ok) headline
check "headline again: PIPESTATUS 0 2 2 2 (got $statuses)" [ "$statuses" = "0 2 2 2" ]
check "headline again: no stage says locked" [ "$(grep -c locked "$T/err")" = 0 ]
check "headline again, still warning under --when change: posted once in all" [ "$(posts ok)" = 1 ]
check "headline again: recorded" [ "$(rows)" = 2 ]

# A dead webhook: the last stage exits 1; the next run with a live one posts.
(
    export QUOTAWATCH_DB="$T/dead.db"
    DISCORD_WEBHOOK_URL=$(hook down) headline --timeout 1
    echo "$statuses" >"$T/dead-statuses"
    DISCORD_WEBHOOK_URL=$(hook ok) headline
    echo "$statuses" >"$T/live-statuses"
)
check "dead webhook: notifier 1, record 1 (got $(cat "$T/dead-statuses"))" \
    [ "$(cat "$T/dead-statuses")" = "0 2 1 1" ]
check "dead webhook: the run is recorded all the same" [ "$(rows "$T/dead.db")" = 2 ]
check "the next run with a live webhook posts" [ "$(posts ok)" = 2 ]
check "and exits 2 (got $(cat "$T/live-statuses"))" [ "$(cat "$T/live-statuses")" = "0 2 2 2" ]

# The verdicts of an undelivered report carry the mark; level and reason stay.
fetch | evaluate >"$T/low"
DISCORD_WEBHOOK_URL=$(hook down) run_in "$T/low" notify-discord --when always --timeout 1
check "undelivered: exit 1" [ "$st" = 1 ]
check "undelivered: marked, level and reason unchanged" \
    cmp -s <(jq -c '. + {undelivered: ["discord"]}' "$T/low") "$T/out"
cp "$T/out" "$T/marked"
run_in "$T/marked" record
check "record after an undelivered alert exits 1" [ "$st" = 1 ]
run_in "$T/marked" render
check "render after an undelivered alert exits 1" [ "$st" = 1 ]
run_in "$T/marked" evaluate
check "evaluate after an undelivered alert exits 1" [ "$st" = 1 ]
n=$(posts ok)
DISCORD_WEBHOOK_URL=$(hook ok) run_in "$T/marked" notify-discord --when always --name second
check "another notifier delivers, and exits 1 for the earlier one" [ "$st/$(($(posts ok) - n))" = 1/1 ]
check "and adds nothing to the mark of another channel" \
    [ "$(jq -c .undelivered "$T/out")" = '["discord"]' ]
DISCORD_WEBHOOK_URL=$(hook down) run_in "$T/marked" notify-discord --when always --name third --timeout 1
check "a second failed channel joins the mark" [ "$(jq -c .undelivered "$T/out")" = '["discord","third"]' ]

# Several records of one series: the newest is reported, an earlier
# top-up still told; every record passes on.
{
    jq -c '.remaining = 40 | .level = "ok" | .event = "topup"' "$T/low"
    cat "$T/low"
} >"$T/two"
DISCORD_WEBHOOK_URL=$(hook ok) run_in "$T/two" notify-discord --when always --name newest
grep /api/webhooks/ "$T/requests.log" | tail -n 1 | jq -r '.body | fromjson | .content' >"$T/content"
check "one series twice: the newest is reported" grep -qF '$5.00' "$T/content"
check "one series twice: the older one is not" [ "$(grep -c '40\.00' "$T/content")" = 0 ]
check "one series twice: its top-up is told" grep -q 'topped up' "$T/content"
check "one series twice: both records pass on" [ "$(wc -l <"$T/out")" = 2 ]

# No webhook at all: the notifier still passes every verdict on, marked.
run_in "$T/low" notify-discord
check "no webhook: exit 1" [ "$st" = 1 ]
check "no webhook: says so" grep -q DISCORD_WEBHOOK_URL "$T/err"
check "no webhook: verdicts pass on, marked" [ "$(jq -c .undelivered "$T/out")" = '["discord"]' ]

# A later stage that stops reading never stops a delivery.
n=$(posts ok)
fetch | evaluate | DISCORD_WEBHOOK_URL=$(hook ok) notify-discord --when always 2>"$T/err" | true
check "| true: still posts" [ "$(($(posts ok) - n))" = 1 ]
check "| true: says nothing" [ ! -s "$T/err" ]
fetch | evaluate | DISCORD_WEBHOOK_URL=$(hook ok) notify-discord --when always --name head |
    head -c 0
check "| head -c 0: still posts" [ "$(($(posts ok) - n))" = 2 ]
: >"$T/file"
fetch | evaluate | DISCORD_WEBHOOK_URL=$(hook ok) notify-discord --when always --name nodb 2>"$T/err" |
    record --db "$T/file/db" 2>>"$T/err"
statuses="${PIPESTATUS[*]}"
check "| record --db NOT-A-DB: still posts" [ "$(($(posts ok) - n))" = 3 ]
check "| record --db NOT-A-DB: exits 1 (got $statuses)" [ "${statuses##* }" = 1 ]
check "| record --db NOT-A-DB: remembered, so not sent again" \
    [ "$(sqlite3 "$QUOTAWATCH_DB" "SELECT count(*) FROM notify_state WHERE channel = 'nodb' AND sent_at IS NOT NULL")" = 1 ]

# record --tee first, its notifier misconfigured, an input over 64 KiB:
# record is not killed in mid-run, and keeps the run.
for i in $(seq 3000); do
    printf '{"ts":"2026-11-22T08:00:00Z","provider":"moonshot","account":"a%s","kind":"balance","unit":"USD","remaining":12,"status":"ok","level":"ok"}\n' "$i"
done >"$T/big"
record --tee --db "$T/tee.db" <"$T/big" 2>"$T/err" | notify-discord 2>>"$T/err" | record --db "$T/after.db"
statuses="${PIPESTATUS[*]}"
check "--tee | misconfigured notifier | record: 0 1 1 (got $statuses)" [ "$statuses" = "0 1 1" ]
check "--tee kept the whole run" [ "$(rows "$T/tee.db")" = 3000 ]
check "and the stage after the notifier too" [ "$(rows "$T/after.db")" = 3000 ]

# record --tee failing after it passed records on: one run record, counted.
run_in "$T/low" record --tee --db "$T/file/db"
check "--tee that cannot write: exit 1" [ "$st" = 1 ]
check "--tee passes the records on" [ "$(head -n 1 "$T/out" | jq -cS .)" = "$(jq -cS . "$T/low")" ]
check "--tee appends one run record with status error" \
    [ "$(tail -n 1 "$T/out" | jq -r '[.kind, .provider, .status, (.error | test("cannot"))] | join(" ")')" = "run record error true" ]
cp "$T/out" "$T/unrecorded"
run_in "$T/unrecorded" render
check "render after an unrecorded run exits 1" [ "$st" = 1 ]
n=$(posts ok)
DISCORD_WEBHOOK_URL=$(hook ok) run_in "$T/unrecorded" notify-discord --when always --name after-tee
check "a notifier after an unrecorded run delivers and exits 1" [ "$st/$(($(posts ok) - n))" = 1/1 ]

# Both orders and two notifiers with one database: nothing locked, each
# channel told once under --when change, every run recorded.
export QUOTAWATCH_DB="$T/orders.db"
n=$(posts ok)
for run in 1 2; do
    start=$(date +%s.%N)
    fetch | evaluate | DISCORD_WEBHOOK_URL=$(hook ok) notify-discord --name order1 2>"$T/err" |
        record 2>>"$T/err"
    s1="${PIPESTATUS[*]}"
    fetch | evaluate | record --tee 2>>"$T/err" |
        DISCORD_WEBHOOK_URL=$(hook ok) notify-discord --name order2 2>>"$T/err" >"$T/o2"
    s2="${PIPESTATUS[*]}"
    check "run $run: the notifier after record --tee passes the verdict on" [ "$(jq -r .level "$T/o2")" = warning ]
    fetch | evaluate | DISCORD_WEBHOOK_URL=$(hook ok) notify-discord --name two 2>>"$T/err" |
        notify-smtp --cacert "$T/cert.pem" 2>>"$T/err" | record 2>>"$T/err"
    s3="${PIPESTATUS[*]}"
    took=$(seconds "$start")
    check "run $run: notify | record (got $s1)" [ "$s1" = "0 2 2 2" ]
    check "run $run: record --tee | notify (got $s2)" [ "$s2" = "0 2 2 2" ]
    check "run $run: notify-discord | notify-smtp | record (got $s3)" [ "$s3" = "0 2 2 2 2" ]
    check "run $run: nothing locked" [ "$(grep -c locked "$T/err")" = 0 ]
    check "run $run: no wait for the busy timeout (${took} s for three pipelines)" \
        awk -v t="$took" 'BEGIN { exit !(t < 3) }'
done
check "each channel remembers its delivery" [ "$(sqlite3 "$QUOTAWATCH_DB" "SELECT group_concat(channel)
    FROM (SELECT channel FROM notify_state WHERE sent_at IS NOT NULL ORDER BY channel)")" = "order1,order2,smtp,two" ]
check "discord: one post a channel in two runs" [ "$(($(posts ok) - n))" = 3 ]
check "smtp: one mail" [ "$(mails)" = 1 ]
check "every run recorded" [ "$(rows)" = 6 ]

# Eight writers, one slow: its input arrives over longer than the busy
# timeout; the seven others finish while it still waits, all keep every row.
# The seven write 300 rows each: seven runs of 3,000 one after another could
# take longer than the busy timeout themselves under ASan on 2 busy CPUs.
export QUOTAWATCH_DB="$T/eight.db" QUOTAWATCH_BUSY_TIMEOUT=1000
head -n 300 "$T/big" >"$T/small"
record </dev/null
# (not wait_for: its 10 s limit would let a writer that holds the lock go on)
{ cat "$T/big"; : >"$T/first-sent"; until [ -e "$T/go" ]; do sleep 0.05; done; cat "$T/big"; } |
    record 2>"$T/slow.err" &
slow=$!
wait_for [ -e "$T/first-sent" ]
start=$(date +%s.%N)
writers=()
for i in 1 2 3 4 5 6 7; do
    record <"$T/small" 2>"$T/w$i.err" &
    writers+=($!)
done
bad=0
for p in "${writers[@]}"; do wait "$p" || bad=$((bad + 1)); done
check "seven writers finish while the slow one still waits for input" [ "$bad" = 0 ]
# the slow input spans more than the busy timeout (waiting is the point here)
sleep "$(awk -v t="$(seconds "$start")" 'BEGIN { print (t < 1.2 ? 1.2 - t : 0) }')"
: >"$T/go"
wait "$slow"
check "the slow writer succeeds" [ "$?" = 0 ]
check "nobody says locked" [ "$(cat "$T"/w*.err "$T/slow.err" | grep -c locked)" = 0 ]
check "every row kept" [ "$(rows)" = $((2 * 3000 + 7 * 300)) ]

check "QUOTAWATCH_BUSY_TIMEOUT must be milliseconds" \
    bash -c 'QUOTAWATCH_BUSY_TIMEOUT=soon record </dev/null 2>&1 | grep -q "QUOTAWATCH_BUSY_TIMEOUT: \"soon\" is not a number of milliseconds"'
finish

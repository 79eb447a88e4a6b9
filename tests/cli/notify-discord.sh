# notify-discord against a loopback webhook: the exact request, the failure
# shapes of notifiers.md §1, the 2,000-character limit, TLS, the secrets, and
# the delivery memory over several runs.
. "$(dirname "$0")/lib.sh"
unset DISCORD_WEBHOOK_URL
start_server "$here/../data/discord-routes.json"
canary=canary7Qx2                        # the webhook token: in no output, ever
hook() { echo "$URL/api/webhooks/4711/$1-$canary"; }
export QUOTAWATCH_DB="$T/state.db"

# verdict ACCOUNT REMAINING LEVEL [EVENT]: a Moonshot balance verdict, in the
# field order the tools write, so that a pass-through can be compared byte for byte.
verdict() {
    local ev=
    [ -n "${4:-}" ] && ev=",\"event\":\"$4\""
    printf '{"ts":"%s","provider":"moonshot","account":"%s","kind":"balance","unit":"USD","remaining":%s,"status":"ok","level":"%s","threshold":"remaining<=5"%s}\n' \
        "$QUOTAWATCH_NOW" "$1" "$2" "$3" "$ev"
}
# notify INPUT HOOK [OPTIONS...]: one run; every output is kept for the canary check.
notify() {
    local input=$1 name=$2; shift 2
    DISCORD_WEBHOOK_URL=$(hook "$name") run_in "$input" notify-discord "$@"
    cat "$T/out" "$T/err" >>"$T/all"
}
sent() { cat "$T/requests.log" 2>/dev/null | grep -c /api/webhooks/; }
content() { grep /api/webhooks/ "$T/requests.log" | tail -n 1 | jq -r '.body | fromjson | .content'; }

verdict default 12.34 ok >"$T/ok"
verdict default 4.2 warning >"$T/low"
verdict default 4.1 warning >"$T/lower"

# A first run where all is well says nothing: there is nothing to tell.
notify "$T/ok" ok
check "all well at first: exit 0" [ "$st" = 0 ]
check "all well at first: nothing sent" [ "$(sent)" = 0 ]
check "verdicts pass through unchanged" cmp -s "$T/ok" "$T/out"

# The balance crosses the threshold: one message, the exact request.
notify "$T/low" ok
check "an alert exits 2" [ "$st" = 2 ]
check "an alert is sent" [ "$(sent)" = 1 ]
check "alert passes through unchanged" cmp -s "$T/low" "$T/out"
check "silent on success" [ ! -s "$T/err" ]
check "POST to the webhook with wait=true" logged \
    ".method == \"POST\" and .path == \"/api/webhooks/4711/ok-$canary\" and .query == \"wait=true\""
check "JSON content type and a DiscordBot user agent" logged \
    '.headers["content-type"] == "application/json" and (.headers["user-agent"] | test("^DiscordBot \\(https?://[^,]+, [0-9.]+\\)"))'
check "mentions disabled" logged '.body | fromjson | .allowed_mentions.parse == []'
check "seed 001's summary" grep -qF '📊 **API Balance Summary**' <(content)
check "the low balance line" grep -qF '⚠️ **Kimi:** $4.20 (threshold: $5.00)' <(content)
check "the alert line" grep -qF '⚠️ **Kimi** credits low!' <(content)

# It stays low: no second message, the exit status still says alert.
notify "$T/lower" ok
check "still low: exit 2" [ "$st" = 2 ]
check "still low: nothing sent" [ "$(sent)" = 1 ]
QUOTAWATCH_NOW=2026-11-22T12:00:00Z notify "$T/lower" ok --repeat 6h
check "--repeat not yet due: nothing sent" [ "$(sent)" = 1 ]
QUOTAWATCH_NOW=2026-11-22T15:00:00Z notify "$T/lower" ok --repeat 6h
check "--repeat due: sent again" [ "$(sent)" = 2 ]
check "the repeat says still" grep -qF 'credits still low!' <(content)

# Recovery is announced once.
notify "$T/ok" ok
check "recovery exits 0" [ "$st" = 0 ]
check "recovery is sent" [ "$(sent)" = 3 ]
check "recovery line" grep -qF '✅ **Kimi** recovered' <(content)
notify "$T/ok" ok
check "recovery is announced once" [ "$(sent)" = 3 ]

# A failed delivery marks nothing: the next run delivers it.
start=$(date +%s.%N)
notify "$T/low" down --timeout 2
check "undelivered alert exits 1, not 2" [ "$st" = 1 ]
check "5xx retried" [ "$(grep -c /api/webhooks/4711/down- "$T/requests.log")" -ge 2 ]
check "gives up in time (--timeout 2: under 4 s)" awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { exit !(b - a < 4) }'
check "why, on one line" [ "$(wc -l <"$T/err")" = 1 ]
check "the message names the status" grep -q 'discord: HTTP 503.*gave up after' "$T/err"
check "verdicts still pass through, marked undelivered" \
    cmp -s <(jq -c '. + {undelivered: ["discord"]}' "$T/low") "$T/out"
before=$(sent)
notify "$T/low" ok
check "the next run delivers it" [ "$st/$(($(sent) - before))" = 2/1 ]
notify "$T/low" ok
check "and only once" [ "$(($(sent) - before))" = 1 ]

# Events: a top-up is told even without a change of level; a failed
# delivery owes it to the next run.
notify "$T/ok" ok
verdict default 40 ok topup >"$T/topup"
notify "$T/topup" down --timeout 1
check "undelivered event exits 1" [ "$st" = 1 ]
verdict default 40 ok >"$T/after"
notify "$T/after" ok
check "the owed top-up is delivered next run" grep -qF '💰 **Kimi** topped up' <(content)
n=$(sent)
notify "$T/after" ok
check "nothing more to say" [ "$(sent)" = "$n" ]
verdict default 40 ok stale >"$T/stale"
notify "$T/stale" ok
check "stale data is told" grep -qF 'data is stale' <(content)
n=$(sent)
notify "$T/stale" ok
check "stale is told once while it lasts" [ "$(sent)" = "$n" ]

# --when always posts every run (seed 001's hourly post); --when alert only on alerts.
n=$(sent)
notify "$T/ok" ok --when always --name hourly
notify "$T/ok" ok --when always --name hourly
check "--when always" [ "$(($(sent) - n))" = 2 ]
notify "$T/ok" ok --when alert --name alerts
check "--when alert: nothing when all is well" [ "$(($(sent) - n))" = 2 ]
notify "$T/low" ok --when alert --name alerts
check "--when alert: sent on an alert" [ "$(($(sent) - n))" = 3 ]
: >"$T/empty"
notify "$T/empty" ok --when always
check "empty input sends nothing" [ "$st/$(($(sent) - n))/$(wc -c <"$T/out")" = 0/3/0 ]

# The server's failure shapes, each with a fresh memory (--name).
log_count() { grep -c "$1-$canary" "$T/requests.log"; }
start=$(date +%s.%N)
notify "$T/ok" limited --when always --name s1
check "429: retried after retry_after, delivered" [ "$st/$(log_count limited)" = 0/2 ]
check "429: waited retry_after (0.6 s)" \
    awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { exit !(b - a >= 0.6) }'
start=$(date +%s)
notify "$T/ok" slow --when always --name s2 --timeout 3
check "429 beyond --timeout: exit 1 at once" [ "$st/$(log_count slow)" = 1/1 ]
check "429 beyond --timeout: says so" grep -q 'asks to wait 64.6 s, beyond --timeout' "$T/err"
check "429 beyond --timeout: quick" [ $(($(date +%s) - start)) -le 2 ]
notify "$T/ok" gateway --when always --name s3
check "502 HTML page: retried, delivered" [ "$st/$(log_count gateway)" = 0/2 ]
notify "$T/ok" closed --when always --name s4
check "closed connection: retried, delivered" [ "$st/$(log_count closed)" = 0/2 ]
notify "$T/ok" deleted --when always --name s5
check "404: exit 1, never retried" [ "$st/$(log_count deleted)" = 1/1 ]
check "404: says what to do" grep -q 'HTTP 404: Unknown Webhook (code 10015): the webhook was deleted' "$T/err"
notify "$T/ok" invalid --when always --name s6
check "400: exit 1, never retried" [ "$st/$(log_count invalid)" = 1/1 ]
notify "$T/ok" ok --when always --name s7 --timeout soon
check "bad --timeout" [ "$st" = 1 ]
check "bad option message names the tool" grep -q '^notify-discord: --timeout' "$T/err"
notify "$T/ok" ok --when sometimes
check "bad --when" grep -q 'always, alert or change' "$T/err"

# A long run: several messages, each within 2,000 UTF-16 units, all accounts in them.
for i in $(seq -w 1 90); do verdict "account-$i" 4.2 warning; done >"$T/many"
n=$(sent)
notify "$T/many" ok --when always --name many
tail -n +$((n + 1)) "$T/requests.log" | jq -r '.body | fromjson | .content' >"$T/contents"
check "a long run: several messages" [ "$(($(sent) - n))" -ge 2 ]
check "each within 2,000 UTF-16 units" /usr/bin/python3 -c '
import json, sys
for line in open(sys.argv[1]):
    c = json.loads(json.loads(line)["body"])["content"]
    assert len(c.encode("utf-16-le")) // 2 <= 2000 and c == c.strip(), len(c)
' <(tail -n +$((n + 1)) "$T/requests.log")
check "every account is in them" [ "$(grep -o 'account-[0-9]*):' "$T/contents" | sort -u | wc -l)" = 90 ]

# Issue 19, case 4: part 2 of a long message fails (400, not retried); the
# next run sends the parts from 2 on, not part 1 again.
n=$(sent)
notify "$T/many" half --name half
check "part 2 of a long message refused: exit 1, two posts" [ "$st/$(($(sent) - n))" = 1/2 ]
check "... says which part" grep -q '^notify-discord: half: message 2 of [0-9]*: HTTP 400' "$T/err"
QUOTAWATCH_NOW=2026-11-22T09:10:00Z notify "$T/many" half --name half
grep /api/webhooks/4711/half "$T/requests.log" | jq -r .body >"$T/half-bodies"
check "the next run: delivered, from part 2 on" \
    [ "$st/$(sed -n 3p "$T/half-bodies")" = "2/$(sed -n 2p "$T/half-bodies")" ]
check "... no part sent twice (part 2 once refused, once delivered)" [ "$(sort "$T/half-bodies" | uniq -d | wc -l)" = 1 ]
check "... every part delivered once" \
    [ "$(sed 2d "$T/half-bodies" | sort -u | wc -l)" = "$(($(wc -l <"$T/half-bodies") - 1))" ]
QUOTAWATCH_NOW=2026-11-22T09:20:00Z notify "$T/many" half --name half
check "... and the run after it sends nothing" [ "$st/$(grep -c /4711/half "$T/requests.log")" = \
    "2/$(wc -l <"$T/half-bodies")" ]

# The whole run keeps within --timeout: one deadline for every part and retry.
n=$(sent)
start=$(date +%s.%N)
notify "$T/many" sluggish --name sluggish --timeout 1
check "a slow webhook (0.4 s) and a long message: exit 1 within --timeout 1 (under 2 s), not 1 s a part" \
    awk -v a="$start" -v b="$(date +%s.%N)" -v st="$st" 'BEGIN { exit !(st == 1 && b - a < 2) }'
check "... at most 3 parts tried" [ "$(($(sent) - n))" -le 3 ]

# Markdown in an account name is escaped; @everyone pings nobody.
verdict '@everyone *bold*' 4.2 warning >"$T/odd"
notify "$T/odd" ok --when always --name odd
check "markdown escaped" grep -qF 'Kimi (@everyone \*bold\*)' <(content)

# --dry-run prints the request with the URL redacted and sends nothing.
n=$(sent)
notify "$T/low" ok --when always --dry-run
check "--dry-run sends nothing" [ "$(sent)" = "$n" ]
check "--dry-run shows the redacted URL" grep -qF "POST $URL/[redacted]?wait=true" "$T/err"
check "--dry-run shows the body" grep -qF '"allowed_mentions":{"parse":[]}' "$T/err"
notify "$T/ok" ok --dry-run --name quiet
check "--dry-run says when there is nothing to send" grep -q 'nothing to send' "$T/err"

# --test sends one short message and reads no input.
notify /dev/null ok --test
check "--test" [ "$st/$(($(sent) - n))" = 0/1 ]
check "--test message" grep -q 'test message' <(content)

# The webhook from a file (mode 0600 only) or the keys directory.
key_file "$T/hook" "$(hook ok)"
run_in "$T/low" notify-discord --webhook-file "$T/hook" --when always
cat "$T/out" "$T/err" >>"$T/all"
check "--webhook-file" [ "$st/$(($(sent) - n))" = 2/2 ]
chmod 644 "$T/hook"
run_in "$T/low" notify-discord --webhook-file "$T/hook" --when always
check "a readable webhook file is refused" grep -q 'chmod 600' "$T/err"
cat "$T/out" "$T/err" >>"$T/all"
key_file "$T/keys/discord-webhook" "$(hook ok)"
QUOTAWATCH_KEYS="$T/keys" run_in "$T/low" notify-discord --when always
cat "$T/out" "$T/err" >>"$T/all"
check "the keys directory" [ "$st/$(($(sent) - n))" = 2/3 ]
run_in "$T/low" notify-discord
cat "$T/out" "$T/err" >>"$T/all"
check "no webhook: exit 1" [ "$st" = 1 ]
check "no webhook: says which variable" grep -q 'DISCORD_WEBHOOK_URL' "$T/err"

# TLS with a throwaway certificate: trusted with --cacert, refused without.
plain=$URL
start_server "$here/../data/discord-routes.json" tls
notify "$T/ok" ok --when always --name tls --cacert "$T/cert.pem"
check "https with --cacert" [ "$st" = 0 ]
notify "$T/ok" ok --when always --name tls2 --timeout 1
check "https without --cacert is refused" [ "$st" = 1 ]
URL=$plain

# The man page's pipeline: fetch-moonshot | evaluate | notify-discord | record.
start_server "$here/../data/moonshot-routes.json"
moonshot=$URL
URL=$plain
n=$(sent)
MOONSHOT_API_KEY=sk-five fetch-moonshot --base-url "$moonshot" | evaluate |
    DISCORD_WEBHOOK_URL=$(hook ok) notify-discord --name pipeline 2>>"$T/all" |
    record --db "$T/history.db" 2>>"$T/all"
check "the pipeline's last stage answers for the run: alert" [ "$?" = 2 ]
check "the pipeline posted the low balance" grep -qF '⚠️ **Kimi:** $5.00 available' <(content)
check "and recorded it" [ "$(sqlite3 "$T/history.db" 'SELECT remaining FROM usage_snapshots')" = 5.0 ]

# Only Discord's message object confirms a delivery (issue 19): a captive
# portal's page or an empty 2xx is a failed delivery, remembered as not sent.
for hook in portal empty; do
    notify "$T/low" "$hook" --name "$hook"
    check "$hook: a failed delivery, exit 1" [ "$st" = 1 ]
    check "$hook: said on stderr" grep -q "not Discord's message object" "$T/err"
    check "$hook: the verdict is marked undelivered" [ "$(field 'undelivered[0]')" = "$hook" ]
    n=$(sent)
    notify "$T/low" ok --name "$hook"
    check "$hook: the alert is sent by the next run" [ "$(sent)" = $((n + 1)) ]
done

check "the webhook token is in no output" [ "$(grep -c "$canary" "$T/all")" = 0 ]
check "the webhook token is not in the database" [ "$(cat "$T/state.db"* | grep -a -c "$canary")" = 0 ]
finish

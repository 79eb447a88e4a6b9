# The notifiers' delivery memory over many runs (issue 19, quotawatch(7)
# NOTIFICATIONS): an error record stands for its provider and account, so
# every outage and every recovery is announced once, whatever windows the
# provider reports; a series gone for 3 runs of its provider is forgotten.
. "$(dirname "$0")/lib.sh"
unset KIMI_CODE_API_KEY KIMI_CODE_BASE_URL DISCORD_WEBHOOK_URL
start_server "$here/../data/kimi-routes.json"
kimi=$URL
start_server "$here/../data/discord-routes.json"
export QUOTAWATCH_DB="$T/state.db" DISCORD_WEBHOOK_URL="$URL/api/webhooks/4711/ok-canary7Qx2"
sent() { cat "$T/requests.log" 2>/dev/null | grep -c /api/webhooks/; }
content() { grep /api/webhooks/ "$T/requests.log" | tail -n 1 | jq -r '.body | fromjson | .content'; }

# job KEY: one run of the kimi-reset job's pipeline.
job() {
    KIMI_CODE_API_KEY=$1 fetch-kimi-code --base-url "$kimi" 2>/dev/null | evaluate |
        notify-discord >/dev/null 2>>"$T/err.all"
}
job kimi-good
check "all well at first: nothing sent" [ "$(sent)" = 0 ]
job kimi-html
check "the outage is announced" [ "$(sent)" = 1 ]
check "... as an error of Kimi Code" grep -qF '❌ **Kimi Code:** error: HTTP 502' <(content)
job kimi-good
check "the recovery is announced" [ "$(sent)" = 2 ]
check "... as the recovery of Kimi Code" grep -qF '✅ **Kimi Code** recovered (was error)' <(content)
job kimi-good
check "still well: nothing sent" [ "$(sent)" = 2 ]
job kimi-html
check "the second outage is announced" [ "$(sent)" = 3 ]
job kimi-html
check "the outage goes on: nothing sent" [ "$(sent)" = 3 ]
job kimi-good
check "the second recovery is announced" [ "$(sent)" = 4 ]
check "nothing on stderr" [ ! -s "$T/err.all" ]

# A series its provider stops reporting is forgotten after 3 runs of the
# provider, without a message (runs in which the provider fails do not count:
# tests/unit/notify_test.cpp).
series() { sqlite3 "$QUOTAWATCH_DB" "SELECT series FROM notify_state WHERE series LIKE '$1'"; }
check "the memory holds the 5h window" [ -n "$(series 'kimi-code/%/5h')" ]
weekly() { jq -c 'select(.window == "weekly")' <(KIMI_CODE_API_KEY=kimi-good fetch-kimi-code --base-url "$kimi") |
    evaluate | notify-discord >/dev/null 2>>"$T/err.all"; }
n=$(sent)
weekly
weekly
check "absent for 2 runs: still remembered" [ -n "$(series 'kimi-code/%/5h')" ]
weekly
check "absent for 3 runs: forgotten" [ -z "$(series 'kimi-code/%/5h')" ]
check "... without a message" [ "$(sent)" = "$n" ]
finish

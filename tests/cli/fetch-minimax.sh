# fetch-minimax against a loopback MiniMax: plan windows, the balance, and
# every failure shape of providers.md §4.
. "$(dirname "$0")/lib.sh"
unset MINIMAX_API_KEY MINIMAX_BASE_URL
start_server "$here/../data/minimax-routes.json"

MINIMAX_API_KEY=sk-cp-good run fetch-minimax --base-url "$URL"
check "a plan key: exit 0" [ "$st" = 0 ]
check "one window (the weekly one is unlimited)" [ "$(wc -l <"$T/out")" = 1 ]
check "the 5h window" [ "$(field provider)/$(field kind)/$(field window)" = minimax/quota/5h ]
check "usage_count is what remains" \
    [ "$(field limit)/$(field remaining)/$(field used)/$(field unit)" = 1500/1200/300/prompts ]
check "used_pct = 100 - remaining_percent" [ "$(field used_pct)" = 20 ]
check "resets_at from end_time (ms)" [ "$(field resets_at)" = 2026-11-22T13:00:00Z ]
check "silent when the balance endpoint refuses a plan key" [ ! -s "$T/err" ]
check "the Token Plan path, then the legacy one when it has no plan, with the bearer key" \
    [ "$(jq -r 'select(.headers.authorization == "Bearer sk-cp-good") | .path' "$T/requests.log" | sort | tr '\n' ' ')" \
      = "/account/query_balance /v1/api/openplatform/coding_plan/remains /v1/token_plan/remains " ]

# Issue 25: a current Token Plan answer (providers.md R2-R4): the 4-hour span
# is the plan's 5h window, usage_count is what was used (the percentages say
# so), and the legacy path is not asked.
MINIMAX_API_KEY=sk-cp-token run fetch-minimax --base-url "$URL"
check "Token Plan: exit 0, the 5h and weekly windows" \
    [ "$st/$(jq -r .window "$T/out" | tr '\n' ' ')" = "0/5h weekly " ]
check "Token Plan: a 4-hour span is named 5h" [ "$(field window)" = 5h ]
check "Token Plan: usage_count read as used, as remaining_percent 5 says" \
    [ "$(field limit)/$(field remaining)/$(field used)/$(field used_pct)" = 100/5/95/95 ]
check "Token Plan: the weekly counts too" \
    [ "$(field remaining 1)/$(field used 1)" = 700/300 ]
check "Token Plan: the legacy path is not asked" \
    [ "$(jq -r 'select(.headers.authorization == "Bearer sk-cp-token") | .path' "$T/requests.log" | sort | tr '\n' ' ')" \
      = "/account/query_balance /v1/token_plan/remains " ]
MINIMAX_API_KEY=sk-cp-token fetch-minimax --base-url "$URL" | evaluate >"$T/out" 2>"$T/err"
check "Token Plan: 5 left of 100 alerts (exit 2), where 95 left was ok" [ "$?/$(field level)" = 2/warning ]
MINIMAX_API_KEY=sk-cp-odd run fetch-minimax --base-url "$URL"
check "counts that agree with neither reading: the percentage alone" \
    [ "$(field unit)/$(field used_pct)/$(field remaining)/$(field limit)" = %/80/null/null ]

MINIMAX_API_KEY=sk-cp-pct run fetch-minimax --base-url "$URL"
check "percent-only plan, strings, data wrapper: two windows" \
    [ "$(jq -r '"\(.window)=\(.used_pct)\(.unit)"' "$T/out" | tr '\n' ' ')" = "5h=0% weekly=65% " ]

MINIMAX_API_KEY=sk-api-good run fetch-minimax --base-url "$URL"
check "an API key: the balance" [ "$st/$(field kind)/$(field remaining)" = 0/balance/12.34 ]
check "parts" [ "$(field parts.cash)/$(field parts.voucher)" = 10/2.34 ]
check "USD on the global region" [ "$(field unit)" = USD ]
MINIMAX_API_KEY=sk-api-good run fetch-minimax --base-url "$URL" --region cn
check "CNY on the cn region, even with --base-url" [ "$(field unit)" = CNY ]

MINIMAX_API_KEY=sk-both run fetch-minimax --base-url "$URL" --region cn
check "a key with both: window and balance" \
    [ "$(jq -r .kind "$T/out" | tr '\n' ' ')" = "quota balance " ]
MINIMAX_API_KEY=sk-both fetch-minimax --base-url "$URL" --region cn | evaluate >"$T/out" 2>"$T/err"
check "4% left of the 5h window is critical (exit 2)" [ "$?/$(field level)" = 2/critical ]

MINIMAX_API_KEY=sk-nope run fetch-minimax --base-url "$URL"
check "HTTP 200 with status_code 1004 on both: exit 1" [ "$st/$(field status)" = 1/error ]
check "both reasons" [ "$(field error)" = "coding plan: status_code 1004: cookie is missing, log in again; balance: status_code 1004: login fail: Please carry the API secret key in the 'Authorization' field of the request header" ]
check "one line on stderr" [ "$(wc -l <"$T/err")" = 1 ]
MINIMAX_API_KEY=sk-401 run fetch-minimax --base-url "$URL"
check "HTTP 401" [ "$st/$(field error)" = "1/coding plan: HTTP 401: invalid api key; balance: HTTP 401: invalid api key" ]
MINIMAX_API_KEY=sk-html run fetch-minimax --base-url "$URL"
check "an HTML page" grep -q '"coding plan: HTTP 502: not JSON (text/html; charset=utf-8); balance: HTTP 502' "$T/out"
start=$(date +%s)
MINIMAX_API_KEY=sk-hang run fetch-minimax --base-url "$URL" --timeout 1
check "a server that never finishes times out" [ "$st/$(field status)" = 1/error ]
check "timeout reason" grep -q 'timed out' "$T/out"
check "within the timeout" [ $(( $(date +%s) - start )) -le 5 ]
MINIMAX_API_KEY=sk-flaky run fetch-minimax --base-url "$URL" --timeout 1
check "a timeout is never taken for a refusal" \
    [ "$st/$(jq -r .status "$T/out" | tr '\n' ' ')" = "1/ok error " ]
check "the failing side is named" [ "$(field kind 1)" = balance ]
MINIMAX_API_KEY=sk-echo-canary-4419 run fetch-minimax --base-url "$URL"
no_key() { ! grep -q 'sk-echo-canary-4419' "$T/out" "$T/err"; }
check "a key echoed by the provider is redacted" no_key

mkdir -p "$T/keys/minimax"
key_file "$T/keys/minimax/plan" sk-cp-good
key_file "$T/keys/minimax/payg" sk-api-good
QUOTAWATCH_KEYS="$T/keys" run fetch-minimax --base-url "$URL"
check "two accounts from the keys directory" \
    [ "$st/$(jq -r '"\(.account):\(.kind)"' "$T/out" | tr '\n' ' ')" = "0/payg:balance plan:quota " ]
MINIMAX_BASE_URL="$URL" MINIMAX_API_KEY=sk-api-good run fetch-minimax
check "MINIMAX_BASE_URL" [ "$(field remaining)" = 12.34 ]
run fetch-minimax --base-url "$URL"
check "no key: skipped, exit 0" [ "$st/$(field status)" = 0/skipped ]
run fetch-minimax --region eu
check "bad --region" grep -q '^fetch-minimax: --region' "$T/err"

start_server "$here/../data/minimax-routes.json" tls
MINIMAX_API_KEY=sk-api-good run fetch-minimax --base-url "$URL" --cacert "$T/cert.pem"
check "https with --cacert" [ "$st/$(field remaining)" = 0/12.34 ]
MINIMAX_API_KEY=sk-api-good run fetch-minimax --base-url "$URL"
check "https without --cacert is refused" [ "$st/$(field status)" = 1/error ]

finish

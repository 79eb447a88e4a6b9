# fetch-openrouter against a loopback OpenRouter: credits, the key, the 403 fallback.
. "$(dirname "$0")/lib.sh"
unset OPENROUTER_API_KEY OPENROUTER_BASE_URL
start_server "$here/../data/openrouter-routes.json"
kinds() { jq -r '"\(.kind)/\(.window // "")=\(.remaining // .used)"' "$T/out" | tr '\n' ' '; }

OPENROUTER_API_KEY=sk-or-good run fetch-openrouter --base-url "$URL"
check "success exits 0" [ "$st" = 0 ]
check "one balance record" [ "$(wc -l <"$T/out")/$(field kind)/$(field unit)" = 1/balance/USD ]
check "remaining is credits minus usage" [ "$(field remaining)/$(field used)" = 74.75/25.75 ]
check "only /credits was asked" [ "$(jq -r .path "$T/requests.log" | sort -u)" = /api/v1/credits ]
check "bearer header" logged '.headers.authorization == "Bearer sk-or-good"'
check "silent on success" [ ! -s "$T/err" ]

OPENROUTER_API_KEY=sk-or-good run fetch-openrouter --key-usage --base-url "$URL"
check "--key-usage adds the cap and the spend" [ "$st/$(kinds)" = \
    "0/balance/=74.75 budget/monthly=74.5 spend/daily=1.25 spend/weekly=6.5 spend/monthly=25.5 spend/total=25.5 " ]
check "the cap's limit" [ "$(field limit 1)" = 100 ]
OPENROUTER_API_KEY=sk-or-good fetch-openrouter --key-usage --base-url "$URL" | evaluate | render >"$T/table"
check "as a table (man page example)" [ "${PIPESTATUS[2]}/$(grep -c OpenRouter "$T/table")" = 0/6 ]

: >"$T/requests.log"
OPENROUTER_API_KEY=sk-or-inference run fetch-openrouter --base-url "$URL"
check "a 403 from /credits falls back to /key" [ "$st/$(kinds)" = "0/budget/=1.5 spend/total=18.5 " ]
check "in a second request" [ "$(jq -r .path "$T/requests.log" | tr '\n' ' ')" = \
    "/api/v1/credits /api/v1/key " ]
cp "$T/out" "$T/inference"
run_in "$T/inference" evaluate
check "a key cap nearly spent alerts" [ "$st/$(field level)" = 2/warning ]

OPENROUTER_API_KEY=sk-or-bad run fetch-openrouter --base-url "$URL"
check "401 reason names the endpoint" \
    [ "$(field error)" = "/credits: HTTP 401: Missing Authentication header" ]
check "401 exits 1" [ "$st" = 1 ]
OPENROUTER_API_KEY=sk-or-html run fetch-openrouter --base-url "$URL"
check "HTML page" [ "$(field error)" = "/credits: HTTP 502: not JSON (text/html; charset=utf-8)" ]
OPENROUTER_API_KEY=sk-or-hang run fetch-openrouter --base-url "$URL" --timeout 1
check "a body that never finishes times out" [ "$st" = 1 ]
check "timeout reason" grep -q 'timed out' "$T/out"

OPENROUTER_BASE_URL="$URL" OPENROUTER_API_KEY=sk-or-good run fetch-openrouter
check "OPENROUTER_BASE_URL" [ "$(field remaining)" = 74.75 ]
run fetch-openrouter --base-url "$URL"
check "no key: skipped, exit 0" [ "$st/$(field status)" = 0/skipped ]

finish

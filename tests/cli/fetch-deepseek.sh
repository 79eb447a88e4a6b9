# fetch-deepseek against a loopback DeepSeek: every success and failure shape.
. "$(dirname "$0")/lib.sh"
unset DEEPSEEK_API_KEY DEEPSEEK_BASE_URL
start_server "$here/../data/deepseek-routes.json"

DEEPSEEK_API_KEY=sk-good run fetch-deepseek --base-url "$URL"
check "success exits 0" [ "$st" = 0 ]
check "one record" [ "$(wc -l <"$T/out")" = 1 ]
check "provider, kind, unit" [ "$(field provider)/$(field kind)/$(field unit)" = deepseek/balance/CNY ]
check "remaining from a decimal string" [ "$(field remaining)" = 110 ]
check "voucher (granted) and cash (topped-up) parts" [ "$(field parts.voucher)/$(field parts.cash)" = 10/100 ]
check "silent on success" [ ! -s "$T/err" ]
check "documented path and bearer header" \
    logged '.path == "/user/balance" and .headers.authorization == "Bearer sk-good"'

DEEPSEEK_API_KEY=sk-two run fetch-deepseek --base-url "$URL"
check "two currencies, two records" [ "$st/$(wc -l <"$T/out")" = 0/2 ]
check "each with its own unit and amount" \
    [ "$(jq -r '"\(.unit)=\(.remaining)"' "$T/out" | tr '\n' ' ')" = "CNY=3.5 USD=20 " ]
check "issue 25: the currency is the unit only, never the window" \
    [ "$(jq -r '.window // "-"' "$T/out" | tr '\n' ' ')" = "- - " ]

printf 'deepseek/*/balance/*/CNY  warning  remaining<=20\n' >"$T/rules"
cp "$T/out" "$T/two"
run_in "$T/two" evaluate --rules "$T/rules"
check "a rule for the CNY series alone (man page example)" \
    [ "$st/$(jq -r '"\(.unit)=\(.level)"' "$T/out" | tr '\n' ' ')" = "2/CNY=warning USD=ok " ]
printf 'deepseek/*/balance/CNY  warning  remaining<=20\n' >"$T/rules"
run_in "$T/two" evaluate --rules "$T/rules"
check "a rule written with the currency as the window still matches the CNY series" \
    [ "$st/$(jq -r '"\(.unit)=\(.level)"' "$T/out" | tr '\n' ' ')" = "2/CNY=warning USD=ok " ]
run_in "$T/two" record --db "$T/q.db" --tee
QUOTAWATCH_DB="$T/q.db" run "$QW_BIN/recall" --last
check "two currencies of one account: two series in the history" \
    [ "$(jq -r '"\(.unit)=\(.remaining)"' "$T/out" | sort | tr '\n' ' ')" = "CNY=3.5 USD=20 " ]
DEEPSEEK_API_KEY=sk-bad fetch-deepseek --base-url "$URL" 2>/dev/null | record --db "$T/q.db"
QUOTAWATCH_DB="$T/q.db" run "$QW_BIN/recall" --since 2000-01-01
check "... and two summaries, the failed fetch (no unit) counted in each" \
    [ "$(jq -r '"\(.unit):\(.errors // 0)"' "$T/out" | sort | tr '\n' ' ')" = "CNY:1 USD:1 " ]

# Issue 25: no balance at all (is_available false, balance_infos empty) is a
# zero balance that alerts, not an error.
DEEPSEEK_API_KEY=sk-empty run fetch-deepseek --base-url "$URL"
check "empty balance_infos, not available: an ok record of 0, exit 0" \
    [ "$st/$(field status)/$(field remaining)/$(field kind)" = 0/ok/0/balance ]
cp "$T/out" "$T/empty"
run_in "$T/empty" evaluate
check "... which alerts under the default rule (exit 2)" [ "$st/$(field level)" = 2/warning ]

DEEPSEEK_API_KEY=sk-blocked run fetch-deepseek --base-url "$URL"
check "is_available false exits 1" [ "$st" = 1 ]
check "is_available false is an error with the balance kept" \
    [ "$(field status)/$(field remaining)" = error/42 ]
check "is_available false says why" grep -q 'is_available is false' "$T/err"

cp "$T/out" "$T/blocked"
run_in "$T/blocked" evaluate
check "is_available false is an error-level verdict" [ "$st/$(field level)" = 1/error ]

DEEPSEEK_API_KEY=sk-bad run fetch-deepseek --base-url "$URL"
check "401 exits 1 with the provider's reason" \
    [ "$st/$(field error)" = "1/HTTP 401: Authentication Fails (no such user)" ]
DEEPSEEK_API_KEY=sk-html run fetch-deepseek --base-url "$URL"
check "HTML page" [ "$(field error)" = "HTTP 502: not JSON (text/html; charset=utf-8)" ]
DEEPSEEK_API_KEY=sk-hang run fetch-deepseek --base-url "$URL" --timeout 1
check "a body that never finishes times out" [ "$st" = 1 ]
check "timeout reason" grep -q 'timed out' "$T/out"

DEEPSEEK_API_KEY=sk-canary-echo-5d81b0c4 run fetch-deepseek --base-url "$URL"
check "an echoed key is redacted" [ "$(cat "$T/out" "$T/err" | grep -c 5d81b0c4)" = 0 ]
check "the redaction is visible" grep -q '\[redacted\]' "$T/out"

mkdir -p "$T/keys/deepseek"
key_file "$T/keys/deepseek/cn" sk-good
key_file "$T/keys/deepseek/intl" sk-two
QUOTAWATCH_KEYS="$T/keys" run fetch-deepseek --base-url "$URL"
check "two accounts, three records" \
    [ "$st/$(jq -r '"\(.account):\(.unit)"' "$T/out" | tr '\n' ' ')" = "0/cn:CNY intl:CNY intl:USD " ]

DEEPSEEK_BASE_URL="$URL" DEEPSEEK_API_KEY=sk-good run fetch-deepseek
check "DEEPSEEK_BASE_URL" [ "$(field remaining)" = 110 ]

run fetch-deepseek --base-url "$URL"
check "no key: skipped, exit 0" [ "$st/$(field status)" = 0/skipped ]
check "skipped names the variable" grep -q DEEPSEEK_API_KEY "$T/out"

start_server "$here/../data/deepseek-routes.json" tls
DEEPSEEK_API_KEY=sk-good run fetch-deepseek --base-url "$URL" --cacert "$T/cert.pem"
check "https with --cacert" [ "$st/$(field remaining)" = 0/110 ]

finish

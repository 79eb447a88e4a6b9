# fetch-siliconflow against a loopback SiliconFlow: every success and failure shape.
. "$(dirname "$0")/lib.sh"
unset SILICONFLOW_API_KEY SILICONFLOW_BASE_URL
start_server "$here/../data/siliconflow-routes.json"

SILICONFLOW_API_KEY=sk-good run fetch-siliconflow --base-url "$URL"
check "success exits 0" [ "$st" = 0 ]
check "one record" [ "$(wc -l <"$T/out")" = 1 ]
check "provider, kind" [ "$(field provider)/$(field kind)" = siliconflow/balance ]
check "USD on the default global region (issue 25)" [ "$(field unit)" = USD ]
check "remaining is totalBalance" [ "$(field remaining)" = 88.88 ]
check "voucher (gift) and cash (charge) parts" [ "$(field parts.voucher)/$(field parts.cash)" = 0.88/88 ]
check "silent on success" [ ! -s "$T/err" ]
check "documented path and bearer header, the key as given" \
    logged '.path == "/v1/user/info" and .headers.authorization == "Bearer sk-good"'

# Issue 25: the China host retired /v1/user/info on 2026-08-14 (HTTP 410).
: >"$T/requests.log"
SILICONFLOW_API_KEY=sk-good run fetch-siliconflow --region cn --base-url "$URL"
check "--region cn: status na, exit 0" [ "$st/$(field status)/$(field unit)" = 0/na/CNY ]
check "--region cn: the reason names the retirement and its date" \
    sh -c "grep -q 'retired GET /v1/user/info .* on 2026-08-14' '$T/out'"
check "--region cn: no request sent" [ ! -s "$T/requests.log" ]
check "--region cn: silent" [ ! -s "$T/err" ]
SILICONFLOW_API_KEY=sk-retired run fetch-siliconflow --base-url "$URL"
check "HTTP 410 from any host: the same na record, exit 0" \
    [ "$st/$(field status)/$(field unit)" = 0/na/USD ]
check "HTTP 410: the reason names the retirement" grep -q '2026-08-14' "$T/out"
SILICONFLOW_API_KEY=sk-good fetch-siliconflow --region global --base-url "$URL" | evaluate |
    render >"$T/table"
check "as a table (man page example)" grep -q 'SiliconFlow .*\$88\.88' "$T/table"

SILICONFLOW_API_KEY=sk-bad run fetch-siliconflow --base-url "$URL"
check "401 with a bare JSON string" [ "$st/$(field error)" = "1/HTTP 401: Api key is invalid" ]
SILICONFLOW_API_KEY=sk-code run fetch-siliconflow --base-url "$URL"
check "code != 20000 on HTTP 200" \
    [ "$st/$(field error)" = "1/provider answered code 30001: account frozen" ]
check "one line on stderr" [ "$(wc -l <"$T/err")" = 1 ]
SILICONFLOW_API_KEY=sk-html run fetch-siliconflow --base-url "$URL"
check "HTML page" [ "$(field error)" = "HTTP 502: not JSON (text/html; charset=utf-8)" ]
SILICONFLOW_API_KEY=sk-hang run fetch-siliconflow --base-url "$URL" --timeout 1
check "a body that never finishes times out" [ "$st" = 1 ]
check "timeout reason" grep -q 'timed out' "$T/out"

run fetch-siliconflow --region eu
check "a bad region is refused" [ "$st" = 1 ]
check "the message names the option" grep -q '^fetch-siliconflow: --region' "$T/err"

SILICONFLOW_BASE_URL="$URL" SILICONFLOW_API_KEY=sk-good run fetch-siliconflow
check "SILICONFLOW_BASE_URL" [ "$(field remaining)" = 88.88 ]
key_file "$T/k" sk-good
run fetch-siliconflow --key-file "$T/k" --base-url "$URL"
check "--key-file" [ "$(field remaining)" = 88.88 ]

run fetch-siliconflow --base-url "$URL"
check "no key: skipped, exit 0" [ "$st/$(field status)" = 0/skipped ]

finish

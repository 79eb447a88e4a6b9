# fetch-glm against a loopback BigModel / z.ai: every success and failure shape.
. "$(dirname "$0")/lib.sh"
unset GLM_API_KEY GLM_BASE_URL
start_server "$here/../data/glm-routes.json"

GLM_API_KEY=glm-good run fetch-glm --base-url "$URL"
check "success exits 0" [ "$st" = 0 ]
check "three windows and the wallet" [ "$(wc -l <"$T/out")" = 4 ]
check "silent on success" [ ! -s "$T/err" ]
check "windows by unit code" [ "$(jq -r .window "$T/out" | tr '\n' ' ')" = "5h weekly monthly null " ]
check "provider and kinds" \
    [ "$(jq -r '.provider + "/" + .kind' "$T/out" | sort -u | tr '\n' ' ')" = "glm/balance glm/quota " ]
check "5h: percent used only" [ "$(field unit)/$(field used_pct)/$(field remaining)" = "%/12/null" ]
check "5h resets_at from epoch ms" [ "$(field resets_at)" = 2026-11-22T12:54:00Z ]
check "weekly: counts in tokens" \
    [ "$(field unit 1)/$(field used 1)/$(field remaining 1)/$(field limit 1)/$(field used_pct 1)" = "tokens/4788/5211/10000/47" ]
check "weekly resets_at" [ "$(field resets_at 1)" = 2026-11-29T07:54:00Z ]
check "monthly MCP calls" [ "$(field unit 2)/$(field used 2)/$(field resets_at 2)" = "calls/28/2026-12-01T00:00:00Z" ]
check "wallet in CNY" \
    [ "$(field unit 3)/$(field remaining 3)/$(field used 3)/$(field limit 3)/$(field parts.frozen 3)" = "CNY/40/77.5/null/2.5" ]
check "every record ok" [ "$(jq -r .status "$T/out" | sort -u)" = ok ]
check "quota path with the raw key, no Bearer" \
    logged '.path == "/api/monitor/usage/quota/limit" and .headers.authorization == "glm-good"
                       and .headers["accept-language"] == "en-US,en"'
check "wallet path on the same --base-url" \
    logged '.path == "/api/biz/account/query-customer-account-report"
                       and .headers.authorization == "glm-good"'

: >"$T/requests.log"
GLM_API_KEY=glm-good run fetch-glm --region global --base-url "$URL"
check "global: windows only" [ "$st/$(wc -l <"$T/out")/$(jq -r .kind "$T/out" | sort -u)" = "0/3/quota" ]
check "global: no wallet request" [ "$(wc -l <"$T/requests.log")" = 1 ]
GLM_API_KEY=glm-good run fetch-glm --no-wallet --base-url "$URL"
check "--no-wallet" [ "$st/$(wc -l <"$T/out")/$(jq -r .kind "$T/out" | sort -u)" = "0/3/quota" ]
run fetch-glm --region eu
check "bad --region" [ "$st" = 1 ] && check "bad --region message" grep -q '^fetch-glm: --region' "$T/err"

# BigModel team usage: ?type=2 with the organisation and project headers.
GLM_API_KEY=glm-good run fetch-glm --base-url "$URL" --organization org-7 --project proj-2
check "team usage: the team's window, exit 0" \
    [ "$st/$(wc -l <"$T/out")/$(field window)/$(field used_pct)" = 0/1/5h/64 ]
check "team usage: a series apart from the key's own (account LABEL@PROJECT)" \
    [ "$(field account)" = default@proj-2 ]
check "team usage: the selectors were sent" \
    [ "$(jq -r 'select(.query == "type=2") | "\(.headers["bigmodel-organization"])/\(.headers["bigmodel-project"])"' \
        "$T/requests.log" | tail -n 1)" = org-7/proj-2 ]
GLM_API_KEY=glm-good run fetch-glm --base-url "$URL" --organization org-7 --project nope
check "team usage with unknown ids: an error record that says what to check" \
    [ "$st/$(field status)" = 1/error ] && check "... naming the options" \
    grep -q 'no quota windows.*check --organization and --project' "$T/out"
GLM_API_KEY=glm-good run fetch-glm --base-url "$URL" --organization org-7
check "--organization without --project" \
    [ "$st/$(cat "$T/err")" = "1/fetch-glm: --organization and --project go together" ]
GLM_API_KEY=glm-good run fetch-glm --region global --organization org-7 --project proj-2
check "team usage on z.ai is refused" [ "$st" = 1 ] && check "... saying why" grep -q 'cn) only' "$T/err"

GLM_API_KEY=glm-strings run fetch-glm --base-url "$URL"
check "numbers as strings" \
    [ "$st/$(field window 1)/$(field used_pct 1)/$(field used 1)/$(field resets_at 1)" = "0/weekly/96/9600/2026-11-29T07:54:00Z" ]
check "idle 5h window has no resets_at" [ "$(field window)/$(field resets_at)" = "5h/null" ]
check "wallet strings, no limit (lifetime totals are no cap)" [ "$(field remaining 2)/$(field limit 2)/$(field used 2)" = "12.3/null/37.7" ]

GLM_API_KEY=glm-nowallet run fetch-glm --base-url "$URL"
check "a failed wallet is an error record; the windows still flow" \
    [ "$st/$(jq -r '.kind + ":" + .status' "$T/out" | tr '\n' ' ')" = "1/quota:ok balance:error " ]
check "wallet reason" [ "$(field error 1)" = "wallet: provider answered code 1001: No permission" ]

for key in glm-expired glm-bad glm-html glm-empty; do
    GLM_API_KEY=$key run fetch-glm --no-wallet --base-url "$URL"
    check "$key exits 1" [ "$st" = 1 ]
    check "$key prints one error record" [ "$(wc -l <"$T/out")/$(field status)/$(field kind)" = 1/error/quota ]
    check "$key error is one line on stderr" [ "$(wc -l <"$T/err")" = 1 ]
done
GLM_API_KEY=glm-expired run fetch-glm --no-wallet --base-url "$URL"
check "HTTP 200 with success false" [ "$(field error)" = "provider answered code 401: Token expired or incorrect" ]
GLM_API_KEY=glm-bad run fetch-glm --no-wallet --base-url "$URL"
check "HTTP 401" [ "$(field error)" = "HTTP 401: Unauthorized" ]
GLM_API_KEY=glm-html run fetch-glm --base-url "$URL"
check "HTML page" [ "$(field error)" = "HTTP 502: not JSON (text/html; charset=utf-8)" ]
check "HTML page, wallet too" [ "$(field error 1)" = "wallet: HTTP 502: not JSON (text/html; charset=utf-8)" ]
GLM_API_KEY=glm-empty run fetch-glm --no-wallet --base-url "$URL"
check "success without windows" [ "$(field error)" = "no quota windows in the answer (data.limits is empty)" ]

start=${EPOCHREALTIME//[.,]/}
GLM_API_KEY=glm-hang run fetch-glm --base-url "$URL" --timeout 0.5
check "a body that never finishes times out" [ "$st/$(wc -l <"$T/out")" = 1/2 ]
check "timeout reason" grep -q 'timed out' "$T/out"
check "within the timeout (a hang that is not cut never ends)" \
    [ $(( (${EPOCHREALTIME//[.,]/} - start) / 1000 )) -le 4000 ]
# The server answers each of the two only while the other is in flight too:
# one after the other, the first would wait for the second and time out.
GLM_API_KEY=glm-pair run fetch-glm --base-url "$URL" --timeout 10
check "both requests at once" [ "$st/$(jq -r .status "$T/out" | tr '\n' ' ')" = "0/ok ok " ]

# A provider that echoes the key in its message: the key never reaches any output.
GLM_API_KEY=glm-canary-5ecr3t run fetch-glm --no-wallet --base-url "$URL"
check "echoed key: error record" [ "$st/$(field status)" = 1/error ]
check "echoed key is redacted" [ "$(field error)" = "provider answered code 401: unknown key [redacted]" ]
check "no key on stdout or stderr" [ "$(cat "$T/out" "$T/err" | grep -c 5ecr3t)" = 0 ]

# Several accounts in a keys directory, fetched at once.
mkdir -p "$T/keys/glm"
key_file "$T/keys/glm/home" glm-good
key_file "$T/keys/glm/team" glm-low
key_file "$T/keys/glm/old" glm-expired
QUOTAWATCH_KEYS="$T/keys" run fetch-glm --no-wallet --base-url "$URL"
check "labels from file names" [ "$(jq -r .account "$T/out" | sort -u | tr '\n' ' ')" = "home old team " ]
check "one bad account makes exit 1, the others flow" \
    [ "$st/$(jq -r 'select(.status == "ok") | .account' "$T/out" | sort -u | tr '\n' ' ')" = "1/home team " ]
chmod 644 "$T/keys/glm/home"
QUOTAWATCH_KEYS="$T/keys" run fetch-glm --base-url "$URL"
check "a readable key file is refused" grep -q 'chmod 600' "$T/err"
check "its record is an error of kind quota" \
    [ "$(jq -r 'select(.account == "home") | .kind + ":" + .status' "$T/out")" = quota:error ]

key_file "$T/k" glm-good
run fetch-glm --key-file "$T/k" --base-url "$URL"
check "--key-file" [ "$st/$(wc -l <"$T/out")" = 0/4 ]
GLM_BASE_URL="$URL" GLM_API_KEY=glm-good run fetch-glm
check "GLM_BASE_URL" [ "$st/$(field used_pct)" = 0/12 ]
run fetch-glm --base-url "$URL"
check "no key: skipped, exit 0" [ "$st/$(field status)/$(field provider)" = 0/skipped/glm ]
run fetch-glm --base-url "$URL/api"
check "--base-url with a path is refused" [ "$st" = 1 ]
GLM_API_KEY=glm-good run fetch-glm --base-url "http://127.0.0.1:1"
check "refused connection is an error record" [ "$st/$(field status)" = 1/error ]

# Seed 003: ¥3 left in the wallet (¥20 ever topped up, a lifetime total and
# no limit) is a warning under the absolute default, remaining<=5.
GLM_API_KEY=glm-low fetch-glm --base-url "$URL" | evaluate | render --format table >"$T/out" 2>"$T/err"
st=$?
check "seed 003 table exits 2 (alert)" [ "$st" = 2 ]
check "seed 003 table: GLM wallet row" grep -q '^GLM (智谱) .*¥17.00 *¥3.00' "$T/out"
check "seed 003 table: 5h window row" grep -q '^GLM (智谱) 5h ' "$T/out"
# Seed 003's whole table, as the man page's EXAMPLES runs it.
( export QUOTAWATCH_KEYS="$T/no-keys" GLM_API_KEY=glm-low GLM_BASE_URL="$URL"
  { fetch-glm; fetch-minimax; fetch-budget --provider anthropic; fetch-budget --provider openai; } |
      evaluate | record --tee | render --format table
) >"$T/out" 2>"$T/err"
check "seed 003 pipeline exits 2 (alert)" [ "$?" = 2 ]
check "seed 003 pipeline: GLM low" grep -q '^GLM (智谱) .*LOW.*¥3.00' "$T/out"
check "seed 003 pipeline: two subscriptions N/A" [ "$(grep -c 'N/A' "$T/out")" = 2 ]
check "seed 003 pipeline: history kept, a row per record" \
    [ "$(sqlite3 "$QUOTAWATCH_DB" 'SELECT count(*) FROM usage_snapshots')" = "$(sed -n '/^─/,/^─/p' "$T/out" | grep -vc '^─')" ]

# TLS with a throwaway certificate: trusted with --cacert, refused without.
start_server "$here/../data/glm-routes.json" tls
GLM_API_KEY=glm-good run fetch-glm --base-url "$URL" --cacert "$T/cert.pem"
check "https with --cacert" [ "$st/$(wc -l <"$T/out")" = 0/4 ]
GLM_API_KEY=glm-good run fetch-glm --base-url "$URL"
check "https without --cacert is refused" [ "$st/$(field status)" = 1/error ]

finish

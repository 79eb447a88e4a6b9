# fetch-openai against a loopback OpenAI: the admin costs, paged, and the
# Codex plan windows from a token or the Codex CLI's auth.json.
. "$(dirname "$0")/lib.sh"
unset OPENAI_ADMIN_KEY CHATGPT_ACCESS_TOKEN CHATGPT_ACCOUNT_ID CODEX_HOME \
    QUOTAWATCH_OPENAI_BASE_URL
start_server "$here/../data/openai-routes.json"
rows() { jq -r '"\(.provider)/\(.kind)/\(.window)=\(.used_pct // .used)"' "$T/out" | tr '\n' ' '; }
auth() {    # auth JSON: the Codex CLI's auth.json in $HOME
    mkdir -p "$HOME/.codex"
    printf '%s\n' "$1" >"$HOME/.codex/auth.json"
    chmod 600 "$HOME/.codex/auth.json"
}

OPENAI_ADMIN_KEY=sk-admin-good run fetch-openai --base-url "$URL"
check "costs exit 0" [ "$st" = 0 ]
check "today and this month, in dollars" [ "$(rows)" = "openai/spend/daily=0.75 openai/spend/monthly=14.5 " ]
check "unit USD, resets at the period's end" \
    [ "$(field unit)/$(field resets_at)/$(field resets_at 1)" = USD/2026-11-23T00:00:00Z/2026-12-01T00:00:00Z ]
check "from the start of the month, a day a bucket" \
    grep -q '"query": "start_time=1793491200&bucket_width=1d&limit=31"' "$T/requests.log"
check "two pages, the second by its cursor" \
    [ "$(grep -c 'page=page_AAA%3D' "$T/requests.log")/$(wc -l <"$T/requests.log")" = 1/2 ]
check "silent on success" [ ! -s "$T/err" ]

cp "$T/out" "$T/spend"
printf 'openai/*/spend/daily  critical  used >= 0.5\n' >"$T/rules"
run_in "$T/spend" evaluate --rules "$T/rules"
check "a daily amount alerts (man page example)" \
    [ "$st/$(jq -r .level "$T/out" | tr '\n' ' ')" = "2/critical info " ]
key_file "$T/admin" sk-admin-good
fetch-openai --key-file "$T/admin" --base-url "$URL" | render >"$T/table"
check "the spend as a table (man page example)" grep -q 'Codex/OpenAI monthly .*\$14\.50' "$T/table"

OPENAI_ADMIN_KEY=sk-admin-bad run fetch-openai --base-url "$URL"
check "401" [ "$st/$(field kind)" = 1/spend ]
check "401 reason" grep -q '^fetch-openai: default: costs: HTTP 401: Incorrect API key provided' "$T/err"
OPENAI_ADMIN_KEY=sk-admin-html run fetch-openai --base-url "$URL"
check "HTML page" [ "$(field error)" = "costs: HTTP 502: not JSON (text/html; charset=utf-8)" ]
OPENAI_ADMIN_KEY=sk-admin-hang run fetch-openai --base-url "$URL" --timeout 1
check "a body that never finishes times out" [ "$st" = 1 ]
check "timeout reason" grep -q 'timed out' "$T/out"

: >"$T/requests.log"
CHATGPT_ACCESS_TOKEN=at-good CHATGPT_ACCOUNT_ID=acc-1 run fetch-openai --base-url "$URL"
check "plan windows exit 0" [ "$st" = 0 ]
check "5h and weekly in % used" [ "$(rows)" = "openai/quota/5h=12 openai/quota/weekly=97 " ]
check "resets from epoch seconds" [ "$(field resets_at)" = 2026-11-22T13:00:00Z ]
check "bearer token and account id" logged '.path == "/backend-api/wham/usage"
    and .headers.authorization == "Bearer at-good"
    and .headers["chatgpt-account-id"] == "acc-1"'
cp "$T/out" "$T/plan"
run_in "$T/plan" evaluate
check "a weekly window 97% used is critical" [ "$st/$(field level 1)" = 2/critical ]

auth '{"OPENAI_API_KEY":null,"tokens":{"id_token":"x","access_token":"at-good","refresh_token":"rt-never-sent-77e2","account_id":"acc-2"},"last_refresh":"2026-11-20T00:00:00Z"}'
: >"$T/requests.log"
run fetch-openai --base-url "$URL"
check "the Codex auth.json gives the token" [ "$st/$(field window)" = 0/5h ]
check "and the account id" logged '.headers["chatgpt-account-id"] == "acc-2"'
check "the refresh token is never sent" [ "$(grep -c rt-never-sent "$T/requests.log")" = 0 ]
chmod 640 "$HOME/.codex/auth.json"
run fetch-openai --base-url "$URL"
check "an auth.json others can read is refused" [ "$st/$(field status)" = 1/error ]
check "with the fix in the message" grep -q 'chmod 600' "$T/err"
auth '{"OPENAI_API_KEY":"sk-proj-x","tokens":null}'
run fetch-openai --base-url "$URL"
check "an API-key login is no plan: skipped" [ "$st/$(field status)" = 0/skipped ]
mkdir -p "$T/codex" && mv "$HOME/.codex/auth.json" "$T/codex/auth.json"
printf '{"tokens":{"access_token":"at-expired"}}\n' >"$T/codex/auth.json"
CODEX_HOME="$T/codex" run fetch-openai --base-url "$URL"
check "CODEX_HOME, and a refused token says what to do" \
    [ "$st/$(field error)" = "1/HTTP 401 (run codex login again)" ]

key_file "$T/keys/chatgpt" at-good
QUOTAWATCH_KEYS="$T/keys" run fetch-openai --key-file "$T/admin" --base-url "$URL"
check "both parts at once, keys from files" [ "$st/$(wc -l <"$T/out")" = 0/4 ]
QUOTAWATCH_OPENAI_BASE_URL="$URL" OPENAI_BASE_URL="http://127.0.0.1:1" \
    OPENAI_ADMIN_KEY=sk-admin-good run fetch-openai
check "QUOTAWATCH_OPENAI_BASE_URL, not the SDKs' OPENAI_BASE_URL" [ "$st/$(field used)" = 0/0.75 ]
run fetch-openai --base-url "$URL"
check "no key: one skipped record naming both variables" \
    [ "$st/$(wc -l <"$T/out")/$(field reason)" = "0/1/no key configured (OPENAI_ADMIN_KEY, CHATGPT_ACCESS_TOKEN)" ]

finish

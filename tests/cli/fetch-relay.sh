# fetch-relay against a loopback one-api/new-api relay: seed 002's many
# accounts, each key on its relay's own host.
. "$(dirname "$0")/lib.sh"
unset RELAY_API_KEY RELAY_BASE_URL RELAY_ACCESS_TOKEN
start_server "$here/../data/relay-routes.json"

# An accounts file: NAME BASE_URL [KEY_FILE]; key files default to keys/relay/NAME.
mkdir -p "$T/cfg"
key_file "$T/keys/relay/main" sk-main
key_file "$T/cfg/backup.key" sk-backup
key_file "$T/keys/relay/old" sk-revoked
cat >"$T/cfg/relays" <<END
# seed 002's accounts
main    $URL
backup  $URL  backup.key
old     $URL
END
QUOTAWATCH_KEYS="$T/keys" run fetch-relay --accounts "$T/cfg/relays"
check "three accounts, three records" [ "$(wc -l <"$T/out")" = 3 ]
check "in the file's order" [ "$(jq -r .account "$T/out" | tr '\n' ' ')" = "main backup old " ]
check "a revoked key makes exit 1, the others flow" \
    [ "$st/$(jq -r .status "$T/out" | tr '\n' ' ')" = "1/ok ok error " ]
check "remaining = hard_limit_usd - total_usage/100" [ "$(field remaining)" = 15 ]
check "used, in dollars not cents" [ "$(field used)" = 5 ]
check "limit" [ "$(field limit)" = 20 ]
check "unit USD by default" [ "$(field unit)/$(field kind)/$(field provider)" = USD/balance/relay ]
check "numbers as strings" [ "$(field remaining 1)/$(field used 1)" = 133.854322/12.345678 ]
check "the relay's 401 message" \
    [ "$(field error 2)" = "subscription: HTTP 401: 无效的令牌 (request id: 2026112209)" ]
check "one line on stderr for the bad account" [ "$(wc -l <"$T/err")" = 1 ]
check "seed 002: total remaining over all accounts" \
    [ "$(jq -s '[.[].remaining // 0] | add' "$T/out")" = 148.854322 ]
check "seed 002: ✅/❌ per account" \
    [ "$(jq -r 'if .status == "ok" then "✅" else "❌" end' "$T/out" | tr -d '\n')" = "✅✅❌" ]
check "bearer key and both documented paths" \
    [ "$(jq -r 'select(.headers.authorization == "Bearer sk-backup") | .path' "$T/requests.log" | sort | tr '\n' ' ')" \
      = "/v1/dashboard/billing/subscription /v1/dashboard/billing/usage " ]
check "usage asked for the 100 days up to today" \
    logged '.path == "/v1/dashboard/billing/usage" and .query == "start_date=2026-08-15&end_date=2026-11-23"'

# The accounts file in the keys directory is found on its own.
cp "$T/cfg/relays" "$T/keys/relay.accounts"
sed -i 's/backup.key/..\/cfg\/backup.key/' "$T/keys/relay.accounts"
QUOTAWATCH_KEYS="$T/keys" run fetch-relay
check "keys/relay.accounts" [ "$(jq -r .status "$T/out" | tr '\n' ' ')" = "ok ok error " ]
rm "$T/keys/relay.accounts"

# Without an accounts file the keys need a host.
QUOTAWATCH_KEYS="$T/keys" run fetch-relay
check "keys without a host are refused" [ "$st/$(wc -l <"$T/out")" = 1/0 ]
check "the message says what to give" grep -q '^fetch-relay: no relay host: give --base-url' "$T/err"
QUOTAWATCH_KEYS="$T/keys" run fetch-relay --base-url "$URL"
check "keys/relay/ with --base-url" [ "$(jq -r .account "$T/out" | tr '\n' ' ')" = "main old " ]
RELAY_API_KEY=sk-main RELAY_BASE_URL="$URL" run fetch-relay
check "RELAY_API_KEY and RELAY_BASE_URL" [ "$st/$(field account)/$(field remaining)" = 0/default/15 ]
key_file "$T/k" sk-backup
run fetch-relay --key-file "$T/k" --base-url "$URL" --unit CNY
check "--key-file, and --unit labels the amounts" [ "$(field remaining)/$(field unit)" = 133.854322/CNY ]

run fetch-relay
check "no key: skipped, exit 0" [ "$st/$(field status)" = 0/skipped ]

RELAY_API_KEY=sk-unlimited run fetch-relay --base-url "$URL"
check "an unlimited key: na with its use" [ "$st/$(field status)/$(field used)" = 0/na/2.5 ]
RELAY_API_KEY=sk-unlimited fetch-relay --base-url "$URL" | evaluate >"$T/out" 2>"$T/err"
check "evaluate shows it as info" [ "$?/$(field level)" = 0/info ]

RELAY_API_KEY=sk-upstream run fetch-relay --base-url "$URL"
check "HTTP 200 with an error body" \
    [ "$st/$(field error)" = "1/usage: relay answered an error: record not found" ]
RELAY_API_KEY=sk-html run fetch-relay --base-url "$URL"
check "an HTML page" [ "$st/$(field error)" = "1/subscription: HTTP 502: not JSON (text/html; charset=utf-8)" ]
start=${EPOCHREALTIME//[.,]/}
RELAY_API_KEY=sk-hang run fetch-relay --base-url "$URL" --timeout 0.5
check "a relay that never finishes times out" [ "$st" = 1 ]
check "timeout reason" grep -q 'timed out' "$T/out"
check "within the timeout (a hang that is not cut never ends)" \
    [ $(( (${EPOCHREALTIME//[.,]/} - start) / 1000 )) -le 5000 ]
RELAY_API_KEY=sk-echo-canary-7731 run fetch-relay --base-url "$URL"
check "a key echoed by the relay is redacted" [ "$(field error)" = \
    "subscription: HTTP 401: 无效的令牌 [redacted] (request id: 2026112209)" ]
no_key() { ! grep -q 'sk-echo-canary-7731' "$T/out" "$T/err"; }
check "the key is nowhere in the output" no_key

# new-api's per-key endpoint, in raw quota units.
RELAY_API_KEY=sk-main run fetch-relay --base-url "$URL" --mode token
check "token mode: quota / 500000" \
    [ "$st/$(field remaining)/$(field used)/$(field limit)" = 0/19/1/20 ]
check "token mode path" logged '.path == "/api/usage/token/"'
RELAY_API_KEY=sk-main run fetch-relay --base-url "$URL" --mode token --unit quota --quota-per-unit 1
check "token mode: raw quota" [ "$(field remaining)/$(field unit)" = 9500000/quota ]
RELAY_API_KEY=sk-gone run fetch-relay --base-url "$URL" --mode token
check "token mode: 200 with success false" [ "$st/$(field error)" = "1/relay answered an error: 获取令牌信息失败" ]
RELAY_API_KEY=sk-bad run fetch-relay --base-url "$URL" --mode token
check "token mode: 401" [ "$st/$(field error)" = "1/HTTP 401: 该令牌状态不可用" ]

# one-api in per-user stats mode (providers.md R7): hard_limit_usd 3 is what
# is left, total_usage 5 the user's use.  Read per key it is below zero: an
# error naming the likely cause, never a balance to alert on.
RELAY_API_KEY=sk-userstats run fetch-relay --base-url "$URL"
check "user stats read per key: an error, no remaining" \
    [ "$st/$(field status)/$(field remaining)" = 1/error/null ]
check "... naming the likely cause and the fix" \
    grep -q "is below zero: likely one-api's per-user stats mode .*: give --mode user-stats or RELAY_ACCESS_TOKEN$" "$T/err"
RELAY_API_KEY=sk-userstats fetch-relay --base-url "$URL" 2>/dev/null | evaluate >"$T/out" 2>"$T/err"
check "... never judged as a low balance" [ "$(field level)" = error ]
RELAY_API_KEY=sk-userstats run fetch-relay --base-url "$URL" --mode user-stats
check "--mode user-stats: remaining = hard_limit_usd, limit = remaining + used" \
    [ "$st/$(field remaining)/$(field used)/$(field limit)" = 0/3/5/8 ]
: >"$T/requests.log"
RELAY_ACCESS_TOKEN=dash-good RELAY_API_KEY=sk-userstats run fetch-relay --base-url "$URL"
check "RELAY_ACCESS_TOKEN: the mode detected from /api/user/self" \
    [ "$st/$(field remaining)/$(field limit)" = 0/3/8 ]
check "... asked with the access token, never the key" \
    logged '.path == "/api/user/self" and .headers.authorization == "Bearer dash-good"'
RELAY_ACCESS_TOKEN=dash-good RELAY_API_KEY=sk-main run fetch-relay --base-url "$URL"
check "... a per-key relay stays per key" [ "$st/$(field remaining)/$(field limit)" = 0/15/20 ]
RELAY_ACCESS_TOKEN=dash-echo-canary-5150 RELAY_API_KEY=sk-userstats run fetch-relay --base-url "$URL"
check "a refused access token is the account's error" \
    [ "$st/$(field status)" = 1/error ] && check "... saying which" grep -q 'access token (/api/user/self): HTTP 401' "$T/err"
check "... the token echoed by the relay is redacted" \
    sh -c "! grep -q dash-echo-canary-5150 '$T/out' '$T/err'"

# relay.accounts: per-account unit, mode and access token (issue 21); the
# old three-field lines stay valid.
key_file "$T/keys/relay/us" sk-userstats
key_file "$T/cfg/dash.token" dash-good
cat >"$T/cfg/mixed" <<END
main    $URL
cn      $URL  backup.key  unit=CNY
us      $URL  mode=user-stats
tok     $URL  ../keys/relay/main  mode=token  quota-per-unit=250000
dash    $URL  ../keys/relay/us  access-token=dash.token
END
: >"$T/requests.log"
QUOTAWATCH_KEYS="$T/keys" RELAY_ACCESS_TOKEN=dash-never-sent run fetch-relay --accounts "$T/cfg/mixed"
check "per-account options: every account fetched" [ "$st/$(wc -l <"$T/out")" = 0/5 ]
acct() { jq -r "select(.account == \"$1\") | \"\(.unit) \(.remaining) \(.limit)\"" "$T/out"; }
check "the old line: USD, per key" [ "$(acct main)" = "USD 15 20" ]
check "unit=CNY" [ "$(acct cn)" = "CNY 133.854322 146.2" ]
check "mode=user-stats" [ "$(acct us)" = "USD 3 8" ]
check "mode=token quota-per-unit=250000" [ "$(acct tok)" = "USD 38 40" ]
check "access-token=FILE: detected" [ "$(acct dash)" = "USD 3 8" ]
check "RELAY_ACCESS_TOKEN never goes to an account's own host" \
    sh -c "! grep -q dash-never-sent '$T/requests.log'"
chmod 644 "$T/cfg/dash.token"
QUOTAWATCH_KEYS="$T/keys" run fetch-relay --accounts "$T/cfg/mixed"
check "an access token file others can read is that account's error" \
    [ "$st/$(jq -r 'select(.account == "dash") | .status' "$T/out")" = 1/error ]
printf 'a %s mode=dashboard\n' "$URL" >"$T/cfg/badmode"
run fetch-relay --accounts "$T/cfg/badmode"
check "a bad mode= names the file, the account and the mode" \
    grep -q "^fetch-relay: $T/cfg/badmode: account a: --mode: \"dashboard\"" "$T/err"

printf 'main %s/v1\n' "$URL" >"$T/cfg/bad"
run fetch-relay --accounts "$T/cfg/bad"
check "a bad accounts line names the file and line" grep -q "^fetch-relay: $T/cfg/bad:1: " "$T/err"
run fetch-relay --mode dashboard --base-url "$URL"
check "bad --mode" [ "$st" = 1 ]

start_server "$here/../data/relay-routes.json" tls
RELAY_API_KEY=sk-main run fetch-relay --base-url "$URL" --cacert "$T/cert.pem"
check "https with --cacert" [ "$st/$(field remaining)" = 0/15 ]
RELAY_API_KEY=sk-main run fetch-relay --base-url "$URL"
check "https without --cacert is refused" [ "$st/$(field status)" = 1/error ]

finish

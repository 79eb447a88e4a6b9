# fetch-moonshot against a loopback Moonshot: every success and failure shape.
. "$(dirname "$0")/lib.sh"
start_server "$here/../data/moonshot-routes.json"

MOONSHOT_API_KEY=sk-good run fetch-moonshot --base-url "$URL"
check "success exits 0" [ "$st" = 0 ]
check "one record" [ "$(wc -l <"$T/out")" = 1 ]
check "provider" [ "$(field provider)" = moonshot ]
check "kind" [ "$(field kind)" = balance ]
check "unit USD on the global region" [ "$(field unit)" = USD ]
check "remaining" [ "$(field remaining)" = 12.34 ]
check "voucher" [ "$(field parts.voucher)" = 3.45 ]
check "cash" [ "$(field parts.cash)" = 8.89 ]
check "status" [ "$(field status)" = ok ]
check "silent on success" [ ! -s "$T/err" ]
check "documented path and bearer header" \
    logged '.path == "/v1/users/me/balance" and .headers.authorization == "Bearer sk-good"
                  and (.headers["user-agent"] | startswith("quotawatch/"))'

MOONSHOT_API_KEY=sk-good run fetch-moonshot --region cn --base-url "$URL"
check "unit CNY on the cn region, even with --base-url" [ "$(field unit)" = CNY ]

# MOONSHOT_BASE_URL on the China host (resolved to the loopback server by a
# private /etc/hosts, in a mount namespace of its own): amounts in CNY.
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
    { echo "127.0.0.1 api.moonshot.cn"; cat /etc/hosts; } >"$T/hosts"
    MOONSHOT_API_KEY=sk-good unshare -m --propagation private sh -c \
        'mount --bind "$1" /etc/hosts && MOONSHOT_BASE_URL=$2 fetch-moonshot' - \
        "$T/hosts" "http://api.moonshot.cn:${URL##*:}" >"$T/out" 2>"$T/err"
    check "MOONSHOT_BASE_URL on api.moonshot.cn: CNY" [ "$(field status)/$(field unit)" = ok/CNY ]
    MOONSHOT_API_KEY=sk-good MOONSHOT_REGION=global unshare -m --propagation private sh -c \
        'mount --bind "$1" /etc/hosts && MOONSHOT_BASE_URL=$2 fetch-moonshot' - \
        "$T/hosts" "http://api.moonshot.cn:${URL##*:}" >"$T/out" 2>"$T/err"
    check "unless MOONSHOT_REGION says otherwise" [ "$(field status)/$(field unit)" = ok/USD ]
else
    skip "MOONSHOT_BASE_URL on api.moonshot.cn" "needs root and unshare for a private /etc/hosts"
fi

MOONSHOT_API_KEY=sk-debt run fetch-moonshot --base-url "$URL"
check "negative cash is an ok record" [ "$(field status)/$(field parts.cash)" = ok/-1.25 ]
# Issue 25: an account in arrears is a real, negative balance, critical by default.
MOONSHOT_API_KEY=sk-arrears run fetch-moonshot --base-url "$URL"
check "negative available_balance: an ok record, exit 0" \
    [ "$st/$(field status)/$(field remaining)" = 0/ok/-3.2 ]
cp "$T/out" "$T/arrears"
run_in "$T/arrears" evaluate
check "negative available_balance: critical under the default rules, exit 2" \
    [ "$st/$(field level)/$(field threshold)" = 2/critical/remaining\<0 ]

for key in sk-bad sk-code sk-html; do
    MOONSHOT_API_KEY=$key run fetch-moonshot --base-url "$URL"
    check "$key exits 1" [ "$st" = 1 ]
    check "$key still prints an error record" [ "$(field status)" = error ]
    check "$key error is one line on stderr" [ "$(wc -l <"$T/err")" = 1 ]
done
MOONSHOT_API_KEY=sk-bad run fetch-moonshot --base-url "$URL"
check "401 reason" [ "$(field error)" = "HTTP 401: Invalid Authentication" ]
MOONSHOT_API_KEY=sk-code run fetch-moonshot --base-url "$URL"
check "code != 0 reason" [ "$(field error)" = "provider answered code 3: account suspended" ]
MOONSHOT_API_KEY=sk-html run fetch-moonshot --base-url "$URL"
check "HTML page reason" [ "$(field error)" = "HTTP 502: not JSON (text/html; charset=utf-8)" ]

start=$(date +%s)
MOONSHOT_API_KEY=sk-hang run fetch-moonshot --base-url "$URL" --timeout 1
check "a body that never finishes times out" [ "$st" = 1 ]
check "timeout reason" grep -q 'timed out' "$T/out"
check "within the timeout" [ $(( $(date +%s) - start )) -le 5 ]

# Several accounts in a keys directory, fetched at once, one record each.
mkdir -p "$T/keys/moonshot"
key_file "$T/keys/moonshot/home" sk-good
key_file "$T/keys/moonshot/work" sk-five
key_file "$T/keys/moonshot/old" sk-bad
QUOTAWATCH_KEYS="$T/keys" run fetch-moonshot --base-url "$URL"
check "three accounts, three records" [ "$(wc -l <"$T/out")" = 3 ]
check "labels from file names" [ "$(jq -r .account "$T/out" | tr '\n' ' ')" = "home old work " ]
check "one bad account makes exit 1, the others flow" \
    [ "$st/$(jq -r .status "$T/out" | tr '\n' ' ')" = "1/ok error ok " ]

# Four accounts asked at once, or --parallel N at a time: the server answers
# four only once they wait together, and refuses three at once (fake_http's
# "together" and "apart").
mkdir -p "$T/four/moonshot" "$T/pair/moonshot"
for a in a b c d; do key_file "$T/four/moonshot/$a" sk-four; key_file "$T/pair/moonshot/$a" sk-pair; done
QUOTAWATCH_KEYS="$T/four" run fetch-moonshot --base-url "$URL"
check "four accounts asked at once" [ "$(jq -r .remaining "$T/out" | tr -d '\n')" = 7777 ]
check "four accounts, four answers" [ "$st/$(jq -r .status "$T/out" | tr -d '\n')" = 0/okokokok ]
QUOTAWATCH_KEYS="$T/pair" run fetch-moonshot --base-url "$URL" --parallel 2
check "--parallel 2: never three at once" [ "$(jq -r .remaining "$T/out" | tr -d '\n')" = 7777 ]
check "--parallel 2: all four answered" [ "$st/$(wc -l <"$T/out")" = 0/4 ]
run fetch-moonshot --parallel 0
check "--parallel 0 is refused" grep -q '^fetch-moonshot: --parallel: "0" is not a whole number' "$T/err"

chmod 644 "$T/keys/moonshot/home"
QUOTAWATCH_KEYS="$T/keys" run fetch-moonshot --base-url "$URL"
check "a readable key file is refused" grep -q 'chmod 600' "$T/err"
chmod 600 "$T/keys/moonshot/home"

key_file "$T/k" sk-good
run fetch-moonshot --key-file "$T/k" --base-url "$URL"
check "--key-file" [ "$(field remaining)" = 12.34 ]
MOONSHOT_BASE_URL="$URL" MOONSHOT_API_KEY=sk-good run fetch-moonshot
check "MOONSHOT_BASE_URL" [ "$(field remaining)" = 12.34 ]

run fetch-moonshot --base-url "$URL"
check "no key: skipped, exit 0" [ "$st/$(field status)" = 0/skipped ]

run fetch-moonshot --base-url "$URL/v1"
check "--base-url with a path is refused" [ "$st" = 1 ]
check "bad option message names the tool" grep -q '^fetch-moonshot: ' "$T/err"
run fetch-moonshot --timeout soon
check "bad --timeout" grep -q 'timeout' "$T/err"

MOONSHOT_API_KEY=sk-good run fetch-moonshot --base-url "http://127.0.0.1:1"
check "refused connection is an error record" [ "$st/$(field status)" = 1/error ]

# TLS with a throwaway certificate: trusted with --cacert, refused without.
start_server "$here/../data/moonshot-routes.json" tls
MOONSHOT_API_KEY=sk-good run fetch-moonshot --base-url "$URL" --cacert "$T/cert.pem"
check "https with --cacert" [ "$st/$(field remaining)" = 0/12.34 ]
MOONSHOT_API_KEY=sk-good run fetch-moonshot --base-url "$URL"
check "https without --cacert is refused" [ "$st/$(field status)" = 1/error ]

finish

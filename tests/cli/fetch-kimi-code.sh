# fetch-kimi-code against a loopback api.kimi.com, and its paths without a key:
# the text of Kimi CLI's /usage and seed 000's seven numbers.
. "$(dirname "$0")/lib.sh"
unset KIMI_CODE_API_KEY KIMI_CODE_BASE_URL
start_server "$here/../data/kimi-routes.json"

KIMI_CODE_API_KEY=kimi-good run fetch-kimi-code --base-url "$URL"
check "success exits 0" [ "$st" = 0 ]
check "weekly and 5h" [ "$(jq -r .window "$T/out" | tr '\n' ' ')" = "weekly 5h " ]
check "silent on success" [ ! -s "$T/err" ]
check "provider, kind, unit" \
    [ "$(jq -r '.provider + "/" + .kind + "/" + .unit' "$T/out" | sort -u)" = kimi-code/quota/requests ]
check "weekly counts from numeric strings" \
    [ "$(field limit)/$(field used)/$(field remaining)/$(field used_pct)" = 2048/214/1834/10.45 ]
check "weekly reset, nanoseconds dropped" [ "$(field resets_at)" = 2026-11-29T07:54:13Z ]
check "5h window" [ "$(field used 1)/$(field remaining 1)/$(field used_pct 1)/$(field resets_at 1)" = \
    "139/61/69.5/2026-11-22T12:54:02Z" ]
check "documented path and bearer header" \
    logged '.path == "/coding/v1/usages" and .headers.authorization == "Bearer kimi-good"'

KIMI_CODE_API_KEY=kimi-numbers run fetch-kimi-code --base-url "$URL"
check "numbers; used from limit - remaining" \
    [ "$st/$(field used)/$(field used 1)/$(field used_pct 1)" = 0/24/190/95 ]
check "reset aliases" [ "$(field resets_at)/$(field resets_at 1)" = 2026-11-29T07:54:00Z/2026-11-22T12:54:00Z ]

for key in kimi-bad kimi-error200 kimi-html; do
    KIMI_CODE_API_KEY=$key run fetch-kimi-code --base-url "$URL"
    check "$key exits 1" [ "$st" = 1 ]
    check "$key prints one error record" [ "$(wc -l <"$T/out")/$(field status)/$(field kind)" = 1/error/quota ]
    check "$key error is one line on stderr" [ "$(wc -l <"$T/err")" = 1 ]
done
KIMI_CODE_API_KEY=kimi-bad run fetch-kimi-code --base-url "$URL"
check "401 reason" [ "$(field error)" = "HTTP 401: unauthorized" ]
KIMI_CODE_API_KEY=kimi-error200 run fetch-kimi-code --base-url "$URL"
check "HTTP 200 with an error body" [ "$(field error)" = "no usage in the answer: membership expired" ]
KIMI_CODE_API_KEY=kimi-html run fetch-kimi-code --base-url "$URL"
check "HTML page reason" [ "$(field error)" = "HTTP 502: not JSON (text/html; charset=utf-8)" ]

start=${EPOCHREALTIME//[.,]/}
KIMI_CODE_API_KEY=kimi-hang run fetch-kimi-code --base-url "$URL" --timeout 0.5
check "a body that never finishes times out" [ "$st" = 1 ]
check "timeout reason" grep -q 'timed out' "$T/out"
check "within the timeout (a hang that is not cut never ends)" \
    [ $(( (${EPOCHREALTIME//[.,]/} - start) / 1000 )) -le 4000 ]

KIMI_CODE_API_KEY=kimi-canary-5ecr3t run fetch-kimi-code --base-url "$URL"
check "echoed key is redacted" [ "$st/$(field error)" = "1/HTTP 401: unknown key [redacted]" ]
check "no key on stdout or stderr" [ "$(cat "$T/out" "$T/err" | grep -c 5ecr3t)" = 0 ]

mkdir -p "$T/keys/kimi-code"
key_file "$T/keys/kimi-code/main" kimi-good
key_file "$T/keys/kimi-code/spare" kimi-numbers
key_file "$T/keys/kimi-code/lapsed" kimi-bad
QUOTAWATCH_KEYS="$T/keys" run fetch-kimi-code --base-url "$URL"
check "three accounts at once" [ "$(jq -r .account "$T/out" | sort -u | tr '\n' ' ')" = "lapsed main spare " ]
check "one bad account makes exit 1, the others flow" \
    [ "$st/$(jq -r 'select(.status == "ok") | .account' "$T/out" | sort -u | tr '\n' ' ')" = "1/main spare " ]

key_file "$T/k" kimi-good
run fetch-kimi-code --key-file "$T/k" --base-url "$URL"
check "--key-file" [ "$st/$(field used)" = 0/214 ]
KIMI_CODE_BASE_URL="$URL/coding/v1" KIMI_CODE_API_KEY=kimi-good run fetch-kimi-code
check "KIMI_CODE_BASE_URL as Kimi CLI sets it" [ "$st/$(field used)" = 0/214 ]
run fetch-kimi-code --base-url "$URL"
check "no key: skipped, exit 0" [ "$st/$(field status)/$(field provider)" = 0/skipped/kimi-code ]
check "skipped names the variable" grep -q KIMI_CODE_API_KEY "$T/out"
run fetch-kimi-code --base-url "$URL/v1"
check "--base-url with another path is refused" [ "$st" = 1 ]
check "bad option message names the tool" grep -q '^fetch-kimi-code: ' "$T/err"
KIMI_CODE_API_KEY=kimi-good run fetch-kimi-code --base-url "http://127.0.0.1:1"
check "refused connection is an error record" [ "$st/$(field status)" = 1/error ]

# Seed 000 without a key: the seven numbers, and the panel /usage prints.
run fetch-kimi-code --manual '84 6 22 54 19 3 54'
check "--manual exits 0" [ "$st" = 0 ]
check "--manual windows" [ "$(jq -r '.window + ":" + (.used_pct|tostring) + ":" + .resets_at' "$T/out" | tr '\n' ' ')" = \
    "weekly:16:2026-11-29T07:54:00Z 5h:81:2026-11-22T12:54:00Z " ]
check "--manual unit %" [ "$(jq -r .unit "$T/out" | sort -u)" = % ]
cp "$T/out" "$T/manual"
cat >"$T/usage.txt" <<'PANEL'
╭─ API Usage ─────────────────────────────────────────────────────────╮
│  Weekly limit  ━━━━━━━━━━━━━━━━━╺━━  84% left  (resets in 6d 22h 54m)  │
│  5h limit      ━━━╸━━━━━━━━━━━━━━━━  19% left  (resets in 3h 54m)      │
╰─────────────────────────────────────────────────────────────────────╯
PANEL
run_in "$T/usage.txt" fetch-kimi-code --usage-text
check "--usage-text exits 0" [ "$st" = 0 ]
check "--usage-text gives the same records as --manual" cmp -s "$T/out" "$T/manual"
check "the windows the API path names" [ "$(jq -r .window "$T/out" | tr '\n' ' ')" = "weekly 5h " ]
QUOTAWATCH_NOW=2026-11-23T09:00:00Z run_in "$T/usage.txt" fetch-kimi-code --usage-text
check "resets_at follows QUOTAWATCH_NOW" [ "$(field resets_at)" = 2026-11-30T07:54:00Z ]

echo 'Authorization failed. Please check your API key.' >"$T/bad.txt"
run_in "$T/bad.txt" fetch-kimi-code --usage-text
check "text without a window exits 1" [ "$st/$(wc -c <"$T/out")" = 1/0 ]
check "and says why" grep -q '^fetch-kimi-code: --usage-text: no line says' "$T/err"
run fetch-kimi-code --manual '84 6 22 54'
check "--manual with four numbers" [ "$st" = 1 ] && check "--manual message" grep -q 'seven numbers' "$T/err"
run fetch-kimi-code --manual '84 6 22 54 19 3 54' --usage-text
check "--manual and --usage-text together" [ "$st" = 1 ]

# Seed 000: manual updates, judged against the history; a reset is an alert.
fetch-kimi-code --manual '84 6 22 54 19 3 54' | evaluate --db "$T/kimi.db" --alert-on reset |
    record --db "$T/kimi.db" >"$T/out" 2>"$T/err"
check "first manual update is kept, no alert" [ "$?/$(wc -c <"$T/out")" = 0/0 ]
QUOTAWATCH_NOW=2026-11-22T13:00:00Z fetch-kimi-code --manual '80 6 18 54 100 4 59' |
    evaluate --db "$T/kimi.db" --alert-on reset >"$T/out" 2>"$T/err"
check "a 5h window that started again is an alert" [ "$?" = 2 ]
check "the reset is the 5h window's" \
    [ "$(jq -r 'select(.event == "reset") | .window' "$T/out")" = 5h ]

start_server "$here/../data/kimi-routes.json" tls
KIMI_CODE_API_KEY=kimi-good run fetch-kimi-code --base-url "$URL" --cacert "$T/cert.pem"
check "https with --cacert" [ "$st/$(field used)" = 0/214 ]
KIMI_CODE_API_KEY=kimi-good run fetch-kimi-code --base-url "$URL"
check "https without --cacert is refused" [ "$st/$(field status)" = 1/error ]

finish

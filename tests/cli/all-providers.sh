# Issue 9's one line: every fetcher into one evaluate and one table, each
# currency with its own symbol and its own total.
. "$(dirname "$0")/lib.sh"
# Every provider of the registry: each with a fixture against its loopback
# server and the fixture's keys; one that needs no key (fetch-budget) as it is.
# One that needs a key but has no loopback fixture (fetch-claude-db: a
# PostgreSQL) is tested in its own script.
expected=""
: >"$T/all"
while IFS=$'\t' read -r id provider name emoji tool args keys regions watch_all fixture; do
    dash_empty args keys fixture
    if [ -n "$fixture" ]; then
        start_server "$here/../data/$fixture-routes.json"
        (fixture_env "$fixture" "$URL"; "$tool" $args --base-url "$URL" $FIXTURE_ARGS) \
            >>"$T/all" 2>>"$T/err"
    elif [ -z "$keys" ]; then
        "$tool" $args >>"$T/all" 2>>"$T/err"
    else
        continue
    fi
    expected="$expected $provider"
done < <(providers)
expected=$(printf '%s\n' $expected | sort -u | tr '\n' ' ')
check "every provider of the registry answered ($expected)" \
    [ "$(jq -r .provider "$T/all" | sort -u | tr '\n' ' ')" = "$expected" ]
check "no fetcher failed" [ "$(jq -r 'select(.status == "error") | .provider' "$T/all")" = "" ]

run_in "$T/all" evaluate
jq -c . "$T/out" >"$T/judged"
run_in "$T/judged" render --format table
check "one table, exit 2 for the alerts in it" [ "$st/$(grep -c '^Provider' "$T/out")/$(grep -c '^Last check:' "$T/out")" = 2/1/1 ]
check "a row per record" [ "$(sed -n '/^─/,/^─/p' "$T/out" | grep -vc '^─')" = "$(wc -l <"$T/all")" ]
check "dollars and yuan each with their own symbol" \
    [ "$(grep -c '\$' "$T/out")" -gt 0 -a "$(grep -c '¥' "$T/out")" -gt 0 ]
# The totals come from the fetchers' own records, one sum per currency.
sum() { jq -s --arg u "$1" 'map(select(.kind == "balance" and .status == "ok" and .unit == $u)
    | .remaining) | add * 100 | round / 100' "$T/all"; }
usd=$(printf '$%.2f' "$(sum USD)")
cny=$(printf '¥%.2f' "$(sum CNY)")
check "a total per currency ($usd, $cny)" grep -qxF "Total remaining: $usd · $cny" "$T/out"
check "the total sits under the table" \
    [ "$(grep -A1 '^Total remaining' "$T/out" | tail -n 1 | cut -c1-11)" = "Last check:" ]
check "the Status column starts at one display column on every row (CJK counts 2)" \
    /usr/bin/python3 -c '
import re, sys, unicodedata
status = [re.search("[✅⚠🚨❌ℹ]", l) for l in open(sys.argv[1], encoding="utf-8")]
rows = [m.string[:m.start()] for m in status if m]
cols = {sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in r) for r in rows}
sys.exit(len(rows) < 10 or len(cols) != 1)' "$T/out"
finish

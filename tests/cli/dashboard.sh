# dashboard: the page of a known history (tests/data/dashboard_history.py,
# through evaluate and record): every series, its charts' points, usage bars
# and forecast checked against the history and recall; escaping, no script
# and no request; written atomically, 0644 under umask 077; no data yet; errors.
. "$(dirname "$0")/lib.sh"
export QUOTAWATCH_DB="$T/q.db"
/usr/bin/python3 "$here/../data/dashboard_history.py" "$QUOTAWATCH_NOW" | evaluate | record
page="$T/www/index.html"
mkdir -p "$T/www"

run sh -c "umask 077; exec dashboard --output '$page'"
check "--output: exit 0, nothing on stdout or stderr" [ "$st/$(wc -c <"$T/out")/$(wc -c <"$T/err")" = 0/0/0 ]
check "the page is 0644 under umask 077" [ "$(stat -c %a "$page")" = 644 ]
check "no temporary file is left beside it" [ "$(ls -A "$T/www")" = index.html ]
run dashboard
check "without --output the page goes to stdout" cmp -s "$T/out" "$page"

for s in "moonshot/personal/balance//USD" "deepseek/default/balance//CNY" \
    "kimi-code/default/quota/5h" "glm/研发团队 🚀/quota/weekly"; do
    check "$s: a row and a chart in each of the 4 periods" \
        [ "$(grep -o "data-series=\"$s\"" "$page" | wc -l)" = 5 ]
done
check "the hostile label: a row and four charts, escaped" [ "$(grep -o \
    'data-series="openrouter/&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;/balance//USD"' \
    "$page" | wc -l)" = 5 ]
check "no <script>, no <img>, no markup from the history" sh -c "! grep -qiE '<script|<img|<b>' '$page'"
check "no URL: nothing to request" sh -c "! grep -qiE '(https?|ftp|file|ws|wss):|url\\(|src=\"|href=\"[^#]' '$page'"
check "a Content-Security-Policy that allows no request" grep -q \
    "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:" "$page"
check "UTF-8, the CJK and emoji label as it is" grep -q '<meta charset="utf-8">.*' "$page"
check "the CJK and emoji label as it is" grep -q 'GLM (智谱) (研发团队 🚀) weekly' "$page"
check "every chart has a title and a description" [ "$(grep -o "<svg " "$page" | wc -l)" = 40 \
    -a "$(grep -o '<title id=' "$page" | wc -l)" = 40 -a "$(grep -o '<desc id=' "$page" | wc -l)" = 40 ]
check "the failed check shows as an error with its text" grep -q \
    'level-error">error</span>.*HTTP 503: upstream &lt;b&gt;busy&lt;/b&gt;' "$page"
check "totals per currency" grep -q 'Total remaining: \$84.80' "$page"

# The charts' numbers against the history they came from.
for p in 24h 7d 30d 1y; do
    /usr/bin/python3 "$here/dashboard_points.py" "$page" "$QUOTAWATCH_DB" \
        "moonshot/personal/balance//USD" "$p" >"$T/points" 2>&1
    while read -r result name; do
        check "$p: $name" [ "$result" = ok ]
    done <"$T/points"
done
check "the 7d bars hold the top-up day's usage, not a negative one" \
    sh -c "grep -q 'Usage per day over the last 7d: \\\$16.80 in all' '$page'"
# The forecast is recall's, for the same series and period (--forecast 7d).
recall --since 7d --provider moonshot --account personal >"$T/recall"
empty_at=$(jq -r .empty_at "$T/recall")
when=$(date -u -d "$empty_at" '+%Y-%m-%d %H:%M')
check "recall gives a forecast" [ -n "$empty_at" -a "$empty_at" != null ]
check "the table's forecast date is recall's empty_at" grep -q \
    "<td data-label=\"Forecast\">empty in $(jq -r '.days_left * 10 | round / 10' "$T/recall")[0-9.]* days, on $when" "$page"
check "the charts end their forecast on that day" [ "$(grep -o "empty ${when% *}<" "$page" | wc -l)" = 4 ]
check "and say its burn rate" grep -qF "(\$$(printf %.2f "$(jq -r .burn_per_day "$T/recall")") a day over the last 7d)" "$page"

# Options.
run dashboard --periods 24h --forecast 24h --provider glm
check "--periods and a filter: one section, one series" [ "$st/$(grep -o '<section id="p-' "$T/out" | wc -l)/$(grep -o '<figure ' "$T/out" | wc -l)" = 0/1/1 ]
run dashboard --periods 3x
check "a bad period: exit 1, named" [ "$st" = 1  -a -n "$(grep -F -- '--periods: "3x"' "$T/err")" ]
run dashboard --db "$T/none.db"
check "no database: exit 1, named" [ "$st" = 1  -a -n "$(grep -F "$T/none.db: no history database" "$T/err")" ]
run dashboard --output "$T/no/such/dir/page.html"
check "an output that cannot be written: exit 1, named" [ "$st" = 1  -a -n "$(grep -F "$T/no/such/dir" "$T/err")" ]
record --db "$T/empty.db" </dev/null
run dashboard --db "$T/empty.db"
check "an empty history: a no data yet page, exit 0" [ "$st" = 0  -a -n "$(grep 'No data yet' "$T/out")" ]

# A key that reached the history's text is redacted when the environment holds it.
sqlite3 "$QUOTAWATCH_DB" "UPDATE usage_snapshots SET error = 'HTTP 401: bad key sk-QWCANARY-dash-1234' WHERE status = 'error'"
MOONSHOT_API_KEY=sk-QWCANARY-dash-1234 run dashboard
check "a key in the history's text: redacted on the page" [ "$st" = 0 -a -z "$(grep QWCANARY "$T/out")" \
    -a -n "$(grep -F 'bad key [redacted]' "$T/out")" ]
finish

# Issue 9's one line: every fetcher into one evaluate and one table, each
# currency with its own symbol and its own total.
. "$(dirname "$0")/lib.sh"
unset GLM_API_KEY KIMI_CODE_API_KEY MINIMAX_API_KEY DEEPSEEK_API_KEY OPENROUTER_API_KEY \
    SILICONFLOW_API_KEY CLAUDE_OAUTH_TOKEN ANTHROPIC_ADMIN_KEY OPENAI_ADMIN_KEY \
    CHATGPT_ACCESS_TOKEN CODEX_HOME
for p in moonshot glm kimi minimax deepseek openrouter siliconflow claude openai; do
    start_server "$here/../data/$p-routes.json"
    printf -v "url_$p" %s "$URL"
done
export MOONSHOT_API_KEY=sk-good GLM_API_KEY=glm-good KIMI_CODE_API_KEY=kimi-good \
    MINIMAX_API_KEY=sk-api-good DEEPSEEK_API_KEY=sk-two OPENROUTER_API_KEY=sk-or-good \
    SILICONFLOW_API_KEY=sk-good CLAUDE_OAUTH_TOKEN=tok-good OPENAI_ADMIN_KEY=sk-admin-good

{
    fetch-moonshot --base-url "$url_moonshot"
    fetch-glm --base-url "$url_glm"
    fetch-kimi-code --base-url "$url_kimi"
    fetch-minimax --base-url "$url_minimax"
    fetch-deepseek --base-url "$url_deepseek"
    fetch-openrouter --base-url "$url_openrouter"
    fetch-siliconflow --base-url "$url_siliconflow"
    fetch-claude --base-url "$url_claude"
    fetch-openai --base-url "$url_openai"
    fetch-budget --provider anthropic
} >"$T/all" 2>"$T/err"
check "every fetcher answered" [ "$(jq -r .provider "$T/all" | sort -u | tr '\n' ' ')" = \
    "anthropic claude deepseek glm kimi-code minimax moonshot openai openrouter siliconflow " ]
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

# fetch-claude against a loopback Anthropic: subscription windows, Claude
# Code's credentials file, and the admin cost report.
. "$(dirname "$0")/lib.sh"
unset CLAUDE_OAUTH_TOKEN ANTHROPIC_ADMIN_KEY CLAUDE_BASE_URL CLAUDE_CONFIG_DIR
start_server "$here/../data/claude-routes.json"
rows() { jq -r '"\(.provider)/\(.kind)/\(.window)=\(.used_pct // .used)"' "$T/out" | tr '\n' ' '; }
creds() {   # creds TOKEN EXPIRES_MS: Claude Code's credentials file in $HOME
    mkdir -p "$HOME/.claude"
    printf '{"claudeAiOauth":{"accessToken":"%s","refreshToken":"rt-never-sent-4b1d",' "$1" \
        >"$HOME/.claude/.credentials.json"
    printf '"expiresAt":%s,"scopes":["user:inference","user:profile"]}}\n' "$2" \
        >>"$HOME/.claude/.credentials.json"
    chmod 600 "$HOME/.claude/.credentials.json"
}

CLAUDE_OAUTH_TOKEN=tok-good run fetch-claude --base-url "$URL"
check "windows exit 0" [ "$st" = 0 ]
check "one quota per window, in % used" \
    [ "$(rows)" = "claude/quota/5h=37 claude/quota/weekly=96 claude/quota/weekly-sonnet=1 " ]
check "unit %" [ "$(jq -r .unit "$T/out" | sort -u)" = % ]
check "resets_at in UTC" [ "$(field resets_at 1)" = 2026-11-25T14:59:59Z ]
check "silent on success" [ ! -s "$T/err" ]
check "bearer token, beta header, Claude Code agent" logged '.path == "/api/oauth/usage"
    and .headers.authorization == "Bearer tok-good"
    and .headers["anthropic-beta"] == "oauth-2025-04-20"
    and .headers["user-agent"] == "claude-code/2.1.0"'
cp "$T/out" "$T/windows"
run_in "$T/windows" evaluate
check "a weekly window 96% used is critical" [ "$st/$(field level 1)" = 2/critical ]

# The revised answer (providers.md R8): limits[]'s model window replaces
# seven_day_opus; extra_usage is this month's spend, in cents upstream.
: >"$T/requests.log"
CLAUDE_USER_AGENT=claude-code/2.3.7 CLAUDE_OAUTH_TOKEN=tok-limits run fetch-claude --base-url "$URL"
check "limits[]: weekly-opus from the scoped entry, the flat one left out" \
    [ "$st/$(rows)" = "0/claude/quota/5h=37 claude/quota/weekly=26 claude/quota/weekly-opus=12.5 claude/spend/monthly=96 " ]
check "extra_usage: USD, cents divided by 100" \
    [ "$(jq -r 'select(.kind == "spend") | "\(.unit) \(.used) \(.limit) \(.remaining)"' "$T/out")" = "USD 48 50 2" ]
check "CLAUDE_USER_AGENT overrides the agent" logged '.headers["user-agent"] == "claude-code/2.3.7"'
cp "$T/out" "$T/limits"
run_in "$T/limits" evaluate
check "extra usage 96% spent is critical" \
    [ "$st/$(jq -r 'select(.kind == "spend") | .level' "$T/out")" = 2/critical ]

# Claude Code's own credentials file, read only.
creds tok-good 1795338000000
sum=$(stat -c '%Y %s' "$HOME/.claude/.credentials.json"; md5sum <"$HOME/.claude/.credentials.json")
run fetch-claude --base-url "$URL"
check "the credentials file gives the token" [ "$st/$(field window)" = 0/5h ]
check "the file is left as it was" \
    [ "$(stat -c '%Y %s' "$HOME/.claude/.credentials.json"; md5sum <"$HOME/.claude/.credentials.json")" = "$sum" ]
check "the refresh token is never sent" [ "$(grep -c rt-never-sent "$T/requests.log")" = 0 ]
chmod 644 "$HOME/.claude/.credentials.json"
run fetch-claude --base-url "$URL"
check "a credentials file others can read is refused" [ "$st/$(field status)" = 1/error ]
check "with the fix in the message" grep -q 'chmod 600' "$T/err"
creds tok-good 1763800000000
: >"$T/requests.log"
run fetch-claude --base-url "$URL"
check "an expired token is an error, not a request" \
    [ "$st/$(field kind)/$(wc -l <"$T/requests.log")" = 1/quota/0 ]
check "it says how to refresh it" grep -q 'expired at 2025-11-22T08:26:40Z; run claude' "$T/err"
creds tok-good 1795338000000
mkdir -p "$T/cc" && mv "$HOME/.claude/.credentials.json" "$T/cc/.credentials.json"
CLAUDE_CONFIG_DIR="$T/cc" run fetch-claude --base-url "$URL"
check "CLAUDE_CONFIG_DIR" [ "$st/$(field window)" = 0/5h ]

CLAUDE_OAUTH_TOKEN=tok-bad run fetch-claude --base-url "$URL"
check "401 says how to log in again" [ "$st/$(field error)" = \
    "1/HTTP 401: OAuth token has expired. Please obtain a new token or refresh your existing token. (run claude to log in again)" ]
CLAUDE_OAUTH_TOKEN=tok-busy run fetch-claude --base-url "$URL"
check "429 with Retry-After" \
    [ "$(field error)" = "HTTP 429: Rate limited. Please try again later. (retry after 300)" ]
CLAUDE_OAUTH_TOKEN=tok-html run fetch-claude --base-url "$URL"
check "HTML page" [ "$(field error)" = "HTTP 502: not JSON (text/html; charset=utf-8)" ]
CLAUDE_OAUTH_TOKEN=tok-hang run fetch-claude --base-url "$URL" --timeout 1
check "a body that never finishes times out" [ "$st" = 1 ]
check "timeout reason" grep -q 'timed out' "$T/out"
creds tok-canary-echo-0c7e11aa 1795338000000
run fetch-claude --base-url "$URL"
check "an echoed token is redacted" [ "$(cat "$T/out" "$T/err" | grep -c 0c7e11aa)" = 0 ]
rm -f "$HOME/.claude/.credentials.json"

# The admin cost report: two pages, cents as decimal strings.
: >"$T/requests.log"
ANTHROPIC_ADMIN_KEY=sk-ant-admin-good run fetch-claude --base-url "$URL"
check "admin spend exits 0" [ "$st" = 0 ]
check "today and this month, in dollars" \
    [ "$(rows)" = "anthropic/spend/daily=2.505 anthropic/spend/monthly=13.7395 " ]
check "unit USD, resets at the period's end" \
    [ "$(field unit)/$(field resets_at)/$(field resets_at 1)" = USD/2026-11-23T00:00:00Z/2026-12-01T00:00:00Z ]
check "from the start of the month, a day a bucket" \
    grep -q 'starting_at=2026-11-01T00%3A00%3A00Z&bucket_width=1d' "$T/requests.log"
check "two pages, the second by its cursor" [ "$(grep -c 'page=page%2F2' "$T/requests.log")/$(wc -l <"$T/requests.log")" = 1/2 ]
check "admin headers" logged '.headers["x-api-key"] == "sk-ant-admin-good"
    and .headers["anthropic-version"] == "2023-06-01"'
cp "$T/out" "$T/spend"
run_in "$T/spend" evaluate
check "spend without a budget is information, exit 0" \
    [ "$st/$(jq -r .level "$T/out" | sort -u)" = 0/info ]
printf 'anthropic/*/spend/monthly  warning  used >= 80%% of 15\n' >"$T/rules"
run_in "$T/spend" evaluate --rules "$T/rules"
check "a monthly budget alerts at 80% (man page example)" \
    [ "$st/$(field level 1)/$(field reason 1)" = "2/warning/used_pct 91.6% of 15.00 USD >= 80" ]
key_file "$T/admin" sk-ant-admin-good
fetch-claude --admin-key-file "$T/admin" --base-url "$URL" | render >"$T/table"
check "the spend as a table (man page example)" grep -q 'Anthropic monthly .*\$13\.74' "$T/table"

ANTHROPIC_ADMIN_KEY=sk-ant-admin-bad run fetch-claude --base-url "$URL"
check "admin 401" [ "$st/$(field kind)/$(field error)" = "1/spend/cost report: HTTP 401: invalid x-api-key" ]
CLAUDE_OAUTH_TOKEN=tok-good run fetch-claude --admin-key-file "$T/admin" --base-url "$URL"
check "both parts at once" [ "$st/$(wc -l <"$T/out")" = 0/5 ]

CLAUDE_BASE_URL="$URL" CLAUDE_OAUTH_TOKEN=tok-good run fetch-claude
check "CLAUDE_BASE_URL" [ "$(field used_pct)" = 37 ]
run fetch-claude --base-url "$URL"
check "no token and no admin key: one skipped record, exit 0" \
    [ "$st/$(wc -l <"$T/out")/$(field status)" = 0/1/skipped ]
check "naming both variables" grep -q 'CLAUDE_OAUTH_TOKEN, ANTHROPIC_ADMIN_KEY' "$T/out"

finish

# Bad input on standard input for every tool that reads it (evaluate,
# record, render, the notifiers with --dry-run, fetch-kimi-code
# --usage-text): empty input, a binary file, a 100 MB line, wrong types,
# NaN and huge numbers, duplicate keys.  Each bad line gets one located
# message on stderr, the good lines are still processed, and the exit status
# follows DESIGN.md §3.  (history reads no standard input.)
. "$(dirname "$0")/lib.sh"
unset DISCORD_WEBHOOK_URL FEISHU_WEBHOOK_URL FEISHU_SECRET SMTP_URL SMTP_USER SMTP_PASSWORD \
    MAIL_FROM MAIL_TO
mixed="$here/../data/robust-input-mixed.ndjson"
bad_lines="2 3 4 5 6 7 8 9 10 11 12 13 14 15 18 20 21"
good=4                                   # lines 1, 16, 17 and 19

tools=("evaluate -w remaining<=5" "record --db $T/r.db --tee" "render" "render -f markdown"
       "render -f log" "render -f text"
       "notify-discord --dry-run --when always --db $T/n.db"
       "notify-feishu --dry-run --when always --db $T/n.db"
       "notify-smtp --dry-run --when always --db $T/n.db")
name() { set -- $1; echo "$1${2:+ $2}${3:+ $3}"; }
# messages: stderr, less what --dry-run shows there; located TOOL: every
# message is "TOOL: <stdin>:N: what".
messages() { if [ "$dry" ]; then grep "^$tool: " "$T/err"; else cat "$T/err"; fi; }
located() { ! messages | grep -v "^$1: <stdin>:[0-9][0-9]*: ." | grep -q .; }
records_out() { grep -c '^{' "$T/out"; }

/usr/bin/python3 -c '
import random, sys
random.seed(8)
sys.stdout.buffer.write(bytes(random.getrandbits(8) for _ in range(1 << 16)))' >"$T/binary"
line=$(head -n 1 "$mixed")
{ printf '{"provider":"'; head -c 100000000 /dev/zero | tr '\0' x; printf '"}\n%s\n' "$line"; } \
    >"$T/long"
{ printf '%s\n' "$line"; head -c 100000000 /dev/zero | tr '\0' x; } >"$T/long-last"
{ cat "$mixed"; printf '%s\n' '{"provider":"moonshot","remaining":1,"status":"ok","level":"warning"}'; } \
    >"$T/alert"

for cmd in "${tools[@]}"; do
    tool=${cmd%% *}
    dry=$(echo "$cmd" | grep -e --dry-run)
    n=$(name "$cmd")
    rm -f "$T/r.db" "$T/n.db"

    run_in /dev/null $cmd
    check "$n: empty input: exit 0" [ "$st" = 0 ]
    check "$n: empty input: silent" [ -z "$(messages)" ]

    run_in "$T/binary" $cmd
    check "$n: binary input: exit 1" [ "$st" = 1 ]
    check "$n: binary input: located messages only" located "$tool"
    check "$n: binary input: something said" [ -n "$(messages)" ]

    run_in "$T/long" $cmd
    check "$n: a 100 MB line: exit 1" [ "$st" = 1 ]
    check "$n: a 100 MB line: located at line 1" \
        grep -qx "$tool: <stdin>:1: line longer than [0-9]* bytes" "$T/err"
    check "$n: a 100 MB line: the next line still read" grep -q '12\.5' "$T/out"

    run_in "$T/long-last" $cmd
    check "$n: a 100 MB last line without newline: exit 1" [ "$st" = 1 ]
    check "$n: a 100 MB last line without newline: located at line 2" \
        grep -qx "$tool: <stdin>:2: line longer than [0-9]* bytes" "$T/err"

    rm -f "$T/r.db" "$T/n.db"
    run_in "$mixed" $cmd
    check "$n: bad lines: exit 1" [ "$st" = 1 ]
    check "$n: bad lines: located messages only" located "$tool"
    for i in $bad_lines; do
        check "$n: bad line $i reported" grep -q "^$tool: <stdin>:$i: " "$T/err"
    done
    check "$n: bad lines: one message each" [ "$(messages | wc -l)" = "$(echo $bad_lines | wc -w)" ]
    check "$n: the good lines still processed" grep -q '12\.5' "$T/out"
    check "$n: the good lines still processed (after the bad)" grep -q '110' "$T/out"

    run_in "$T/alert" $cmd
    check "$n: bad lines and an alert: exit 2" [ "$st" = 2 ]
done

# What the good lines became, tool by tool.
run_in "$mixed" evaluate -w 'remaining<=5'
check "evaluate: the $good good lines judged" [ "$(records_out)" = "$good" ]
check "evaluate: a huge number reads as one" grep -q '"reason":"remaining 1e+308 USD"' "$T/out"
rm -f "$T/r.db"
run_in "$mixed" record --db "$T/r.db"
check "record: the $good good lines stored" \
    [ "$(sqlite3 "$T/r.db" 'SELECT count(*) FROM usage_snapshots')" = "$good" ]
check "record: nothing of the duplicate-key line stored" \
    [ "$(sqlite3 "$T/r.db" "SELECT count(*) FROM usage_snapshots WHERE provider = 'glm'")" = 0 ]
run_in "$mixed" render -f log
check "render -f log: a line per good record" [ "$(wc -l <"$T/out")" = "$good" ]
check "render: a huge number is not cut short" grep -q '1e+308' "$T/out"

# A huge number written by one tool reads back in the next.
printf '%s\n' '{"ts":"2026-11-22T09:00:00Z","provider":"relay","account":"big","kind":"balance","unit":"tokens","remaining":2.5e20,"status":"ok"}' \
    >"$T/huge"
evaluate -w 'remaining<=5' <"$T/huge" >"$T/judged" 2>"$T/err"
run_in "$T/judged" record --db "$T/r.db"
check "a huge number passes from evaluate to record: exit 0" [ "$st" = 0 ]
check "a huge number passes from evaluate to record: stored" \
    [ "$(sqlite3 "$T/r.db" "SELECT remaining FROM usage_snapshots WHERE account = 'big'")" = 2.5e+20 ]

# fetch-kimi-code --usage-text reads a pasted panel, not records.
run_in /dev/null fetch-kimi-code --usage-text
check "fetch-kimi-code --usage-text, empty: exit 1" [ "$st" = 1 ]
check "fetch-kimi-code --usage-text, empty: says what is missing" \
    grep -q '^fetch-kimi-code: --usage-text: ' "$T/err"
for input in binary long long-last; do
    run_in "$T/$input" fetch-kimi-code --usage-text
    check "fetch-kimi-code --usage-text, $input: exit 1" [ "$st" = 1 ]
    check "fetch-kimi-code --usage-text, $input: one line" [ "$(wc -l <"$T/err")" = 1 ]
    check "fetch-kimi-code --usage-text, $input: no record" [ ! -s "$T/out" ]
done
{
    cat "$T/binary" | head -c 4096
    printf '\nWeekly limit  ━━━━━━━━━━  84%% left  (resets in 6d 22h 54m)\n'
    printf 'junk 1e400%% left (resets in 99999999999999999999d)\n'
    printf '5h limit  ━━━━  19%% left  (resets in 3h 54m)\n'
    printf 'Search \377\376 calls  ━━━━  50%% left  (resets in 1h)\n'
} >"$T/panel"
run_in "$T/panel" fetch-kimi-code --usage-text
check "fetch-kimi-code --usage-text, a panel among junk: no crash" [ "$st" -le 1 ]
check "fetch-kimi-code --usage-text, a panel among junk: the windows read" \
    sh -c "grep -q '\"window\":\"weekly\"' '$T/out' && grep -q '\"window\":\"5h\"' '$T/out'"
check "fetch-kimi-code --usage-text: the output is valid UTF-8 records" /usr/bin/python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    json.loads(line)' "$T/out"
finish

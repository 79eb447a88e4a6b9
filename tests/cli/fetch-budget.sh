# fetch-budget: seed 003's client subscriptions, N/A without a budget, and
# the use counted in a SQLite file like seed 003's dispatch.db.
. "$(dirname "$0")/lib.sh"
unset ANTHROPIC_BUDGET OPENAI_BUDGET
sqlite3 "$T/dispatch.db" "CREATE TABLE tasks (id INTEGER PRIMARY KEY, executor TEXT, status TEXT,
                              done_at TEXT);
    INSERT INTO tasks (executor, status, done_at) VALUES
        ('anthropic', 'completed', '2026-11-02 10:00:00'), ('anthropic', 'completed', '2026-11-20 08:00:00'),
        ('anthropic', 'completed', '2026-10-30 10:00:00'), ('anthropic', 'failed', '2026-11-21 10:00:00'),
        ('openai', 'completed', '2026-11-04 10:00:00');"
count="SELECT count(*) FROM tasks WHERE executor = :provider AND status = 'completed'"

run fetch-budget --provider anthropic
check "no budget: exit 0" [ "$st" = 0 ]
check "no budget: status na" [ "$(field provider)/$(field kind)/$(field status)" = anthropic/budget/na ]
check "no budget: the reason names the variable" \
    [ "$(field reason)" = "client subscription: no budget set (ANTHROPIC_BUDGET)" ]
check "no budget: no numbers" [ "$(field remaining)/$(field limit)" = null/null ]
check "silent" [ ! -s "$T/err" ]

ANTHROPIC_BUDGET=100 run fetch-budget --provider anthropic --used-db "$T/dispatch.db" --used-query "$count"
check "ANTHROPIC_BUDGET and the completed tasks" \
    [ "$st/$(field limit)/$(field used)/$(field remaining)/$(field status)" = 0/100/3/97/ok ]
check "unit tasks" [ "$(field unit)" = tasks ]
ANTHROPIC_BUDGET=100 run fetch-budget --provider anthropic --budget 40 --used-db "$T/dispatch.db" \
    --used-query "$count AND done_at >= :month_start"
check "--budget wins; :month_start counts this month" [ "$(field limit)/$(field used)" = 40/2 ]
OPENAI_BUDGET=20 run fetch-budget --provider openai --used-db "$T/dispatch.db" --used-query "$count"
check "OPENAI_BUDGET for openai" [ "$(field provider)/$(field remaining)" = openai/19 ]
run fetch-budget --provider openai --unit USD --budget 200 --used-db "$T/dispatch.db" \
    --used-query "SELECT 42.5"
check "--unit" [ "$(field unit)/$(field remaining)" = USD/157.5 ]

ANTHROPIC_BUDGET=100 run fetch-budget --provider anthropic
check "a budget with nothing to count against is an error record" \
    [ "$st/$(field status)" = 1/error ]
check "one line on stderr" [ "$(wc -l <"$T/err")" = 1 ]
check "which names the provider's variables for them" \
    grep -q 'needs --used-db and --used-query (ANTHROPIC_USED_DB, ANTHROPIC_USED_QUERY)' "$T/err"
ANTHROPIC_BUDGET=100 ANTHROPIC_USED_DB="$T/dispatch.db" ANTHROPIC_USED_QUERY="$count" \
    ANTHROPIC_UNIT=jobs OPENAI_USED_DB=/nonexistent run fetch-budget --provider anthropic
check "the whole budget from the provider's variables (a cron job's env file)" \
    [ "$st/$(field status)/$(field unit)/$(field limit)" = 0/ok/jobs/100 ]
ANTHROPIC_BUDGET=100 run fetch-budget --provider anthropic --used-db "$T/dispatch.db" \
    --used-query "SELECT count(*) FROM jobs"
check "a missing table is an error record" \
    [ "$st/$(field error)" = "1/$T/dispatch.db: no such table: jobs" ]
ANTHROPIC_BUDGET=100 run fetch-budget --provider anthropic --used-db "$T/missing.db" \
    --used-query "$count"
check "a missing file is an error record" [ "$st/$(field status)" = 1/error ]
check "and is not created" [ ! -e "$T/missing.db" ]
run fetch-budget --provider anthropic --budget 9 --used-db "$T/dispatch.db" --used-query "DELETE FROM tasks"
check "the query may only read" [ "$(field error)" = "$T/dispatch.db: the query would write; it may only read" ]
check "(nothing deleted)" [ "$(sqlite3 "$T/dispatch.db" 'SELECT count(*) FROM tasks')" = 5 ]
ANTHROPIC_BUDGET=lots run fetch-budget --provider anthropic
check "a budget that is not a number" [ "$st/$(wc -l <"$T/out")" = 1/0 ]
check "says so" grep -q '^fetch-budget: ANTHROPIC_BUDGET: "lots" is not a number of tasks' "$T/err"
run fetch-budget --provider anthropic --used-db "$T/dispatch.db"
check "--used-db needs --used-query" grep -q 'go together' "$T/err"
run fetch-budget
check "--provider is needed" [ "$st" = 1 ]
check "and the message asks for it" \
    [ "$(cat "$T/err")" = "fetch-budget: --provider: give the subscription's name, such as anthropic" ]

# Seed 003's thresholds and its table, with GLM and MiniMax, in one pipeline.
fetch-budget --provider anthropic | evaluate >"$T/out" 2>"$T/err"
check "N/A is info for evaluate (exit 0)" [ "$?/$(field level)" = 0/info ]
fetch-budget --provider openai --budget 40 --used-db "$T/dispatch.db" --used-query "SELECT 38" |
    evaluate >"$T/out" 2>"$T/err"
check "5% of the budget left is a warning (exit 2)" [ "$?/$(field level)" = 2/warning ]
start_server "$here/../data/glm-routes.json"
GLM_URL=$URL
start_server "$here/../data/minimax-routes.json"
{
    GLM_API_KEY=glm-good fetch-glm --base-url "$GLM_URL" --no-wallet
    MINIMAX_API_KEY=sk-both fetch-minimax --region cn --base-url "$URL"
    fetch-budget --provider anthropic
    fetch-budget --provider openai
} 2>"$T/err" | evaluate | render --format table >"$T/out"
check "seed 003's table: GLM" grep -q '^GLM (智谱)' "$T/out"
check "seed 003's table: MiniMax" grep -q '^MiniMax 5h .*🚨 CRIT' "$T/out"
check "seed 003's table: MiniMax balance" grep -q '^MiniMax .*¥950.00' "$T/out"
check "seed 003's table: Anthropic N/A" grep -q '^Anthropic  *ℹ️ N/A *(subscription)' "$T/out"
check "seed 003's table: Codex/OpenAI N/A" grep -q '^Codex/OpenAI  *ℹ️ N/A *(subscription)' "$T/out"

finish

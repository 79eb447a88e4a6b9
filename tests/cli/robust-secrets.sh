# Secrets (DESIGN.md §4): every tool, through its success and error paths,
# with canary secrets in API keys, webhook URLs, a Feishu signing secret, an
# SMTP password and a PostgreSQL password.  The canary appears in no output,
# no database row, no file a tool writes, no process's command line and no
# URL sent; key files that group or others may read are refused.
. "$(dirname "$0")/lib.sh"
unset DISCORD_WEBHOOK_URL FEISHU_WEBHOOK_URL FEISHU_SECRET SMTP_URL SMTP_USER SMTP_PASSWORD \
    SMTP_PASSWORD_FILE MAIL_FROM MAIL_TO PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE PGPASSFILE \
    SUPABASE_DB_HOST SUPABASE_DB_PASSWORD CLAUDE_CONFIG_DIR CODEX_HOME CREDENTIALS_DIRECTORY
C=QWCANARY                               # every secret below holds it
key="sk-$C-key-51f0e2d3"
mkdir -p "$T/state" "$T/work" "$T/seen" "$HOME" "$T/keys"
export QUOTAWATCH_DB="$T/state/quotawatch.db" XDG_STATE_HOME="$T/state/xdg"
cd "$T/work" || exit 1                   # what a tool writes in its directory lands here
key_file "$T/keys/key" "$key"
n=0
# keep: the last run's outputs are kept for the final scan, and its records stored.
keep() {
    n=$((n + 1))
    cp "$T/out" "$T/seen/out.$n"
    cp "$T/err" "$T/seen/err.$n"
    grep -h '^{' "$T/out" >>"$T/seen/records" 2>/dev/null
}

# The providers' answers, and faults that echo the key back ("*": any path).
start_server "$here/../data/robust-secrets-routes.json"
ok_url=$URL ok_port=$PORT
declare -A fault
route() { printf '{"*": %s}\n' "$2" >"$T/$1.json"; start_server "$T/$1.json"; fault[$1]=$URL; }
route echo401 "{\"status\": 401, \"json\": {\"error\": {\"message\": \"Incorrect API key provided: $key\"}}}"
route echo200 "{\"json\": {\"code\": 1, \"success\": false, \"status\": false, \"msg\": \"bad key $key\",
    \"message\": \"$key\", \"error\": {\"message\": \"$key\"}, \"base_resp\": {\"status_code\": 1004, \"status_msg\": \"$key\"}}}"
route html "{\"status\": 503, \"text\": \"<html>key $key rejected</html>\"}"
route hang '{"hang": true, "json": {}}'
fault[refused]=http://127.0.0.1:1

# TOOL ENV KEYS-NAME KEY-OPTION FIXTURE: each fetcher of the registry that has
# a loopback fixture, once for each key it takes.
fetchers=""
while IFS=$'\t' read -r id provider name emoji tool args keys regions watch_all fixture; do
    [ "$fixture" = - ] && continue
    for k in $keys; do
        IFS=: read -r env kname opt <<<"$k"
        fetchers+="$tool $env $kname ${opt:---key-file} $fixture"$'\n'
    done
done < <(providers)
fetchers=${fetchers%$'\n'}
extra() { sed -n 's/^ARGS=//p' "$here/../data/$1.env"; }
# canary_server FIXTURE ENV: the fixture's answers, for the canary key where
# they expect ENV's good key; sets URL.
canary_server() {
    local good
    good=$(sed -n "s/^$2=//p" "$here/../data/$1.env")
    sed "s|$good|$key|g" "$here/../data/$1-routes.json" >"$T/canary-$1-$2.json"
    start_server "$T/canary-$1-$2.json"
}

# fetch HOW TOOL ENV NAME OPTION URL: one run with the key from a file, the
# environment, or the keys directory.
fetch() {
    local how=$1 tool=$2 env=$3 name=$4 opt=$5 url=$6 fixture=$7
    local args=(--base-url "$url" --timeout 2 $(extra "$fixture"))
    case $how in
    file) run "$tool" "$opt" "$T/keys/key" "${args[@]}" ;;
    env) run env "$env=$key" "$tool" "${args[@]}" ;;
    dir) rm -rf "$T/kd"; key_file "$T/kd/$name/work" "$key"
         QUOTAWATCH_KEYS="$T/kd" run "$tool" "${args[@]}" ;;
    esac
    keep
}
while read -r tool env name opt fixture; do
    canary_server "$fixture" "$env"
    for how in file env dir; do
        fetch "$how" "$tool" "$env" "$name" "$opt" "$URL" "$fixture"
        check "$tool ($name from $how): answered: exit 0" [ "$st" = 0 ]
    done
    for f in echo401 echo200 html refused; do
        fetch file "$tool" "$env" "$name" "$opt" "${fault[$f]}" "$fixture"
        check "$tool ($name, $f): exit 1" [ "$st" = 1 ]
    done
    # Key files that group or others may read: refused, nothing sent.
    for mode in 640 604; do
        before=$(wc -l <"$T/requests.log")
        cp "$T/keys/key" "$T/keys/open"
        chmod "$mode" "$T/keys/open"
        run "$tool" "$opt" "$T/keys/open" --base-url "$URL" $(extra "$fixture")
        keep
        check "$tool ($name, key file mode $mode): exit 1" [ "$st" = 1 ]
        check "$tool ($name, key file mode $mode): says why" grep -q "chmod 600" "$T/err"
        check "$tool ($name, key file mode $mode): nothing sent" \
            [ "$(wc -l <"$T/requests.log")" = "$before" ]
    done
    rm -rf "$T/kd"
    key_file "$T/kd/$name" "$key"
    chmod 644 "$T/kd/$name"
    QUOTAWATCH_KEYS="$T/kd" run "$tool" --base-url "$URL" $(extra "$fixture")
    keep
    check "$tool ($name, keys directory file mode 644): refused" \
        sh -c "[ $st = 1 ] && grep -q 'chmod 600' '$T/err'"
done <<<"$fetchers"

# A relay accounts file naming its key file.
printf 'work %s %s\n' "$ok_url" "$T/keys/key" >"$T/keys/relay.accounts"
run fetch-relay --accounts "$T/keys/relay.accounts"
keep
check "fetch-relay --accounts: exit 0" [ "$st" = 0 ]

# Claude Code's and the Codex CLI's own credential files.
mkdir -p "$T/cred/.claude" "$T/cred/.codex"
printf '{"claudeAiOauth":{"accessToken":"%s","expiresAt":4102444800000}}\n' "$key" \
    >"$T/cred/.claude/.credentials.json"
printf '{"tokens":{"access_token":"%s","account_id":"acct-1"}}\n' "$key" >"$T/cred/.codex/auth.json"
chmod 600 "$T/cred/.claude/.credentials.json" "$T/cred/.codex/auth.json"
for tool in fetch-claude fetch-openai; do
    for url in "$ok_url" "${fault[echo401]}"; do
        HOME="$T/cred" run "$tool" --base-url "$url" --timeout 2
        keep
        check "$tool (the client's own credentials, $url): ran" [ "$st" -le 1 ]
    done
done

# While every fetcher hangs on a slow server: no command line holds the canary.
hung=()
while read -r tool env name opt fixture; do
    env "$env=$key" "$tool" --base-url "${fault[hang]}" --timeout 30 >/dev/null 2>&1 &
    hung+=($!)
    "$tool" "$opt" "$T/keys/key" --base-url "${fault[hang]}" --timeout 30 \
        >/dev/null 2>&1 &
    hung+=($!)
done <<<"$fetchers"
DISCORD_WEBHOOK_URL="$ok_url/api/webhooks/4711/$C-hook-slow" notify-discord --when always \
    --timeout 30 --db "$T/state/slow.db" <<<'{"provider":"x","status":"ok","level":"warning"}' \
    >/dev/null 2>&1 &
hung+=($!)
# The look waits until every one of them runs its tool (no longer the shell
# or env that started it) and the servers have heard them (the hang server at
# least a request a fetcher, the webhook the slow post); then ends them.
hang_host=${fault[hang]#http://}
all_heard() {
    local p comm
    for p in "${hung[@]}"; do
        comm=$(cat "/proc/$p/comm" 2>/dev/null) || return 1
        case $comm in bash | env) return 1 ;; esac
    done
    [ "$(jq -n --arg h "$hang_host" '[inputs | select(.headers.host == $h)] | length' \
        "$T/requests.log")" -ge $((2 * $(wc -l <<<"$fetchers"))) ] &&
        logged '.path | endswith("hook-slow")'
}
wait_for all_heard
ps -eo args >"$T/ps"
check "the tools are running while the check looks" grep -q "^fetch-moonshot " "$T/ps"
check "no command line holds a secret" sh -c "! grep $C '$T/ps'"
kill "${hung[@]}" 2>/dev/null
wait "${hung[@]}" 2>/dev/null

# The records through the other tools.
fetch-budget --provider anthropic --budget 100 --used-db "$T/state/none.db" \
    --used-query 'SELECT 1' >"$T/out" 2>"$T/err"
keep
for cmd in "evaluate -w remaining<=5" "render" "render -f markdown" "render -f log" \
    "record --tee"; do
    run_in "$T/seen/records" $cmd
    keep
    check "$cmd on every record: no crash" [ "$st" -le 2 ]
done
for cmd in "recall --raw --since 30d" "recall --last" "recall --since 7d" "dashboard" \
    "dashboard --output $T/work/page.html"; do
    cmd="$QW_BIN/$cmd"
    run $cmd
    keep
    check "$cmd: exit 0" [ "$st" = 0 ]
done
# A key that reached the history's text (planted in a copy, outside $T/state)
# is redacted from the page when the job's environment holds it.
cp "$QUOTAWATCH_DB" "$T/planted.db"
sqlite3 "$T/planted.db" "INSERT INTO usage_snapshots (timestamp, provider, account, kind, status, error)
    VALUES ('2026-11-22T08:59:00Z', 'moonshot', 'planted', 'balance', 'error', 'HTTP 401: bad key $key')"
MOONSHOT_API_KEY=$key run "$QW_BIN/dashboard" --db "$T/planted.db" --output "$T/work/planted.html"
keep
check "dashboard, a key planted in the history: exit 0" [ "$st" = 0 ]
check "dashboard, a key planted in the history: the page says it was redacted" \
    grep -qF 'bad key [redacted]' "$T/work/planted.html"

# fetch-claude-db: the password reaches neither its output nor its errors.
PGPASSWORD=$key PGHOST=127.0.0.1 PGPORT=1 run fetch-claude-db --timeout 2
keep
check "fetch-claude-db (refused): exit 1" [ "$st" = 1 ]
SUPABASE_DB_PASSWORD=$key SUPABASE_DB_HOST=127.0.0.1 PGPORT=$ok_port run fetch-claude-db --timeout 1
keep
check "fetch-claude-db (not PostgreSQL): exit 1" [ "$st" = 1 ]

# The notifiers: success, refusals, a dead host, --dry-run, --test.
printf '%s\n' '{"ts":"2026-11-22T09:00:00Z","provider":"moonshot","account":"default","kind":"balance","unit":"USD","remaining":4.2,"status":"ok","level":"warning"}' >"$T/low"
# A run that must fail gets --timeout 1: no time for a retry (the first wait
# is 1 s), so a refusal or an outage gives up at once.
# --when always, for a notifier that has --when (notify-alertmanager sends every run).
when_always() { "$QW_BIN/$1" --help | grep -q -- '--when' && echo --when always; }
notify() {   # notify TOOL VAR URL EXPECTED-STATUS [OPTION...]
    local tool=$1 var=$2 url=$3 want=$4; shift 4
    local timeout=3
    [ "$want" = 1 ] && timeout=1
    env "$var=$url" FEISHU_SECRET="$C-sign-secret" QUOTAWATCH_DB="$T/state/$tool.db" \
        "$QW_BIN/$tool" $(when_always "$tool") --timeout "$timeout" "$@" <"$T/low" >"$T/out" 2>"$T/err"
    st=$?
    keep
    check "$tool $* ${url##*/}: exit $want" [ "$st" = "$want" ]
}
# Every webhook channel of the registry (one with a loopback fixture): its
# first secret is the webhook URL, whose path the fixture shows.  It answers
# from its fixture, the canary in place of the fixture's token; a refusal and
# an outage from servers that echo the URL back.
route gone "{\"status\": 404, \"json\": {\"message\": \"Unknown Webhook $C-hook-gone\", \"code\": 10015,
    \"msg\": \"incoming webhook access token invalid: $C-hook-gone\"}}"
route down "{\"status\": 500, \"text\": \"<html>hook $C-hook-down failed</html>\"}"
while IFS=$'\t' read -r id tool secrets fixture; do
    [ "$fixture" = - ] && continue
    var=${secrets%% *}
    path=$(sed -n "s|^$var={URL}||p" "$here/../data/$fixture.env")
    sed "s|$path\"|${path%/*}/$C-hook-ok\"|" "$here/../data/$fixture-routes.json" >"$T/hook-$id.json"
    start_server "$T/hook-$id.json"
    hook_url=$URL
    path=${path%/*}
    notify "$tool" "$var" "$hook_url$path/$C-hook-ok" 2
    notify "$tool" "$var" "${fault[gone]}$path/$C-hook-gone" 1
    notify "$tool" "$var" "${fault[down]}$path/$C-hook-down" 1
    notify "$tool" "$var" "http://127.0.0.1:1$path/$C-hook-x" 1
    notify "$tool" "$var" "ftp://$C-hook@127.0.0.1/x" 1
    notify "$tool" "$var" "$hook_url$path/$C-hook-ok" 2 --dry-run
    notify "$tool" "$var" "$hook_url$path/$C-hook-ok" 0 --test
    key_file "$T/keys/hook" "$hook_url$path/$C-hook-ok"
    file_opt=$("$QW_BIN/$tool" --help | grep -o -- '--webhook-file\|--url-file' | head -n 1)
    notify "$tool" UNUSED "" 2 "$file_opt" "$T/keys/hook"
    chmod 640 "$T/keys/hook"
    notify "$tool" UNUSED "" 1 "$file_opt" "$T/keys/hook"
    check "$tool $file_opt mode 640: says why" grep -q "chmod 600" "$T/err"
done < <(channels)
key_file "$T/keys/sign" "$C-sign-secret"
chmod 604 "$T/keys/sign"
notify notify-feishu FEISHU_WEBHOOK_URL "$ok_url/open-apis/bot/v2/hook/$C-hook-ok" 1 \
    --secret-file "$T/keys/sign"
check "notify-feishu --secret-file mode 604: says why" grep -q "chmod 600" "$T/err"
check "the Feishu signing secret never travels" sh -c "! grep -q '$C-sign' '$T/requests.log'"

make_cert
password="$C-pw-9d2e"
/usr/bin/python3 "$servers/smtp_sink.py" --port-file "$T/smtp.port" --dir "$T/mail" \
    --log "$T/mail.log" --cert "$T/cert.pem" --key "$T/key.pem" --user bot --password "$password" &
pids+=($!)
mkdir -p "$T/mail"
wait_for [ -s "$T/smtp.port" ]
smtp() {   # smtp PASSWORD URL EXPECTED-STATUS [OPTION...]
    local pw=$1 url=$2 want=$3; shift 3
    SMTP_PASSWORD=$pw SMTP_URL=$url SMTP_USER=bot MAIL_FROM=bot@example.org MAIL_TO=ops@example.org \
        QUOTAWATCH_DB="$T/state/smtp.db" run_in "$T/low" notify-smtp --when always --timeout 3 \
        --cacert "$T/cert.pem" "$@"
    keep
    check "notify-smtp $* ($url): exit $want" [ "$st" = "$want" ]
}
smtp_url="smtp://127.0.0.1:$(cat "$T/smtp.port")"
smtp "$password" "$smtp_url" 2
smtp "$C-wrong-pw" "$smtp_url" 1
smtp "$password" smtp://127.0.0.1:1 1
smtp "$password" "$smtp_url" 2 --dry-run
smtp "$password" "$smtp_url" 0 --test
key_file "$T/keys/pw" "$password"
smtp "" "$smtp_url" 2 --password-file "$T/keys/pw"
chmod 640 "$T/keys/pw"
smtp "" "$smtp_url" 1 --password-file "$T/keys/pw"
check "notify-smtp --password-file mode 640: says why" grep -q "chmod 600" "$T/err"

# The scan: outputs, the databases, every file the tools wrote, every URL.
run_in "$T/seen/records" record --db "$QUOTAWATCH_DB"
check "the run produced records to look at" [ "$(wc -l <"$T/seen/records")" -gt 50 ]
# metrics: a secret stored in a row's error text and reason (as an older,
# leaky version might have stored it) never reaches the metrics file.
mkdir -p "$T/planted"
cp "$QUOTAWATCH_DB" "$T/planted/q.db"
sqlite3 "$T/planted/q.db" "INSERT INTO usage_snapshots (timestamp, provider, account, kind, status,
    error, reason, level) VALUES ('2026-11-22T08:59:00Z', 'moonshot', 'planted', 'balance', 'error',
    'HTTP 401: Incorrect API key provided: $key', 'bad key $key', 'error')"
run metrics --db "$T/planted/q.db" --output "$T/work/quotawatch.prom"
keep
check "metrics on a database with a planted secret: exit 0" [ "$st" = 0 ]
check "... the planted series is there, its check time only" \
    grep -q '^quotawatch_last_check_timestamp_seconds{provider="moonshot",account="planted"' \
    "$T/work/quotawatch.prom"
check "... and the secret is not" sh -c "! grep -q $C '$T/work/quotawatch.prom'"
check "no secret on any output" sh -c "! grep $C '$T'/seen/out.* '$T'/seen/err.* >&2"
for db in "$T"/state/*.db; do
    check "no secret in ${db##*/}" sh -c "! sqlite3 '$db' .dump | grep $C >&2"
done
check "no secret in any file the tools wrote" sh -c "! grep -rl $C '$T/state' '$T/work' '$HOME' >&2"
check "the keys travel in headers only, never in a URL" \
    sh -c "! jq -r '.path + \"?\" + .query' '$T/requests.log' | grep -q sk-$C"
check "the keys did travel (the answers were asked for)" grep -q "sk-$C" "$T/requests.log"
finish

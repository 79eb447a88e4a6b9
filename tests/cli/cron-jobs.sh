# deployment test: the first pass of make check only.
# From a clone to scheduled jobs, as README.md says: make install, a 0600
# environment file, the cron.d files; then each cron line's command runs once
# against loopback providers, webhooks, SMTP and PostgreSQL.
. "$(dirname "$0")/lib.sh"
top=$(cd "$here/../.." && pwd)
root="$T/root"
share=/usr/local/share/quotawatch
make_cert

DESTDIR="$root" PREFIX=/usr/local "$top/bin/install.sh" install "$QW_BIN" >/dev/null 2>"$T/err"
check "install.sh install (what make install runs)" [ $? = 0 ]

# The loopback peers: one HTTP server for every provider and webhook path.
/usr/bin/python3 - "$top/tests/data" "$T/routes.json" <<'PY'
import json, sys
routes = {}
for name in ["moonshot", "kimi", "relay", "discord", "feishu"]:
    routes.update(json.load(open(f"{sys.argv[1]}/{name}-routes.json")))
json.dump(routes, open(sys.argv[2], "w"))
PY
start_server "$T/routes.json"
mkdir -p "$T/mail"
/usr/bin/python3 "$servers/smtp_sink.py" --port-file "$T/mail/port" --dir "$T/mail" \
    --log "$T/mail/log" --cert "$T/cert.pem" --key "$T/key.pem" --user bot --password pw-cron-1 &
pids+=($!)
pg_dir=$(mktemp -u "${TMPDIR:-/tmp}/qw-pg.XXXXXX")     # outside $T: postgres must reach it
PGPORT_=$(bash "$servers/postgres.sh" start "$pg_dir" pg-cron-2)
pg_ok=$?
trap 'bash "$servers/postgres.sh" stop "$pg_dir" >/dev/null 2>&1; cleanup' EXIT
bash "$servers/postgres.sh" sql "$pg_dir" "CREATE TABLE claude_api_usage (available_balance numeric, updated_at timestamptz);
    INSERT INTO claude_api_usage VALUES (8.07, now());" >/dev/null
wait_for [ -s "$T/mail/port" ]
check "postgres started" [ "$pg_ok" = 0 ]

# The keys and the environment file of the quotawatch user.
key_file "$T/keys/relay/main" sk-main
key_file "$T/keys/relay/backup" sk-backup
printf 'main %s\nbackup %s\n' "$URL" "$URL" >"$T/keys/relay.accounts"
cat >"$T/env" <<ENV
MOONSHOT_API_KEY=sk-good
MOONSHOT_BASE_URL=$URL
KIMI_CODE_API_KEY=kimi-good
KIMI_CODE_BASE_URL=$URL
SUPABASE_DB_HOST=127.0.0.1
SUPABASE_DB_PASSWORD=pg-cron-2
PGPORT=$PGPORT_
DISCORD_WEBHOOK_URL=$URL/api/webhooks/4711/ok-canary7Qx2
FEISHU_WEBHOOK_URL=$URL/open-apis/bot/v2/hook/ok-canary3Fe8
SMTP_URL=smtp://127.0.0.1:$(cat "$T/mail/port")
SMTP_USER=bot
SMTP_PASSWORD=pw-cron-1
MAIL_FROM=quotawatch@example.org
MAIL_TO=ops@example.org
QUOTAWATCH_CACERT=$T/cert.pem
QUOTAWATCH_KEYS=$T/keys
QUOTAWATCH_STATE=$T/state
QUOTAWATCH_LOGS=$T/logs
QUOTAWATCH_DASHBOARD=$T/www/index.html
ENV
chmod 600 "$T/env"
mkdir -p "$T/state" "$T/www"

# cron_run FILE: the job line of an installed cron.d file, run as cron would
# (its own environment only), with the paths of this test's root.
cron_run() {
    local file="$root$share/cron.d/$1" vars=() line cmd
    while IFS= read -r line; do
        [[ -z $line || $line == \#* ]] && continue
        if [[ $line =~ ^[A-Z_]+= ]]; then vars+=("$line"); continue; fi
        cmd=$(echo "$line" | cut -d' ' -f7-)
    done <"$file"
    cmd=${cmd//\/var\/lib\/quotawatch/$T/state}
    cmd=${cmd//$share/$root$share}
    vars=("${vars[@]/#PATH=/PATH=$root/usr/local/bin:}")
    vars=("${vars[@]/#QUOTAWATCH_ENV=*/QUOTAWATCH_ENV=$T/env}")
    env -i HOME="$T/home" TZ=UTC "${vars[@]}" /bin/bash -c "$cmd" >"$T/out" 2>"$T/err"
    st=$?
    cat "$T/out" "$T/err" >>"$T/all"
}
posts() { grep -c "\"path\": \"$1" "$T/requests.log" 2>/dev/null; }

umask 077                               # as the units run: the page is 0644 all the same
cron_run quotawatch-hourly-summary
umask 022
check "seed 001 job: exit 0 (both balances above 5.00)" [ "$st" = 0 ]
check "seed 001 job: silent" [ ! -s "$T/out" ]
check "seed 001 job: one Discord post" [ "$(posts /api/webhooks/4711/ok)" = 1 ]
check "seed 001 job: the combined summary" sh -c "jq -r .body '$T/requests.log' | grep 'API Balance Summary' | grep 'Kimi:\*\* \\\$12.34 available' | grep -q 'Claude:\*\* \\\$8.07 (threshold'"
check "seed 001 job: Moonshot log line" grep -Eq '^\[[0-9-]{10} [0-9:]{8}\] Kimi: \$12.34$' "$T/logs/moonshot-balance.log"
check "seed 001 job: Claude log line" grep -Eq '^\[[0-9-]{10} [0-9:]{8}\] Claude: \$8.07$' "$T/logs/claude-balance.log"
check "seed 001 job: recorded" [ "$(sqlite3 "$T/state/quotawatch.db" 'SELECT provider FROM usage_snapshots ORDER BY provider' | tr '\n' ' ')" = "claude moonshot " ]
check "seed 001 job: the dashboard where QUOTAWATCH_DASHBOARD says, 0644 under umask 077" \
    [ "$(stat -c %a "$T/www/index.html")" = 644 ]
check "seed 001 job: the page shows both series" [ "$(grep -oE \
    'tr data-series="(moonshot/default/balance//USD|claude/default/balance//USD)"' "$T/www/index.html" | wc -l)" = 2 ]
printf 'QUOTAWATCH_MOONSHOT_LOG=%s\nQUOTAWATCH_BALANCE_LOG_FORMAT=balance-log\n' \
    "$T/home/.config/moonshot/balance-log.txt" >>"$T/env"
cron_run quotawatch-hourly-summary
check "seed 001 job: --when always posts every hour" [ "$(posts /api/webhooks/4711/ok)" = 2 ]
check "seed 001 job: the log where the env file says, in the logger's format" \
    grep -Eq '^[0-9-]{10} [0-9:]{8} \| Available: \$12.34 \| Voucher: \$3.45 \| Cash: \$8.89$' \
    "$T/home/.config/moonshot/balance-log.txt"
sed -i '/^QUOTAWATCH_MOONSHOT_LOG=/d; /^QUOTAWATCH_BALANCE_LOG_FORMAT=/d' "$T/env"

chmod 644 "$T/env"
cron_run quotawatch-hourly-summary
check "an environment file others can read is refused" [ "$st" = 1 ]
check "with the fix in the message" grep -q 'chmod 600' "$T/err"
chmod 600 "$T/env"

cron_run quotawatch-twice-daily-report
expect=$(QUOTAWATCH_KEYS="$T/keys" fetch-relay 2>/dev/null | evaluate >/dev/null; echo $?)
check "seed 002 job: exit as evaluate judges ($expect)" [ "$st" = "$expect" ]
check "seed 002 job: one Feishu report" [ "$(posts /open-apis/bot/v2/hook/ok)" = 1 ]
check "seed 002 job: the report title" sh -c "jq -r .body '$T/requests.log' | grep -q 'API 余额监控时报'"

cron_run quotawatch-kimi-reset
first=$st
sed -i 's/^KIMI_CODE_API_KEY=.*/KIMI_CODE_API_KEY=kimi-numbers/' "$T/env"
mails=$(grep -c '"file"' "$T/mail/log" 2>/dev/null)
cron_run quotawatch-kimi-reset
check "seed 000 job: first run ok" [ "$first" = 0 ]
check "seed 000 job: the reset run alerts" [ "$st" = 2 ]
check "seed 000 job: a mail for the reset" [ "$(grep -c '"file"' "$T/mail/log")" -gt "${mails:-0}" ]
check "seed 000 job: the mail says reset" /usr/bin/python3 -c "
import email, email.policy, glob, sys
last = sorted(glob.glob('$T/mail/*.eml'))[-1]
m = email.message_from_bytes(open(last, 'rb').read(), policy=email.policy.default)
sys.exit('reset' not in m.get_body(('plain',)).get_content().lower())"

# Seed 000's users keep their key as MOONSHOT_API_KEY: the Kimi Code job
# says it has no key, names both variables, and fails; it never records
# "skipped" in silence.
cp "$T/env" "$T/env.full"
grep -v '^KIMI_CODE_API_KEY=' "$T/env.full" >"$T/env"
rm -rf "$T/keys.full" && mv "$T/keys" "$T/keys.full" && mkdir -p "$T/keys"
cron_run quotawatch-kimi-reset
check "a job whose provider has no key: exit 1" [ "$st" = 1 ]
check "it names the variable it looked for" grep -q 'no key: set KIMI_CODE_API_KEY' "$T/err"
check "and the key that is set instead" grep -q 'set instead: .*MOONSHOT_API_KEY' "$T/err"
check "and in the job's log" grep -q 'no key: set KIMI_CODE_API_KEY' "$T/logs/kimi-reset.log"
cron_run quotawatch-kimi-reset
check "the same configuration error again: still exit 1" [ "$st" = 1 ]
check "but cron mails it at most once a day" [ ! -s "$T/out" ] && [ ! -s "$T/err" ]
check "the log has it every run" [ "$(grep -c 'no key: set KIMI_CODE_API_KEY' "$T/logs/kimi-reset.log")" = 2 ]
grep -v '_API_KEY=\|_TOKEN=\|_ADMIN_KEY=' "$T/env.full" >"$T/env"
cron_run quotawatch-watch-all
check "watch-all with no key at all: exit 1" [ "$st" = 1 ]
check "it says so" grep -q 'no key: set ' "$T/err"
cp "$T/env.full" "$T/env" && chmod 600 "$T/env"
rm -rf "$T/keys" && mv "$T/keys.full" "$T/keys"

# A lasting provider error: the job's stderr goes to its log, not to cron's
# mail, run after run (the notifier announces the error once).
sed 's|^MOONSHOT_BASE_URL=.*|MOONSHOT_BASE_URL=http://127.0.0.1:1|' "$T/env.full" >"$T/env"
for n in 1 2; do
    cron_run quotawatch-watch-all
    check "a provider down, run $n: exit 1" [ "$st" = 1 ]
    check "a provider down, run $n: nothing for cron to mail" [ ! -s "$T/out" ] && [ ! -s "$T/err" ]
done
check "the log has the fetcher's error each run" \
    [ "$(grep -c '^fetch-moonshot: .*127.0.0.1' "$T/logs/watch-all.log")" -ge 2 ]
# State that cannot be written is said on every run: spam before silence.
sed "s|^QUOTAWATCH_STATE=.*|QUOTAWATCH_STATE=$T/env.full/state|" "$T/env.full" >"$T/env"
for n in 1 2; do
    cron_run quotawatch-kimi-reset
    check "state that cannot be written, run $n: said to cron" grep -q 'the state cannot be written' "$T/err"
done
cp "$T/env.full" "$T/env"

# The fetchers stamp their records with the clock, and may straddle a
# second: this run's rows are those after the last id before it.
db="$T/state/quotawatch.db"
before=$(sqlite3 "$db" "SELECT coalesce(max(id), 0) FROM usage_snapshots" 2>/dev/null || echo 0)
cron_run quotawatch-watch-all
check "seed 003 job: exit 0 or 2" sh -c "[ $st = 0 ] || [ $st = 2 ]"
check "seed 003 job: the page shows every series recorded" [ "$(grep -o '<tr data-series=' \
    "$T/www/index.html" | wc -l)" = "$(recall --db "$db" --last | wc -l)" ]
want=$(providers | awk -F'\t' '$9 == "yes" { print $2 }' | sort -u | tr '\n' ' ')
check "seed 003 job: every provider the registry marks for watch-all ran ($want)" \
    [ "$(sqlite3 "$db" "SELECT DISTINCT provider FROM usage_snapshots WHERE id > ${before:-0}
                        ORDER BY provider" | tr '\n' ' ')" = "$want" ]
# Every option a job's user needs is set in the environment file: a region
# (or a .cn base URL), a budget with what counts its use, the rules.
sqlite3 "$T/dispatch.db" "CREATE TABLE tasks (executor TEXT);
    INSERT INTO tasks VALUES ('anthropic'), ('anthropic'), ('openai');"
printf 'moonshot  critical  remaining <= 100\n' >"$T/rules"
cp "$T/env.full" "$T/env"
cat >>"$T/env" <<ENV
MOONSHOT_REGION=cn
ANTHROPIC_BUDGET=300
ANTHROPIC_USED_DB=$T/dispatch.db
ANTHROPIC_USED_QUERY="SELECT count(*) FROM tasks WHERE executor = :provider"
QUOTAWATCH_RULES=$T/rules
ENV
before=$(sqlite3 "$db" "SELECT max(id) FROM usage_snapshots")
cron_run quotawatch-watch-all
row() { sqlite3 "$db" "SELECT $2 FROM usage_snapshots WHERE id > $before AND provider = '$1'"; }
check "MOONSHOT_REGION=cn in the env file: the balance is in CNY" [ "$(row moonshot currency)" = CNY ]
check "ANTHROPIC_BUDGET with its use counted: an ok budget, 300 - 2" \
    [ "$(row anthropic "status || ' ' || remaining")" = "ok 298.0" ]
check "QUOTAWATCH_RULES: the job judges by the rules file (exit 2, moonshot critical)" \
    [ "$st/$(row moonshot level)" = 2/critical ]
sed -i '/^MOONSHOT_REGION=/d' "$T/env"
printf 'MOONSHOT_REGION=mars\n' >>"$T/env"
cron_run quotawatch-watch-all
check "a bad option in the env file: exit 1" [ "$st" = 1 ]
check "its log names the variable's value" grep -q 'fetch-moonshot: --region: "mars"' "$T/logs/watch-all.log"
cp "$T/env.full" "$T/env"

# QUOTAWATCH_METRICS: each job writes the metrics there when it ends
# (metrics(1)); a file that cannot be written is said in the log, exit 1.
mkdir -p "$T/textfile"
printf 'QUOTAWATCH_METRICS=%s\n' "$T/textfile/quotawatch.prom" >>"$T/env"
cron_run quotawatch-kimi-reset
check "QUOTAWATCH_METRICS: the job's status is the pipeline's (0 or 2)" sh -c "[ $st = 0 ] || [ $st = 2 ]"
check "... and it wrote the metrics there" \
    grep -q '^quotawatch_used_ratio{provider="kimi-code"' "$T/textfile/quotawatch.prom"
printf 'QUOTAWATCH_METRICS=%s\n' "$T/no-such-dir/quotawatch.prom" >>"$T/env"
cron_run quotawatch-kimi-reset
check "metrics that cannot be written: exit 1" [ "$st" = 1 ]
check "... and the job's log says where" \
    grep -q "^kimi-reset: $T/no-such-dir/quotawatch.prom: the metrics were not written" \
    "$T/logs/kimi-reset.log"
cp "$T/env.full" "$T/env"

# The dashboard's failure is the job's.
sed 's|^QUOTAWATCH_DASHBOARD=.*|QUOTAWATCH_DASHBOARD=/nonexistent/www/index.html|' "$T/env" >"$T/env.page"
cp "$T/env" "$T/env.keep" && cp "$T/env.page" "$T/env" && chmod 600 "$T/env"
cron_run quotawatch-hourly-summary
check "a page that cannot be written: the job exits 1, not 0" [ "$st" = 1 ]
check "and says why in its log, not to cron" [ ! -s "$T/out" -a ! -s "$T/err" ] && \
    grep -q 'hourly-summary: /nonexistent/www/index.html: the dashboard was not written' "$T/logs/hourly-summary.log"
cp "$T/env.keep" "$T/env" && chmod 600 "$T/env"

# Every secret of the environment file and the key files.
secrets=(-e sk-good -e sk-main -e sk-backup -e kimi-good -e kimi-numbers -e pg-cron-2
         -e pw-cron-1 -e canary7Qx2 -e canary3Fe8)
check "no secret in any job's output, log, page or metrics" \
    sh -c '! grep -rq "$@"' - "${secrets[@]}" "$T/logs" "$T/all" "$T/www" "$T/textfile"
check "no secret in the database" sh -c "! sqlite3 '$T/state/quotawatch.db' .dump | grep -q \"\$@\"" - "${secrets[@]}"
finish

# Every example command of the documentation, read from the documents
# (README.md's sh blocks; the EXAMPLES of every man page through mandoc, a
# line starting with "$ " is a command: doc_examples.py), run as written
# with bash -c, twice in a row, on a user's machine made of loopback
# servers: one shared database, keys in the default keys directory, the
# providers' and channels' documented base-URL variables pointing here.
# Checks each run's exit status (0 or 2: every example works), that a
# notifier under --when change delivers at most once in the two runs, that
# an example with record stores each run, and that no stage said "locked"
# (QUOTAWATCH_BUSY_TIMEOUT is short).  Prints how many examples ran.
. "$(dirname "$0")/lib.sh"
for v in $(env | sed -n 's/^\(\(PG\|SMTP_\|MAIL_\|DISCORD_\|FEISHU_\|SUPABASE_\|ALERTMANAGER_\)[A-Z_]*\)=.*/\1/p'); do
    unset "$v"
done
unset QUOTAWATCH_KEYS QUOTAWATCH_DB
export HOME="$T/home" QUOTAWATCH_BUSY_TIMEOUT=2000
mkdir -p "$HOME"

# The providers, one loopback server answering every documented path for
# any key, Moonshot with a low balance (a warning to tell); the channels.
jq '."GET /v1/users/me/balance".json.data.available_balance = 4.2' \
    "$here/../data/robust-secrets-routes.json" >"$T/routes.json"
start_server "$T/routes.json"
for v in $(grep -ho '[A-Z_]*_BASE_URL' "$here"/../../man/man1/fetch-*.1 | sort -u); do
    export "$v=$URL"                     # every base-URL variable the fetchers' pages name
done
export DISCORD_WEBHOOK_URL=$URL/api/webhooks/4711/QWCANARY-hook-ok
export FEISHU_WEBHOOK_URL=$URL/open-apis/bot/v2/hook/QWCANARY-hook-ok
providers_url=$URL                       # Alertmanager's fixture answers every POST
start_server "$here/../data/alertmanager-routes.json"
export ALERTMANAGER_URL=$URL URL=$providers_url
make_cert
start_smtp --cert "$T/cert.pem" --key "$T/key.pem" --user me@gmail.com --password app-pw
export QUOTAWATCH_CACERT="$T/cert.pem" SMTP_URL=smtp://127.0.0.1:$SMTP_PORT
export SMTP_USER=me@gmail.com MAIL_FROM=me@gmail.com MAIL_TO=me@example.org

# The user's files: keys, an admin key file each, seed 003's dispatch.db and monitor.db,
# seed 001's PostgreSQL and its variables, a pasted Kimi /usage panel.
keys="$HOME/.config/quotawatch/keys"
for k in moonshot kimi-code glm deepseek openrouter siliconflow relay claude openai-admin \
    chatgpt; do
    key_file "$keys/$k" "sk-$k-docs"
done
key_file "$keys/minimax/coding-plan" sk-cp-docs
key_file "$keys/minimax/pay-as-you-go" sk-paygo-docs
key_file "$keys/smtp-password" app-pw
cp -a "$keys" "$HOME/.oyster-keys"
key_file "$HOME/.anthropic-admin" sk-ant-admin-docs
key_file "$HOME/.openai-admin" sk-admin-docs
mkdir -p "$HOME/dispatch" "$HOME/.config/claude"
sqlite3 "$HOME/dispatch/dispatch.db" "CREATE TABLE tasks (executor TEXT, status TEXT, finished_at TEXT);
    INSERT INTO tasks VALUES ('anthropic', 'completed', '2026-11-20T10:00:00Z');"
/usr/bin/python3 "$here/../data/seed003/make-monitor-db.py" "$HOME/dispatch/monitor.db"
pg() { bash "$servers/postgres.sh" "$@"; }
PG=$(mktemp -u "${TMPDIR:-/tmp}/qw-pg.XXXXXX")
trap 'pg stop "$PG" 2>/dev/null; cleanup' EXIT
pgport=$(pg start "$PG" pg-docs-pw 2>"$T/pg.err")
check "a PostgreSQL cluster for fetch-claude-db" [ -n "$pgport" ]
pg sql "$PG" "CREATE TABLE claude_api_usage (available_balance numeric(10,2), updated_at timestamptz);
    INSERT INTO claude_api_usage VALUES (8.07, '2026-11-22 08:00:00+00');
    CREATE TABLE billing (cents integer, scraped_at timestamptz);
    INSERT INTO billing VALUES (807, '2026-11-22 08:00:00+00');" >/dev/null
printf 'export SUPABASE_DB_HOST=127.0.0.1 SUPABASE_DB_PASSWORD=pg-docs-pw PGPORT=%s\n' \
    "$pgport" >"$HOME/.config/supabase.sh"
export SUPABASE_DB_HOST=127.0.0.1 SUPABASE_DB_PASSWORD=pg-docs-pw PGPORT=$pgport
cat >"$T/panel" <<'PANEL'
│  Weekly limit  ━━━━━━━━━━━━━━━━━╺━━  84% left  (resets in 6d 22h 54m)  │
│  5h limit      ━━━╸━━━━━━━━━━━━━━━━  19% left  (resets in 3h 54m)      │
PANEL

# (fake_http.py logs json.dumps of method, path, ...: a line starts with both.)
deliveries() {
    local posts mails
    posts=$(grep -c '^{"method": "POST", "path": "[^"]*hook-ok' "$T/requests.log" 2>/dev/null)
    mails=$(grep -c '"file"' "$MAIL/log" 2>/dev/null)
    echo $((posts + mails))
}
# The database an example records to: its --db, else the shared one.
record_db() {
    local db
    db=$(grep -o 'record[^|]*--db [^ |]*' <<<"$1" | tail -n 1 | sed 's/.*--db //')
    db=${db/#\~/$HOME}
    [ -n "$db" ] && [ "${db#/}" = "$db" ] && db="$HOME/$db"
    echo "${db:-$HOME/.local/state/quotawatch/quotawatch.db}"
}
rows() { sqlite3 "$1" 'SELECT count(*) FROM usage_snapshots' 2>/dev/null || echo 0; }

# The local MTA of notify-smtp(1)'s sendmail example, never the machine's
# (DESIGN.md §7), which a fresh root has not anyway: as root, this test's
# own exim (tests/servers/exim.sh, mail for ops@example.org to
# $T/exim/mail/ops) laid over /usr/sbin as /usr/sbin/sendmail in a mount
# namespace of the example's own.
sendmail_ns=()
if [ "$(id -u)" = 0 ] &&
    exim=$(bash "$servers/exim.sh" binary "$T/exim" 2>/dev/null) &&
    bash "$servers/exim.sh" config "$T/exim" "$T/cert.pem" "$T/key.pem" unused >/dev/null; then
    mkdir -p "$T/sbin" && ln -s "$exim" "$T/sbin/sendmail"
    sendmail_ns=(unshare -m sh -c 'mount -t overlay overlay -o "lowerdir=$0:/usr/sbin" /usr/sbin &&
        exec "$@"' "$T/sbin")
    "${sendmail_ns[@]}" test -x /usr/sbin/sendmail || sendmail_ns=()
fi

/usr/bin/python3 "$here/doc_examples.py" "$here/../.." >"$T/examples"
ran=0 not_run=0
while IFS= read -r -d '' doc && IFS= read -r -d '' cmd; do
    name="$doc: ${cmd%%$'\n'*}"
    runner=()
    case $cmd in
    make\ *)                  # the build itself: the Makefile's own targets, run by CI
        echo "not run here (the build, run by CI): $name" >&2
        not_run=$((not_run + 1))
        continue ;;
    *SMTP_URL=sendmail*)      # this test's exim as /usr/sbin/sendmail; no SMTP login
        if [ "${#sendmail_ns[@]}" = 0 ]; then
            echo "not run here (no exim to lay over /usr/sbin/sendmail, or not root): $name" >&2
            not_run=$((not_run + 1))
            continue
        fi
        # a machine that mails through its MTA has no SMTP login: its keys without one
        rm -rf "$T/keys-mta" && cp -a "$keys" "$T/keys-mta" && rm -f "$T/keys-mta/smtp-password"
        runner=(env -u SMTP_USER -u SMTP_PASSWORD -u SMTP_PASSWORD_FILE
                QUOTAWATCH_KEYS="$T/keys-mta" "${sendmail_ns[@]}") ;;
    esac
    ran=$((ran + 1))
    db=$(record_db "$cmd")
    before=$(deliveries)
    for pass in 1 2; do
        rows_before=$(rows "$db")
        (cd "$HOME" && "${runner[@]}" bash -c "$cmd" <"$T/panel" >"$T/out" 2>"$T/err")
        st=$?
        check "$name (run $pass): exit 0 or 2, got $st" test "$st" = 0 -o "$st" = 2
        check "$name (run $pass): nothing locked" [ "$(grep -c locked "$T/err")" = 0 ]
        if grep -q '| *record\b' <<<"$cmd"; then
            check "$name (run $pass): recorded" [ "$(rows "$db")" -gt "$rows_before" ]
        fi
        [ "$pass" = 1 ] && after_first=$(deliveries)
    done
    if [ "${#runner[@]}" -gt 0 ]; then
        check "$name: both mails reached the MTA in /usr/sbin/sendmail's place" \
            wait_for sh -c "[ \$(grep -c '^From ' '$T/exim/mail/ops' 2>/dev/null) = 2 ]"
    fi
    # --when always and alert send every run while it applies; change (the default) once.
    if grep -q 'notify-' <<<"$cmd" && ! grep -q -e '--when always' -e '--when alert' -e '--test' -e '--dry-run' <<<"$cmd"; then
        check "$name: delivered at most once in two runs, never on the second" \
            test "$(($(deliveries) - before))" -le 1 -a "$(deliveries)" = "$after_first"
        # the first such example meets a fresh database and a low balance
        [ "$ran" = 1 ] && check "$name: delivered exactly once" [ "$(($(deliveries) - before))" = 1 ]
    fi
done < <(jq -j '.doc, "\u0000", .cmd, "\u0000"' "$T/examples")
echo "docs-examples: $(wc -l <"$T/examples") examples found, $ran run twice each, $not_run not run (listed above)" >&2
check "every document's examples were found" [ "$ran" -ge 60 ]
finish

# Secrets and hostile input (issue 20): attacks that once exposed a defect,
# each a check that failed before its fix.
. "$(dirname "$0")/lib.sh"
C=QWCANARY
scan() { /usr/bin/python3 "$servers/canary_scan.py" "$C" "$@"; }
mkdir -p "$T/keys" "$T/seen"

# A provider that echoes the key back, as it is and encoded, in its error
# message; and a currency (which lands in "unit") of its choosing.
/usr/bin/python3 - "$T/keys" "$T/routes.json" <<'PY'
import base64, json, os, sys
keys, routes = sys.argv[1], sys.argv[2]
def key(form): return f"sk-QWCANARY{form}-7f3a9c1e5b2d4a6f8e0c1b3d5f7a9e2c4b6d"
b64 = lambda s: base64.b64encode(s.encode()).decode()
echo = {
    "long": "x" * 150 + " key {k} rejected",
    "urlupper": "key=" + "".join(f"%{ord(c):02X}" for c in key("urlupper")),
    "urllower": "key=" + "".join(f"%{ord(c):02x}" for c in key("urllower")),
    "json": "key " + "".join(f"\\u{ord(c):04x}" for c in key("json")),
    "basic0": "got Basic " + b64(key("basic0")),
    "basic1": "got Basic " + b64(":" + key("basic1")),
    "basic2": "got Basic " + b64("u:" + key("basic2")),
    "b64url": "got " + base64.urlsafe_b64encode(("us:" + key("b64url")).encode()).decode(),
}
answers = []
os.makedirs(f"{keys}/moonshot", exist_ok=True)
for form, text in echo.items():
    k = key(form)
    with open(f"{keys}/moonshot/{form}", "w") as f:
        f.write(k + "\n")
    os.chmod(f"{keys}/moonshot/{form}", 0o600)
    answers.append({"when": {"authorization": f"Bearer {k}"}, "status": 401,
                    "json": {"error": {"message": text.replace("{k}", k)}}})
with open(f"{keys}/deepseek", "w") as f:
    f.write(key("currency") + "\n")
os.chmod(f"{keys}/deepseek", 0o600)
json.dump({"GET /v1/users/me/balance": answers,
           "GET /user/balance": {"json": {"is_available": True, "balance_infos": [
               {"currency": key("currency"), "total_balance": "1.00"}]}}}, open(routes, "w"))
PY
start_server "$T/routes.json"
QUOTAWATCH_KEYS="$T/keys" run fetch-moonshot --base-url "$URL"
cp "$T/out" "$T/seen/moonshot.out"
cp "$T/err" "$T/seen/moonshot.err"
check "echoed keys: every account answered (an error each)" \
    [ "$st/$(grep -c '"status":"error"' "$T/out")" = 1/8 ]
QUOTAWATCH_KEYS="$T/keys" run fetch-deepseek --base-url "$URL"
cp "$T/out" "$T/seen/deepseek.out"
cp "$T/err" "$T/seen/deepseek.err"
check "a server-chosen currency: a record" [ "$(wc -l <"$T/out")" = 1 ]
cat "$T/seen/moonshot.out" "$T/seen/deepseek.out" | record --db "$T/echo.db"
sqlite3 "$T/echo.db" .dump >"$T/seen/echo.sql"
check "a key cut at 200 bytes: no part of it on stdout, stderr or the database" \
    scan "$T/seen/moonshot.out" "$T/seen/moonshot.err" "$T/seen/echo.sql"
check "... nor the key URL-encoded, JSON-escaped or in Base64 (also user:key Basic)" \
    scan "$T"/seen/*
check "... the records still say what went wrong" grep -q 'HTTP 401: x*' "$T/seen/moonshot.out"
# Key files that hold more than a key, or are no file at all: refused with a
# message naming the file, nothing sent; a FIFO is not waited for.
printf 'sk-QWCANARY-team-key\n# team account\n' >"$T/keys/two-lines"
printf 'sk-QWCANARY-ctl\001key\n' >"$T/keys/control"
printf ' \t\n  \n' >"$T/keys/blank"
head -c 17000 /dev/zero | tr '\0' k >"$T/keys/huge"
mkfifo "$T/keys/fifo"
chmod 600 "$T/keys/two-lines" "$T/keys/control" "$T/keys/blank" "$T/keys/huge" "$T/keys/fifo"
for f in two-lines control blank huge fifo; do
    before=$(wc -l <"$T/requests.log")
    run timeout 10 fetch-moonshot --key-file "$T/keys/$f" --base-url "$URL"
    check "key file ($f): refused, exit 1" [ "$st" = 1 ]
    check "key file ($f): one line naming the file" \
        sh -c "[ \$(wc -l <'$T/err') = 1 ] && grep -q '^fetch-moonshot: default: $T/keys/$f: ' '$T/err'"
    check "key file ($f): nothing sent" [ "$(wc -l <"$T/requests.log")" = "$before" ]
    check "key file ($f): no part of it shown" sh -c "! grep -q QWCANARY '$T/out' '$T/err'"
done
# One FIFO in a keys directory: that account's error, the others are asked.
mkdir -p "$T/kd/moonshot"
cp "$T/keys/moonshot/long" "$T/kd/moonshot/good"
mkfifo -m 600 "$T/kd/moonshot/stray"
QUOTAWATCH_KEYS="$T/kd" run timeout 10 fetch-moonshot --base-url "$URL"
check "a FIFO in a keys directory: the run ends, exit 1" [ "$st" = 1 ]
check "... the other account was asked" grep -q '"account":"good".*HTTP 401' "$T/out"
check "... the FIFO is named" grep -q "$T/kd/moonshot/stray: not a regular file" "$T/err"

# A key written inline in relay.accounts (seed 002's name, URL, key): never
# printed, stored or sent; the other account still runs.
printf 'team %s sk-QWCANARY-inline-4d2f9b7c1e8a\nhome %s %s\n' "$URL" "$URL" \
    "$T/kd/moonshot/good" >"$T/relay.accounts"
run fetch-relay --accounts "$T/relay.accounts" --timeout 5
cp "$T/out" "$T/seen/relay.out"
cp "$T/err" "$T/seen/relay.err"
record --db "$T/relay.db" <"$T/out"
sqlite3 "$T/relay.db" .dump >"$T/seen/relay.sql"
check "an inline key in relay.accounts: exit 1, the account named" \
    sh -c "[ $st = 1 ] && grep -q 'account team: no such key file' '$T/err'"
check "... the other account is asked" grep -q '"account":"home"' "$T/out"
check "... the key on no output, in no database" \
    scan "$T/seen/relay.out" "$T/seen/relay.err" "$T/seen/relay.sql"
check "... nor in any request" sh -c "! grep -q QWCANARY-inline '$T/requests.log'"

# notify-discord --dry-run: the webhook's query (thread_id, a token) is not shown.
echo '{"provider":"x","status":"ok","level":"warning"}' >"$T/verdict"
DISCORD_WEBHOOK_URL="$URL/api/webhooks/4711/tok-QWCANARY-hook?thread_id=77&token=QWCANARY-query" \
    run_in "$T/verdict" notify-discord --dry-run --when always --db "$T/dry.db"
check "notify-discord --dry-run with a query: shows the request" grep -q '^POST .*wait=true$' "$T/err"
check "... without the webhook's path or query" \
    sh -c "! grep -E 'QWCANARY|thread_id|token=' '$T/err' '$T/out'"

# No core dump of a tool that holds a secret: RLIMIT_CORE 0 and not dumpable.
# A non-dumpable process's /proc files belong to root, whoever runs it; so
# the tool runs as nobody when the test runs as root.
printf '{"*": {"hang": true, "json": {}}}\n' >"$T/hang.json"
start_server "$T/hang.json"
nobody=()
[ "$(id -u)" = 0 ] && nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
chmod 711 "$T"
mkdir -p "$T/nb"
[ "$(id -u)" = 0 ] && chown nobody "$T/nb"
export MOONSHOT_API_KEY=sk-QWCANARY-core DISCORD_WEBHOOK_URL="$URL/api/webhooks/1/QWCANARY-core"
for tool in fetch-moonshot notify-discord evaluate; do
    case $tool in     # each kept busy: a hanging server, a verdict to post, an open input
    fetch-moonshot) exec "${nobody[@]}" "$QW_BIN/$tool" --base-url "$URL" --timeout 8 </dev/null ;;
    notify-discord) exec "${nobody[@]}" "$QW_BIN/$tool" --timeout 8 --when always \
                        --db "$T/nb/n.db" <"$T/verdict" ;;
    evaluate) exec "${nobody[@]}" "$QW_BIN/$tool" < <(sleep 8) ;;
    esac >/dev/null 2>&1 &
    pid=$!
    pids+=($pid)
    # Its first instructions set the limit: wait for that (or 10 s, and fail).
    wait_for sh -c "tr '\\0' ' ' </proc/$pid/cmdline | grep -q '^$QW_BIN/$tool '"
    check "$tool (running): no core dumps (RLIMIT_CORE 0 0)" \
        wait_for grep -Eq '^Max core file size +0 +0 ' "/proc/$pid/limits"
    if [ "$(id -u)" = 0 ]; then
        check "$tool (running as nobody): not dumpable (/proc/PID/status is root's)" \
            [ "$(stat -c %U "/proc/$pid/status")" = root ]
    fi
    kill "$pid" 2>/dev/null
done
unset MOONSHOT_API_KEY DISCORD_WEBHOOK_URL

# A database that keeps nothing: record --db '' or :memory: (an empty
# variable in a crontab) and an empty QUOTAWATCH_DB are refused, exit 1.
echo '{"ts":"2026-11-22T09:00:00Z","provider":"moonshot","status":"ok","remaining":1}' >"$T/one"
for db in "" ":memory:" "file::memory:" "file:x?mode=memory"; do
    run_in "$T/one" record --db "$db"
    check "record --db '$db': exit 1, says why" \
        sh -c "[ $st = 1 ] && grep -q 'keeps nothing\|path is empty' '$T/err'"
    run_in "$T/one" evaluate --db "$db"
    check "evaluate --db '$db': exit 1" [ "$st" = 1 ]
done
QUOTAWATCH_DB= run_in "$T/one" record
check "QUOTAWATCH_DB= (empty): exit 1, naming the variable" \
    sh -c "[ $st = 1 ] && grep -q '^record: QUOTAWATCH_DB is set but empty' '$T/err'"
check "... and nothing written in its place" [ ! -e "$HOME/.local/state/quotawatch/quotawatch.db" ]

# A field given twice is a bad line, whatever its first value; the others flow.
ok_line='{"ts":"2026-11-22T09:00:00Z","provider":"moonshot","status":"ok","remaining":9}'
for dup in '"provider":"","provider":"evil"' '"remaining":null,"remaining":5' \
    '"parts":{},"parts":{"cash":1}' '"level":"","level":"ok"' '"note":1,"note":2'; do
    printf '%s\n{"ts":"2026-11-22T09:00:00Z","status":"ok",%s}\n%s\n' "$ok_line" "$dup" "$ok_line" \
        >"$T/dup"
    run_in "$T/dup" evaluate
    check "a duplicate key ($dup): exit 1, the line named" \
        sh -c "[ $st = 1 ] && grep -q '<stdin>:2: field .* appears twice' '$T/err'"
    check "... the other lines flow" [ "$(wc -l <"$T/out")" = 2 ]
done

# Timestamps: a ts that is no time is a located bad line (0.1.0 stored it,
# then showed it as the newest row forever); an offset is stored in UTC, so
# that --last and evaluate --db find the true newest.
printf '%s\n' '{"ts":"2026-11-22T08:00:00Z","provider":"moonshot","status":"ok","remaining":8}' \
    '{"ts":"not a time","provider":"moonshot","status":"ok","remaining":99}' \
    '{"ts":"2026-11-22T17:30:00+08:00","provider":"moonshot","status":"ok","remaining":9.5}' \
    '{"ts":"2026-11-22T09:00:00Z","provider":"moonshot","status":"ok","remaining":9}' >"$T/times"
run_in "$T/times" record --db "$T/times.db"
check "ts \"not a time\": exit 1, the line named" \
    sh -c "[ $st = 1 ] && grep -q '^record: <stdin>:2: field \"ts\" is not an RFC 3339 time' '$T/err'"
check "... the other records stored, the +08:00 one in UTC" \
    [ "$(sqlite3 "$T/times.db" "SELECT group_concat(timestamp, ' ') FROM (SELECT timestamp FROM usage_snapshots ORDER BY id)")" \
    = "2026-11-22T08:00:00Z 2026-11-22T09:30:00Z 2026-11-22T09:00:00Z" ]
QUOTAWATCH_NOW=2026-11-22T10:00:00Z run "$QW_BIN/recall" --last --db "$T/times.db"
check "... recall --last shows the true newest" [ "$(jq -r .remaining "$T/out")" = 9.5 ]
echo '{"ts":"2026-11-22T09:45:00Z","provider":"moonshot","status":"ok","remaining":7}' |
    evaluate --db "$T/times.db" >"$T/out"
check "... evaluate --db: the previous observation is the +08:00 one (09:30Z)" \
    [ "$(jq -r .prev.ts "$T/out")" = 2026-11-22T09:30:00Z ]

# A huge input (0.1.0: 77 MB took notify-discord to 956 MB and 5,991
# messages): every verdict passes through, the notifier keeps a bounded part
# for its report, sends at most 10 messages, and the last says what was left.
/usr/bin/python3 -c '
import json, sys
for i in range(140000):
    sys.stdout.write(json.dumps({"ts": "2026-11-22T09:00:00Z", "provider": "moonshot",
        "account": "acct-%06d-%s" % (i, "x" * 80), "kind": "balance", "unit": "USD",
        "remaining": 1.5, "status": "ok", "level": "warning",
        "reason": "remaining 1.50 USD <= 5.00"}, separators=(",", ":")) + "\n")' >"$T/huge"
/usr/bin/time -f %M -o "$T/rss" notify-discord --dry-run --when always --db "$T/huge.db" \
    <"$T/huge" >"$T/out" 2>"$T/err"
check "a huge input: every verdict passed on" [ "$(wc -l <"$T/out")" = 140000 ]
check "... at most 10 messages" [ "$(grep -c '^POST ' "$T/err")" = 10 ]
check "... the last says what was left out" \
    sh -c "tail -n 2 '$T/err' | grep -q 'messages were left out (at most 10 a run)'"
# AddressSanitizer's shadow memory and quarantine multiply a build's memory.
limit=96
grep -q __asan_init "$QW_BIN/notify-discord" && limit=$((4 * limit))
check "... at most $limit MiB of memory in all (the report's part: 64 MiB)" \
    [ "$(tail -n 1 "$T/rss")" -lt $((limit * 1024)) ]

# fetch-claude-db --timeout 1 against a server (or pooler) that lets it in
# and then never answers: it ends in time (0.1.0's blocking PQexec waited
# forever).
/usr/bin/python3 "$servers/pg_silent.py" --port-file "$T/pg.port" &
pids+=($!)
wait_for [ -s "$T/pg.port" ]
start=$(date +%s.%N)
PGHOST=127.0.0.1 PGPORT=$(cat "$T/pg.port") PGUSER=quota PGDATABASE=quota PGPASSWORD=QWCANARY-pg \
    run timeout 20 fetch-claude-db --timeout 1
check "fetch-claude-db, a silent server: exit 1 (not killed)" [ "$st" = 1 ]
check "... within --timeout 1 (under 4 s)" \
    awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { exit !(b - a < 4) }'
check "... an error record that says so" grep -q '"status":"error".*within --timeout' "$T/out"

# Paged cost reports: --timeout bounds the whole run, every page included
# (0.1.0 gave each of up to 12 pages its own --timeout: 3.6 s here).
cat >"$T/pages.json" <<'JSON'
{"GET /v1/organizations/cost_report": {"delay": 0.3, "json": {"data": [], "has_more": true,
  "next_page": "page/more"}}}
JSON
start_server "$T/pages.json"
start=$(date +%s.%N)
ANTHROPIC_ADMIN_KEY=sk-ant-QWCANARY-admin run fetch-claude --base-url "$URL" --timeout 1
check "endless pages, --timeout 1: exit 1" [ "$st" = 1 ]
check "... the whole run within --timeout (under 2.5 s)" \
    awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { exit !(b - a < 2.5) }'
check "... an error record that says why" grep -Eq '"status":"error".*(--timeout|timed out)' "$T/out"

finish

# Concurrency and crashes: eight `record`s writing at once lose nothing;
# `record` and `notify-discord` killed with SIGKILL leave a database that is
# sound and holds whole runs only; a read-only database and a full disk give
# a clear error and exit 1.
. "$(dirname "$0")/lib.sh"
unset DISCORD_WEBHOOK_URL
mounts=()
trap 'for m in "${mounts[@]}"; do umount -l "$m" 2>/dev/null; done; cleanup' EXIT

# records FILE ACCOUNT N: N balance records of one account, each a second apart.
records() {
    /usr/bin/python3 - "$@" <<'PY'
import sys
path, account, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, "w") as f:
    for i in range(n):
        f.write('{"ts":"2026-11-%02dT%02d:%02d:%02dZ","provider":"moonshot","account":"%s",'
                '"kind":"balance","unit":"USD","remaining":%d.25,"status":"ok"}\n'
                % (1 + i // 86400, i // 3600 % 24, i // 60 % 60, i % 60, account, i))
PY
}
sql() { sqlite3 -batch "$1" "$2" 2>&1; }
sound() { [ "$(sql "$1" 'PRAGMA integrity_check')" = ok ]; }
# whole DB PREFIX SIZE: every account named PREFIX* holds SIZE rows or none.
whole() {
    [ -z "$(sql "$1" "SELECT account FROM usage_snapshots WHERE account LIKE '$2%'
                      GROUP BY account HAVING count(*) != $3")" ]
}
count() { sql "$1" "SELECT count(*) FROM usage_snapshots WHERE account LIKE '$2'"; }

# Eight writers at once on a database none of them has created yet.
db="$T/eight.db"
for i in 1 2 3 4 5 6 7 8; do records "$T/in$i" "writer$i" 10000; done
wpids=()
for i in 1 2 3 4 5 6 7 8; do
    record --db "$db" <"$T/in$i" >"$T/out$i" 2>"$T/err$i" &
    wpids+=($!)
done
bad=0
for i in 1 2 3 4 5 6 7 8; do
    wait "${wpids[$((i - 1))]}" || { bad=$((bad + 1)); sed 's/^/    /' "$T/err$i" >&2; }
done
check "eight writers at once: none fails" [ "$bad" = 0 ]
check "eight writers at once: nothing on stderr" sh -c "! cat '$T'/err? | grep -q ."
check "eight writers at once: all 80,000 records stored" [ "$(count "$db" 'writer%')" = 80000 ]
check "eight writers at once: 10,000 distinct times each" \
    [ "$(sql "$db" "SELECT count(DISTINCT account || timestamp) FROM usage_snapshots")" = 80000 ]
check "eight writers at once: the database is sound" sound "$db"

# SIGKILL while a run waits for more input: none of that run is kept.
db="$T/killed.db"
records "$T/first" whole-1 100
record --db "$db" <"$T/first"
mkfifo "$T/fifo"
record --db "$db" <"$T/fifo" 2>/dev/null &
victim=$!
exec 7>"$T/fifo"
head -n 5000 "$T/in1" | sed 's/writer1/cut-short/' >&7
# The pipe is full or drained once that returns; the run sleeping in a pipe
# read is then waiting for more, having taken all (wchan: pipe_read, or
# anon_pipe_read on newer kernels).
waiting_for_input() { case $(cat "/proc/$victim/wchan" 2>/dev/null) in *pipe_read) ;; *) false ;; esac; }
wait_for waiting_for_input
{ kill -KILL "$victim"; wait "$victim"; } 2>/dev/null
exec 7>&-
check "killed mid-run: the database is sound" sound "$db"
check "killed mid-run: the earlier run is whole" [ "$(count "$db" whole-1)" = 100 ]
check "killed mid-run: nothing of the killed run" [ "$(count "$db" cut-short)" = 0 ]
records "$T/after" whole-2 100
run_in "$T/after" record --db "$db"
check "after a kill the next run stores: exit 0" [ "$st" = 0 ]
check "after a kill the next run stores: all of it" [ "$(count "$db" whole-2)" = 100 ]

# SIGKILL at random moments of big runs, commit included: whole runs only.
# The kills fall anywhere in 0 to 1.5 times an uninterrupted run's length.
records "$T/big" big-0 60000
start=$(date +%s%N)
record --db "$db" <"$T/big"
span=$(( ($(date +%s%N) - start) / 1000000 * 3 / 2 + 1 ))
for k in 1 2 3 4 5 6; do
    sed "s/\"big-0\"/\"big-$k\"/" "$T/big" >"$T/big-$k"
    ms=$((RANDOM % span))
    record --db "$db" <"$T/big-$k" 2>/dev/null &
    victim=$!
    sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
    { kill -KILL "$victim"; wait "$victim"; } 2>/dev/null
done
check "killed at random moments: the database is sound" sound "$db"
check "killed at random moments: whole runs only" whole "$db" big- 60000
check "killed at random moments: earlier runs intact" [ "$(count "$db" 'whole-_')" = 200 ]

# A notifier killed while its webhook answers slowly: nothing is marked sent,
# the database is sound, and it did not block a writer meanwhile.
cat >"$T/slow-routes.json" <<'JSON'
{"POST /api/webhooks/1/slow": {"delay": 30, "json": {"id": "1"}},
 "POST /api/webhooks/1/ok": {"json": {"id": "2"}}}
JSON
start_server "$T/slow-routes.json"
db="$T/notify.db"
printf '%s\n' '{"ts":"2026-11-22T09:00:00Z","provider":"moonshot","account":"default","kind":"balance","unit":"USD","remaining":4.2,"status":"ok","level":"warning"}' >"$T/low"
DISCORD_WEBHOOK_URL="$URL/api/webhooks/1/slow" notify-discord --db "$db" --timeout 60 \
    <"$T/low" >/dev/null 2>&1 &
victim=$!
wait_for grep -q /api/webhooks/1/slow "$T/requests.log"
# A blocked writer would give up after a second (the busy timeout) and fail.
QUOTAWATCH_BUSY_TIMEOUT=1000 run_in "$T/after" record --db "$db"
check "a writer is not blocked by a notifier waiting on its webhook" [ "$st" = 0 ]
check "the notifier was waiting on its webhook when killed" grep -q /api/webhooks/1/slow "$T/requests.log"
{ kill -KILL "$victim"; wait "$victim"; } 2>/dev/null
check "notifier killed mid-delivery: the database is sound" sound "$db"
check "notifier killed mid-delivery: nothing marked sent" \
    [ "$(sql "$db" "SELECT count(*) FROM notify_state WHERE level IS NOT NULL AND level != ''")" = 0 ]
DISCORD_WEBHOOK_URL="$URL/api/webhooks/1/ok" run_in "$T/low" notify-discord --db "$db"
check "the next notifier run delivers the alert: exit 2" [ "$st" = 2 ]
check "the next notifier run delivers the alert: it was sent" \
    [ "$(grep -c '/api/webhooks/1/ok' "$T/requests.log")" = 1 ]

# A read-only database: a clear error naming the file, exit 1, nothing changed.
chmod 711 "$T"
ro="$T/ro"
mkdir "$ro"
records "$T/small" small 10
record --db "$ro/file.db" <"$T/small"
chmod 755 "$ro"
chmod 444 "$ro/file.db"
# Root writes anything: drop to nobody for these checks, who owns the files,
# so that only their modes stand in the way.
as_nobody() {
    if [ "$(id -u)" = 0 ]; then setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
    else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown -R nobody:nogroup "$ro"
chmod 644 "$T/small"
run_in "$T/small" as_nobody "$QW_BIN/record" --db "$ro/file.db"
check "a read-only file (mode 444): exit 1" [ "$st" = 1 ]
check "a read-only file (mode 444): one clear line" \
    grep -qx "record: $ro/file.db: .*readonly.*" "$T/err"
check "a read-only file (mode 444): nothing changed" [ "$(count "$ro/file.db" small)" = 10 ]
chmod 644 "$ro/file.db"
chmod 555 "$ro"
run_in "$T/small" as_nobody "$QW_BIN/record" --db "$ro/file.db"
check "a read-only directory: exit 1" [ "$st" = 1 ]
check "a read-only directory: one line naming the file" grep -q "^record: $ro/file.db: " "$T/err"
run_in "$T/small" as_nobody "$QW_BIN/record" --db "$ro/new/file.db"
check "a database that cannot be created: exit 1" [ "$st" = 1 ]
check "a database that cannot be created: one line naming it" grep -q "^record: $ro/new" "$T/err"
chmod 755 "$ro"
run_in "$T/small" as_nobody "$QW_BIN/record" --db "$ro/file.db"
check "writable again: the same writer succeeds" [ "$st/$(count "$ro/file.db" small)" = 0/20 ]

# A read-only file system and a full one, on small tmpfs mounts (needs root).
if mkdir "$T/fs" && mount -t tmpfs -o size=256k tmpfs "$T/fs" 2>/dev/null; then
    mounts+=("$T/fs")
    record --db "$T/fs/q.db" <"$T/small"
    mount -o remount,ro "$T/fs"
    run_in "$T/small" record --db "$T/fs/q.db"
    check "a read-only file system: exit 1" [ "$st" = 1 ]
    check "a read-only file system: one line naming the file" grep -q "^record: $T/fs/q.db: " "$T/err"
    mount -o remount,rw "$T/fs"
    records "$T/huge" huge 20000
    run_in "$T/huge" record --db "$T/fs/q.db"
    check "a full disk: exit 1" [ "$st" = 1 ]
    check "a full disk: says so" grep -q "^record: $T/fs/q.db: .*full" "$T/err"
    check "a full disk: the database is sound" sound "$T/fs/q.db"
    check "a full disk: earlier runs intact, none of this one" \
        [ "$(count "$T/fs/q.db" small)/$(count "$T/fs/q.db" huge)" = 10/0 ]
else
    echo "SKIP: ${0##*/}: cannot mount a tmpfs here (not root?): no full-disk check" >&2
fi
finish

# record: rows in usage_snapshots, --tee, the database path, concurrency.
. "$(dirname "$0")/lib.sh"

line='{"ts":"2026-11-22T09:00:00Z","provider":"moonshot","account":"default","kind":"balance","unit":"USD","remaining":12.34,"parts":{"voucher":3.45,"cash":8.89},"status":"ok","level":"ok"}'
echo "$line" >"$T/in"
run_in "$T/in" record --db "$T/q.db"
check "exit 0" [ "$st" = 0 ]
check "silent without --tee" [ ! -s "$T/out" ]
check "the row is in usage_snapshots" \
    [ "$(sqlite3 "$T/q.db" "SELECT provider, remaining, currency, status FROM usage_snapshots")" = "moonshot|12.34|USD|ok" ]
run_in "$T/in" record --db "$T/q.db" --tee
check "--tee passes the record through" [ "$(cat "$T/out")" = "$line" ]

run_in "$T/in" record
check "QUOTAWATCH_DB is the default" [ "$(sqlite3 "$QUOTAWATCH_DB" 'SELECT count(*) FROM usage_snapshots')" = 1 ]
( unset QUOTAWATCH_DB; XDG_STATE_HOME="$T/state" record <"$T/in" )
check "then the XDG state directory" [ -s "$T/state/quotawatch/quotawatch.db" ]

printf '%s\n' "$line" | sed 's/"level":"ok"/"level":"warning"/' >"$T/in"
run_in "$T/in" record --db "$T/q.db"
check "a warning verdict passing through gives 2" [ "$st" = 2 ]

{ echo "$line"; echo '{broken'; echo "$line"; } >"$T/in"
run_in "$T/in" record --db "$T/b.db"
check "a bad line: exit 1, the good lines stored" \
    [ "$st/$(sqlite3 "$T/b.db" 'SELECT count(*) FROM usage_snapshots')" = 1/2 ]

run_in "$T/in" record --db /proc/forbidden/q.db
check "an unwritable database is exit 1" [ "$st" = 1 ]
check "the message names it" grep -q '/proc/forbidden' "$T/err"

# Two writers at once, 10,000 records each: both succeed, nothing lost.
for i in $(seq 10000); do echo "$line"; done >"$T/many"
record --db "$T/c.db" <"$T/many" & p1=$!
record --db "$T/c.db" <"$T/many" & p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
check "two concurrent writers both succeed" [ "$s1/$s2" = 0/0 ]
check "all 20,000 rows are there" [ "$(sqlite3 "$T/c.db" 'SELECT count(*) FROM usage_snapshots')" = 20000 ]
check "integrity" [ "$(sqlite3 "$T/c.db" 'PRAGMA integrity_check')" = ok ]

# Two writers creating the same new database at once: one of them loses the
# race to switch it to WAL and must wait, not fail (it did, 1 time in 20).
head -n 200 "$T/many" >"$T/few"
lost=0
for k in $(seq 40); do
    record --db "$T/new-$k.db" <"$T/few" 2>>"$T/race" & p1=$!
    record --db "$T/new-$k.db" <"$T/few" 2>>"$T/race" & p2=$!
    wait $p1 || lost=$((lost + 1))
    wait $p2 || lost=$((lost + 1))
done
check "40 new databases, two creators each: none fails" [ "$lost" = 0 ]
check "... and says nothing" [ ! -s "$T/race" ]
finish

# The canonical pipeline end to end, and no key on any output or in the
# database, on every path.
. "$(dirname "$0")/lib.sh"
start_server "$here/../data/moonshot-routes.json"

MOONSHOT_API_KEY=sk-five fetch-moonshot --base-url "$URL" | evaluate | record --db "$T/p.db"
st=$?
check "5.00 end to end: the last stage exits 2" [ "$st" = 2 ]
MOONSHOT_API_KEY=sk-fivepointone fetch-moonshot --base-url "$URL" | evaluate | record --db "$T/p.db"
st=$?
check "5.01 end to end: exit 0" [ "$st" = 0 ]
MOONSHOT_API_KEY=sk-bad fetch-moonshot --base-url "$URL" 2>/dev/null | evaluate | record --db "$T/p.db"
st=$?
check "a 401 end to end: exit 1" [ "$st" = 1 ]
check "three runs, three rows with their levels" \
    [ "$(sqlite3 "$T/p.db" 'SELECT level FROM usage_snapshots ORDER BY id' | tr '\n' ' ')" = "warning ok error " ]

# Canary keys through every path: success, echoed in a 401, in an HTML
# page, a timeout, a refused key file, a directory of accounts.
start_server "$here/../data/canary-routes.json"
canary=7f3a9c2e51
: >"$T/all"
for key in sk-canary-ok-$canary sk-canary-echo-$canary sk-canary-html-$canary sk-canary-hang-$canary; do
    MOONSHOT_API_KEY=$key fetch-moonshot --base-url "$URL" --timeout 1 2>>"$T/all" |
        evaluate 2>>"$T/all" | record --tee --db "$T/c.db" 2>>"$T/all" |
        render 2>>"$T/all" >>"$T/all"
    MOONSHOT_API_KEY=$key fetch-moonshot --base-url "$URL" --timeout 1 >>"$T/all" 2>&1
done
mkdir -p "$T/keys/moonshot"
key_file "$T/keys/moonshot/a" sk-canary-echo-$canary
key_file "$T/keys/moonshot/b" sk-canary-ok-$canary
printf 'sk-canary-open-%s\n' $canary >"$T/keys/moonshot/c"
chmod 644 "$T/keys/moonshot/c"
QUOTAWATCH_KEYS="$T/keys" fetch-moonshot --base-url "$URL" >>"$T/all" 2>&1
run fetch-moonshot --key-file "$T/keys/moonshot/c" --base-url "$URL"
cat "$T/out" "$T/err" >>"$T/all"
check "the paths were taken" grep -q 'HTTP 401' "$T/all"
check "timeouts were taken" grep -q 'timed out' "$T/all"
check "the open key file was refused" grep -q 'chmod 600' "$T/all"
check "an echoed key was redacted" grep -q 'Incorrect API key provided: \[redacted\]' "$T/all"
check "no key on any output" [ "$(grep -c "$canary" "$T/all")" = 0 ]
check "no key in the database" [ "$(sqlite3 "$T/c.db" .dump | grep -c "$canary")" = 0 ]
check "the database has the runs" [ "$(sqlite3 "$T/c.db" 'SELECT count(*) FROM usage_snapshots')" = 4 ]
finish

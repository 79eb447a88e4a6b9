# fetch-claude-db against a real PostgreSQL cluster that this test creates,
# with password authentication on loopback TCP.
. "$(dirname "$0")/lib.sh"
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGPASSWORD PGPASSFILE PGSERVICE PGSSLMODE \
    PGOPTIONS SUPABASE_DB_HOST SUPABASE_DB_PASSWORD
pg() { bash "$servers/postgres.sh" "$@"; }
PG=$(mktemp -u "${TMPDIR:-/tmp}/qw-pg.XXXXXX")
trap 'pg stop "$PG"; cleanup' EXIT
PW=pw-canary-$RANDOM$RANDOM
PORT=$(pg start "$PG" "$PW" 2>"$T/pg.err")
pst=$?
if [ "$pst" = 77 ]; then
    skip "every check" "$(cat "$T/pg.err")"
    finish
    exit 0
fi
check "a throwaway cluster starts" [ "$pst" = 0 ]
[ "$pst" = 0 ] || { cat "$T/pg.err" "$PG/server.log" >&2; finish; exit 1; }

# Seed 001's table: the scrape job appends rows; the newest is not the last.
pg sql "$PG" "CREATE TABLE claude_api_usage (id serial PRIMARY KEY,
                  available_balance numeric(10,2), updated_at timestamptz);
              INSERT INTO claude_api_usage (available_balance, updated_at) VALUES
                  (8.03, '2026-11-22 06:00:00+00'), (8.07, '2026-11-22 08:00:00+00'),
                  (8.05, '2026-11-22 07:00:00+00');
              CREATE ROLE scraper LOGIN PASSWORD 'scraper-canary';
              GRANT SELECT ON claude_api_usage TO scraper;"
pg sql "$PG" "CREATE DATABASE other"
no_secret() { ! grep -qF -e "$PW" -e scraper-canary -e wrong-canary "$T/out" "$T/err"; }

# The seed's variables: SUPABASE_DB_HOST (port 5432 unless PGPORT, user and
# database postgres) and SUPABASE_DB_PASSWORD.
SUPABASE_DB_HOST=127.0.0.1 SUPABASE_DB_PASSWORD=$PW PGPORT=$PORT run fetch-claude-db
check "seed 001 variables: exit 0" [ "$st" = 0 ]
check "one record" [ "$(wc -l <"$T/out")" = 1 ]
check "provider claude" [ "$(field provider)" = claude ]
check "a USD balance" [ "$(field kind)/$(field unit)" = balance/USD ]
check "the newest row's balance" [ "$(field remaining)" = 8.07 ]
check "as_of from updated_at" [ "$(field as_of)" = 2026-11-22T08:00:00Z ]
check "status ok" [ "$(field status)" = ok ]
check "silent on success" [ ! -s "$T/err" ]
check "no password in the output" no_secret

# libpq's own environment, with the password in a PGPASSFILE.
key_file "$T/pgpass" "127.0.0.1:$PORT:postgres:scraper:scraper-canary"
export PGHOST=127.0.0.1 PGPORT=$PORT PGDATABASE=postgres
PGUSER=scraper PGPASSFILE="$T/pgpass" run fetch-claude-db --account scrape-job
check "PGPASSFILE and PG* variables" [ "$st/$(field remaining)" = 0/8.07 ]
check "--account labels the record" [ "$(field account)" = scrape-job ]

PGUSER=postgres PGPASSWORD=wrong-canary run fetch-claude-db
check "bad password: exit 1" [ "$st" = 1 ]
check "bad password: an error record" [ "$(field status)/$(field kind)" = error/balance ]
check "bad password: libpq's reason" grep -q 'password authentication failed' "$T/out"
check "bad password: one line on stderr" [ "$(wc -l <"$T/err")" = 1 ]
check "bad password: not in the output" no_secret
SUPABASE_DB_HOST=127.0.0.1 SUPABASE_DB_PASSWORD=wrong-canary run fetch-claude-db
check "bad SUPABASE_DB_PASSWORD: an error record" [ "$st/$(field status)" = 1/error ]
check "bad SUPABASE_DB_PASSWORD: not in the output" no_secret

closed=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
PGPORT=$closed PGUSER=postgres PGPASSWORD=$PW run fetch-claude-db
check "refused connection: an error record" [ "$st/$(field status)" = 1/error ]
check "refused connection: the reason" grep -q 'Connection refused' "$T/out"

export PGUSER=postgres PGPASSWORD=$PW
PGDATABASE=other run fetch-claude-db
check "missing table: the reason" \
    [ "$st/$(field error)" = '1/relation "claude_api_usage" does not exist' ]
pg sql "$PG" "CREATE TABLE claude_api_usage (available_balance numeric, updated_at timestamptz)" other
PGDATABASE=other run fetch-claude-db
check "no rows: the reason" [ "$st/$(field error)" = "1/the query returned no rows" ]
pg sql "$PG" "INSERT INTO claude_api_usage VALUES (NULL, '2026-11-22 08:30:00+00')" other
PGDATABASE=other run fetch-claude-db
check "a NULL balance is an error, not zero" \
    [ "$(field error)" = "available_balance is NULL in the newest row" ]

run fetch-claude-db --unit CNY --query \
    "SELECT 41.5 AS remaining, 58.5 AS used, timestamp '2026-11-21 23:00:00' AS as_of"
check "--query with named columns" [ "$st/$(field remaining)/$(field used)" = 0/41.5/58.5 ]
check "--unit" [ "$(field unit)" = CNY ]
check "a timestamp without zone is UTC" [ "$(field as_of)" = 2026-11-21T23:00:00Z ]

run fetch-claude-db --query \
    "SELECT COALESCE(available_balance, 0) FROM claude_api_usage ORDER BY updated_at DESC LIMIT 1;"
check "seed 001's own query, verbatim" [ "$st/$(field remaining)/$(field as_of)" = 0/8.07/null ]

run fetch-claude-db --query "DELETE FROM claude_api_usage"
check "the query runs read-only" grep -q 'read-only transaction' "$T/out"
run fetch-claude-db
check "and nothing was deleted" [ "$(field remaining)" = 8.07 ]

start=$(date +%s)
run fetch-claude-db --query "SELECT pg_sleep(30)" --timeout 1
check "a slow query is cancelled" [ "$st/$(field error)" = "1/canceling statement due to statement timeout" ]
check "within the timeout" [ $(( $(date +%s) - start )) -le 5 ]

# Seed 001's threshold and staleness, through evaluate.
fetch-claude-db | evaluate >"$T/out" 2>"$T/err"
check "8.07 USD is ok" [ "$?/$(field level)" = 0/ok ]
fetch-claude-db --query "SELECT 4.20 AS remaining, now() AS as_of" | evaluate >"$T/out" 2>"$T/err"
check "4.20 USD is an alert (exit 2)" [ "$?/$(field level)" = 2/warning ]
fetch-claude-db | evaluate --stale-after 30m >"$T/out" 2>"$T/err"
check "a row an hour old is stale after 30m" [ "$(field event)" = stale ]

run fetch-claude-db --timeout soon
check "bad --timeout" grep -q '^fetch-claude-db: --timeout' "$T/err"
run fetch-claude-db extra
check "no positional arguments" [ "$st" = 1 ]

finish

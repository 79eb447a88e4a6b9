#!/bin/bash
# A throwaway PostgreSQL cluster for the tests, with password authentication
# on loopback TCP.
#   postgres.sh start DIR PASSWORD   creates DIR, starts the cluster, prints its port
#   postgres.sh stop DIR             stops it and removes DIR
#   postgres.sh sql DIR SQL [DB]     runs SQL as the superuser postgres (in DB, default postgres)
# Exit 77 when PostgreSQL is not installed.  As root the cluster runs as the
# user postgres; otherwise as the caller.
set -eu
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "postgres.sh: initdb not found (install the postgresql package)" >&2
    exit 77
fi
as_owner() {     # from /, which postgres may enter (not, say, /root)
    if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

start() {
    local dir=$1 password=$2 port
    mkdir -p "$dir/sock"
    printf '%s\n' "$password" >"$dir/pw"
    [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres -E UTF8 --no-instructions \
        --auth-local=peer --auth-host=scram-sha-256 --pwfile="$dir/pw" >"$dir/initdb.log" 2>&1
    rm -f "$dir/pw"
    port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir/sock -c fsync=off" \
        start >/dev/null
    echo "$port" >"$dir/port"
    echo "$port"
}

stop() {
    local dir=$1
    [ -d "$dir/data" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop \
        >/dev/null 2>&1
    rm -rf "$dir"
}

sql() {
    local dir=$1 query=$2 db=${3:-postgres}
    as_owner psql -X -q -v ON_ERROR_STOP=1 -h "$dir/sock" -p "$(cat "$dir/port")" \
        -U postgres -d "$db" -c "$query" >/dev/null
}

"$@"

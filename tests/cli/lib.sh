# Sourced by every tests/cli/*.sh: a temporary directory, loopback servers,
# and checks that count.  QW_BIN holds the built tools.
set -u
PATH="$QW_BIN:$PATH"
T=$(mktemp -d "${TMPDIR:-/tmp}/qw-test.XXXXXX")
export QUOTAWATCH_KEYS="$T/no-keys" QUOTAWATCH_DB="$T/default.db" HOME="$T/home"
export QUOTAWATCH_NOW=2026-11-22T09:00:00Z TZ=UTC
unset MOONSHOT_API_KEY MOONSHOT_BASE_URL
passed=0
failed=0
skipped=0
pids=()
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
servers="$here/../servers"

cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT

ok() { passed=$((passed + 1)); }
fail() {
    failed=$((failed + 1))
    echo "FAIL: ${0##*/}: $*" >&2
    sed 's/^/    stderr: /' "$T/err" 2>/dev/null | head -n 5 >&2
}

# check NAME CONDITION...: passes when the command succeeds.
check() {
    local name=$1; shift
    if "$@"; then ok; else fail "$name"; fi
}

# run CMD...: runs a command with stdout in $T/out, stderr in $T/err, status in $st.
run() {
    "$@" >"$T/out" 2>"$T/err"
    st=$?
}
# run_in INPUT CMD...: the same with standard input from a file.
run_in() {
    local input=$1; shift
    "$@" <"$input" >"$T/out" 2>"$T/err"
    st=$?
}

# logged FILTER [LOG]: passes when some line of the log ($T/requests.log by
# default) matches the jq FILTER.  Not `jq -e 'select(...)'`: jq 1.6 takes
# -e's status from the last line alone, so such a check depended on the
# order the requests were logged in.
logged() { jq -n -e "any(inputs; $1)" "${2:-$T/requests.log}" >/dev/null; }

# wait_for CMD...: runs CMD every 50 ms until it succeeds, for at most 10 s.
wait_for() {
    for _ in $(seq 200); do "$@" 2>/dev/null && return; sleep 0.05; done
    return 1
}

# The value of a field of the first (or Nth) output line.
field() { jq -r --argjson n "${2:-0}" "[inputs] as \$l | [.] + \$l | .[\$n].$1" <"$T/out"; }

# start_server ROUTES_FILE [tls]: sets PORT and URL; requests go to $T/requests.log.
start_server() {
    local routes=$1 tls=${2:-}
    local pf="$T/port.$RANDOM"
    local extra=()
    if [ -n "$tls" ]; then
        make_cert
        extra=(--cert "$T/cert.pem" --key "$T/key.pem")
    fi
    /usr/bin/python3 "$servers/fake_http.py" --routes "$routes" --port-file "$pf" \
        --log "$T/requests.log" "${extra[@]}" &
    pids+=($!)
    wait_for [ -s "$pf" ]
    PORT=$(cat "$pf")
    if [ -n "$tls" ]; then URL="https://127.0.0.1:$PORT"; else URL="http://127.0.0.1:$PORT"; fi
}

# start_smtp [SINK OPTION...]: a fresh SMTP sink; sets SMTP_PORT, MAIL (its directory).
sinks=0
start_smtp() {
    sinks=$((sinks + 1))
    MAIL="$T/mail$sinks"
    mkdir -p "$MAIL"
    /usr/bin/python3 "$servers/smtp_sink.py" --port-file "$MAIL/port" --dir "$MAIL" \
        --log "$MAIL/log" "$@" &
    pids+=($!)
    wait_for [ -s "$MAIL/port" ]
    SMTP_PORT=$(cat "$MAIL/port")
}

make_cert() {
    [ -s "$T/cert.pem" ] && return
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
        -addext subjectAltName=IP:127.0.0.1 -keyout "$T/key.pem" -out "$T/cert.pem" \
        2>/dev/null
}

# A key file with safe permissions.
key_file() {
    local path=$1 value=$2
    mkdir -p "$(dirname "$path")"
    printf '%s\n' "$value" >"$path"
    chmod 600 "$path"
}

# The registry (render --list): one tab-separated line per entry, no header,
# "-" for an empty field.  Read with: while IFS=$'\t' read -r id provider name
# emoji tool args keys regions watch_all fixture; do ...; done < <(providers)
# unpacked PACKAGE PATH: PATH inside the Debian package make deps unpacks
# (build/unpacked/PACKAGE, also for the sanitizer build), or nothing.
unpacked() {
    local d
    for d in "$QW_BIN/../unpacked" "$here/../../build/unpacked"; do
        [ -x "$d/$1/$2" ] && { echo "$(cd "$d/$1" && pwd)/$2"; return 0; }
    done
    return 1
}

providers() { render --list providers | tail -n +2; }
channels() { render --list channels | tail -n +2; }
# fixture_env FIXTURE [URL]: exports the variables of tests/data/FIXTURE.env
# (KEY=value lines, {URL} replaced by URL) and sets FIXTURE_ARGS from its ARGS.
fixture_env() {
    local k v
    FIXTURE_ARGS=
    while IFS='=' read -r k v; do
        v=${v//\{URL\}/${2:-}}
        if [ "$k" = ARGS ]; then FIXTURE_ARGS=$v; else export "$k=$v"; fi
    done <"$here/../data/$1.env"
}
# dash_empty VAR...: turns a registry field's "-" into an empty value.
dash_empty() { local v; for v; do [ "${!v}" = - ] && printf -v "$v" ''; done; }

# skip NAME REASON: a check this machine cannot run (DESIGN.md §7), counted.
skip() {
    skipped=$((skipped + 1))
    echo "SKIP: ${0##*/}: $1: $2" >&2
}

finish() {
    echo "RESULT $passed $failed $skipped"
}

# A certificate for another host name, and one that expired, both signed by
# a throwaway CA in $T/ca.pem.
make_bad_certs() {
    [ -s "$T/ca.pem" ] && return
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=qw-test-ca \
        -keyout "$T/ca.key" -out "$T/ca.pem" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj /CN=elsewhere.example \
        -addext subjectAltName=DNS:elsewhere.example -keyout "$T/wrong.key" -out "$T/wrong.csr" 2>/dev/null
    openssl x509 -req -in "$T/wrong.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" -CAcreateserial \
        -days 2 -copy_extensions copy -out "$T/wrong.pem" 2>/dev/null
    mkdir -p "$T/ca-db"
    : >"$T/ca-db/index.txt"
    echo 01 >"$T/ca-db/serial"
    cat >"$T/ca.cnf" <<CNF
[ca]
default_ca = qw
[qw]
database = $T/ca-db/index.txt
serial = $T/ca-db/serial
new_certs_dir = $T/ca-db
default_md = sha256
policy = any
copy_extensions = copy
[any]
commonName = supplied
CNF
    openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
        -keyout "$T/expired.key" -out "$T/expired.csr" 2>/dev/null
    openssl ca -batch -config "$T/ca.cnf" -cert "$T/ca.pem" -keyfile "$T/ca.key" \
        -startdate 20200101000000Z -enddate 20200102000000Z -in "$T/expired.csr" \
        -out "$T/expired.pem" 2>/dev/null
}

# start_server_cert ROUTES CERT KEY: like start_server, with that certificate.
start_server_cert() {
    local pf="$T/port.$RANDOM"
    /usr/bin/python3 "$servers/fake_http.py" --routes "$1" --port-file "$pf" \
        --log "$T/requests.log" --cert "$2" --key "$3" &
    pids+=($!)
    wait_for [ -s "$pf" ]
    PORT=$(cat "$pf")
    URL="https://127.0.0.1:$PORT"
}

# notify-alertmanager against two real Alertmanagers clustered on loopback
# (Debian's prometheus-alertmanager, unpacked by make deps): a low balance
# from a real pipeline is an active alert on both members, with its labels,
# annotations and a startsAt that stays across runs; recovery resolves it; a
# dead member does not fail the delivery, all members dead does (exit 1),
# and the alert goes out on the next run; a dead member is named once an
# outage, not every run.  Then a loopback fake for a 400
# with the server's text, the bearer token, --dry-run and the refusals.
. "$(dirname "$0")/lib.sh"
unset ALERTMANAGER_URL ALERTMANAGER_BEARER_TOKEN ALERTMANAGER_USER ALERTMANAGER_PASSWORD
export QUOTAWATCH_DB="$T/state.db"
canary=canary5Am3

start_server "$here/../data/moonshot-routes.json"
moonshot=$URL
start_server "$here/../data/alertmanager-routes.json"
fake=$URL

# pipeline KEY [OPTION...]: fetch-moonshot | evaluate | notify-alertmanager;
# stdout in $T/out, stderr in $T/err (kept in $T/all for the canary check).
pipeline() {
    local key=$1; shift
    MOONSHOT_API_KEY=$key fetch-moonshot --base-url "$moonshot" 2>/dev/null |
        evaluate -w 'remaining<=5' >"$T/verdicts"
    run_in "$T/verdicts" notify-alertmanager --timeout 3 "$@"
    cat "$T/out" "$T/err" >>"$T/all"
}
# at SECONDS-AGO: QUOTAWATCH_NOW that long before the real time (Alertmanager
# judges endsAt by its own clock).
at() { QUOTAWATCH_NOW=$(date -u -d "@$(($(date +%s) - $1))" +%FT%TZ); export QUOTAWATCH_NOW; }

# ---- The fake: a 400 with the server's text, the token, --dry-run, refusals ----
at 60
export ALERTMANAGER_URL=$fake
QUOTAWATCH_DB="$T/well.db" pipeline sk-good
check "all well: exit 0, the verdicts through, nothing sent" sh -c "[ $st = 0 ] &&
    cmp -s '$T/verdicts' '$T/out' && ! grep -q api/v2/alerts '$T/requests.log'"
export ALERTMANAGER_URL=$fake/bad
pipeline sk-five
check "a 400: exit 1" [ "$st" = 1 ]
check "a 400: the server's text on stderr" \
    grep -q 'HTTP 400: start time must be before end time; invalid label set' "$T/err"
check "a 400: the verdicts pass through marked undelivered" \
    [ "$(field 'undelivered[0]')" = alertmanager ]
check "a 400 is not retried" [ "$(grep -c '/bad/api/v2/alerts' "$T/requests.log")" = 1 ]
ALERTMANAGER_URL="$fake/down" pipeline sk-five
check "a 503: retried, then exit 1 with the server's text" sh -c "[ $st = 1 ] &&
    [ \$(grep -c /down/api/v2/alerts '$T/requests.log') = 2 ] &&
    grep -q 'HTTP 503: upstream unavailable; gave up after 2 attempts' '$T/err'"
start=$(date +%s)
ALERTMANAGER_URL="$fake/hung $fake" pipeline sk-five --timeout 2
check "a hung member and a good one: delivered (exit 2)" [ "$st" = 2 ]
check "... within --timeout, the hung one named" sh -c "[ \$((\$(date +%s) - $start)) -le 3 ] &&
    grep -q 'did not take the alerts: $fake/\[redacted\]: .*timed out' '$T/err'"
ALERTMANAGER_URL="$fake/auth" ALERTMANAGER_BEARER_TOKEN="am-token-$canary" pipeline sk-five
check "the bearer token is sent: exit 2 (an alert passed)" [ "$st" = 2 ]
check "the bearer token is sent in Authorization" \
    logged ".path == \"/auth/api/v2/alerts\" and .headers.authorization == \"Bearer am-token-$canary\""
key_file "$T/token" "am-token-$canary"
ALERTMANAGER_URL="$fake/auth" pipeline sk-five --token-file "$T/token" --dry-run
check "--dry-run: exit 2, the request on stderr" \
    sh -c "[ $st = 2 ] && grep -q '^POST $fake/\[redacted\]' '$T/err'"
check "--dry-run: the token redacted" grep -q '^Authorization: \[redacted\]' "$T/err"
check "--dry-run sends nothing" [ "$(grep -c '/auth/api/v2/alerts' "$T/requests.log")" = 1 ]
ALERTMANAGER_URL="$fake/auth" ALERTMANAGER_USER=bot ALERTMANAGER_PASSWORD="pw-$canary" \
    pipeline sk-five
check "basic auth: the server refuses it, exit 1" [ "$st" = 1 ]
check "basic auth: user:password in Authorization" \
    logged ".headers.authorization == \"Basic $(printf 'bot:pw-%s' "$canary" | base64)\""
for opt in "--when always" "--when alert" "--repeat 6h"; do
    pipeline sk-five $opt
    check "$opt refused: exit 1, one line that says why" \
        sh -c "[ $st = 1 ] && [ \$(wc -l <'$T/err') = 1 ] && grep -q '^notify-alertmanager: --${opt:2:4}[a-z]*: no such option' '$T/err'"
done
check "--help offers neither --when nor --repeat" \
    sh -c "! notify-alertmanager --help | grep -q -e '--when' -e '--repeat'"
ALERTMANAGER_URL="http://user:pw-$canary@127.0.0.1:1" pipeline sk-five
check "credentials in the URL refused: exit 1" \
    sh -c "[ $st = 1 ] && grep -q ALERTMANAGER_PASSWORD '$T/err'"

# ---- Two real Alertmanagers, clustered on loopback ----
# Debian's binary reads its templates from /usr/share/prometheus/alertmanager,
# which an unpacked package does not install: each member runs in a mount
# namespace of its own where the package's usr/share is laid over /usr/share,
# read-only: unshare -m as root (a chroot, as CI's fresh root, allows no user
# namespace), -rm for another user.
am=$(unpacked prometheus-alertmanager usr/bin/prometheus-alertmanager)
share=${am%/bin/prometheus-alertmanager}/share
ns='mount -t overlay overlay -o "lowerdir=/usr/share:$0" /usr/share && exec "$@"'
unshare=(unshare -m)
[ "$(id -u)" = 0 ] || unshare=(unshare -rm)
in_ns() { "${unshare[@]}" sh -c "$ns" "$share" "$@"; }
if [ -z "$am" ] || ! in_ns test -f /usr/share/prometheus/alertmanager/default.tmpl; then
    skip "the Alertmanager cluster" \
        "prometheus-alertmanager is not unpacked (make deps), or no mount namespace (${unshare[*]})"
    check "no secret in any output" sh -c "! grep -q $canary '$T/all' '$QUOTAWATCH_DB'"
    finish
    exit
fi
free_ports() {
    /usr/bin/python3 -c 'import socket
s = [socket.socket() for _ in range(4)]
for x in s: x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))'
}
read -r web1 web2 gossip1 gossip2 < <(free_ports)
cat >"$T/am.yml" <<'YML'
route:
  receiver: none
receivers:
  - name: none
YML
am_pid=()
# start_am N: member N (1 or 2), peering with the other.
start_am() {
    local web gossip peer
    if [ "$1" = 1 ]; then web=$web1 gossip=$gossip1 peer=$gossip2
    else web=$web2 gossip=$gossip2 peer=$gossip1; fi
    mkdir -p "$T/am$1"
    "${unshare[@]}" sh -c "$ns" "$share" "$am" --config.file="$T/am.yml" --storage.path="$T/am$1" \
        --web.listen-address="127.0.0.1:$web" --cluster.listen-address="127.0.0.1:$gossip" \
        --cluster.advertise-address="127.0.0.1:$gossip" --cluster.peer="127.0.0.1:$peer" \
        --log.level=warn >>"$T/am$1.log" 2>&1 &
    am_pid[$1]=$!
    pids+=($!)
    wait_for curl -sf "http://127.0.0.1:$web/-/ready" -o /dev/null
}
stop_am() { kill "${am_pid[$1]}"; wait "${am_pid[$1]}" 2>/dev/null; }
export QUOTAWATCH_DB="$T/cluster.db"
start_am 1
start_am 2
check "two Alertmanagers ready" curl -sf "http://127.0.0.1:$web2/-/ready" -o /dev/null
export ALERTMANAGER_URL="http://127.0.0.1:$web1 http://127.0.0.1:$web2/"
# alerts N FILTER: member N's alerts (GET /api/v2/alerts) hold one matching FILTER.
alerts() {
    local web=$web1
    [ "$1" = 2 ] && web=$web2
    curl -sf "http://127.0.0.1:$web/api/v2/alerts" | jq -e "any(.[]; $2)" >/dev/null
}
active='.labels.alertname == "QuotawatchBalance" and .labels.provider == "moonshot" and .status.state == "active"'

at 120
pipeline sk-five
check "a low balance: exit 2" [ "$st" = 2 ]
check "the verdicts pass through unchanged" cmp -s "$T/verdicts" "$T/out"
check "an active alert on member 1" wait_for alerts 1 "$active"
check "an active alert on member 2" wait_for alerts 2 "$active"
check "its labels: the series and the severity" alerts 1 "$active and .labels == {
    alertname: \"QuotawatchBalance\", severity: \"warning\", provider: \"moonshot\",
    account: \"default\", kind: \"balance\", unit: \"USD\"}"
check "its annotations: the reason and a description" alerts 1 "$active and
    .annotations.summary == \"remaining 5.00 USD <= 5.00\" and
    (.annotations.description | startswith(\"Kimi default balance USD: \"))"
check "startsAt is the run's time" alerts 1 "$active and (.startsAt | startswith(\"${QUOTAWATCH_NOW%Z}\"))"
check "endsAt 36 h later (no run before)" alerts 1 "$active and
    ((.endsAt | sub(\"\\\\.[0-9]+\"; \"\") | fromdate) - (.startsAt | sub(\"\\\\.[0-9]+\"; \"\") | fromdate) == 129600)"
first=$QUOTAWATCH_NOW

# Still low an hour... a minute later: sent again, startsAt kept.
at 60
pipeline sk-five
check "still low: exit 2, sent again" [ "$st" = 2 ]
check "startsAt kept from the first run" alerts 2 "$active and (.startsAt | startswith(\"${first%Z}\"))"

# Member 1 dies: member 2 takes the alert, exit 2, the dead one named once.
stop_am 1
at 50
pipeline sk-five
check "one member dead: delivered (exit 2)" [ "$st" = 2 ]
check "the dead member named once on stderr" \
    [ "$(grep -c "127.0.0.1:$web1/\[redacted\]" "$T/err")" = 1 ]
check "one member dead: not marked undelivered" [ "$(field undelivered)" = null ]
at 45
pipeline sk-five
check "still dead on the next run: delivered, not named again" sh -c "[ $st = 2 ] && [ ! -s '$T/err' ]"

# Both dead: a failed delivery, the verdicts marked; resent once one is back.
stop_am 2
at 40
pipeline sk-five --timeout 1
check "all members dead: exit 1" [ "$st" = 1 ]
check "all members dead: marked undelivered" [ "$(field 'undelivered[0]')" = alertmanager ]
check "all members dead: both named" \
    sh -c "grep -q '127.0.0.1:$web1/' '$T/err' && grep -q '127.0.0.1:$web2/' '$T/err'"
start_am 2
at 35
pipeline sk-five
check "a member back: resent (exit 2)" [ "$st" = 2 ]
check "a member back: the alert active on it" wait_for alerts 2 "$active"
check "a member back: startsAt still the first run's" \
    alerts 2 "$active and (.startsAt | startswith(\"${first%Z}\"))"

# Recovery: the alert resolved (endsAt now) on the members that are up.
at 30
pipeline sk-good
check "recovered: exit 0" [ "$st" = 0 ]
check "recovered: resolved on member 2" \
    wait_for sh -c "! curl -sf 'http://127.0.0.1:$web2/api/v2/alerts?active=true' | jq -e 'any(.[]; .labels.provider == \"moonshot\")' >/dev/null"
check "recovered: no longer active anywhere" \
    sh -c "! curl -sf 'http://127.0.0.1:$web2/api/v2/alerts' | jq -e 'any(.[]; .status.state == \"active\")' >/dev/null"

run notify-alertmanager --test
check "--test: exit 0" [ "$st" = 0 ]
for n in 1 2; do
    check "--test: a test alert on member $n" alerts "$n" '.labels.alertname == "QuotawatchTest"'
done
check "no secret in any output or the database" sh -c "! grep -q $canary '$T/all' '$QUOTAWATCH_DB'"
finish

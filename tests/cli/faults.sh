# Every fetcher against a fault server: each fault gives an error record and
# exit 1 within the timeout; never a crash, a hang, or a followed redirect.
. "$(dirname "$0")/lib.sh"
make_bad_certs
key_file "$T/key" sk-fault-key-00000

route() {   # route NAME ANSWER-JSON: a routes file answering any request so
    printf '{"*": %s}\n' "$2" >"$T/$1.json"
}
route reset '{"close": 12, "json": {"code": 0, "data": {"available_balance": 1}, "status": true}}'
route trickle '{"trickle": true, "json": {"code": 0, "data": {"available_balance": 1}, "status": true}}'
route huge '{"stream_bytes": 2147483648}'
route truncated '{"text": "{\"code\":0,\"data\":{\"available_balance\":1"}'
route utf8 '{"base64": "eyJjb2RlIjowLCJtc2ciOiL/In0="}'
route error200 '{"json": {"error": {"message": "quota exceeded"}, "success": false, "code": 1301}}'
# The redirect points at another live server (another port, so another
# origin) that would answer well: a fetcher that followed it would log /steal.
route ok '{"json": {"code": 0, "data": {"available_balance": 1}, "status": true}}'
start_server "$T/ok.json"
route redirect '{"status": 301, "headers": {"Location": "'"$URL"'/steal"}, "text": ""}'
route ratelimit '{"status": 429, "headers": {"Retry-After": "30"}, "json": {"error": {"message": "rate limited"}}}'

# fault NAME URL [EXTRA OPTION...]: run every fetcher, check the outcome.
# Only the trickle needs the timeout to end it; it gets the shortest one,
# $timeout (the others fail by themselves, well within 2 s).  "Within the
# timeout" is bounded generously: a timeout that did not fire would take the
# trickle's whole body, a minute.
timeout=2
fault() {
    local name=$1 url=$2; shift 2
    local tool start took
    for tool in $fetchers; do
        start=${EPOCHREALTIME//[.,]/}
        run "$tool" --key-file "$T/key" --base-url "$url" --timeout "$timeout" "$@"
        took=$(( (${EPOCHREALTIME//[.,]/} - start) / 1000 ))
        check "$tool/$name: exit 1, no crash" [ "$st" = 1 ]
        check "$tool/$name: an error record" jq -se 'any(.[]; .status == "error")' "$T/out" >/dev/null
        check "$tool/$name: within the timeout ($took ms)" [ "$took" -le 6000 ]
        check "$tool/$name: one line per problem on stderr" grep -q "^$tool: " "$T/err"
        check "$tool/$name: no key on any output" sh -c "! grep -q sk-fault-key '$T/out' '$T/err'"
    done
}

# Every fetcher of the registry that asks a provider over HTTP (it has a
# loopback fixture), each once.
fetchers=$(providers | awk -F'\t' '$10 != "-" && !seen[$5]++ { print $5 }')

fault refused "http://127.0.0.1:1"
for name in reset huge truncated utf8 error200 redirect ratelimit; do
    start_server "$T/$name.json"
    fault "$name" "$URL"
done
start_server "$T/trickle.json"
timeout=0.3 fault trickle "$URL"
check "the redirect was never followed: the other server heard nothing" \
    sh -c "! grep -q /steal '$T/requests.log'"

start_server_cert "$T/ok.json" "$T/wrong.pem" "$T/wrong.key"
fault wrong-host "$URL" --cacert "$T/ca.pem"
start_server_cert "$T/ok.json" "$T/expired.pem" "$T/expired.key"
fault expired "$URL" --cacert "$T/ca.pem"
finish

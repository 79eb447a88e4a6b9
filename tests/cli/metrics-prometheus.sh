# metrics against the real servers (issue 28): Debian's node_exporter, with its
# textfile collector only, and Prometheus scraping it every second, both
# unpacked by make deps into build/unpacked and run here on 127.0.0.1.  What
# a pipeline recorded reaches Prometheus' HTTP API with its values and labels,
# and the example alert rules fire on it.  Skipped (counted) when the
# binaries are missing.
. "$(dirname "$0")/lib.sh"
top=$(cd "$here/../.." && pwd)
rules="$top/examples/prometheus/quotawatch-rules.yml"
promtool=$(unpacked prometheus usr/bin/promtool)
prometheus=$(unpacked prometheus usr/bin/prometheus)
exporter=$(unpacked prometheus-node-exporter usr/bin/prometheus-node-exporter)
if [ -z "$promtool" ] || [ -z "$prometheus" ] || [ -z "$exporter" ]; then
    skip "metrics through node_exporter and Prometheus" \
        "no prometheus or prometheus-node-exporter in build/unpacked (make deps)"
    finish
    exit 0
fi

# A pipeline's records: moonshot accounts (one e-mail-like, one with a quote
# and a backslash in its name, one whose fetch fails) and a Kimi Code quota.
start_server "$here/../data/moonshot-routes.json"
moonshot=$URL
start_server "$here/../data/kimi-routes.json"
kimi=$URL
export QUOTAWATCH_KEYS="$T/keys"
key_file "$T/keys/moonshot/ops@example.org" sk-good
key_file "$T/keys/moonshot/we\"ird\\name" sk-five
key_file "$T/keys/moonshot/broken" sk-code
key_file "$T/keys/kimi-code" kimi-good
db="$T/q.db"
for at in 2026-11-22T07:00:00Z 2026-11-22T09:00:00Z; do
    { QUOTAWATCH_NOW=$at fetch-moonshot --base-url "$moonshot"
      QUOTAWATCH_NOW=$at fetch-kimi-code --base-url "$kimi"; } |
        QUOTAWATCH_NOW=$at evaluate --db "$db" | QUOTAWATCH_NOW=$at record --db "$db"
done 2>"$T/pipeline.err"
check "the pipeline: only the broken account's error on stderr" \
    [ "$(grep -vc '^fetch-moonshot: broken: ' "$T/pipeline.err")" = 0 ]
mkdir "$T/textfile"
run metrics --db "$db" --output "$T/textfile/quotawatch.prom"
check "metrics --output: exit 0, silent" sh -c "[ $st = 0 ] && [ ! -s '$T/err' ] && [ ! -s '$T/out' ]"
check "the file is 0644" [ "$(stat -c %a "$T/textfile/quotawatch.prom")" = 644 ]
check "no temporary file left beside it" [ "$(ls -A "$T/textfile")" = quotawatch.prom ]
run "$promtool" check metrics <"$T/textfile/quotawatch.prom"
check "promtool check metrics: no complaint" sh -c "[ $st = 0 ] && [ ! -s '$T/err' ]"
run "$promtool" check rules "$rules"
check "promtool check rules on examples/prometheus/quotawatch-rules.yml" [ "$st" = 0 ]

# A free port on 127.0.0.1 for a server that takes its address as an option.
free_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
answers() { curl -sf "http://127.0.0.1:$1/$2" >/dev/null; }
# start SERVER_NAME PORT_VAR CMD...: starts CMD with its listening port
# free_port gives (in $port of its arguments), retrying when another program
# took the port between the choice and the start.
start() {
    local name=$1 var=$2 health=$3; shift 3
    local try
    for try in 1 2 3; do
        port=$(free_port)
        "$@" "--web.listen-address=127.0.0.1:$port" >>"$T/$name.log" 2>&1 &
        local pid=$!
        pids+=($pid)
        if wait_for answers "$port" "$health"; then
            printf -v "$var" %s "$port"
            return 0
        fi
        kill "$pid" 2>/dev/null
    done
    return 1
}
start node_exporter EXPORTER metrics "$exporter" --collector.disable-defaults \
    --collector.textfile --collector.textfile.directory="$T/textfile"
check "node_exporter (textfile collector only) answers on 127.0.0.1" [ -n "${EXPORTER:-}" ]
cat >"$T/prometheus.yml" <<EOT
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: ["$rules"]
scrape_configs:
  - job_name: node
    static_configs: [{targets: ["127.0.0.1:${EXPORTER:-1}"]}]
EOT
start prometheus PROM -/ready "$prometheus" --config.file="$T/prometheus.yml" \
    --storage.tsdb.path="$T/tsdb"
check "Prometheus answers on 127.0.0.1" [ -n "${PROM:-}" ]

# query PROMQL: the API's answer in $T/query.json.
query() {
    curl -sfG "http://127.0.0.1:${PROM:-1}/api/v1/query" --data-urlencode "query=$1" \
        -o "$T/query.json"
}
# has PROMQL JQ: the query's answer has a result the jq condition holds for.
has() { query "$1" && jq -e "[.data.result[] | select($2)] | length > 0" "$T/query.json" >/dev/null; }
check "node_exporter read the file without error (node_textfile_scrape_error 0)" \
    wait_for has 'node_textfile_scrape_error' '.value[1] == "0"'
check "remaining USD of the e-mail-like account, its label as given" \
    wait_for has 'quotawatch_remaining_usd' \
    '.metric.account == "ops@example.org" and .metric.provider == "moonshot"
     and .metric.kind == "balance" and .metric.currency == "USD" and .value[1] == "12.34"'
check "a label with a quote and a backslash arrives as it was" \
    has 'quotawatch_remaining_usd' '.metric.account == "we\"ird\\name" and .value[1] == "5"'
check "the quota as ratios: 139 of 200 used" \
    has 'quotawatch_used_ratio{provider="kimi-code"}' '.value[1] == "0.695"'
check "... and its counts, in requests" \
    has 'quotawatch_limit_requests{provider="kimi-code",window="5h"}' '.value[1] == "200"'
check "the level of the newest check: 5.00 USD is a warning" \
    has 'quotawatch_level' '.metric.account == "we\"ird\\name" and .value[1] == "1"'
broken_account() {
    has 'quotawatch_last_check_timestamp_seconds{account="broken"}' '.value[1] == "1795338000"' &&
        ! has 'quotawatch_last_success_timestamp_seconds{account="broken"}' true &&
        ! has '{account="broken",__name__=~"quotawatch_(remaining_.*|level)"}' true
}
check "the failed account: a last check, no success, no value, no level" broken_account
check "last success time per series" \
    has 'quotawatch_last_success_timestamp_seconds{account="ops@example.org"}' \
    '.value[1] == "1795338000"'
check "counters of resets and top-ups, typed counter" \
    has 'quotawatch_topups_total{account="ops@example.org"}' '.value[1] == "0"'
check "the build info with the version" \
    has 'quotawatch_build_info' ".metric.version == \"$(metrics --version | awk '{print $NF}')\""
low_alerts() {
    curl -sf "http://127.0.0.1:${PROM:-1}/api/v1/alerts" -o "$T/alerts.json" &&
        jq -e --argjson want "$1" '[.data.alerts[] | select(.labels.alertname ==
            "QuotawatchBalanceLow") | .labels.account] == $want' "$T/alerts.json" >/dev/null
}
check "the example rule QuotawatchBalanceLow fires for the 5.00 USD account, not the other" \
    wait_for low_alerts '["we\"ird\\name"]'

check "Prometheus listens on its one port, nowhere else" \
    sh -c "! ss -Hltnp 2>/dev/null | grep 'prometheus\"' | grep -v '127.0.0.1:${PROM:-1} '"

# A new run: the file is replaced, Prometheus sees the new value.
MOONSHOT_API_KEY=sk-fivepointone QUOTAWATCH_KEYS="$T/no-keys" QUOTAWATCH_NOW=2026-11-22T10:00:00Z \
    fetch-moonshot --base-url "$moonshot" | record --db "$db"
run metrics --db "$db" --output "$T/textfile/quotawatch.prom"
check "the next run's value replaces the old one" \
    wait_for has 'quotawatch_remaining_usd{account="default"}' '.value[1] == "5.01"'

# A top-up, then record --keep prunes the row before it, which it was
# counted against, before any metrics run counted it: the counter still
# says 1 (record tallies what it prunes: migration 10).
export QUOTAWATCH_NOW=2026-11-22T12:00:00Z
echo '{"ts":"2026-11-22T11:00:00Z","provider":"moonshot","account":"default","kind":"balance","unit":"USD","remaining":50,"status":"ok"}' |
    record --db "$db" --keep 90m
check "record --keep pruned all but the top-up" \
    [ "$(sqlite3 "$db" "SELECT group_concat(remaining) FROM usage_snapshots WHERE account = 'default'")" = 50.0 ]
run metrics --db "$db" --output "$T/textfile/quotawatch.prom"
check "metrics after the pruning: exit 0" [ "$st" = 0 ]
check "the top-up is counted, in Prometheus too" \
    wait_for has 'quotawatch_topups_total{account="default"}' '.value[1] == "1"'
finish

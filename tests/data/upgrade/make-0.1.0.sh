#!/bin/bash
# Makes 0.1.0.sql, the database a quotawatch 0.1.0 user has (issue 17), with
# the 0.1.0 tools themselves; run once, when 0.1.0 was the tree:
#   QW_BIN=build-010/bin bash tests/data/upgrade/make-0.1.0.sh
# A seed-003 monitor.db (rows without a zone) is adopted by the first of four
# watch-all runs on 2026-11-21 (01, 05, 09, 13 UTC): loopback providers,
# evaluate --db | record --tee | notify-discord | notify-feishu | notify-smtp.
# Discord's delivery fails in run 3, SMTP's in run 2, Feishu's in run 4 (so
# Feishu still owes its recovery and top-up); a user's own script records two
# Moonshot rows in Beijing time (+08:00).  Writes 0.1.0.sql (sqlite3 .dump),
# 0.1.0-routes.json (run 4's answers, which the upgrade test asks again) and
# 0.1.0-last.txt (0.1.0's history --last).  Not part of the test suite.
. "$(dirname "$0")/../../cli/lib.sh"
. "$(dirname "$0")/job.sh"
out=$(cd "$here/../data/upgrade" && pwd)
export QUOTAWATCH_DB="$T/state/monitor.db" QUOTAWATCH_KEYS="$T/keys" TZ=UTC
mkdir -p "$T/state"

# Seed 003's monitor.py wrote these before the user moved to quotawatch.
sqlite3 "$QUOTAWATCH_DB" <<'SQL'
CREATE TABLE IF NOT EXISTS usage_snapshots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    timestamp TEXT NOT NULL,
    provider TEXT NOT NULL,
    used REAL,
    remaining REAL,
    currency TEXT DEFAULT 'USD',
    status TEXT DEFAULT 'ok'
);
CREATE INDEX IF NOT EXISTS idx_snap_ts ON usage_snapshots(timestamp);
CREATE INDEX IF NOT EXISTS idx_snap_provider ON usage_snapshots(provider);
INSERT INTO usage_snapshots (timestamp, provider, used, remaining, currency, status) VALUES
    ('2026-02-12 16:30:00', 'glm', 180.0, 20.0, 'CNY', 'ok'),
    ('2026-02-12 16:30:00', 'minimax', 50.0, 950.0, 'CNY', 'ok'),
    ('2026-02-12 16:30:00', 'anthropic', NULL, NULL, 'USD', 'na'),
    ('2026-02-12 16:35:00', 'glm', 181.5, 18.5, 'CNY', 'ok'),
    ('2026-02-12 16:35:00', 'minimax', 50.0, 950.0, 'CNY', 'ok');
SQL

job_keys

# routes RUN: the providers' answers and the webhooks of one run.
ms() { echo "{\"when\": {\"authorization\": \"Bearer $1\"}, \"json\": {\"code\": 0, \"data\": {\"available_balance\": $2, \"voucher_balance\": 0, \"cash_balance\": $2}, \"status\": true}}"; }
routes() {
    local r=$1 work home ds_one ds_cny ds_usd kimi_w kimi_5 kimi_reset mm_pct mm_start glm
    # Values by run:      1       2       3       4
    work=$(echo           12.34   12.34   502     12.00 | cut -d' ' -f"$r")
    home=$(echo           8.00    4.20    3.90    40.00 | cut -d' ' -f"$r")
    ds_one=$(echo         110.00  109.50  109.00  108.70 | cut -d' ' -f"$r")
    ds_cny=$(echo         3.50    3.50    3.40    3.30 | cut -d' ' -f"$r")
    ds_usd=$(echo         20.00   20.00   19.50   19.50 | cut -d' ' -f"$r")
    kimi_w=$(echo         214     380     420     515 | cut -d' ' -f"$r")
    kimi_5=$(echo         139     185     10      50 | cut -d' ' -f"$r")
    kimi_reset=$(echo     05:30   05:30   10:30   15:30 | cut -d' ' -f"$r")
    mm_pct=$(echo         80      30      4       60 | cut -d' ' -f"$r")
    mm_start=$(echo       00      04      08      12 | cut -d' ' -f"$r")
    glm=$(echo            18.00   18.00   17.50   17.50 | cut -d' ' -f"$r")
    local start=$(($(date -u -d "2026-11-21T$mm_start:00:00Z" +%s) * 1000))
    local work_answer
    if [ "$work" = 502 ]; then
        work_answer='{"when": {"authorization": "Bearer ms-work"}, "status": 502, "text": "<html><body><h1>502 Bad Gateway</h1></body></html>"}'
    else
        work_answer=$(ms ms-work "$work")
    fi
    cat <<JSON
{
  "GET /v1/users/me/balance": [$work_answer, $(ms ms-home "$home")],
  "GET /user/balance": [
    {"when": {"authorization": "Bearer ds-one"}, "json": {"is_available": true, "balance_infos": [
      {"currency": "CNY", "total_balance": "$ds_one", "granted_balance": "0.00", "topped_up_balance": "$ds_one"}]}},
    {"when": {"authorization": "Bearer ds-two"}, "json": {"is_available": true, "balance_infos": [
      {"currency": "CNY", "total_balance": "$ds_cny", "granted_balance": "0.00", "topped_up_balance": "$ds_cny"},
      {"currency": "USD", "total_balance": "$ds_usd", "granted_balance": "5.00", "topped_up_balance": "15.00"}]}}],
  "GET /coding/v1/usages": {"json": {
    "usage": {"limit": "2048", "used": "$kimi_w", "remaining": "$((2048 - kimi_w))", "resetTime": "2026-11-24T07:54:13.716839300Z"},
    "limits": [{"window": {"duration": 300, "timeUnit": "TIME_UNIT_MINUTE"},
                "detail": {"limit": "200", "used": "$kimi_5", "remaining": "$((200 - kimi_5))", "resetTime": "2026-11-21T$kimi_reset:00Z"}}]}},
  "GET /v1/api/openplatform/coding_plan/remains": {"json": {"model_remains": [
    {"start_time": $start, "end_time": $((start + 4 * 3600000)), "model_name": "general",
     "current_interval_status": 1, "current_interval_remaining_percent": $mm_pct, "current_weekly_status": 3}],
    "base_resp": {"status_code": 0, "status_msg": "success"}}},
  "GET /account/query_balance": {"json": {"available_amount": "940.00", "cash_balance": "900.00",
    "voucher_balance": "40.00", "base_resp": {"status_code": 0, "status_msg": "success"}}},
  "GET /api/monitor/usage/quota/limit": {"json": {"code": 200, "msg": "Operation successful", "success": true,
    "data": {"limits": [{"type": "TOKENS_LIMIT", "unit": 3, "number": 5, "percentage": $((r * 20)), "nextResetTime": 1795352040000}], "level": "lite"}}},
  "GET /api/biz/account/query-customer-account-report": {"json": {"code": 200, "msg": "Operation successful", "success": true,
    "data": {"balance": $glm, "availableBalance": $glm, "rechargeAmount": 200.0, "giveAmount": 0, "totalSpendAmount": $(echo "200 - $glm" | bc), "frozenBalance": 0}}},
  "POST /api/webhooks/4711/ok-upgrade": {"json": {"id": "1", "type": 0, "content": ""}},
  "POST /api/webhooks/4711/down-upgrade": {"status": 503, "json": {"message": "upstream unavailable"}},
  "POST /open-apis/bot/v2/hook/ok-upgrade": {"json": {"StatusCode": 0, "StatusMessage": "success", "code": 0, "data": {}, "msg": "success"}},
  "POST /open-apis/bot/v2/hook/down-upgrade": {"json": {"code": 9499, "data": {}, "msg": "Bad Request"}}
}
JSON
}

# watch RUN NOW DISCORD FEISHU [SMTP-SINK-OPTION...]: one run of the job.
watch() {
    local r=$1; shift
    routes "$r" >"$T/routes-$r.json"
    QUOTAWATCH_NOW=$1 job_run "$T/routes-$r.json" "$2" "$3" "${@:4}"
    echo "run $r: $job_status" >>"$T/job.log"
}
watch 1 2026-11-21T01:00:00Z ok ok
watch 2 2026-11-21T05:00:00Z ok ok --fail 550
watch 3 2026-11-21T09:00:00Z down ok
# The user's own script, run by hand in Beijing, before and between the jobs.
printf '%s\n' \
    '{"ts":"2026-11-20T22:00:00+08:00","provider":"moonshot","account":"work","kind":"balance","unit":"USD","remaining":12.5,"status":"ok"}' \
    '{"ts":"2026-11-21T19:00:00+08:00","provider":"moonshot","account":"work","kind":"balance","unit":"USD","remaining":12.1,"status":"ok"}' |
    record
watch 4 2026-11-21T13:00:00Z ok down

cp "$T/routes-4.json" "$out/0.1.0-routes.json"
QUOTAWATCH_NOW=2026-11-21T13:30:00Z "$QW_BIN/history" --last >"$out/0.1.0-last.txt"
{
    echo "-- quotawatch 0.1.0's database, made by make-0.1.0.sh (sqlite3 .dump) with the"
    echo "-- 0.1.0 tools ($(fetch-moonshot --version), built from commit $(git -C "$here" rev-parse --short HEAD));"
    echo "-- see that script for what is in it.  .dump leaves out the schema version: it is the last line."
    sqlite3 "$QUOTAWATCH_DB" .dump
    echo "PRAGMA user_version = $(sqlite3 "$QUOTAWATCH_DB" 'PRAGMA user_version');"
} >"$out/0.1.0.sql"
cat "$T/job.log" >&2

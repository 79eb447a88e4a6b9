# notify-feishu against a loopback bot webhook: the signature recomputed
# with openssl, seed 002's report with the usage since the previous report
# from the history, code != 0 in an HTTP 200, 11232 retried, the 20 KB limit.
. "$(dirname "$0")/lib.sh"
unset FEISHU_WEBHOOK_URL FEISHU_SECRET
start_server "$here/../data/feishu-routes.json"
canary=canary3Fe8                        # the webhook token
secret=secret-canary9Vw                  # the signing secret
hook() { echo "$URL/open-apis/bot/v2/hook/$1-$canary"; }
export QUOTAWATCH_DB="$T/state.db"

# relay ACCOUNT REMAINING USED LEVEL: a verdict with seed 002's numbers.
relay() {
    printf '{"ts":"%s","provider":"relay","account":"%s","kind":"balance","unit":"USD","remaining":%s,"used":%s,"limit":20,"status":"ok","level":"%s"}\n' \
        "$QUOTAWATCH_NOW" "$1" "$2" "$3" "$4"
}
# moonshot REMAINING: a balance without used or limit.
moonshot() {
    printf '{"ts":"%s","provider":"moonshot","account":"default","kind":"balance","unit":"USD","remaining":%s,"status":"ok","level":"ok"}\n' \
        "$QUOTAWATCH_NOW" "$1"
}
broken() {
    printf '{"ts":"%s","provider":"relay","account":"账户名称2","kind":"balance","status":"error","error":"HTTP 401: Invalid Authentication","level":"error"}\n' \
        "$QUOTAWATCH_NOW"
}
notify() {
    local input=$1 name=$2; shift 2
    FEISHU_WEBHOOK_URL=$(hook "$name") run_in "$input" notify-feishu "$@"
    cat "$T/out" "$T/err" >>"$T/all"
}
sent() { [ -s "$T/requests.log" ] && wc -l <"$T/requests.log" || echo 0; }
body() { tail -n 1 "$T/requests.log" | jq -r .body; }
lines() { body | jq -r '.content.post.zh_cn.content[][] | .text'; }

# History: the night before, then a top-up of the Moonshot account at 03:00.
{
    QUOTAWATCH_NOW=2026-11-21T21:00:00Z relay 账户名称1 13 7 ok
    QUOTAWATCH_NOW=2026-11-21T21:00:00Z moonshot 10
    QUOTAWATCH_NOW=2026-11-22T03:00:00Z relay 账户名称1 12.8 7.2 ok
    QUOTAWATCH_NOW=2026-11-22T03:00:00Z moonshot 30
} | record
check "history recorded" [ "$?" = 0 ]

# The 09:00 report (seed 002), signed.
{ relay 账户名称1 12.5 7.5 ok; broken; moonshot 28; } >"$T/morning"
FEISHU_SECRET=$secret notify "$T/morning" ok --when always
check "a report with an error verdict exits 1" [ "$st" = 1 ]
check "verdicts pass through" cmp -s "$T/morning" "$T/out"
check "nothing on stderr" [ ! -s "$T/err" ]
check "POST to the hook path, JSON" logged \
    ".method == \"POST\" and .path == \"/open-apis/bot/v2/hook/ok-$canary\" and
            (.headers[\"content-type\"] | startswith(\"application/json\"))"
ts=$(body | jq -r .timestamp)
check "timestamp is now, in seconds" [ "$ts" = "$(date -u -d 2026-11-22T09:00:00Z +%s)" ]
expected=$(printf '' | openssl dgst -sha256 -hmac "$(printf '%s\n%s' "$ts" "$secret")" -binary | base64)
check "the signature recomputed with openssl" [ "$(body | jq -r .sign)" = "$expected" ]
check "a post message" [ "$(body | jq -r .msg_type)" = post ]
check "seed 002's title with the time" \
    [ "$(body | jq -r .content.post.zh_cn.title)" = "【💵API 余额监控时报】2026-11-22 09:00:00" ]
lines >"$T/lines"
check "✅ per account that answered, named as seed 002 names it" grep -qx '✅ 账户名称1' "$T/lines"
check "... a default account by its provider" grep -qx '✅ Kimi' "$T/lines"
check "remaining" grep -qx '剩余：$12.50' "$T/lines"
check "used" grep -qx '已用：$7.50' "$T/lines"
check "usage over the 12 hours before the first report" \
    grep -qx '在过去的 12 小时 0 分钟用量为：$0.5000' "$T/lines"
check "total" grep -qx '总额：$20.00' "$T/lines"
check "❌ for a failed query, with why" \
    [ "$(grep -A1 -x '❌ 账户名称2' "$T/lines" | tail -n 1)" = '查询失败：HTTP 401: Invalid Authentication' ]
check "a top-up is not usage" grep -qx '在过去的 12 小时 0 分钟用量为：$2.0000' "$T/lines"
check "total remaining over the accounts" grep -qx '总剩余：$40.50' "$T/lines"
record <"$T/morning"

# The 21:00 report: usage since the previous report, from the history.
QUOTAWATCH_NOW=2026-11-22T21:00:00Z relay 账户名称1 11.75 8.25 ok >"$T/evening"
QUOTAWATCH_NOW=2026-11-22T21:00:00Z notify "$T/evening" ok --when always
check "the evening report exits 0" [ "$st" = 0 ]
check "unsigned without FEISHU_SECRET" [ "$(body | jq -r 'has("sign") or has("timestamp")')" = false ]
check "usage since the previous report" \
    grep -qx '在过去的 12 小时 0 分钟用量为：$0.7500' <(lines)

# A first report with no earlier observation in the history says so.
QUOTAWATCH_DB="$T/fresh.db" QUOTAWATCH_NOW=2026-11-22T21:00:00Z notify "$T/evening" ok \
    --when always --name first
check "first report, no history: 首次报告，暂无时段用量 where the usage goes" \
    [ "$(lines | grep -A1 -x '已用：$8.25' | tail -n 1)" = '首次报告，暂无时段用量' ]

# The worked vectors of notifiers.md §2, through the real tool.
QUOTAWATCH_NOW=1970-01-01T00:01:40Z FEISHU_SECRET=demo notify /dev/null ok --test
check "vector: demo, 100" [ "$(body | jq -r .timestamp)/$(body | jq -r .sign)" = \
    "100/jquNHnVOwmDRfw+vqTIrY5dooJAgi5EcRtLsQE4wfXg=" ]
QUOTAWATCH_NOW=2020-09-06T02:47:53Z FEISHU_SECRET=demo notify /dev/null ok --test
check "vector: demo, 1599360473" [ "$(body | jq -r .sign)" = "l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=" ]
check "--test is a text message" [ "$(body | jq -r '.msg_type + " " + (.content.text | test("test message") | tostring)')" = "text true" ]

# Alerts once, recovery once (the delivery memory).
relay 账户名称1 4 16 warning >"$T/low"
relay 账户名称1 15 5 ok >"$T/ok"
n=$(sent)
notify "$T/low" ok --name alerts
notify "$T/low" ok --name alerts
check "an alert is sent once" [ "$st/$(($(sent) - n))" = 2/1 ]
check "the warning line" grep -q '^⚠️ 余额偏低' <(lines)
notify "$T/ok" ok --name alerts
notify "$T/ok" ok --name alerts
check "the recovery is sent once" [ "$(($(sent) - n))" = 2 ]
check "the recovery line" grep -qx '✅ 已恢复正常' <(lines)

# Business failures come in an HTTP 200: code != 0 is a failure with its meaning.
log_count() { grep -c "$1-$canary" "$T/requests.log"; }
notify "$T/ok" badsign --when always --name f1
check "19021: exit 1, not retried" [ "$st/$(log_count badsign)" = 1/1 ]
check "19021: the meaning" grep -q '^notify-feishu: f1: HTTP 200: code 19021 (sign match fail.*check FEISHU_SECRET and the clock' "$T/err"
notify "$T/ok" keyword --when always --name f2
check "19024: exit 1" [ "$st/$(log_count keyword)" = 1/1 ]
check "19024: the meaning" grep -q 'custom keyword' "$T/err"
notify "$T/ok" toobig --when always --name f3
check "9499 in HTTP 400: exit 1, not retried" [ "$st/$(log_count toobig)" = 1/1 ]
notify "$T/ok" notjson --when always --name f4
check "HTTP 200 that is not JSON: exit 1" [ "$st" = 1 ]
notify "$T/ok" limited --when always --name f5
check "11232 rate limit: retried, delivered" [ "$st/$(log_count limited)" = 0/2 ]
notify "$T/ok" error500 --when always --name f6
check "HTTP 500: retried, delivered" [ "$st/$(log_count error500)" = 0/2 ]
notify "$T/ok" closed --when always --name f7
check "closed connection: retried, delivered" [ "$st/$(log_count closed)" = 0/2 ]

# A run too long for 20 KB keeps the title, the total and the note.
for i in $(seq -w 1 400); do relay "account-with-a-long-name-$i" 12.5 7.5 ok; done >"$T/many"
notify "$T/many" ok --when always --name many
check "the body stays within 20 KB" [ "$(tail -n 1 "$T/requests.log" | jq -r .headers[\"content-length\"])" -le 20000 ]
check "it says what was left out" grep -q '^……另有 [0-9]* 行因消息长度限制未显示$' <(lines)
check "the total of all accounts stays" grep -qx '总剩余：$5000.00' <(lines)

# --dry-run: the request with the URL and secret redacted, nothing sent.
n=$(sent)
FEISHU_SECRET=$secret notify "$T/ok" ok --when always --dry-run
check "--dry-run sends nothing" [ "$(sent)" = "$n" ]
check "--dry-run shows the redacted URL" grep -qF "POST $URL/[redacted]" "$T/err"
check "--dry-run shows the signed body" grep -q '^{"timestamp":"[0-9]*","sign":"[A-Za-z0-9+/]\{43\}=",' "$T/err"
check "--dry-run shows the body" grep -q '"msg_type":"post"' "$T/err"

# The secret from a file (mode 0600 only).
key_file "$T/secret" demo
QUOTAWATCH_NOW=1970-01-01T00:01:40Z notify /dev/null ok --test --secret-file "$T/secret"
check "--secret-file" [ "$(body | jq -r .sign)" = "jquNHnVOwmDRfw+vqTIrY5dooJAgi5EcRtLsQE4wfXg=" ]
chmod 640 "$T/secret"
notify /dev/null ok --test --secret-file "$T/secret"
check "a group-readable secret file is refused" [ "$st" = 1 ]
check "with how to fix it" grep -q 'chmod 600' "$T/err"

check "the token and the secret are in no output" \
    [ "$(grep -c -e "$canary" -e "$secret" "$T/all")" = 0 ]
check "nor in the database" [ "$(cat "$T/state.db"* | grep -a -c -e "$canary" -e "$secret")" = 0 ]
finish

# The upgrade from 0.1.0 (issue 17): a 0.1.0 user's database (tests/data/
# upgrade/0.1.0.sql, made by the 0.1.0 tools, see make-0.1.0.sh there) opened
# by these tools.  The same series, each one's previous observation found,
# no message sent twice, nothing written twice; a newer database refused.
#
# Every issue that changes a stored format (a migration) extends this test
# with one block in the section "Migrations since 0.1.0" below, headed by
# its issue number: what its migration changes in 0.1.0's answers (appended
# to the jq filter $expect, which maps 0.1.0's history --last lines to
# these tools'), and its own checks on the upgraded database.
. "$(dirname "$0")/lib.sh"
. "$here/../data/upgrade/job.sh"
up="$here/../data/upgrade"
db="$T/upgraded.db"
export QUOTAWATCH_DB=$db QUOTAWATCH_KEYS="$T/keys"
sqlite3 "$db" <"$up/0.1.0.sql"
count() { sqlite3 "$1" "SELECT count(*) FROM $2"; }
check "the fixture is 0.1.0's database: schema version 3" \
    [ "$(sqlite3 "$db" 'PRAGMA user_version')/$(count "$db" usage_snapshots)" = 3/55 ]
snapshots=55                     # rows of usage_snapshots after the upgrade
memory=$(count "$db" notify_state)
expect='.'                       # 0.1.0's history --last line -> these tools'
last_now=2026-11-21T13:30:00Z    # the time 0.1.0-last.txt was taken at
cp "$db" "$T/0.1.0.db"

# ---- Migrations since 0.1.0: one block per issue ----

# Issue 19: notify_state gains "absent", the runs of its provider and account
# a remembered series has been missing from (quotawatch(7) NOTIFICATIONS);
# no answer of 0.1.0 changes.  Checked below: every series starts at 0.
absent_after() { sqlite3 "$db" 'SELECT DISTINCT absent FROM notify_state'; }

# ---- The checks every migration must pass ----
# The first tool to open the database migrates it.
QUOTAWATCH_NOW=$last_now run "$QW_BIN/recall" --last
check "recall --last on the 0.1.0 database: ran" sh -c "[ $st -le 2 ] && [ ! -s '$T/err' ]"
version=$(sqlite3 "$db" 'PRAGMA user_version')
check "migrated to a newer schema version" [ "$version" -ge 3 ]
check "integrity" [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ]
check "no snapshot lost or added" [ "$(count "$db" usage_snapshots)" = "$snapshots" ]
check "no delivery memory lost" [ "$(count "$db" notify_state)" = "$memory" ]
check "issue 19: every remembered series starts absent 0" [ "$(absent_after)" = 0 ]
cp "$T/out" "$T/last"
series='([.provider, .account, .kind, .window // ""] | join("/"))'
jq -r "$expect | $series" "$up/0.1.0-last.txt" | sort >"$T/series.want"
jq -r "$series" "$T/last" | sort >"$T/series.got"
check "recall --last: the same series, none forked" cmp -s "$T/series.want" "$T/series.got"
jq -c "$expect" "$up/0.1.0-last.txt" | sort >"$T/last.want"
jq -c . "$T/last" | sort >"$T/last.got"
check "recall --last: the same newest snapshot of each" cmp -s "$T/last.want" "$T/last.got"
sqlite3 "$db" .dump >"$T/dump.1"
QUOTAWATCH_NOW=$last_now run "$QW_BIN/recall" --last
sqlite3 "$db" .dump >"$T/dump.2"
check "a second open changes nothing (each migration runs once)" cmp -s "$T/dump.1" "$T/dump.2"

# evaluate --db: each series' previous observation is its newest snapshot.
export QUOTAWATCH_NOW=2026-11-22T00:00:00Z
jq -c 'select(.status == "ok") | {ts: env.QUOTAWATCH_NOW, provider, account, kind, window, unit,
    remaining, used, limit, used_pct, resets_at, status} | with_entries(select(.value != null))' \
    "$T/last" >"$T/obs"
run_in "$T/obs" evaluate --db "$db"
check "evaluate --db on the upgraded database: ran" sh -c "[ $st -le 2 ] && [ ! -s '$T/err' ]"
numbers='({ts, remaining, used, limit, used_pct, resets_at} | with_entries(select(.value != null)))'
jq -c "select(.status == \"ok\") | [$series, $numbers]" "$T/last" | sort >"$T/prev.want"
jq -c "[$series, .prev]" "$T/out" | sort >"$T/prev.got"
check "evaluate --db finds each series' previous observation" cmp -s "$T/prev.want" "$T/prev.got"
check "... for every series it had" [ "$(wc -l <"$T/prev.got")" -ge 11 ]

# The job runs on after the upgrade with the same answers as its last run:
# Discord and SMTP had delivered everything and send nothing; Feishu owed
# the recoveries, the top-up and the resets of its failed last run, and sends
# them once.  The second run sends nothing anywhere.
mkdir -p "$T/keys"
job_keys
posts() { cat "$T/requests.log" 2>/dev/null | grep -c "\"path\": \"$1"; }
mails() { cat "$T/mail.log" 2>/dev/null | grep -c '"file"'; }
job_run "$up/0.1.0-routes.json" ok ok
cp "$T/requests.log" "$T/requests.1"
check "first run after the upgrade: every stage ran" [ "$job_status" = "0 2 2 2 2 2" ]
check "... Discord: no message (nothing changed since its last delivery)" \
    [ "$(posts /api/webhooks)" = 0 ]
check "... SMTP: no mail" [ "$(mails)" = 0 ]
check "... Feishu: one message, what its failed run owed" [ "$(posts /open-apis)" = 1 ]
grep /open-apis "$T/requests.log" | jq -r '.body | fromjson | .content.post.zh_cn.content[][] | .text' \
    >"$T/feishu.txt"
check "... which tells the owed top-up once" [ "$(grep -c '💰 已充值' "$T/feishu.txt")" = 1 ]
check "... the two owed resets" [ "$(grep -c '🔄 额度已重置' "$T/feishu.txt")" = 2 ]
check "... and the three recoveries it never delivered" [ "$(grep -c '已恢复正常' "$T/feishu.txt")" = 3 ]
QUOTAWATCH_NOW=2026-11-22T00:05:00Z job_run "$up/0.1.0-routes.json" ok ok
check "second run: every stage ran" [ "$job_status" = "0 2 2 2 2 2" ]
check "second run: no message on any channel" \
    [ "$(($(posts /api/webhooks) + $(posts /open-apis) - 1))/$(mails)" = 0/0 ]
check "the job's runs said nothing on stderr" [ ! -s "$T/job.log" ]
QUOTAWATCH_NOW=2026-11-22T00:10:00Z run "$QW_BIN/recall" --last
jq -r "$series" "$T/out" | sort >"$T/series.after"
check "after two runs: still the same series" cmp -s "$T/series.want" "$T/series.after"

# A database from a newer quotawatch is refused, untouched, by every tool
# that opens one, with one line naming the file and both versions.
newer="$T/newer.db"
cp "$T/0.1.0.db" "$newer"
sqlite3 "$newer" 'PRAGMA user_version = 99'
sqlite3 "$newer" .dump >"$T/newer.before"
echo '{"ts":"2026-11-22T00:00:00Z","provider":"moonshot","account":"home","kind":"balance","unit":"USD","remaining":1,"status":"ok","level":"warning"}' >"$T/one"
for cmd in "record" "$QW_BIN/recall --last" "evaluate" "notify-discord --dry-run" \
    "notify-feishu --dry-run" "notify-smtp --dry-run"; do
    DISCORD_WEBHOOK_URL=http://127.0.0.1:1/api/webhooks/1/x FEISHU_WEBHOOK_URL=http://127.0.0.1:1/x \
        SMTP_URL=smtp://127.0.0.1:1 MAIL_FROM=a@example.org MAIL_TO=b@example.org \
        run_in "$T/one" $cmd --db "$newer"
    check "${cmd##*/} on a newer database: exit 1" [ "$st" = 1 ]
    check "${cmd##*/} on a newer database: one line naming it and both versions" \
        sh -c "[ \$(wc -l <'$T/err') = 1 ] && grep -q '$newer: schema version 99 .*($version)' '$T/err'"
done
sqlite3 "$newer" .dump >"$T/newer.after"
check "the newer database is untouched" cmp -s "$T/newer.before" "$T/newer.after"
finish

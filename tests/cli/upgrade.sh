# The upgrade from 0.1.0 (issue 17): a 0.1.0 user's database (tests/data/
# upgrade/0.1.0.sql, made by the 0.1.0 tools, see make-0.1.0.sh there) opened
# by these tools.  The same series, each one's previous observation found,
# no message sent twice, nothing written twice; a newer database refused.
#
# Every issue that changes a stored format (a migration) extends this test
# with a block, headed by its issue number, in each of the two sections
# "Migrations since 0.1.0": before the upgrade, what its migration changes
# (appended to the jq filter $expect, which maps 0.1.0's history --last lines
# to these tools'; or series whose newest row it changes, added to $changed
# and checked by the block itself); after it, its own checks.
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
changed='^$'                     # series (regex) whose newest row a migration changes
last_now=2026-11-21T13:30:00Z    # the time 0.1.0-last.txt was taken at
cp "$db" "$T/0.1.0.db"

# ---- Migrations since 0.1.0: what each changes ----

# Issue 20 (version 5): timestamps stored in UTC.  0.1.0 stored a ts as
# written: the user's +08:00 rows sort after moonshot/work's true newest, and
# "not a time" (added here as 0.1.0's record stored it) sorted newest of all.
# The zone-less seed-003 rows are read in TZ (UTC here).
sqlite3 "$db" "INSERT INTO usage_snapshots (timestamp, provider, account, remaining)
    VALUES ('not a time', 'moonshot', 'work', 99)"
changed='^(moonshot/work|anthropic/default)/balance/$'

# Issue 19 (version 4): notify_state gains "absent", the runs of its provider and account
# a remembered series has been missing from (quotawatch(7) NOTIFICATIONS);
# no answer of 0.1.0 changes.  Checked below: every series starts at 0.
absent_after() { sqlite3 "$db" 'SELECT DISTINCT absent FROM notify_state'; }

# Issue 19 (version 6): usage_snapshots gains window_end, the end of the window
# each quota observation was counted in (quotawatch(7) NOTIFICATIONS); every
# 0.1.0 row keeps NULL there (its resets_at stands for it) and no answer of
# 0.1.0 changes.  Checked below: NULL before the job, set by its runs.  And
# notify_parts, the parts of a long Discord message sent before a later one
# failed: none in a 0.1.0 memory.
counted="usage_snapshots WHERE kind = 'quota' AND resets_at IS NOT NULL AND window_end"
quota_rows=$(count "$db" "usage_snapshots WHERE kind = 'quota' AND resets_at IS NOT NULL")

# Issue 22 (version 7): notify_owed, the mail a recipient refused for now
# (4xx), owed to it alone; 0.1.0 owed none.  No answer of 0.1.0 changes.

# Issue 25 (parts names, no migration): the rows keep the names they were
# stored with; every reader maps the older ones (quotawatch-record(5) HISTORY):
# DeepSeek's granted and topped_up are read as voucher and cash.
expect="$expect | if .parts then .parts |= with_entries(.key |= ({granted: \"voucher\",
    topped_up: \"cash\", gift: \"voucher\", charge: \"cash\"}[.] // .)) else . end"

# Issue 24 (version 8): seed 003's rows adopted as its monitor.py wrote them
# (tests/data/seed003/make-monitor-db.py): zone-less times (version 5 leaves
# them to version 8), its provider names (GLM, Anthropic), its statuses
# (warning, info).  Two such rows, older than their series' newest, join their
# series (none forked); no newest row changes.
sqlite3 "$db" "INSERT INTO usage_snapshots (timestamp, provider, used, remaining, currency, status)
    VALUES ('2026-02-11 16:30:00', 'GLM', 179, 21, 'CNY', 'warning'),
           ('2026-02-11 16:30:00', 'Anthropic', NULL, NULL, 'USD', 'info')"
snapshots=$((snapshots + 2))

# Issue 25 (version 9): a money series' unit is part
# of its identity.  DeepSeek's currency, which 0.1.0 also wrote as the
# window, is its unit only (deepseek/two keeps its CNY and USD series), and
# MiniMax's 4-hour Token Plan interval is the plan's 5h window.  The
# notifiers' memory is renamed with them: checked below, and by the job's
# first run after the upgrade, which sends nothing new.
expect="$expect"' | if .provider == "deepseek" and .kind == "balance" then del(.window) else . end
    | if .provider == "minimax" and .window == "4h" then .window = "5h" else . end'

# Issue 28 (version 10, metrics): series_events, per series the reset and top-up
# events counted so far for metrics' counters (metrics(1)), kept
# when record --keep prunes; empty after the upgrade (nothing counted yet).
# No answer of 0.1.0 changes.  Checked below: metrics fills it, once.
# Issue 28 (version 11, notify-alertmanager): notify_state gains "since",
# since when a channel has delivered a series at its level (the startsAt of
# notify-alertmanager's alerts); 0.1.0's rows have none (NULL), which the
# next delivery sets.  No answer of 0.1.0 changes.  Checked below: NULL
# before the job, set by its deliveries.
since_null="notify_state WHERE since IS NULL AND sent_at IS NOT NULL"
# Issue 27 (version 12, dashboard): series_hours, per series and hour what
# the dashboard's 30d and 1y charts draw (dashboard(1)), and hours_to in
# series_events, the newest snapshot tallied by the hour; empty after the
# upgrade: the first tally (metrics, dashboard or record --keep) reads every
# row once.  No answer of 0.1.0 changes.  Checked below: metrics tallies the
# hours too; a database tallied before version 12 (counters, no hours) gets
# the same hours from dashboard, and no event is counted twice.

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
unchanged="select($series | test(\"$changed\") | not)"
jq -c "$expect | $unchanged" "$up/0.1.0-last.txt" | sort >"$T/last.want"
jq -c "$unchanged" "$T/last" | sort >"$T/last.got"
check "recall --last: the same newest snapshot of each" cmp -s "$T/last.want" "$T/last.got"
sqlite3 "$db" .dump >"$T/dump.1"
QUOTAWATCH_NOW=$last_now run "$QW_BIN/recall" --last
sqlite3 "$db" .dump >"$T/dump.2"
check "a second open changes nothing (each migration runs once)" cmp -s "$T/dump.1" "$T/dump.2"

# ---- Migrations since 0.1.0: their own checks ----
newest() { jq -r "select($series == \"$1\") | .ts + \" \" + (.remaining | tostring)" "$T/last"; }

# Issue 20 (version 5)
check "UTC: every stored timestamp is in UTC" [ "$(sqlite3 "$db" "SELECT count(*) FROM \
    usage_snapshots WHERE timestamp NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'")" = 0 ]
check "UTC: the +08:00 rows converted" [ "$(sqlite3 "$db" "SELECT group_concat(timestamp, ' ') \
    FROM (SELECT timestamp FROM usage_snapshots WHERE remaining IN (12.5, 12.1) ORDER BY id)")" \
    = "2026-11-20T14:00:00Z 2026-11-21T11:00:00Z" ]
check "UTC: seed 003's zone-less rows converted" \
    [ "$(sqlite3 "$db" "SELECT count(*) FROM usage_snapshots WHERE timestamp GLOB '2026-02-12T*Z'")" = 5 ]
check "UTC: the row that is no time is set aside, kept" \
    [ "$(sqlite3 "$db" "SELECT timestamp, remaining FROM usage_snapshots_set_aside")" = "not a time|99.0" ]
check "UTC: moonshot/work's newest is its true newest (13:00Z), not a +08:00 row" \
    [ "$(newest moonshot/work/balance/)" = "2026-11-21T13:00:00Z 12" ]
check "UTC: seed 003's N/A row keeps its series" \
    [ "$(newest anthropic/default/balance/)" = "2026-02-12T16:30:00Z null" ]

# Issue 19 (version 6)
check "window_end: every row from 0.1.0 has none" \
    [ "$(count "$db" "$counted IS NOT NULL")/$(count "$db" "$counted IS NULL")" = "0/$quota_rows" ]
check "notify_parts: created, empty" [ "$(count "$db" notify_parts)" = 0 ]

# Issue 22 (version 7); the job's first run below checks that SMTP sends nothing.
check "issue 22: no mail owed to anyone after the upgrade" [ "$(count "$db" notify_owed)" = 0 ]

# Issue 25 (parts names)
check "parts: the stored rows keep DeepSeek's old names" [ "$(sqlite3 "$db" "SELECT count(*) \
    FROM usage_snapshots WHERE parts LIKE '%topped_up%'")" = "$(count "$T/0.1.0.db" \
    "usage_snapshots WHERE parts LIKE '%topped_up%'")" ]
QUOTAWATCH_NOW=$last_now run "$QW_BIN/recall" --raw --provider deepseek --since 30d
check "parts: recall --raw reads them as voucher and cash" [ "$st/$(jq -r '.parts | keys |
    join(",")' "$T/out" | sort -u)" = 0/cash,voucher ]
check "parts: ... every DeepSeek row" [ "$(wc -l <"$T/out")" = "$(count "$T/0.1.0.db" \
    "usage_snapshots WHERE provider = 'deepseek'")" ]

# Issue 24 (version 8)
check "issue 24: seed 003's GLM and Anthropic rows join glm and anthropic, warning and info read" \
    [ "$(sqlite3 "$db" "SELECT timestamp, provider, status, level FROM usage_snapshots
        WHERE json_extract(written, '$.provider') IN ('GLM', 'Anthropic') ORDER BY id")" \
    = "2026-02-11T16:30:00Z|glm|ok|warning
2026-02-11T16:30:00Z|anthropic|na|" ]
check "issue 24: each adopted row keeps what was written" [ "$(sqlite3 "$db" "SELECT written \
    FROM usage_snapshots WHERE provider = 'anthropic' AND timestamp = '2026-02-11T16:30:00Z'")" \
    = '{"timestamp":"2026-02-11 16:30:00","provider":"Anthropic","status":"info"}' ]
check "issue 24: 0.1.0's own zone-less rows keep theirs too" [ "$(sqlite3 "$db" "SELECT count(*) \
    FROM usage_snapshots WHERE json_extract(written, '$.timestamp') GLOB '2026-02-12 16:3*'")" = 5 ]
check "issue 24: the rows these tools wrote have nothing in written" [ "$(sqlite3 "$db" \
    "SELECT count(*) FROM usage_snapshots WHERE written IS NULL")" = $((snapshots - 7)) ]
# Seed 003's monitor.db as its script writes it (times in Asia/Shanghai, some
# with a space, some isoformat() with microseconds) answers recall as our own
# database of the same observations, recorded through record.
seed003="$here/../data/seed003"
/usr/bin/python3 "$seed003/make-monitor-db.py" "$T/monitor.db"
run_in "$seed003/observations.ndjson" record --db "$T/own.db"
for question in "--since 24h" --raw --last; do
    for which in monitor own; do
        TZ=Asia/Shanghai QUOTAWATCH_NOW=2026-02-12T20:00:00Z \
            run "$QW_BIN/recall" --db "$T/$which.db" $question
        cp "$T/out" "$T/$which.recall"
    done
    check "issue 24: seed 003's monitor.db: recall $question as our own database's" \
        sh -c "[ \$(wc -l <'$T/own.recall') -ge 3 ] && cmp -s '$T/own.recall' '$T/monitor.recall'"
done

# Issue 25 (version 9)
rows() { sqlite3 "$db" "SELECT count(*) FROM usage_snapshots WHERE $1"; }
check "issue 25: no DeepSeek row has its currency as its window" \
    [ "$(rows "provider = 'deepseek' AND \"window\" <> ''")" = 0 ]
check "issue 25: the DeepSeek rows keep their currency as their unit" \
    [ "$(rows "provider = 'deepseek' AND currency IN ('CNY', 'USD')")" = "$(rows "provider = 'deepseek'")" ]
check "issue 25: MiniMax's 4h rows are 5h" \
    [ "$(rows "provider = 'minimax' AND \"window\" = '4h'")/$(rows "provider = 'minimax' AND \"window\" = '5h'")" = 0/4 ]
check "issue 25: deepseek/two is still two series, CNY and USD" \
    [ "$(jq -r 'select(.provider == "deepseek" and .account == "two") | "\(.unit)=\(.remaining)"' "$T/last" | sort | tr '\n' ' ')" = "CNY=3.3 USD=19.5 " ]
memory_keys() { sqlite3 "$db" "SELECT group_concat(series, ' ') FROM (SELECT series FROM notify_state WHERE channel = '$1' AND series GLOB '$2' ORDER BY series)"; }
check "issue 25: the notifiers' memory of DeepSeek is keyed by unit" \
    [ "$(memory_keys discord 'deepseek/*')" = "deepseek/default/balance//CNY deepseek/two/balance//CNY deepseek/two/balance//USD" ]
check "issue 25: ... of MiniMax's interval, 5h; of its balance, with its unit" \
    [ "$(memory_keys discord 'minimax/*')" = "minimax/default/balance//CNY minimax/default/quota/5h" ]
check "issue 25: every remembered money series has its unit" \
    [ "$(sqlite3 "$db" "SELECT count(*) FROM notify_state WHERE series GLOB '*/balance/*' AND series NOT GLOB '*/balance/*/*'")" = 0 ]

# Issue 28 (version 10, metrics)
check "issue 28: series_events is there, empty" [ "$(count "$db" series_events)" = 0 ]
QUOTAWATCH_NOW=$last_now run "$QW_BIN/metrics" --db "$db"
check "issue 28: metrics on the upgraded database: exit 0, nothing on stderr" \
    sh -c "[ $st = 0 ] && [ ! -s '$T/err' ]"
cp "$T/out" "$T/metrics.1"
check "issue 28: a tally for every series with a value (none for a status na)" \
    [ "$(count "$db" series_events)" = "$(grep -c '"status":"ok"' "$T/last")" ]
check "issue 28: a counter for each" \
    [ "$(grep -c '^quotawatch_resets_total{' "$T/metrics.1")" = "$(wc -l <"$T/last")" ]
QUOTAWATCH_NOW=$last_now run "$QW_BIN/metrics" --db "$db"
check "issue 28: a second run counts nothing twice" cmp -s "$T/metrics.1" "$T/out"
# Issue 28 (version 11, notify-alertmanager)
check "issue 28: notify_state has since, NULL in every row of 0.1.0" \
    [ "$(count "$db" "notify_state WHERE since IS NOT NULL")" = 0 ]
# Issue 27 (version 12, dashboard)
hours() { sqlite3 "$db" 'SELECT * FROM series_hours ORDER BY series, hour'; }
check "issue 27: metrics tallied the hours of every series it counted" [ "$(sqlite3 "$db" \
    'SELECT count(DISTINCT series) FROM series_hours')" = "$(count "$db" series_events)" ]
hours >"$T/hours.1"
sqlite3 "$db" 'UPDATE series_events SET hours_to = NULL; DELETE FROM series_hours'
QUOTAWATCH_NOW=$last_now run "$QW_BIN/dashboard" --db "$db" --output "$T/dashboard.html"
check "issue 27: dashboard on a database with counters and no hours: exit 0, nothing on stderr" \
    sh -c "[ $st = 0 ] && [ ! -s '$T/err' ]"
check "issue 27: it tallied the same hours" [ "$(hours)" = "$(cat "$T/hours.1")" ]
QUOTAWATCH_NOW=$last_now run "$QW_BIN/metrics" --db "$db"
check "issue 27: and counted no event twice" cmp -s "$T/metrics.1" "$T/out"

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
# Discord and SMTP had delivered everything and send only the GLM wallet's
# recovery (issue 25: a wallet has no limit, and 17.50 yuan is above the
# absolute default); Feishu owed the recoveries, the top-up and the resets of
# its failed last run, and sends them once with that one.  The second run
# sends nothing anywhere.
mkdir -p "$T/keys"
job_keys
posts() { cat "$T/requests.log" 2>/dev/null | grep -c "\"path\": \"$1"; }
mails() { cat "$T/mail.log" 2>/dev/null | grep -c '"file"'; }
before_job=$(sqlite3 "$db" 'SELECT max(id) FROM usage_snapshots')
job_run "$up/0.1.0-routes.json" ok ok
cp "$T/requests.log" "$T/requests.1"
check "first run after the upgrade: every stage ran" [ "$job_status" = "0 2 2 2 2 2" ]
check "... Discord: one message, the GLM wallet's recovery alone" \
    [ "$(posts /api/webhooks)/$(grep /api/webhooks "$T/requests.log" | grep -c 'recovered')" = 1/1 ]
check "... SMTP: one mail" [ "$(mails)" = 1 ]
check "... and none owed (issue 22)" [ "$(count "$db" notify_owed)" = 0 ]
check "... Feishu: one message, what its failed run owed" [ "$(posts /open-apis)" = 1 ]
grep /open-apis "$T/requests.log" | jq -r '.body | fromjson | .content.post.zh_cn.content[][] | .text' \
    >"$T/feishu.txt"
check "... which tells the owed top-up once" [ "$(grep -c '💰 已充值' "$T/feishu.txt")" = 1 ]
check "... the two owed resets" [ "$(grep -c '🔄 额度已重置' "$T/feishu.txt")" = 2 ]
check "... and the three recoveries it never delivered, and the GLM wallet's" \
    [ "$(grep -c '已恢复正常' "$T/feishu.txt")" = 4 ]
QUOTAWATCH_NOW=2026-11-22T00:05:00Z job_run "$up/0.1.0-routes.json" ok ok
check "second run: every stage ran" [ "$job_status" = "0 2 2 2 2 2" ]
check "second run: no message on any channel" \
    [ "$(($(posts /api/webhooks) + $(posts /open-apis) - 2))/$(($(mails) - 1))" = 0/0 ]
check "the job's runs said nothing on stderr" [ ! -s "$T/job.log" ]
check "issue 19: each quota row the job wrote carries the window it was counted in" \
    [ "$(count "$db" "$counted IS NULL")/$(count "$db" "$counted IS NOT NULL AND id > $before_job")" \
      = "$quota_rows/$(count "$db" "$counted IS NOT NULL")" ]
check "... and it wrote some" [ "$(count "$db" "$counted IS NOT NULL")" -gt 0 ]
check "issue 28: each series a channel delivered after the upgrade has its since" \
    [ "$(count "$db" "$since_null AND sent_at >= '2026-11-22T00:00:00Z'")" = 0 ]
check "... and there are such series" \
    [ "$(count "$db" "notify_state WHERE since >= '2026-11-22T00:00:00Z'")" -gt 0 ]
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
for cmd in "record" "$QW_BIN/recall --last" "$QW_BIN/metrics" "evaluate" "notify-discord --dry-run" \
    "notify-feishu --dry-run" "notify-smtp --dry-run" "notify-alertmanager --dry-run"; do
    ALERTMANAGER_URL=http://127.0.0.1:1 DISCORD_WEBHOOK_URL=http://127.0.0.1:1/api/webhooks/1/x FEISHU_WEBHOOK_URL=http://127.0.0.1:1/x \
        SMTP_URL=smtp://127.0.0.1:1 MAIL_FROM=a@example.org MAIL_TO=b@example.org \
        run_in "$T/one" $cmd --db "$newer"
    check "${cmd##*/} on a newer database: exit 1" [ "$st" = 1 ]
    check "${cmd##*/} on a newer database: one line naming it and both versions" \
        sh -c "[ \$(wc -l <'$T/err') = 1 ] && grep -q '$newer: schema version 99 .*($version)' '$T/err'"
done
sqlite3 "$newer" .dump >"$T/newer.after"
check "the newer database is untouched" cmp -s "$T/newer.before" "$T/newer.after"
finish

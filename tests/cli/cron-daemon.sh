# deployment test: the first pass of make check only.
# The installed watch-all cron file under Debian's real cron daemon, in the
# foreground, in a private mount namespace (its own /run, /etc/cron.d,
# /etc/crontab, /var/spool/cron, passwd/group/shadow with a quotawatch user,
# and a sendmail that keeps cron's mail here): no host user, no host file
# touched.  Installed with PREFIX=/usr PROGRAM_PREFIX=qw-, run every minute
# against a loopback Moonshot that is up, down twice, up again.  Delivered:
# nothing on a good run, one message when the error starts, none while it
# lasts, one when it ends; cron mails nothing.  About four minutes: cron runs
# jobs on the minute.
. "$(dirname "$0")/lib.sh"
top=$(cd "$here/../.." && pwd)
if [ "$(id -u)" != 0 ] || [ ! -x /usr/sbin/cron ] || ! command -v unshare >/dev/null; then
    skip "every check" "needs root, Debian's cron (/usr/sbin/cron) and unshare"
    finish
    exit 0
fi
chmod 755 "$T"                          # the job runs as quotawatch
root="$T/root"
DESTDIR="$root" PREFIX=/usr PROGRAM_PREFIX=qw- "$top/bin/install.sh" install "$QW_BIN" \
    >/dev/null 2>"$T/err"
check "installed with PREFIX=/usr PROGRAM_PREFIX=qw-" [ -x "$root/usr/bin/qw-fetch-moonshot" ]

ok='{"code": 0, "status": true, "data": {"available_balance": 12.34}}'
cat >"$T/routes.json" <<ROUTES
{"GET /v1/users/me/balance": [{"once": true, "json": $ok},
    {"once": true, "status": 502, "text": "<html>502 Bad Gateway</html>"},
    {"once": true, "status": 502, "text": "<html>502 Bad Gateway</html>"},
    {"json": $ok}],
 "POST /api/webhooks/4711/ok-hook": {"json": {"id": "1", "type": 0, "content": ""}}}
ROUTES
start_server "$T/routes.json"

# The quotawatch user of this namespace, its state and environment file.
uid=64990
while getent passwd "$uid" >/dev/null || getent group "$uid" >/dev/null; do uid=$((uid + 1)); done
{ cat /etc/passwd; echo "quotawatch:x:$uid:$uid::$T/home:/bin/bash"; } >"$T/passwd"
{ cat /etc/group; echo "quotawatch:x:$uid:"; } >"$T/group"
{ cat /etc/shadow 2>/dev/null; echo "quotawatch:*:20000:0:99999:7:::"; } >"$T/shadow"
chmod 640 "$T/shadow"
mkdir -p "$T/home" "$T/state" "$T/logs" "$T/keys" "$T/mail" "$T/cron.d" "$T/spool/crontabs"
cat >"$T/env" <<ENV
MOONSHOT_API_KEY=sk-good
MOONSHOT_BASE_URL=$URL
DISCORD_WEBHOOK_URL=$URL/api/webhooks/4711/ok-hook
QUOTAWATCH_KEYS=$T/keys
QUOTAWATCH_STATE=$T/state
QUOTAWATCH_LOGS=$T/logs
ENV
chmod 600 "$T/env"
chown -R "$uid:$uid" "$T/home" "$T/state" "$T/logs" "$T/keys" "$T/env"
chmod 1777 "$T/mail"

# The installed cron file, every minute, with this test's paths; and a
# probe line whose output cron does mail, to show the mail is caught.
sed -e 's|^\*/5 \* \* \* \*|* * * * *|' -e "s|/var/lib/quotawatch|$T/state|g" \
    -e "s|/usr/share/quotawatch|$root/usr/share/quotawatch|g" \
    -e "s|^PATH=/usr/bin:|PATH=$root/usr/bin:|" -e "s|^QUOTAWATCH_ENV=.*|QUOTAWATCH_ENV=$T/env|" \
    "$root/usr/share/quotawatch/cron.d/quotawatch-watch-all" >"$T/cron.d/quotawatch-watch-all"
echo '* * * * * quotawatch echo cron-mail-probe' >"$T/cron.d/quotawatch-probe"
chmod 644 "$T/cron.d"/*
: >"$T/crontab"
mkdir -p "$T/sbin-up" "$T/sbin-work"
printf '#!/bin/sh\ncat >"%s/mail.$$.$(date +%%s%%N)"\n' "$T/mail" >"$T/sbin-up/sendmail"
chmod 755 "$T/sbin-up/sendmail"

unshare -m --propagation private bash -c '
    set -e
    T=$1
    mount -t tmpfs tmpfs /run
    mount --bind "$T/cron.d" /etc/cron.d
    mount --bind "$T/crontab" /etc/crontab
    mount --bind "$T/spool" /var/spool/cron
    for f in passwd group shadow; do mount --bind "$T/$f" /etc/$f; done
    mount -t overlay overlay -o "lowerdir=/usr/sbin,upperdir=$T/sbin-up,workdir=$T/sbin-work" /usr/sbin
    exec timeout 330 /usr/sbin/cron -f -L 0' - "$T" >"$T/cron.out" 2>&1 &
cron_pid=$!
pids+=("$cron_pid")

runs() { cat "$T/logs/watch-all.log" 2>/dev/null | grep -c '^== .* watch-all$'; }
posts() { grep -c '"path": "/api/webhooks/4711/ok-hook' "$T/requests.log"; }
job_mails() { grep -L cron-mail-probe "$T/mail"/mail.* 2>/dev/null | wc -l; }
# wait_run N: until the job's Nth run has ended (its lock is free again), at
# most two cron minutes.
wait_run() {
    local i
    for i in $(seq 1200); do
        if [ "$(runs)" -ge "$1" ] && flock -n "$T/state/watch-all.lock" true; then return 0; fi
        kill -0 "$cron_pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
# A machine where cron cannot be started so (no mount namespace, say) skips
# the test and says why; one where it starts must pass it.
wait_run 1
if ! kill -0 "$cron_pid" 2>/dev/null && [ "$(runs)" = 0 ]; then
    skip "every check" "cron did not start in a private mount namespace: $(head -n 1 "$T/cron.out")"
    finish
    exit 0
fi
for n in 1 2 3 4; do
    wait_run "$n"
    check "cron ran the installed job, run $n" [ "$(runs)" -ge "$n" ]
    case $n in
    1) check "run 1 (Moonshot up): nothing delivered" [ "$(posts)" = 0 ] ;;
    2) check "run 2 (Moonshot down): one message, the error" [ "$(posts)" = 1 ] ;;
    3) check "run 3 (still down): no second message" [ "$(posts)" = 1 ] ;;
    4) check "run 4 (up again): one message, the recovery" [ "$(posts)" = 2 ] ;;
    esac
    check "run $n: cron mailed nothing of the job" [ "$(job_mails)" = 0 ]
done
check "cron's mail is caught (the probe line's)" grep -q cron-mail-probe "$T"/mail/mail.*
check "the job ran as quotawatch" [ "$(stat -c %u "$T/state/quotawatch.db")" = "$uid" ]
check "the error went to the job's log" grep -q '^qw-fetch-moonshot: \|^fetch-moonshot: ' "$T/logs/watch-all.log"
kill "$cron_pid" 2>/dev/null
finish

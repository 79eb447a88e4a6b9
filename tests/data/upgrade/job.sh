# Sourced by make-0.1.0.sh and tests/cli/upgrade.sh (after lib.sh): the keys
# and the cron job of the 0.1.0 user whose database 0.1.0.sql is.

# job_keys: the user's keys directory, $QUOTAWATCH_KEYS (routes match them).
job_keys() {
    local k
    for k in moonshot/work:ms-work moonshot/home:ms-home deepseek/default:ds-one \
        deepseek/two:ds-two kimi-code:kimi-one minimax:mm-one glm:glm-one; do
        key_file "$QUOTAWATCH_KEYS/${k%%:*}" "${k#*:}"
    done
}

# job_run ROUTES DISCORD FEISHU [SMTP-SINK-OPTION...]: one run of the user's
# watch job at $QUOTAWATCH_NOW against loopback providers answering from
# ROUTES, its webhooks (ok-upgrade or down-upgrade paths there) and a fresh
# SMTP sink ($T/mail, its log $T/mail.log).  The servers are stopped after
# the run; stderr goes to $T/job.log, the exit statuses to $job_status.
job_run() {
    local routes=$1 discord=$2 feishu=$3; shift 3
    local before=("${pids[@]}")
    make_cert
    start_server "$routes"
    rm -f "$T/mail.port"
    mkdir -p "$T/mail"
    /usr/bin/python3 "$servers/smtp_sink.py" --port-file "$T/mail.port" --dir "$T/mail" \
        --log "$T/mail.log" --cert "$T/cert.pem" --key "$T/key.pem" --user bot \
        --password pw-up "$@" &
    pids+=($!)
    wait_for [ -s "$T/mail.port" ]
    { fetch-moonshot --base-url "$URL"; fetch-deepseek --base-url "$URL"
      fetch-kimi-code --base-url "$URL"; fetch-minimax --region cn --base-url "$URL"
      fetch-glm --base-url "$URL"; fetch-budget --provider anthropic; } 2>>"$T/job.log" |
        evaluate --db "$QUOTAWATCH_DB" |
        record --tee |
        DISCORD_WEBHOOK_URL="$URL/api/webhooks/4711/$discord-upgrade" notify-discord --timeout 2 |
        FEISHU_WEBHOOK_URL="$URL/open-apis/bot/v2/hook/$feishu-upgrade" notify-feishu --timeout 2 |
        SMTP_URL="smtp://127.0.0.1:$(cat "$T/mail.port")" SMTP_USER=bot SMTP_PASSWORD=pw-up \
            MAIL_FROM=bot@example.org MAIL_TO=ops@example.org \
            notify-smtp --timeout 2 --cacert "$T/cert.pem" >/dev/null 2>>"$T/job.log"
    job_status="${PIPESTATUS[*]}"
    local p
    for p in "${pids[@]:${#before[@]}}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    pids=("${before[@]}")
}

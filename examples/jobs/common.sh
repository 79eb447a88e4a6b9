# Sourced by the jobs in this directory: the environment file and the exit
# status of a whole pipeline (0 ok, 1 error, 2 alert; see quotawatch(7)).

# The prefix the tools were installed with (make install PROGRAM_PREFIX=qw-):
# bin/install.sh writes it here, and each tool name below then calls the
# prefixed program, so the jobs name the tools plainly.
QW_PROGRAM_PREFIX=
if [ -n "$QW_PROGRAM_PREFIX" ]; then
    for qw_tool in dashboard evaluate metrics record recall render $(command "${QW_PROGRAM_PREFIX}render" --list providers |
            cut -f5 | tail -n +2 | sort -u) $(command "${QW_PROGRAM_PREFIX}render" --list channels |
            cut -f2 | tail -n +2); do
        eval "$qw_tool() { command \"\${QW_PROGRAM_PREFIX}$qw_tool\" \"\$@\"; }"
    done
    unset qw_tool
fi

# Loads QUOTAWATCH_ENV (default /etc/quotawatch/env): the keys, webhook URLs,
# passwords and settings, read as data (quotawatch(7), FILES).  A missing file
# is an error, and so is one that others may read.  Then sets STATE, LOGS
# and QUOTAWATCH_DB.
load_env() {
    local env=${QUOTAWATCH_ENV:-/etc/quotawatch/env}
    if [ ! -e "$env" ]; then
        echo "${0##*/}: $env: no environment file (make install leaves env.example beside it)" >&2
        exit 1
    fi
    read_env "$env" || exit 1
    STATE=${QUOTAWATCH_STATE:-${STATE_DIRECTORY:-/var/lib/quotawatch}}
    LOGS=${QUOTAWATCH_LOGS:-${LOGS_DIRECTORY:-/var/log/quotawatch}}
    export QUOTAWATCH_DB=${QUOTAWATCH_DB:-$STATE/quotawatch.db}
}

# read_env FILE: one KEY=VALUE per line, exported.  A line starting with #
# and a blank line are skipped; "export " before the key is allowed; one pair
# of matching outer quotes ('...' or "...") is removed.  Nothing else is
# interpreted: no $, no backquotes, no escapes, spaces kept.  The file is not
# executed, and is refused unless only its owner can read it.
read_env() {
    local env=$1 mode line key value n=0
    mode=$(stat -c %a "$env") || return 1
    if [ $((8#$mode & 8#077)) -ne 0 ]; then
        echo "${0##*/}: $env: environment file is accessible by others (mode $mode); run: chmod 600 $env" >&2
        return 1
    fi
    while IFS= read -r line || [ -n "$line" ]; do
        n=$((n + 1))
        line=${line%$'\r'}
        [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
        if [[ ! $line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
            echo "${0##*/}: $env:$n: not a KEY=VALUE line" >&2
            return 1
        fi
        key=${BASH_REMATCH[2]} value=${BASH_REMATCH[3]}
        if [[ ${#value} -ge 2 && ( $value == \"*\" || $value == \'*\' ) ]]; then
            value=${value:1:${#value}-2}
        fi
        export "$key=$value"
    done <"$env"
}

# start_log: from here on the job's stderr goes to $LOGS/JOB.log (over 1 MiB it
# moves to JOB.log.1 first), or to syslog (logger -t quotawatch-JOB) with
# QUOTAWATCH_LOG=syslog, so a lasting provider error is not mailed by cron
# every run: the notifiers announce it once when it starts and once when it
# ends.  Cron's stderr stays open as fd 3 for say_daily.  A log that cannot be
# written, or state that cannot be, is said on cron's stderr every run: spam
# before silence.
start_log() {
    local log="$LOGS/${0##*/}.log"
    exec 3>&2
    mkdir -p "$STATE" 2>/dev/null
    if [ ! -w "$STATE" ] || { [ -e "$QUOTAWATCH_DB" ] && [ ! -w "$QUOTAWATCH_DB" ]; }; then
        echo "${0##*/}: $STATE: the state cannot be written: nothing is recorded or remembered" >&2
    fi
    if [ "${QUOTAWATCH_LOG:-file}" = syslog ]; then
        exec 2> >(logger -t "quotawatch-${0##*/}")
        return
    fi
    mkdir -p "$LOGS" 2>/dev/null
    [ -f "$log" ] && [ "$(stat -c %s "$log")" -gt 1048576 ] && mv -f "$log" "$log.1"
    if { : >>"$log"; } 2>/dev/null; then
        exec 2>>"$log"
        echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ) ${0##*/}" >&2
    else
        echo "${0##*/}: $log: cannot write the log; errors go to cron's mail" >&2
    fi
}

# say_daily MESSAGE: a configuration error, in the log every run and on cron's
# stderr at most once a day per message (remembered in $STATE); every run
# when that memory cannot be written.
say_daily() {
    local memo="$STATE/.${0##*/}.said" now
    now=$(date +%s)
    echo "$1" >&2
    if [ -f "$memo" ] && [ "$(sed -n 2p "$memo")" = "$1" ] &&
        [ $((now - $(sed -n 1p "$memo"))) -lt 86400 ]; then
        return
    fi
    echo "$1" >&3
    printf '%s\n%s\n' "$now" "$1" >"$memo" 2>/dev/null
}

# need_key: a stage after the fetchers.  Passes the records on; when every
# one is "skipped" or "na" (no provider of the job has a key) it names the variables
# that were looked for, and the provider keys that are set instead (seed
# 000's MOONSHOT_API_KEY for a Kimi Code job, say), and exits 1: a job that
# can fetch nothing fails rather than record "skipped" for ever.
need_key() {
    local line fetched=0 wanted=() v set=()
    while IFS= read -r line; do
        printf '%s\n' "$line"
        if [[ $line =~ \"status\":\"skipped\".*\(([A-Z0-9_, ]+)\) ]]; then
            wanted+=("${BASH_REMATCH[1]}")
        elif [ -n "$line" ] && [[ $line != *'"status":"na"'* ]]; then
            fetched=1
        fi
    done
    [ "$fetched" = 1 ] && return 0
    for v in $(render --list providers | tail -n +2 | cut -f7 | tr ' ' '\n' | cut -d: -f1 | sort -u); do
        [ "$v" != - ] && [ -n "${!v:-}" ] && set+=("$v")
    done
    say_daily "${0##*/}: no key: set ${wanted[*]:-a provider key} in ${QUOTAWATCH_ENV:-/etc/quotawatch/env} or add a key file to the keys directory${set:+ (set instead: ${set[*]}, the key of another provider)}"
    return 1
}

# pipeline_status FIRST_JUDGING_STAGE STATUS...: 1 when a stage before the
# judging one failed or any stage ended with neither 0 nor 2; else the last
# stage's status, which answers for the run.
pipeline_status() {
    local judge=$1; shift
    local i=0 s last=0
    for s in "$@"; do
        if [ "$i" -lt "$judge" ] && [ "$s" -ne 0 ]; then return 1; fi
        if [ "$s" -ne 0 ] && [ "$s" -ne 2 ]; then return 1; fi
        last=$s
        i=$((i + 1))
    done
    return "$last"
}

# publish STATUS: after the run, what others read from the database, where
# the environment file says (nothing for a variable left unset): the
# dashboard page (QUOTAWATCH_DASHBOARD, dashboard(1)) and the metrics for
# node_exporter's textfile collector (QUOTAWATCH_METRICS, metrics(1)), each
# mode 0644 and replaced atomically.  Returns STATUS, or 1 when one of them
# cannot be written (the reason goes to the log).
publish() {
    local status=$1
    if [ -n "${QUOTAWATCH_DASHBOARD:-}" ] && ! dashboard --output "$QUOTAWATCH_DASHBOARD"; then
        echo "${0##*/}: $QUOTAWATCH_DASHBOARD: the dashboard was not written" >&2
        status=1
    fi
    if [ -n "${QUOTAWATCH_METRICS:-}" ] &&
        ! metrics --db "$QUOTAWATCH_DB" --output "$QUOTAWATCH_METRICS"; then
        echo "${0##*/}: $QUOTAWATCH_METRICS: the metrics were not written" >&2
        status=1
    fi
    return "$status"
}

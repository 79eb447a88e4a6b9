# Sourced by the jobs in this directory: the environment file and the exit
# status of a whole pipeline (0 ok, 1 error, 2 alert; see quotawatch(7)).

# Loads QUOTAWATCH_ENV (default /etc/quotawatch/env): KEY=value lines with
# the keys, webhook URLs and passwords.  Refused unless only its owner can
# read it, like a key file.  Then sets STATE, LOGS and QUOTAWATCH_DB.
load_env() {
    local env=${QUOTAWATCH_ENV:-/etc/quotawatch/env}
    [ -e "$env" ] && read_env "$env"
    STATE=${QUOTAWATCH_STATE:-${STATE_DIRECTORY:-/var/lib/quotawatch}}
    LOGS=${QUOTAWATCH_LOGS:-${LOGS_DIRECTORY:-/var/log/quotawatch}}
    export QUOTAWATCH_DB=${QUOTAWATCH_DB:-$STATE/quotawatch.db}
}

read_env() {
    local env=$1
    local mode
    mode=$(stat -c %a "$env") || exit 1
    if [ $((8#$mode & 8#077)) -ne 0 ]; then
        echo "${0##*/}: $env: environment file is accessible by others (mode $mode); run: chmod 600 $env" >&2
        exit 1
    fi
    set -a
    . "$env"
    set +a
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

# deployment test: the first pass of make check only.
# cron.d files parse as cron.d lines; systemd units verify clean.
. "$(dirname "$0")/lib.sh"
top=$(cd "$here/../.." && pwd)

field_ok() {   # a cron time field: *, */n, a-b, lists of numbers
    [[ $1 =~ ^(\*|[0-9]+(-[0-9]+)?)(/[0-9]+)?(,[0-9]+(-[0-9]+)?(/[0-9]+)?)*$ ]]
}
cron_file_ok() {
    local f=$1 line jobs=0 shell=0 path=0 mailto=0
    [[ ${f##*/} =~ ^[A-Za-z0-9_-]+$ ]] || { echo "$f: cron ignores this name" >&2; return 1; }
    while IFS= read -r line; do
        [[ -z $line || $line =~ ^[[:space:]]*# ]] && continue
        if [[ $line =~ ^([A-Z_]+)=(.*)$ ]]; then
            case ${BASH_REMATCH[1]} in
                SHELL) [ "${BASH_REMATCH[2]}" = /bin/bash ] && shell=1 ;;
                PATH) path=1 ;;
                MAILTO) mailto=1 ;;
            esac
            continue
        fi
        read -r m h dom mon dow user cmd <<<"$line"
        for x in "$m" "$h" "$dom" "$mon" "$dow"; do
            field_ok "$x" || { echo "$f: bad time field '$x'" >&2; return 1; }
        done
        [[ $user =~ ^[a-z_][a-z0-9_-]*$ ]] || { echo "$f: no user field" >&2; return 1; }
        [[ $cmd == *%* ]] && { echo "$f: unescaped %" >&2; return 1; }
        [[ $cmd == flock\ -n\ * && $cmd == *\ timeout\ * ]] || { echo "$f: no flock/timeout" >&2; return 1; }
        local job=${cmd##* }
        job=${job#/usr/local/share/quotawatch/}
        [ -x "$top/$job" ] || { echo "$f: $job is not in the tree" >&2; return 1; }
        jobs=$((jobs + 1))
    done <"$f"
    [ "$jobs" -ge 1 ] && [ "$shell$path$mailto" = 111 ]
}

for f in "$top"/cron.d/*; do
    check "${f##*/} parses as a cron.d file" cron_file_ok "$f"
    check "${f##*/} has no secret inline" \
        sh -c "! grep -Eq '(KEY|TOKEN|SECRET|PASSWORD|WEBHOOK)[A-Z_]*=|sk-|/api/webhooks/|/hook/|://[^/ ]*@' '$f'"
done
check "four seed scenarios" [ "$(ls "$top"/cron.d | wc -l)" -ge 4 ]

if command -v systemd-analyze >/dev/null; then
    mkdir -p "$T/units"
    for f in "$top"/examples/systemd/*; do
        sed "s#/usr/local/share/quotawatch/#$top/#" "$f" >"$T/units/${f##*/}"
    done
    for f in "$T"/units/*; do
        check "${f##*/} passes systemd-analyze verify" \
            bash -o pipefail -c "cd '$T/units' && systemd-analyze verify --man=no './${f##*/}' 2>&1 | tee /dev/stderr | ( ! grep -q . )"
    done
    for f in "$T"/units/*.timer; do
        cal=$(sed -n 's/^OnCalendar=//p' "$f")
        check "${f##*/} calendar '$cal' is valid" systemd-analyze calendar "$cal" >/dev/null
    done
fi
finish

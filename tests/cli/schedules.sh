# deployment test: the first pass of make check only.
# cron.d files parse as cron.d lines; systemd units verify clean, are
# hardened, keep the network and load every account's key.
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

# The units as bin/install.sh installs them, their jobs run from that install.
# Each loads its keys from /etc/quotawatch/keys, the ID the path's last name,
# so a fetcher reads the credentials as the accounts of the keys directory.
units_ok() {
    local f=$1 id path n=0
    while IFS=: read -r id path; do
        [[ $path == /etc/quotawatch/keys* ]] || return 1
        [ "$id" = "${path##*/}" ] || return 1
        n=$((n + 1))
    done < <(sed -n 's/^LoadCredential=//p' "$f")
    [ "$n" -ge 1 ]
}
# No unit cuts the network the providers, PostgreSQL and SMTP need.
network_open() {
    local f=$1
    ! grep -Eqi '^PrivateNetwork=(yes|true|on|1)' "$f" || return 1
    ! grep -q '^IPAddressDeny=' "$f" || grep -q '^IPAddressAllow=' "$f" || return 1
    ! grep -Eq '^RestrictAddressFamilies=(none|~.*AF_INET)' "$f" || return 1
    local families
    families=$(sed -n 's/^RestrictAddressFamilies=//p' "$f")
    [ -z "$families" ] || { [[ " $families " == *" AF_INET "* ]] && [[ " $families " == *" AF_INET6 "* ]]; }
}
# The directories of the dashboard and of the metrics, as env.example names
# them, are the only paths a unit may write outside its state and logs ("-":
# the unit runs when one is not there).
page_dir=$(sed -n 's|^#QUOTAWATCH_DASHBOARD=\(.*\)/[^/]*$|\1|p' "$top/examples/env.example")
metrics_dir=$(sed -n 's|^#QUOTAWATCH_METRICS=\(.*\)/[^/]*$|\1|p' "$top/examples/env.example")
writes_pages() {
    [ -n "$page_dir" ] && [ -n "$metrics_dir" ] &&
        [ "$(sed -n 's/^ReadWritePaths=//p' "$1" | sort | tr '\n' ' ')" = \
          "$(printf '%s\n' "-$page_dir" "-$metrics_dir" | sort | tr '\n' ' ')" ]
}
# exposure UNIT: systemd-analyze security's overall exposure level of a unit file.
exposure() {
    (cd "${1%/*}" && systemd-analyze security --offline=true --no-pager "./${1##*/}" 2>&1) |
        sed -n 's/^.*Overall exposure level for [^:]*: \([0-9.]*\).*$/\1/p'
}

if command -v systemd-analyze >/dev/null; then
    DESTDIR="$T/root" PREFIX=/usr/local bash "$top/bin/install.sh" install "$QW_BIN" >/dev/null
    installed="$T/root/usr/local/share/quotawatch"
    mkdir -p "$T/units"
    for f in "$installed"/examples/systemd/*; do
        sed "s#/usr/local/share/quotawatch/#$installed/#" "$f" >"$T/units/${f##*/}"
    done
    check "the units are installed" [ "$(ls "$T/units" | wc -l)" -ge 8 ]
    for f in "$T"/units/*; do
        check "${f##*/} passes systemd-analyze verify" \
            bash -o pipefail -c "cd '$T/units' && systemd-analyze verify --man=no './${f##*/}' 2>&1 | tee /dev/stderr | ( ! grep -q . )"
    done
    for f in "$T"/units/*.timer; do
        cal=$(sed -n 's/^OnCalendar=//p' "$f")
        check "${f##*/} calendar '$cal' is valid" systemd-analyze calendar "$cal" >/dev/null
    done
    for f in "$T"/units/*.service; do
        e=$(exposure "$f")
        check "${f##*/}: systemd-analyze security scores ${e:-nothing}, at most 2.5" \
            awk -v e="$e" 'BEGIN { exit !(e != "" && e <= 2.5) }'
        check "${f##*/} keeps the network" network_open "$f"
        check "${f##*/} may write the dashboard's ($page_dir) and the metrics' ($metrics_dir) directories, no other" \
            writes_pages "$f"
        check "${f##*/} loads its keys as credentials named as the keys directory" units_ok "$f"
    done
else
    skip "systemd units" "no systemd-analyze on this machine (Debian package systemd)"
fi
finish

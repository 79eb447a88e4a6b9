#!/bin/bash
# A private Exim for the tests: its own configuration, spool and mailboxes
# under DIR, listening on 127.0.0.1 only; the test starts it in the
# foreground (DIR/exim -bdf) and stops it.
#   exim.sh binary DIR                    writes DIR/exim, which runs exim with
#                                         -C DIR/exim.conf; prints its path;
#                                         exit 77, saying why, when no exim can run
#   exim.sh config DIR CERT KEY PASSWORD  writes DIR/exim.conf; prints the ports
#                                         "PLAIN STARTTLS AUTH"
# Three ports: clear text only; STARTTLS offered; STARTTLS then AUTH PLAIN
# (user bot) required.  Mail to @example.org lands in DIR/mail/LOCALPART
# (mbox; alice, bob and once), with an X-QW-Route header saying port, TLS, login and EHLO name;
# nobody@ is refused with 550, later@ with 451, and once@ with 451 while the
# file DIR/busy exists.  The exim is $QW_EXIM, else the one make deps unpacks
# into the build tree, else the system's.  It needs nothing of the machine's
# exim4 (no /etc/exim4): Debian's exim looks up its compiled-in user
# Debian-exim before it reads any configuration, so where there is no such
# user (a fresh root with exim4 only unpacked) DIR/exim gives it one through
# nss_wrapper (libnss-wrapper), in DIR/passwd and DIR/group, for exim alone.
set -eu

# users DIR: the environment exim needs to find its user, as VAR=VALUE words.
users() {
    local dir=$1 uid=65534
    getent passwd Debian-exim >/dev/null && return
    [ "$(id -u)" = 0 ] || uid=$(id -u)      # any user but root will do
    getent passwd >"$dir/passwd"
    getent group >"$dir/group"
    echo "Debian-exim:x:$uid:$uid::$dir:/usr/sbin/nologin" >>"$dir/passwd"
    echo "Debian-exim:x:$uid:" >>"$dir/group"
    echo "LD_PRELOAD=libnss_wrapper.so NSS_WRAPPER_PASSWD=$dir/passwd NSS_WRAPPER_GROUP=$dir/group"
}

binary() {
    local dir=$1 e env why="no exim4 (make deps unpacks exim4-daemon-light into the build tree)"
    mkdir -p "$dir"
    env=$(users "$dir")
    if [ -n "$env" ] && [ -n "$(LD_PRELOAD=libnss_wrapper.so /bin/true 2>&1)" ]; then
        echo "exim.sh: no Debian-exim user and no libnss-wrapper to give exim one (make deps)" >&2
        exit 77
    fi
    for e in "${QW_EXIM:-}" "${QW_BIN:+$QW_BIN/../unpacked/exim4-daemon-light/usr/sbin/exim4}" /usr/sbin/exim4; do
        [ -n "$e" ] && [ -x "$e" ] || continue
        # shellcheck disable=SC2086  # env is VAR=VALUE words
        if ! why=$(env $env "$e" -C /dev/null -bV 2>&1 >/dev/null); then
            why="$e: $(echo "$why" | grep -v 'purging the environment\|keep_environment' | head -1)"
            continue
        fi
        printf '#!/bin/sh\nexec env %s %s -C %s "$@"\n' "$env" "$e" "$dir/exim.conf" >"$dir/exim"
        chmod 755 "$dir/exim"
        echo "$dir/exim"
        return
    done
    echo "exim.sh: $why" >&2
    exit 77
}

free_port() {
    /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

config() {
    local dir=$1 cert=$2 key=$3 password=$4 plain tls auth user group
    plain=$(free_port) tls=$(free_port) auth=$(free_port)
    while [ "$tls" = "$plain" ] || [ "$auth" = "$plain" ] || [ "$auth" = "$tls" ]; do
        tls=$(free_port) auth=$(free_port)
    done
    mkdir -p "$dir/spool" "$dir/mail"
    # Exim never delivers as root: as root, the mailboxes belong to nobody.
    user=$(id -un) group=$(id -gn)
    local deliver_as=$user
    if [ "$(id -u)" = 0 ]; then
        deliver_as=nobody
        chown nobody "$dir/mail"
        chmod go+x "$dir" "$(dirname "$dir")"   # it may keep the group root
    fi
    install -m 600 "$cert" "$dir/cert.pem"
    install -m 600 "$key" "$dir/key.pem"
    cat >"$dir/exim.conf" <<CONF
primary_hostname = mx.qw-test.example
exim_user = $user
exim_group = $group
never_users =
trusted_users = $user
spool_directory = $dir/spool
log_file_path = $dir/spool/%slog
pid_file_path = $dir/spool/exim.pid
local_interfaces = <; 127.0.0.1.$plain ; 127.0.0.1.$tls ; 127.0.0.1.$auth
daemon_smtp_ports = $plain : $tls : $auth
host_lookup =
rfc1413_hosts =
keep_environment = LD_PRELOAD : NSS_WRAPPER_PASSWD : NSS_WRAPPER_GROUP
domainlist local_domains = example.org
tls_certificate = $dir/cert.pem
tls_privatekey = $dir/key.pem
tls_advertise_hosts = \${if eq{\$received_port}{$plain}{}{*}}
acl_smtp_rcpt = rcpt
acl_smtp_data = data
acl_not_smtp = local

begin acl
rcpt:
  deny    condition = \${if eq{\$received_port}{$auth}}
          !authenticated = *
          message = 530 5.7.0 authentication required
  deny    local_parts = nobody
          message = 550 5.1.1 <\$local_part@\$domain>: no such user here
  defer   local_parts = later
          message = 451 4.2.0 <\$local_part@\$domain>: mailbox busy, try again later
  defer   local_parts = once
          condition = \${if exists{$dir/busy}}
          message = 451 4.2.0 <\$local_part@\$domain>: mailbox busy, try again later
  accept  domains = +local_domains
data:
  warn    add_header = X-QW-Route: port=\$received_port tls=\${if def:tls_in_cipher{yes}{no}} login=\${if def:authenticated_id{\$authenticated_id}{none}} ehlo=\$sender_helo_name
  accept
local:
  warn    add_header = X-QW-Route: sendmail
  accept

begin routers
mailbox:
  driver = accept
  domains = +local_domains
  local_parts = alice : bob : once : ops
  transport = mailbox

begin transports
mailbox:
  driver = appendfile
  file = $dir/mail/\$local_part_data
  user = $deliver_as
  mode = 0600

begin authenticators
plain:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_advertise_condition = \${if and{{eq{\$received_port}{$auth}}{def:tls_in_cipher}}}
  server_condition = \${if and{{eq{\$auth2}{bot}}{eq{\$auth3}{$password}}}}
  server_set_id = \$auth2
CONF
    chmod 600 "$dir/exim.conf"
    echo "$plain $tls $auth"
}

case ${1:-} in
binary) binary "$2" ;;
config) shift; config "$@" ;;
*) echo "usage: exim.sh binary DIR | exim.sh config DIR CERT KEY PASSWORD" >&2; exit 1 ;;
esac

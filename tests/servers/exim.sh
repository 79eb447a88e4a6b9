#!/bin/bash
# A private Exim for the tests: its own configuration, spool and mailboxes
# under DIR, listening on 127.0.0.1 only; the test starts it in the
# foreground (exim -C DIR/exim.conf -bdf) and stops it.
#   exim.sh binary                        prints the exim to run; exit 77 when none
#   exim.sh config DIR CERT KEY PASSWORD  writes DIR/exim.conf; prints the ports
#                                         "PLAIN STARTTLS AUTH"
# Three ports: clear text only; STARTTLS offered; STARTTLS then AUTH PLAIN
# (user bot) required.  Mail to @example.org lands in DIR/mail/LOCALPART
# (mbox; alice and bob), with an X-QW-Route header saying port, TLS, login and EHLO name;
# nobody@ is refused with 550, later@ with 451.  The exim is $QW_EXIM, else
# the one make deps unpacks into the build tree, else the system's.
set -eu

binary() {
    local e
    for e in "${QW_EXIM:-}" "${QW_BIN:+$QW_BIN/../exim/usr/sbin/exim4}" /usr/sbin/exim4; do
        [ -n "$e" ] && [ -x "$e" ] && "$e" -bV >/dev/null 2>&1 && { echo "$e"; return; }
    done
    echo "exim.sh: no exim4 (make deps unpacks exim4-daemon-light into the build tree)" >&2
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
keep_environment =
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
  local_parts = alice : bob
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
binary) binary ;;
config) shift; config "$@" ;;
*) echo "usage: exim.sh binary | exim.sh config DIR CERT KEY PASSWORD" >&2; exit 1 ;;
esac

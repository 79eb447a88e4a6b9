# deployment test: the first pass of make check only.
# notify-smtp as a Debian machine sends mail, against a private Exim on
# 127.0.0.1 (tests/servers/exim.sh: its own configuration and spool here,
# run in the foreground, stopped by the test): clear text to loopback,
# STARTTLS, STARTTLS with AUTH, and sendmail(8); every recipient the server
# takes gets the mail when another is refused; the headers and the body as
# mail readers expect.  Skipped (counted) when no exim can run here.
. "$(dirname "$0")/lib.sh"
unset SMTP_URL SMTP_USER SMTP_PASSWORD SMTP_PASSWORD_FILE MAIL_FROM MAIL_TO SMTP_STARTTLS \
    SMTP_PLAIN_HOSTS
X="$T/exim"
exim=$(bash "$servers/exim.sh" binary "$X" 2>"$T/err")
if [ -z "$exim" ]; then
    skip "notify-smtp through Exim" "$(cat "$T/err")"
    finish
    exit 0
fi
make_cert
password=pw-canary7Rx                    # in no output, ever
read -r plain tls auth < <(bash "$servers/exim.sh" config "$X" "$T/cert.pem" "$T/key.pem" "$password")
# Exim writes its log to stderr when it runs without privileges (not as root).
"$exim" -bdf 2>>"$X/spool/mainlog" &
pids+=($!)
listens() { /usr/bin/python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$1"; }
check "exim listens on 127.0.0.1" wait_for listens "$auth"

export QUOTAWATCH_DB="$T/state.db" MAIL_FROM="Quota Bot <bot@example.org>"
export MAIL_TO="alice@example.org"
printf '{"ts":"%s","provider":"moonshot","account":"default","kind":"balance","unit":"USD","remaining":4.2,"parts":{"voucher":3.45,"cash":0.75},"status":"ok","level":"warning","threshold":"remaining<=5"}\n' \
    "$QUOTAWATCH_NOW" >"$T/low"
notify() {
    run_in "$T/low" notify-smtp --cacert "$T/cert.pem" --when always "$@"
    cat "$T/out" "$T/err" >>"$T/all"
}
# mails LOCALPART: how many mails that mailbox holds.
mails() { grep -c '^From ' "$X/mail/$1" 2>/dev/null || echo 0; }
# holds LOCALPART N: the mailbox holds N mails (Exim may deliver after the
# server accepted the mail: wait_for holds).
holds() { [ "$(mails "$1")" = "$2" ]; }
# last_mail LOCALPART: the newest mail of the mailbox, as delivered.
last_mail() { /usr/bin/python3 -c '
import mailbox, sys
print(mailbox.mbox(sys.argv[1])[len(mailbox.mbox(sys.argv[1])) - 1].as_string())' "$X/mail/$1"; }
route() { last_mail "$1" | sed -n 's/^X-QW-Route: //p'; }
ehlo=$(hostname -f 2>/dev/null)
[[ $ehlo == *.* ]] || ehlo=$(hostname)

# Clear text, asked for, to loopback: the stock Debian exim4 on localhost.
SMTP_STARTTLS=no SMTP_URL=smtp://127.0.0.1:$plain notify --name plain
check "plain SMTP to loopback: accepted, alert exit 2" [ "$st" = 2 ]
check "plain SMTP to loopback: delivered" wait_for holds alice 1
check "plain SMTP: no TLS, no login, EHLO $ehlo" \
    [ "$(route alice)" = "port=$plain tls=no login=none ehlo=$ehlo" ]
SMTP_URL=smtp://127.0.0.1:$plain notify --name plain-refused
check "without SMTP_STARTTLS=no, a server without STARTTLS gets nothing" [ "$st/$(mails alice)" = 1/1 ]
check "and the message names the routes that fit" grep -q 'SMTP_URL=sendmail or SMTP_STARTTLS=no' "$T/err"
SMTP_STARTTLS=no SMTP_URL=smtp://mx.qw-test.example:$plain notify --name plain-far
check "clear text to a host not named is refused before sending" \
    grep -q 'mx.qw-test.example is not a loopback address; name it in SMTP_PLAIN_HOSTS' "$T/err"

# STARTTLS, and STARTTLS with AUTH.
SMTP_URL=smtp://127.0.0.1:$tls notify --name starttls
check "STARTTLS: delivered" wait_for holds alice 2
check "STARTTLS: over TLS" [ "$(route alice)" = "port=$tls tls=yes login=none ehlo=$ehlo" ]
SMTP_USER=bot SMTP_PASSWORD=$password SMTP_URL=smtp://127.0.0.1:$auth notify --name auth
check "STARTTLS and AUTH: delivered" wait_for holds alice 3
check "STARTTLS and AUTH: logged in as bot over TLS" \
    [ "$(route alice)" = "port=$auth tls=yes login=bot ehlo=$ehlo" ]

# sendmail(8), as cron, smartd and apticron hand mail to the local MTA.
SMTP_URL=sendmail:$exim notify --name sendmail
check "sendmail: exit 2 for the alert" [ "$st" = 2 ]
check "sendmail: delivered" wait_for holds alice 4
check "sendmail: through the local submission" [ "$(route alice)" = sendmail ]

# The headers and the body every route gave: readable as it travels.
cat >"$T/check.py" <<'PY'
import email, email.policy, mailbox, sys
box = mailbox.mbox(sys.argv[1])
assert len(box) == int(sys.argv[2]), len(box)
for m in box:
    raw = m.as_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["Auto-Submitted"] == "auto-generated", msg["Auto-Submitted"]
    assert msg["Content-Transfer-Encoding"] == "quoted-printable"
    assert msg["Subject"] == "⚠️ Kimi credits low!", msg["Subject"]
    text = "Kimi: $4.20 available (voucher: $3.45, cash: $0.75) (threshold: <= $5.00) [warning]"
    assert text in msg.get_content(), msg.get_content()
    assert text[:52].encode() in raw, "the body is not readable as it is"
    assert b"\r" not in raw, "CR left in the stored mail"
PY
check "every mail: Auto-Submitted, quoted-printable, readable, intact" \
    /usr/bin/python3 "$T/check.py" "$X/mail/alice" 4

# One refused recipient does not block the others.
MAIL_TO="alice@example.org, nobody@example.org, bob@example.org" \
    SMTP_URL=smtp://127.0.0.1:$tls notify --name refused
check "550 for one: the others get it" wait_for holds alice 5
check "550 for one: bob too" wait_for holds bob 1
check "550 for one: exit 1" [ "$st" = 1 ]
check "550 for one: the address and the server's words, once" \
    [ "$(grep -c 'nobody@example.org refused: 550 5.1.1 <nobody@example.org>: no such user here' "$T/err")" = 1 ]
check "550 for one: one transaction, not retried" \
    [ "$(grep -c 'F=<bot@example.org> rejected RCPT <nobody@example.org>' "$X/spool/mainlog")" = 1 ]
MAIL_TO="nobody@example.org" SMTP_URL=smtp://127.0.0.1:$tls notify --name all-refused
check "550 for all: exit 1, not retried" \
    [ "$st/$(grep -c 'rejected RCPT <nobody@example.org>' "$X/spool/mainlog")" = 1/2 ]
check "550 for all: says who and why" grep -q 'SMTP 550: nobody@example.org refused: 550 5.1.1' "$T/err"
MAIL_TO="alice@example.org, later@example.org" SMTP_URL=smtp://127.0.0.1:$tls notify --name busy
check "451 for one: exit 1" [ "$st" = 1 ]
check "451 for one: the other gets it" wait_for holds alice 6
check "451 for one: named with the server's words" \
    grep -q 'later@example.org refused: 451 4.2.0 <later@example.org>: mailbox busy' "$T/err"
MAIL_TO="later@example.org" SMTP_URL=smtp://127.0.0.1:$tls notify --name all-busy --timeout 3
check "451 for all: retried within --timeout, then exit 1" \
    [ "$st" = 1 ] && [ "$(grep -c 'temporarily rejected RCPT <later@example.org>' "$X/spool/mainlog")" -ge 3 ]

# A recipient refused for now (451, while $X/busy exists) gets the same mail
# on a later run, alone; one refused for good (550) is told once and not
# retried; a series that does not change sends nothing more (--when change).
rejected() { grep -c "$1 RCPT <$2>" "$X/spool/mainlog" || true; }
owed() {
    MAIL_TO="alice@example.org, once@example.org, nobody@example.org" \
        SMTP_URL=smtp://127.0.0.1:$tls run_in "$T/low" notify-smtp --cacert "$T/cert.pem" --name owed
    cat "$T/out" "$T/err" >>"$T/all"
}
touch "$X/busy"
a0=$(mails alice) n0=$(rejected rejected nobody@example.org)
owed
check "451 and 550 for two of three: exit 1" [ "$st" = 1 ]
check "451 and 550 for two of three: the third gets it" wait_for holds alice $((a0 + 1))
check "451: said, and that it is offered again" \
    grep -q 'once@example.org refused: 451 4.2.0 .*; offered to it alone again on the next run' "$T/err"
check "550: said, and that it is not retried" \
    grep -q 'nobody@example.org refused: 550 5.1.1 .*; not retried' "$T/err"
owed
check "next run, still 451: exit 1, and it says the mail is kept" \
    sh -c "[ $st = 1 ] && grep -q 'the mail owed to once@example.org since .*451 4.2.0.*; offered again on the next run' '$T/err'"
check "next run: offered to the 451 recipient alone" \
    [ "$(rejected 'temporarily rejected' once@example.org)/$(mails alice)" = "2/$((a0 + 1))" ]
rm "$X/busy"
owed
check "next run, taken: exit 2 for the alert, nothing said" sh -c "[ $st = 2 ] && [ ! -s '$T/err' ]"
check "next run, taken: the 451 recipient has it" wait_for holds once 1
check "... the same mail the others got" [ "$(last_mail once | grep -i '^Message-ID:')" = \
    "$(last_mail alice | grep -i '^Message-ID:')" ]
owed
check "then nothing more to anyone" sh -c "[ $st = 2 ] && [ ! -s '$T/err' ]"
check "... the 550 recipient was never tried again, the others got one mail each" \
    [ "$(rejected rejected nobody@example.org)/$(mails alice)/$(mails once)" = "$((n0 + 1))/$((a0 + 1))/1" ]
MAIL_TO="nobody@example.org" SMTP_URL=smtp://127.0.0.1:$tls run_in "$T/low" notify-smtp \
    --cacert "$T/cert.pem" --name gone
MAIL_TO="nobody@example.org" SMTP_URL=smtp://127.0.0.1:$tls run_in "$T/low" notify-smtp \
    --cacert "$T/cert.pem" --name gone
check "550 for all: told once, not retried on the next run" \
    [ "$st/$(rejected rejected nobody@example.org)" = "2/$((n0 + 2))" ]

check "the password is in no output" [ "$(grep -c "$password" "$T/all")" = 0 ]
finish

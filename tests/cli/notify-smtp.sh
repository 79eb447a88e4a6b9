# notify-smtp against a real SMTP server on loopback (aiosmtpd): STARTTLS and
# AUTH required, implicit TLS, 4xx retried, 5xx and refused logins not; the
# received message parses with Python's email package, subject intact.
. "$(dirname "$0")/lib.sh"
unset SMTP_URL SMTP_USER SMTP_PASSWORD SMTP_PASSWORD_FILE MAIL_FROM MAIL_TO
make_cert
password=pw-canary2Mq                    # in no output, ever
export QUOTAWATCH_DB="$T/state.db" MAIL_FROM="Quota Bot <bot@example.org>"
export MAIL_TO="ops@example.org, oncall@example.org" SMTP_USER=bot
tls_sink() { start_smtp --cert "$T/cert.pem" --key "$T/key.pem" --user bot --password "$password" "$@"; }
notify() {
    local input=$1; shift
    SMTP_PASSWORD=${pw-$password} run_in "$input" notify-smtp --cacert "$T/cert.pem" "$@"
    cat "$T/out" "$T/err" >>"$T/all"
}
delivered() { cat "$MAIL/log" 2>/dev/null | grep -c '"file"'; }

# mail FILE SUBJECT TEXT...: the message parses, the subject is intact, the
# body holds each TEXT, and the form is right: CRLF only, lines within 78
# characters, Date, Message-ID and Auto-Submitted, MIME, quoted-printable UTF-8.
cat >"$T/parse.py" <<'EOF'
import email, email.policy, email.utils, re, sys
raw = open(sys.argv[1], "rb").read()
m = email.message_from_bytes(raw, policy=email.policy.default)
assert m["Subject"] == sys.argv[2], repr(m["Subject"])
assert b"\n" not in raw.replace(b"\r\n", b""), "bare LF"
assert all(len(l) <= 78 for l in raw.split(b"\r\n")), "long line"
assert email.utils.parsedate_to_datetime(m["Date"]).isoformat() == "2026-11-22T09:00:00+00:00", m["Date"]
assert re.fullmatch(r"<[0-9]{14}\.[0-9a-f]{16}@example\.org>", m["Message-ID"]), m["Message-ID"]
assert m["MIME-Version"] == "1.0"
assert m.get_content_type() == "text/plain" and m.get_content_charset() == "utf-8"
assert m["Content-Transfer-Encoding"] == "quoted-printable"
assert m["Auto-Submitted"] == "auto-generated"
assert m["From"].addresses[0].addr_spec == "bot@example.org"
assert m["From"].addresses[0].display_name == "Quota Bot"
assert [a.addr_spec for a in m["To"].addresses] == ["ops@example.org", "oncall@example.org"]
body = m.get_content()
for text in sys.argv[3:]:
    assert text in body, (text, body)
EOF
mail() { /usr/bin/python3 "$T/parse.py" "$@" 2>>"$T/err"; }

verdict() {
    printf '{"ts":"%s","provider":"moonshot","account":"default","kind":"balance","unit":"USD","remaining":%s,"parts":{"voucher":3.45,"cash":%s},"status":"ok","level":"%s","threshold":"remaining<=5"}\n' \
        "$QUOTAWATCH_NOW" "$1" "$2" "$3"
}
verdict 4.2 0.75 warning >"$T/low"
verdict 12.34 8.89 ok >"$T/ok"

# Seed 001's low-balance alert as mail: STARTTLS, AUTH, both recipients.
tls_sink
SMTP_URL=smtp://127.0.0.1:$SMTP_PORT notify "$T/low"
check "an alert mail exits 2" [ "$st" = 2 ]
check "verdicts pass through" cmp -s "$T/low" "$T/out"
check "silent on success" [ ! -s "$T/err" ]
check "delivered once" [ "$(delivered)" = 1 ]
check "over STARTTLS, authenticated, to every recipient" logged \
    '.tls == true and .user == "bot" and .mail_from == "bot@example.org" and
            .rcpt_tos == ["ops@example.org", "oncall@example.org"]' "$MAIL/log"
check "the message parses; subject, headers and body" mail "$MAIL/msg-1.eml" \
    '⚠️ Kimi credits low!' 'Kimi: $4.20 available (voucher: $3.45, cash: $0.75) (threshold: <= $5.00) [warning]'
SMTP_URL=smtp://127.0.0.1:$SMTP_PORT notify "$T/low"
check "no second mail while it stays low" [ "$st/$(delivered)" = 2/1 ]
SMTP_URL=smtp://127.0.0.1:$SMTP_PORT notify "$T/ok"
check "the recovery is mailed" [ "$st/$(delivered)" = 0/2 ]
check "recovery subject" mail "$MAIL/msg-2.eml" '✅ Kimi recovered (was warning)' 'Kimi: $12.34 available'

# Seed 000's quota-reset notice, with a subject long and non-ASCII enough to
# be folded into several encoded-words.
printf '{"ts":"%s","provider":"kimi-code","account":"工作账户（主力开发团队共用）","kind":"quota","window":"weekly","unit":"%%","limit":100,"used_pct":3,"resets_at":"2026-11-29T09:00:00Z","status":"ok","level":"ok","event":"reset"}\n' \
    "$QUOTAWATCH_NOW" >"$T/reset"
SMTP_URL=smtp://127.0.0.1:$SMTP_PORT notify "$T/reset"
check "the reset notice is mailed" [ "$st/$(delivered)" = 0/3 ]
check "a folded UTF-8 subject arrives intact" mail "$MAIL/msg-3.eml" \
    '🔄 Kimi Code (工作账户（主力开发团队共用）) weekly quota reset' '97% left, resets 2026-11-29 09:00:00'
check "the subject took several encoded-words" [ "$(grep -c '=?UTF-8?B?' "$MAIL/msg-3.eml")" -ge 2 ]

# A 4xx reply is retried; a 5xx reply and a refused login are not.
tls_sink --fail 451
SMTP_URL=smtp://127.0.0.1:$SMTP_PORT notify "$T/low" --when always --name s1
check "451: retried, delivered" [ "$st/$(delivered)/$(grep -c rejected "$MAIL/log")" = 2/1/1 ]
tls_sink --fail 252
SMTP_URL=smtp://127.0.0.1:$SMTP_PORT notify "$T/low" --when always --name s1b
check "252 to DATA is no delivery (only 250 is): retried, delivered" \
    [ "$st/$(delivered)/$(grep -c rejected "$MAIL/log")" = 2/1/1 ]
tls_sink --fail 550
SMTP_URL=smtp://127.0.0.1:$SMTP_PORT notify "$T/low" --when always --name s2
check "550: exit 1, not retried" [ "$st/$(delivered)/$(grep -c rejected "$MAIL/log")" = 1/0/1 ]
check "550: says so" grep -q "^notify-smtp: s2: SMTP 550" "$T/err"
pw=wrong-password SMTP_URL=smtp://127.0.0.1:$SMTP_PORT notify "$T/low" --when always --name s3
check "a refused login: exit 1" [ "$st/$(delivered)" = 1/0 ]
check "a refused login: says what to check" grep -q 'check SMTP_USER and the password' "$T/err"

# STARTTLS is required: a server without it gets no mail and no password.
start_smtp
SMTP_URL=smtp://127.0.0.1:$SMTP_PORT notify "$T/low" --when always --name s4
check "no STARTTLS: exit 1, nothing sent" [ "$st/$(delivered)" = 1/0 ]
check "no STARTTLS: says so, in one sentence" grep -q 'STARTTLS not supported: the server offers no STARTTLS' "$T/err"

# Implicit TLS on smtps://; an untrusted certificate is refused.
tls_sink --implicit
SMTP_URL=smtps://127.0.0.1:$SMTP_PORT notify "$T/low" --when always --name s5
check "smtps:// implicit TLS" [ "$st/$(delivered)" = 2/1 ]
SMTP_PASSWORD=$password SMTP_URL=smtps://127.0.0.1:$SMTP_PORT \
    run_in "$T/low" notify-smtp --when always --name s6 --timeout 2
check "an untrusted certificate: exit 1, nothing sent" [ "$st/$(delivered)" = 1/1 ]
cat "$T/out" "$T/err" >>"$T/all"

# The password from a file (mode 0600 only).
tls_sink
key_file "$T/pw" "$password"
SMTP_PASSWORD_FILE="$T/pw" SMTP_URL=smtp://127.0.0.1:$SMTP_PORT \
    run_in "$T/low" notify-smtp --cacert "$T/cert.pem" --when always --name s7
check "SMTP_PASSWORD_FILE" [ "$st/$(delivered)" = 2/1 ]
chmod 604 "$T/pw"
SMTP_URL=smtp://127.0.0.1:$SMTP_PORT \
    run_in "$T/low" notify-smtp --cacert "$T/cert.pem" --when always --password-file "$T/pw"
check "a readable password file is refused" grep -q 'chmod 600' "$T/err"

# Configuration mistakes are errors before anything is sent.
MAIL_TO= SMTP_URL=smtp://127.0.0.1:$SMTP_PORT notify "$T/low"
check "no MAIL_TO" grep -q 'MAIL_TO is not set' "$T/err"
MAIL_TO='ops@example.org, not an address' SMTP_URL=smtp://127.0.0.1:$SMTP_PORT notify "$T/low"
check "a bad address" [ "$st" = 1 ]
SMTP_URL=smtp://bot:$password@127.0.0.1:$SMTP_PORT notify "$T/low"
check "no credentials in SMTP_URL" grep -q 'SMTP_URL: give the host' "$T/err"
check "nothing was sent by the mistakes" [ "$(delivered)" = 1 ]

# --dry-run: the envelope and the message, the password redacted.
SMTP_URL=smtp://127.0.0.1:$SMTP_PORT notify "$T/low" --when always --dry-run
check "--dry-run sends nothing" [ "$(delivered)" = 1 ]
check "--dry-run shows the envelope" grep -qF 'RCPT TO:<oncall@example.org>' "$T/err"
check "--dry-run shows the message" grep -q '^Content-Transfer-Encoding: quoted-printable$' "$T/err"

SMTP_URL=smtp://127.0.0.1:$SMTP_PORT notify /dev/null --test
check "--test" [ "$st/$(delivered)" = 0/2 ]
check "--test subject" mail "$MAIL/msg-2.eml" 'quotawatch test message' 'test message from notify-smtp'

check "the password is in no output" [ "$(grep -c "$password" "$T/all")" = 0 ]
check "nor in the database" [ "$(cat "$T/state.db"* | grep -a -c "$password")" = 0 ]
finish

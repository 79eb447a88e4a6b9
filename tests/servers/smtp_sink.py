#!/usr/bin/python3
"""A loopback SMTP server for the tests, on aiosmtpd (Debian's python3-aiosmtpd).

STARTTLS is offered with --cert/--key and then required before MAIL; with
--implicit the whole session is TLS (smtps).  --user/--password turn AUTH on
and make it required.  --fail CODE (repeatable) answers the DATA of the
first messages with that SMTP code, one per message, then accepts; each
rejection is logged as {"rejected": CODE}.

Each accepted message is saved as msg-N.eml in --dir, and a JSON line
(mail_from, rcpt_tos, user, tls, file) is appended to --log.  The port is
written to --port-file.
"""
import argparse
import json
import logging
import os
import socket
import ssl
import sys
import threading
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    def __init__(self, args):
        self.args = args
        self.fail = list(args.fail)
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.fail:
                code = self.fail.pop(0)
                with open(self.args.log, "a") as f:
                    f.write(json.dumps({"rejected": code}) + "\n")
                return f"{code} {'try again later' if code.startswith('4') else 'rejected'}"
            self.count += 1
            name = os.path.join(self.args.dir, f"msg-{self.count}.eml")
            with open(name, "wb") as f:
                f.write(envelope.original_content)
            entry = {
                "mail_from": envelope.mail_from,
                "rcpt_tos": envelope.rcpt_tos,
                "user": session.authenticated and self.args.user,
                "tls": session.ssl is not None,
                "file": name,
            }
            with open(self.args.log, "a") as f:
                f.write(json.dumps(entry) + "\n")
        return "250 OK"


def authenticator(args):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (auth_data.login.decode() == args.user and
              auth_data.password.decode() == args.password)
        return AuthResult(success=ok, handled=False, auth_data=auth_data)
    return check


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--implicit", action="store_true")
    ap.add_argument("--user")
    ap.add_argument("--password")
    ap.add_argument("--fail", action="append", default=[])
    args = ap.parse_args()
    logging.getLogger("mail.log").setLevel(logging.ERROR)   # aiosmtpd's own deprecations
    warnings.simplefilter("ignore")             # and its warning that implicit TLS is not STARTTLS
    kwargs = {}
    if args.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.cert, args.key)
        if args.implicit:
            kwargs["ssl_context"] = ctx
        else:
            kwargs.update(tls_context=ctx, require_starttls=True)
    if args.user:
        kwargs.update(authenticator=authenticator(args), auth_required=True,
                      auth_require_tls=bool(args.cert) and not args.implicit)
    port = free_port()
    controller = Controller(Sink(args), hostname="127.0.0.1", port=port,
                            ready_timeout=10, **kwargs)
    controller.start()
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(port))
    os.rename(tmp, args.port_file)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

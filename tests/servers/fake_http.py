#!/usr/bin/python3
"""A loopback HTTP(S) server that answers from a routes file; for the tests.

Routes file (JSON): {"METHOD /path": ANSWER or [ANSWER, ...]}.  A list is
tried in order: an answer with "when" (header name -> exact value, or
"body_contains", "query_contains") is used when it matches; "once": true answers are used up
one by one (retries); the last plain answer is the fallback.

ANSWER keys: status (200), json (any JSON value) or text (a string), headers
(dict), delay (seconds before answering), hang (never finish the body),
trickle (send the body one byte a second), length (declare this
Content-Length), close (reset the connection after the headers, or after
that many bytes of the body), base64 (the body, for bytes JSON cannot hold),
after ("METHOD /path": answer only once a request for that route, with the
same Authorization, is in flight at once with this one: a client that asks one
after the other times out), together (N: answer only once N requests of this
route with the same Authorization wait together; 503 when that has not
happened within 10 s: a client that asks fewer at a time fails), apart (N:
each request waits 1 s, and when N of its route and Authorization wait at
once they are answered 409: a client that asks N at a time fails), stream_bytes (send this many bytes of filler as the body), file (a path: the
answer is that file's ANSWER object, read at each request, so that a test
changes it between runs).  The route "*" answers any request that no other
route matches.

Every request is appended to --log as one JSON line: method, path, query,
headers, body, and t (when it arrived, in seconds since the epoch).  The
chosen port is written to --port-file.
"""
import argparse
import base64
import json
import os
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

lock = threading.Lock()
arrived = threading.Condition(lock)           # for "after", by (route, Authorization):
inflight = {}                                 # requests being answered
last = {}                                     # the latest arrival's number
waiting = {}                                  # for "together": those waiting,
gathered = {}                                 # and how many groups were complete
arrivals = 0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        entry = {
            "method": self.command,
            "path": url.path,
            "query": url.query,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body.decode("utf-8", "replace"),
            "t": time.time(),
        }
        route = (f"{self.command} {url.path}", self.headers.get("Authorization"))
        global arrivals
        with lock:
            if self.server.log:
                with open(self.server.log, "a") as f:
                    f.write(json.dumps(entry) + "\n")
            chosen = self.choose(url.path, entry)
            arrivals += 1
            mine = arrivals
            inflight[route] = inflight.get(route, 0) + 1
            last[route] = mine
            partner = (chosen["after"], route[1]) if chosen and "after" in chosen else None
            together = partner and inflight.get(partner, 0) > 0
            group = chosen.get("together", 0) if chosen else 0
            round_ = gathered.get(route, 0)
            if group:
                waiting[route] = waiting.get(route, 0) + 1
                if waiting[route] >= group:
                    gathered[route], waiting[route] = round_ + 1, 0
            crowd = chosen.get("apart", 0) if chosen else 0
            if crowd:
                waiting[route] = waiting.get(route, 0) + 1
                if waiting[route] >= crowd:
                    gathered[route] = round_ + 1
            arrived.notify_all()
        try:
            if partner and not together:
                with arrived:
                    arrived.wait_for(lambda: last.get(partner, 0) > mine, timeout=60)
            if group:
                with arrived:
                    if not arrived.wait_for(lambda: gathered.get(route, 0) > round_, timeout=10):
                        waiting[route] -= 1
                        chosen = {"status": 503, "json": {"error": {"message": "not asked together"}}}
            if crowd:
                with arrived:
                    if arrived.wait_for(lambda: gathered.get(route, 0) > round_, timeout=1):
                        chosen = {"status": 409, "json": {"error": {"message": "too many at once"}}}
                    waiting[route] -= 1
            self.reply(chosen)
        finally:
            with lock:
                inflight[route] -= 1

    def reply(self, chosen):
        if chosen is None:
            chosen = {"status": 404, "json": {"error": {"message": "no such route"}}}
        if "file" in chosen:
            with open(chosen["file"]) as f:
                chosen = json.load(f)
        self.send(chosen)

    def choose(self, path, entry):
        routes = self.server.routes
        answers = routes.get(f"{self.command} {path}", routes.get("*"))
        if answers is None:
            return None
        if isinstance(answers, dict):
            return answers
        for a in answers:
            when = a.get("when", {})
            ok = True
            for name, value in when.items():
                if name == "body_contains":
                    ok = ok and value in entry["body"]
                elif name == "query_contains":
                    ok = ok and value in entry["query"]
                else:
                    ok = ok and entry["headers"].get(name.lower()) == value
            if not ok:
                continue
            if a.get("once"):
                if a.get("_used"):
                    continue
                a["_used"] = True
            return a
        return None

    def send(self, a):
        if a.get("delay"):
            time.sleep(a["delay"])
        if "base64" in a:
            payload = base64.b64decode(a["base64"])
            ctype = "application/json"
        elif "json" in a:
            payload = json.dumps(a["json"], ensure_ascii=False).encode()
            ctype = "application/json"
        else:
            payload = a.get("text", "").encode()
            ctype = "text/html; charset=utf-8" if payload.lstrip().startswith(b"<") else "text/plain"
        self.send_response(a.get("status", 200))
        headers = {"Content-Type": ctype}
        headers.update(a.get("headers", {}))
        for k, v in headers.items():
            self.send_header(k, v)
        size = a.get("stream_bytes", a.get("length", len(payload)))
        self.send_header("Content-Length", str(size))
        self.end_headers()
        self.wfile.flush()
        if a.get("close"):
            if a["close"] is not True:
                self.wfile.write(payload[:a["close"]])
                self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            self.close_connection = True
            self.rfile.close()                   # its reference kept the socket open
            self.connection.close()
            return
        if a.get("stream_bytes"):
            self.stream(a["stream_bytes"])
            return
        if a.get("hang"):
            self.wfile.write(payload[:1])
            self.wfile.flush()
            time.sleep(3600)
        if a.get("trickle"):
            for i in range(len(payload)):
                self.wfile.write(payload[i:i + 1])
                self.wfile.flush()
                time.sleep(1)
            return
        self.wfile.write(payload)

    def stream(self, n):
        chunk = b"x" * 65536
        try:
            while n > 0:
                self.wfile.write(chunk[:min(n, len(chunk))])
                n -= len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_GET = do_POST = do_PUT = answer


class Server(ThreadingHTTPServer):
    request_queue_size = 512                  # the listen() backlog: set before the bind

    def handle_error(self, request, client_address):
        pass                                  # clients that hang up are the point


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--routes", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log")
    ap.add_argument("--cert")
    ap.add_argument("--key")
    args = ap.parse_args()
    with open(args.routes) as f:
        routes = json.load(f)
    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.routes = routes
    server.log = args.log
    if args.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.cert, args.key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

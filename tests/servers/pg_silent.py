#!/usr/bin/python3
"""A PostgreSQL server that lets every client in (no SSL, no password) and
then never answers a query: a hung server or pooler, for the tests.  Listens
on 127.0.0.1; the port is written to --port-file."""
import argparse
import socket
import struct
import threading


def recv_exact(c, n):
    data = b""
    while len(data) < n:
        more = c.recv(n - len(data))
        if not more:
            raise OSError("closed")
        data += more
    return data


def message(kind, payload):
    return kind + struct.pack("!i", 4 + len(payload)) + payload


def serve(c):
    try:
        while True:
            length, code = struct.unpack("!ii", recv_exact(c, 8))
            recv_exact(c, length - 8)
            if code in (80877103, 80877104):     # SSLRequest, GSSENCRequest: no
                c.sendall(b"N")
                continue
            break                                # the StartupMessage
        out = message(b"R", struct.pack("!i", 0))            # AuthenticationOk
        for k, v in (("server_version", "15.0"), ("client_encoding", "UTF8"),
                     ("DateStyle", "ISO, MDY"), ("integer_datetimes", "on"),
                     ("standard_conforming_strings", "on")):
            out += message(b"S", k.encode() + b"\0" + v.encode() + b"\0")
        out += message(b"K", struct.pack("!ii", 1, 2))       # BackendKeyData
        out += message(b"Z", b"I")                            # ReadyForQuery
        c.sendall(out)
        while c.recv(65536):                     # queries: read, never answered
            pass
    except OSError:
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    args = ap.parse_args()
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    with open(args.port_file, "w") as f:
        f.write(str(s.getsockname()[1]))
    while True:
        c, _ = s.accept()
        threading.Thread(target=serve, args=(c,), daemon=True).start()


main()

#!/usr/bin/python3
"""Looks for a canary in files the way an attacker would read them: as
written, URL-decoded, with \\uXXXX escapes undone (however many backslashes),
and in every Base64 or Base64url run decoded at each offset.  Prints each
file and form where it is found; exits 1 when it is found anywhere."""
import base64
import re
import sys
import urllib.parse


def views(text):
    yield "as written", text
    yield "URL-decoded", urllib.parse.unquote(text)
    yield "JSON-unescaped", re.sub(r"\\+u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    for run in re.findall(r"[A-Za-z0-9+/_-]{12,}", text):
        std = run.replace("-", "+").replace("_", "/")
        for off in range(4):
            s = std[off:]
            s = s[: len(s) // 4 * 4]
            try:
                yield "Base64", base64.b64decode(s).decode("latin-1")
            except ValueError:
                pass


canary = sys.argv[1]
found = False
for name in sys.argv[2:]:
    text = open(name, "rb").read().decode("utf-8", "replace")
    for form, view in views(text):
        if canary in view:
            print(f"{name}: {form}", file=sys.stderr)
            found = True
            break
sys.exit(1 if found else 0)

#!/usr/bin/python3
"""Baseline 2: seed 002's loop (apilist_monitor.py), which asks for one API
key's balance after another.  The seed's script is not published, only its
manual, so this is its shape: for every key in the list, one HTTPS GET with
a Bearer token, the JSON parsed, one line printed.  Python standard library.

usage: sequential_loop.py BASE_URL KEYS_DIR"""
import json
import os
import sys
import urllib.request


def main():
    base, keys_dir = sys.argv[1], sys.argv[2]
    api_keys = []
    for name in sorted(os.listdir(keys_dir)):
        with open(os.path.join(keys_dir, name)) as f:
            api_keys.append({"name": name, "apikey": f.read().strip()})
    for key in api_keys:
        req = urllib.request.Request(base + "/v1/users/me/balance",
                                     headers={"Authorization": "Bearer " + key["apikey"]})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                data = json.load(resp)["data"]
            print(f"✅ {key['name']}: {data['available_balance']}")
        except Exception as e:
            print(f"❌ {key['name']}: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

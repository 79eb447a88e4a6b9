#!/usr/bin/python3
"""Writes N Moonshot balance observations, as fetch-moonshot prints them (200
accounts, hourly, balances from 0 to 20 USD so that some are at or under the
5 USD threshold), as NDJSON; and, when given COLUMNS, the same rows as CSV
with those usage_snapshots columns in that order (an explicit id first), for
sqlite3's .import.  Deterministic.

usage: make_records.py N NDJSON [CSV COLUMNS]   (COLUMNS: comma-separated)"""
import calendar
import random
import sys
import time

START = calendar.timegm((2025, 1, 1, 0, 0, 0))


def main():
    n, ndjson = int(sys.argv[1]), sys.argv[2]
    csv_path = sys.argv[3] if len(sys.argv) > 3 else None
    columns = sys.argv[4].split(",") if len(sys.argv) > 4 else []
    rnd = random.Random(7)
    nd = open(ndjson, "w")
    cv = open(csv_path, "w") if csv_path else None
    ts = ""
    for i in range(n):
        if i % 200 == 0:
            ts = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(START + (i // 200) * 3600))
        account = f"acct-{i % 200:03d}"
        cents = rnd.randrange(0, 2000)
        voucher = min(cents, rnd.randrange(0, 500))
        remaining, v, c = cents / 100, voucher / 100, (cents - voucher) / 100
        nd.write(f'{{"ts":"{ts}","provider":"moonshot","account":"{account}",'
                 f'"kind":"balance","unit":"USD","remaining":{remaining},'
                 f'"parts":{{"voucher":{v},"cash":{c}}},"status":"ok"}}\n')
        if cv:
            values = {"id": str(i + 1), "timestamp": ts, "provider": "moonshot",
                      "account": account, "kind": "balance", "currency": "USD",
                      "remaining": str(remaining), "status": "ok",
                      "parts": f'"{{""voucher"":{v},""cash"":{c}}}"'}
            cv.write(",".join(values.get(col, "") for col in columns) + "\n")
    nd.close()
    if cv:
        cv.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

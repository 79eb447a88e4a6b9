#!/usr/bin/python3 -B
"""Benchmark 2, many accounts: 200 keys in a keys directory, a loopback
Moonshot that answers each request after 100 ms.  fetch-moonshot asks them
concurrently (--parallel 50); seed 002's loop asks them one after another."""
import json
import os

from benchlib import (OUT, HERE, BenchError, Server, bench_env, main, median, program, repeat,
                      row, run_pipeline, runs, tool)

S = "Many accounts (200 keys, 100 ms answers)"
ACCOUNTS = 200
PARALLEL = 50


def make_keys():
    keys = os.path.join(OUT, "keys-200")
    d = os.path.join(keys, "moonshot")
    os.makedirs(d, exist_ok=True)
    for i in range(ACCOUNTS):
        path = os.path.join(d, f"acct-{i:03d}")
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
            f.write(f"sk-bench-{i:03d}\n")
        os.chmod(path, 0o600)
    return keys


def make_routes():
    path = os.path.join(OUT, "slow-routes.json")
    answer = {"delay": 0.1, "json": {"code": 0, "status": True, "scode": "0x0", "data": {
        "available_balance": 12.34, "voucher_balance": 3.45, "cash_balance": 8.89}}}
    with open(path, "w") as f:
        json.dump({"GET /v1/users/me/balance": answer}, f)
    return path


def check_output(path, want):
    with open(path) as f:
        lines = [json.loads(line) for line in f]
    good = sum(1 for r in lines if r.get("status") == "ok")
    if len(lines) != want or good != want:
        raise BenchError(f"{path}: {good} good records of {len(lines)}, want {want}")


def body():
    keys = make_keys()
    out = os.path.join(OUT, "many.ndjson")
    with Server(make_routes()) as srv:
        env = bench_env(QUOTAWATCH_KEYS=keys)
        ours = [tool("fetch-moonshot"), "--base-url", srv.url, "--parallel", str(PARALLEL)]
        a = repeat(runs(5), lambda: run_pipeline([ours], stdout=out, env=env))
        check_output(out, ACCOUNTS)
        loop = [program("python3"), os.path.join(HERE, "sequential_loop.py"), srv.url,
                os.path.join(keys, "moonshot")]
        b = [run_pipeline([loop], stdout=out, env=env)]
    row(S, f"wall time, all 200 (--parallel {PARALLEL})", "s", median(a, "wall"),
        median(b, "wall"), "seed 002's sequential loop", targets=[{"max": 1}])
    row(S, "CPU time, all 200", "ms", median(a, "cpu") * 1e3, median(b, "cpu") * 1e3,
        "seed 002's sequential loop")


if __name__ == "__main__":
    main(body)

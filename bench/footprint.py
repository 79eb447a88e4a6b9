#!/usr/bin/python3 -B
"""Benchmark 5, footprint: the start-up time of every tool's --version
(median wall time; what a cron job pays before any work), against jq's,
and the size of every binary, stripped (the build keeps -g).  System
libraries are shared, as in any Debian package: the sizes are our code."""
import os
import subprocess

from benchlib import (BIN, OUT, BenchError, bench_env, main, median, program, repeat, row,
                      run_pipeline, runs)

S = "Footprint: start-up (--version) and binary size"


def tools():
    if not BIN or not os.path.isdir(BIN):
        raise BenchError("QW_BIN must name the directory of the built tools")
    return sorted(n for n in os.listdir(BIN)
                  if "." not in n and os.access(os.path.join(BIN, n), os.X_OK))


def stripped_size(path):
    d = os.path.join(OUT, "stripped")
    os.makedirs(d, exist_ok=True)
    dst = os.path.join(d, os.path.basename(path))
    subprocess.run([program("strip"), "-o", dst, path], check=True)
    return os.path.getsize(dst)


def body():
    env = bench_env()
    jq = program("jq")
    base = repeat(runs(20), lambda: run_pipeline([[jq, "--version"]], env=env), warmup=2)
    for name in tools():
        path = os.path.join(BIN, name)
        got = repeat(runs(20), lambda: run_pipeline([[path, "--version"]], env=env), warmup=2)
        rss = run_pipeline([[path, "--version"]], env=env, memory=True).rss
        row(S, f"{name} --version", "ms", median(got, "wall") * 1e3, median(base, "wall") * 1e3,
            "jq --version", note=f"{median(got, 'cpu') * 1e3:.2f} ms CPU, "
            f"{rss / 1024:.1f} MiB peak")
    for name in tools():
        size = stripped_size(os.path.join(BIN, name))
        row(S, f"{name} binary, stripped", "KiB", size / 1024,
            note=f"{os.path.getsize(os.path.join(BIN, name)) / 1024:.0f} KiB as built (-g)")


if __name__ == "__main__":
    main(body)

#!/usr/bin/python3 -B
"""Benchmark 3, stream throughput, and the peak memory of benchmark 5: evaluate,
render --format log and record on a 1,000,000-record file, against jq doing
the same work, sqlite3's .import of the same rows as CSV, and cat (the
limit).  Input from the file, output to /dev/null."""
import os
import sqlite3

from benchlib import (HERE, OUT, BenchError, bench_env, main, median, program, remove_db,
                      repeat, row, run_pipeline, runs, tool)

N = int(os.environ.get("QW_BENCH_RECORDS", "1000000"))
S = f"Stream throughput ({N:,} records)"
F = f"Footprint: peak memory on the {N:,}-record file (streaming: flat)"
JQ_THRESHOLD = 'if .remaining <= 5 then .level="warning" else .level="ok" end'
JQ_LOG = ('"\\(.ts[0:10]) \\(.ts[11:19]) | Available: $\\(.remaining) | '
          'Voucher: $\\(.parts.voucher) | Cash: $\\(.parts.cash)"')


def columns(env):
    """The usage_snapshots columns, in order, of a database record creates."""
    db = remove_db(os.path.join(OUT, "schema.db"))
    run_pipeline([[tool("record"), "--db", db]], env=env)
    with sqlite3.connect(db) as con:
        return [r[1] for r in con.execute("PRAGMA table_info(usage_snapshots)")]


def inputs(env):
    """The NDJSON and CSV files, made again when the generator or the schema changed."""
    cols = ",".join(columns(env))
    nd, csv, stamp = (os.path.join(OUT, f"records.{x}") for x in ("ndjson", "csv", "stamp"))
    want = f"{N} {os.path.getmtime(os.path.join(HERE, 'make_records.py'))} {cols}"
    if not (os.path.exists(stamp) and open(stamp).read() == want and os.path.exists(csv)):
        run_pipeline([[program("python3"), os.path.join(HERE, "make_records.py"), str(N), nd,
                       csv, cols]], env=env)
        with open(stamp, "w") as f:
            f.write(want)
    return nd, csv


def rows_in(db):
    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM usage_snapshots").fetchone()[0]


def body():
    env = bench_env()
    nd, csv = inputs(env)
    alerts = (0, 1, 2)
    db = os.path.join(OUT, "stream.db")

    def measure(argv, ok=(0,)):
        return run_pipeline([argv], stdin=nd, env=env, ok=ok, memory=True)

    def record():
        r = measure([tool("record"), "--db", remove_db(db)], alerts)
        if rows_in(db) != N:
            raise BenchError(f"record wrote {rows_in(db)} rows, not {N}")
        return r

    def sqlite_import():
        run_pipeline([[tool("record"), "--db", remove_db(db)]], env=env)
        r = run_pipeline([[program("sqlite3"), db, f".import --csv {csv} usage_snapshots"]],
                         env=env, memory=True)
        if rows_in(db) != N:
            raise BenchError(f"sqlite3 .import wrote {rows_in(db)} rows, not {N}")
        return r

    cat = repeat(runs(3), lambda: measure([program("cat")]))
    ev = repeat(runs(3), lambda: measure([tool("evaluate")], alerts))
    jq = [measure([program("jq"), "-c", JQ_THRESHOLD])]
    rl = repeat(runs(3), lambda: measure([tool("render"), "--format", "log"], alerts))
    jq_log = [measure([program("jq"), "-r", JQ_LOG])]
    rec = repeat(runs(3), record, warmup=0)
    imp = [sqlite_import()]

    def rate(rs):
        return N / median(rs, "wall")

    def on_cpu(rs):
        return f"{N / median(rs, 'cpu') / 1e6:.2f} M/s on CPU time"

    row(S, "evaluate", "rec/s", rate(ev), rate(jq), "jq -c (same threshold)", better="higher",
        targets=[{"ratio_min": 20}, {"min": 1e6}], note=on_cpu(ev))
    row(S, "evaluate against the limit", "rec/s", rate(ev), rate(cat), "cat",
        better="higher", targets=[{"ratio_min": 1 / 3}])
    row(S, "render --format log", "rec/s", rate(rl), rate(jq_log), "jq -r (same log line)",
        better="higher", note=on_cpu(rl))
    row(S, "record (indexed schema, one transaction)", "rec/s", rate(rec), rate(imp),
        "sqlite3 .import (CSV)", better="higher", targets=[{"min": 3e5}], note=on_cpu(rec))
    for name, rs, base, base_name in [("evaluate", ev, jq, "jq -c"),
                                      ("render --format log", rl, jq_log, "jq -r"),
                                      ("record", rec, imp, "sqlite3 .import")]:
        row(F, name, "MiB", max(r.rss for r in rs) / 1024, max(r.rss for r in base) / 1024,
            base_name, targets=[{"max": 20}])


if __name__ == "__main__":
    main(body)

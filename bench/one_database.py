#!/usr/bin/python3 -B
"""Benchmark 6, one database (issue 18): the README's pipeline
fetch-moonshot | evaluate | notify-discord | record with one QUOTAWATCH_DB,
against the loopback Moonshot and Discord, must finish without waiting for
the busy timeout (under 2 s); and a 1,000,000-record run through
evaluate | notify-discord | record stays under 32 MiB of peak memory in
every process (GNU time's %M).  record's own rate (200 k records/s or
more) is measured by stream.py."""
import os

from benchlib import (OUT, ROOT, BenchError, Server, bench_env, main, median, remove_db,
                      repeat, row, run_pipeline, runs, tool)
from stream import N, inputs, rows_in

S = "One database (fetch-moonshot | evaluate | notify-discord | record)"
HOOK = "/api/webhooks/4711/ok-canary7Qx2"


def body():
    db = os.path.join(OUT, "one-database.db")
    with Server(os.path.join(ROOT, "tests/data/moonshot-routes.json")) as moonshot, \
            Server(os.path.join(ROOT, "tests/data/discord-routes.json")) as discord:
        env = bench_env(MOONSHOT_API_KEY="sk-five", MOONSHOT_BASE_URL=moonshot.url,
                        DISCORD_WEBHOOK_URL=discord.url + HOOK, QUOTAWATCH_DB=db)
        headline = [[tool("fetch-moonshot")], [tool("evaluate")], [tool("notify-discord")],
                    [tool("record")]]

        def one():
            r = run_pipeline(headline, env=env, ok=(2,))
            if r.statuses != [0, 2, 2, 2]:
                raise BenchError(f"the headline pipeline: exit statuses {r.statuses}")
            return r

        remove_db(db)
        walls = repeat(runs(5), one)
        nd, _ = inputs(env)

        def big():
            remove_db(db)
            r = run_pipeline([[tool("evaluate")], [tool("notify-discord")], [tool("record")]],
                             stdin=nd, env=env, ok=(0, 1, 2), memory=True)
            if r.statuses != [2, 2, 2] or rows_in(db) != N:
                raise BenchError(f"{N:,} records: exit statuses {r.statuses}, "
                                 f"{rows_in(db)} rows")
            return r

        many = repeat(runs(2), big, warmup=0)
    row(S, "the headline pipeline, one database, wall time", "s", median(walls, "wall"),
        targets=[{"max": 2}], note="no stage waits for another's lock (busy timeout 60 s)")
    row(S, f"evaluate | notify-discord | record, {N:,} records: peak memory", "MiB",
        max(r.rss for r in many) / 1024, targets=[{"max": 32}],
        note="the largest process, GNU time %M")
    row(S, f"evaluate | notify-discord | record, {N:,} records", "rec/s",
        N / median(many, "wall"), better="higher",
        note="the notifier passes records on after its delivery: record's own rate is stream.py's")


if __name__ == "__main__":
    main(body)

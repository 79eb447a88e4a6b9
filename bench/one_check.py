#!/usr/bin/python3 -B
"""Benchmark 1, one check: fetch-moonshot | evaluate | record against seed
001's moonshot-balance.sh, both asking the same loopback Moonshot, in turn.
CPU and wall time per check, median of many runs."""
import os

from benchlib import (HERE, OUT, ROOT, Server, bench_env, interleave, main, median, program,
                      remove_db, row, run_pipeline, runs, tool)

S = "One check (fetch-moonshot | evaluate | record vs seed 001's script)"


def body():
    db = remove_db(os.path.join(OUT, "one-check.db"))
    with Server(os.path.join(ROOT, "tests/data/moonshot-routes.json")) as srv:
        env = bench_env(MOONSHOT_API_KEY="sk-good", MOONSHOT_BASE_URL=srv.url)
        ours = [[tool("fetch-moonshot")], [tool("evaluate")], [tool("record"), "--db", db]]
        script = [program("bash"), os.path.join(HERE, "moonshot-balance.sh")]
        floor = [[program("true")]] * 3
        curl = [program("curl"), "-s", srv.url + "/v1/users/me/balance",
                "-H", "Authorization: Bearer sk-good"]
        curl_cat = [curl, [program("cat")], [program("cat")]]
        a, b, c, d, e = interleave(runs(40), [lambda: run_pipeline(ours, env=env),
                                              lambda: run_pipeline([script], env=env),
                                              lambda: run_pipeline(floor, env=env),
                                              lambda: run_pipeline([curl], env=env),
                                              lambda: run_pipeline(curl_cat, env=env)], warmup=3)
        mem_a = run_pipeline(ours, env=env, memory=True).rss
        mem_b = run_pipeline([script], env=env, memory=True).rss
    cpu, base_cpu = median(a, "cpu") * 1e3, median(b, "cpu") * 1e3
    row(S, "CPU per check", "ms", cpu, base_cpu, "moonshot-balance.sh",
        targets=[{"ratio_min": 30}, {"max": 10}],
        note="user+sys of all processes, median")
    row(S, "wall time per check", "ms", median(a, "wall") * 1e3, median(b, "wall") * 1e3,
        "moonshot-balance.sh")
    for i, name in enumerate(["fetch-moonshot", "evaluate", "record"]):
        share = sorted(r.cpus[i] for r in a)[len(a) // 2] * 1e3
        row(S, f"CPU of {name} alone", "ms", share)
    row(S, "the floor: CPU of three empty processes", "ms", median(c, "cpu") * 1e3,
        note="true | true | true: what the machine charges to start any three processes")
    row(S, "the bound: CPU of the script's curl alone", "ms", median(d, "cpu") * 1e3,
        note="libcurl and its 30 shared libraries, which fetch-moonshot loads too")
    row(S, "the least a three-stage check can cost here", "ms", median(e, "cpu") * 1e3,
        note="curl | cat | cat: the same request, then two stages that do nothing but copy")
    row(S, "peak memory of one check", "MiB", mem_a / 1024, mem_b / 1024,
        "moonshot-balance.sh", note="largest process")


if __name__ == "__main__":
    main(body)

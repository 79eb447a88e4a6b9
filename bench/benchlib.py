"""What every benchmark shares: running processes and measuring them, the
loopback server, and the rows the benchmarks print for bench/run.

CPU time is user + system of each process, from wait4(2), so it counts the
process and every child it waited for (a shell script's curl, jq and bc);
wall time is a monotonic clock around the run.  Peak memory comes from
/usr/bin/time -f %M around each process: our own wait4's ru_maxrss would
count this Python process, whose pages a spawned child holds until it execs.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.environ.get("QW_BENCH_OUT") or os.path.join(HERE, "out")
BIN = os.environ.get("QW_BIN", "")
# QW_BENCH_SCALE=0.1 runs a tenth of the repetitions (not of the data).
SCALE = float(os.environ.get("QW_BENCH_SCALE", "1"))


class BenchError(Exception):
    pass


def tool(name):
    """The path of one of our built tools."""
    if not BIN:
        raise BenchError("QW_BIN must name the directory of the built tools")
    path = os.path.join(BIN, name)
    if not os.access(path, os.X_OK):
        raise BenchError(f"{path}: not built")
    return path


def program(name):
    """The path of a program on PATH (jq, cat, sqlite3, bash)."""
    path = shutil.which(name)
    if not path:
        raise BenchError(f"{name}: not installed")
    return path


def runs(n):
    return max(1, round(n * SCALE))


class Run:
    """One measured run: CPU and wall seconds, peak KiB (when measured),
    exit statuses, and the CPU seconds of each process."""

    def __init__(self, cpu, wall, rss, statuses, cpus):
        self.cpu, self.wall, self.rss, self.statuses, self.cpus = cpu, wall, rss, statuses, cpus


def bench_env(**extra):
    """A clean environment: no real key, no real database, UTC."""
    env = {k: v for k, v in os.environ.items()
           if not k.endswith("_API_KEY") and not k.startswith("QUOTAWATCH_")}
    env.update({"TZ": "UTC", "HOME": os.path.join(OUT, "home"),
                "QUOTAWATCH_KEYS": os.path.join(OUT, "no-keys"),
                "QUOTAWATCH_DB": os.path.join(OUT, "default.db"), "LC_ALL": "C.UTF-8"})
    env.update(extra)
    return env


def remove_db(path):
    """Removes an SQLite database and its WAL files; returns the path."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)
    return path


def run_pipeline(argvs, stdin=None, stdout=None, env=None, ok=(0,), memory=False):
    """Runs argvs[0] | argvs[1] | ... with stdin and stdout from/to paths
    (default /dev/null), stderr to OUT/stderr.log.  Each argv[0] is a path.
    With memory, each process runs under /usr/bin/time (about 1 MiB floor)."""
    os.makedirs(OUT, exist_ok=True)
    env = env or bench_env()
    names = " | ".join(os.path.basename(a[0]) for a in argvs)
    rss_files = []
    if memory:
        timer = program("time")
        wrapped = []
        for i, argv in enumerate(argvs):
            rss_files.append(os.path.join(OUT, f"rss.{i}"))
            wrapped.append([timer, "-f", "%M", "-o", rss_files[-1]] + list(argv))
        argvs = wrapped
    err_fd = os.open(os.path.join(OUT, "stderr.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    prev = os.open(stdin or os.devnull, os.O_RDONLY)
    out_fd = os.open(stdout or os.devnull, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    pids = []
    start = time.perf_counter()
    try:
        for i, argv in enumerate(argvs):
            last = i == len(argvs) - 1
            r, w = (None, out_fd) if last else os.pipe()
            actions = [(os.POSIX_SPAWN_DUP2, prev, 0), (os.POSIX_SPAWN_DUP2, w, 1),
                       (os.POSIX_SPAWN_DUP2, err_fd, 2)]
            pids.append(os.posix_spawn(argv[0], argv, env, file_actions=actions))
            os.close(prev)
            if not last:
                os.close(w)
            prev = r
    finally:
        os.close(out_fd)
        os.close(err_fd)
    cpus, statuses = [], []
    for pid in pids:
        _, status, ru = os.wait4(pid, 0)
        cpus.append(ru.ru_utime + ru.ru_stime)
        statuses.append(os.waitstatus_to_exitcode(status))
    wall = time.perf_counter() - start
    rss = None
    for path in rss_files:
        with open(path) as f:
            rss = max(rss or 0, int(f.read().split()[-1]))
    if statuses[-1] not in ok:
        raise BenchError(f"{names}: exit status {statuses} (see {OUT}/stderr.log)")
    return Run(sum(cpus), wall, rss, statuses, cpus)


def repeat(n, fn, warmup=1):
    """Runs fn() warmup + n times; the measured runs."""
    for _ in range(warmup):
        fn()
    return [fn() for _ in range(n)]


def repeat_within(n, fn, budget):
    """Runs fn() up to n times, and no more once the runs took budget seconds."""
    got = [fn()]
    while len(got) < n and sum(r.wall for r in got) < budget:
        got.append(fn())
    return got


def interleave(n, fns, warmup=1):
    """Runs each fn in turn, n rounds, so that noise falls on all alike."""
    for _ in range(warmup):
        for fn in fns:
            fn()
    got = [[] for _ in fns]
    for _ in range(n):
        for i, fn in enumerate(fns):
            got[i].append(fn())
    return got


def median(runs_, what):
    return statistics.median(getattr(r, what) for r in runs_)


class Server:
    """tests/servers/fake_http.py on a free loopback port, answering from a
    routes file; stopped by stop() (or at exit of a with block)."""

    def __init__(self, routes):
        os.makedirs(OUT, exist_ok=True)
        port_file = os.path.join(OUT, f"port.{os.getpid()}")
        if os.path.exists(port_file):
            os.unlink(port_file)
        self.proc = subprocess.Popen(
            ["/usr/bin/python3", os.path.join(ROOT, "tests/servers/fake_http.py"),
             "--routes", routes, "--port-file", port_file])
        for _ in range(200):
            if os.path.exists(port_file) and os.path.getsize(port_file):
                break
            time.sleep(0.05)
        else:
            self.stop()
            raise BenchError("the loopback server did not start")
        with open(port_file) as f:
            self.url = "http://127.0.0.1:" + f.read().strip()
        os.unlink(port_file)

    def stop(self):
        self.proc.terminate()
        self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def row(section, what, unit, ours, baseline=None, baseline_name="", better="lower",
        targets=(), note=""):
    """Prints one result row as a JSON line for bench/run.

    unit: ms, s, MiB, KiB, rec/s.  better: which way is good.  targets: a
    list of {"max": X} / {"min": X} on ours, or {"ratio_min": R} on the
    ratio, which is how many times better ours is than the baseline."""
    print(json.dumps({"section": section, "what": what, "unit": unit, "ours": ours,
                      "baseline": baseline, "baseline_name": baseline_name,
                      "better": better, "targets": list(targets), "note": note}),
          flush=True)


def main(fn):
    """Runs a benchmark's body; a BenchError becomes one failed row."""
    try:
        fn()
    except BenchError as e:
        name = os.path.basename(sys.argv[0])
        print(json.dumps({"section": name, "error": str(e)}), flush=True)
        sys.exit(1)

"""Where a build leaves a core idle: runnable threads per stage and per statement (issue 16).

Usage: python bench/idle_cores.py [--snapshot ../shared/data] [--top 25]

Runs ``stadstrends build`` in a child process whose DuckDB connections log every statement
(thread, start, end, as ``bench/statements.py`` does) and whose stage clock logs each stage's
start, while this process reads ``/proc/<pid>/task/*/stat`` of the build and its reading
workers every 5 ms and counts the threads in state R (running or waiting for a core). The
count is what the build could use, whatever else the machine runs: on a loaded host every
stretch is longer, but a stretch with one runnable thread leaves the second core idle on a
quiet one too. Prints per stage its wall time, the share of two cores left idle
(``2 - runnable``, never below 0) and the runnable threads of the build's main thread, its
other threads (DuckDB's, the cursors' threads) and the reading workers, and the CPU seconds
of the process tree (``/proc/<pid>/stat``, sampled every 50 ms); then the idle core-seconds
by what ran meanwhile (the statements running, or Python between statements). The child
imports ``stadstrends.warehouse.build`` before the command starts (to log its
connections), so the start differs a little from a plain build. Results: bench/README.md
(session 55); the quiet-host estimate: session 57 (h57a).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from stadstrends.paths import default_snapshot_dir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proctree import descendants  # noqa: E402

CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[4])
import logged_duckdb
logged_duckdb.clock = time.monotonic  # the clock this process samples by
STAGES = []
import stadstrends.warehouse.build as build
from stadstrends.warehouse import stage_clock
build.duckdb = logged_duckdb.LoggingDuckDB()
started = stage_clock.StageClock.start
def start(self, stage):
    STAGES.append(("stage", time.monotonic(), 0.0, "", stage))
    return started(self, stage)
stage_clock.StageClock.start = start
STAGES.append(("stage", time.monotonic(), 0.0, "", "start"))
from stadstrends.cli import app
try:
    app(["build", "--snapshot", sys.argv[1], "--db", sys.argv[2]], standalone_mode=False)
finally:
    with open(sys.argv[3], "w") as f:
        json.dump(STAGES + [("sql", *row) for row in logged_duckdb.LOG], f)
"""


def _runnable(pids: list[int]) -> list[tuple[int, int]]:
    """(pid, thread id) of the threads of ``pids`` in state R."""
    found = []
    for pid in pids:
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            try:
                with open(f"/proc/{pid}/task/{tid}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            if stat[stat.rfind(")") + 2] == "R":
                found.append((pid, int(tid)))
    return found


def _cpu(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def _watch(proc: subprocess.Popen) -> tuple[list, list]:
    """Samples (time, [(pid, tid)]) every 5 ms and (time, CPU of the tree) every 50 ms."""
    samples, cpus, seen = [], [], {}
    pids, last = [proc.pid], 0.0
    while proc.poll() is None:
        now = time.monotonic()
        if now - last > 0.05:
            pids, last = [proc.pid, *descendants(proc.pid)], now
            seen.update({p: _cpu(p) for p in pids})  # a worker gone keeps its last reading
            cpus.append((now, sum(seen.values())))
        samples.append((now, _runnable(pids)))
        time.sleep(max(0.0, 0.005 - (time.monotonic() - now)))
    return samples, cpus


def _quiet_estimate(samples: list, cpus: list) -> float:
    """The build's wall time on a quiet two-core host, from a run on a loaded one: per 50 ms
    interval its CPU over the cores it could have used (its runnable threads, at least 1
    and at most 2), plus the share of the interval in which none of its threads could run
    (waiting for the disk, a sleep)."""
    total, k = 0.0, 0
    for (t0, c0), (t1, c1) in zip(cpus, cpus[1:], strict=False):
        runs = []
        while k < len(samples) and samples[k][0] < t1:
            if samples[k][0] >= t0:
                runs.append(len(samples[k][1]))
            k += 1
        if not runs:
            continue
        active = [r for r in runs if r]
        cores = min(max(sum(active) / len(active), 1.0), 2.0) if active else 1.0
        total += (c1 - c0) / cores + (t1 - t0) * (len(runs) - len(active)) / len(runs)
    return total


def _report(log: list, samples: list, cpus: list, main: int, top: int) -> None:
    stages = [x for x in log if x[0] == "stage"]
    statements = [x for x in log if x[0] == "sql"]
    times = [t for t, _ in samples]

    def cpu_at(t: float) -> float:
        return max((c for tt, c in cpus if tt <= t), default=0.0)

    print("stage                   wall s  idle  main other workers  CPU s")
    idle_by: dict[tuple[str, str], float] = defaultdict(float)
    wall_by: dict[tuple[str, str], float] = defaultdict(float)
    for stage, after in zip(stages, stages[1:], strict=False):
        a, b = stage[1], after[1]
        total = idle = m = o = w = 0.0
        for k, (t, run) in enumerate(samples):
            if not a <= t < b or k + 1 == len(samples):
                continue
            dt = times[k + 1] - t
            mm = sum(1 for p, tid in run if p == main and tid == main)
            oo = sum(1 for p, tid in run if p == main and tid != main)
            total += dt
            idle += dt * max(0, 2 - len(run)) / 2
            m, o, w = m + dt * mm, o + dt * oo, w + dt * (len(run) - mm - oo)
            names = sorted({x[4][:90] for x in statements if x[1] <= t < x[2]})
            key = (stage[4], " || ".join(names) or "(Python, no statement)")
            idle_by[key] += dt * max(0, 2 - len(run))
            wall_by[key] += dt
        if total:
            print(f"{stage[4][:22]:22s} {b - a:7.2f} {idle / total:5.2f} {m / total:5.2f} "
                  f"{o / total:5.2f} {w / total:7.2f} {cpu_at(b) - cpu_at(a):6.2f}")
    print(f"\nquiet-host estimate of the build's wall time: {_quiet_estimate(samples, cpus):.2f} s")
    print("\nidle core-seconds by what ran then (stage, wall s; statements running)")
    for (stage, names), idle in sorted(idle_by.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{idle:6.2f} {wall_by[(stage, names)]:6.2f} {stage[:10]:10s} {names[:150]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--snapshot", type=Path, default=default_snapshot_dir())
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        log_path, errors = Path(tmp) / "log.json", Path(tmp) / "stderr.txt"
        with errors.open("wb") as err:  # a file, not a pipe: the progress bar fills a pipe
            proc = subprocess.Popen([sys.executable, "-c", CHILD, str(args.snapshot),
                                     str(Path(tmp) / "w.duckdb"), str(log_path),
                                     str(Path(__file__).resolve().parent)],
                                    stdout=subprocess.DEVNULL, stderr=err)
            samples, cpus = _watch(proc)
        if proc.returncode:
            raise SystemExit(errors.read_text(errors="replace")[-3000:])
        log = json.loads(log_path.read_text())
    _report(log, samples, cpus, proc.pid, args.top)


if __name__ == "__main__":
    main()

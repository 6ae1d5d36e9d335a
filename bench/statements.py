"""Where a build's time and memory go, statement by statement (issue 16).

Usage: python bench/statements.py [--snapshot ../shared/data] [--top 25]

Builds a warehouse in this process (into a temporary folder) through a connection that logs
every statement it runs (also on the analysis' cursors: thread, start, end, CPU), while a
thread samples the process's resident set every 3 ms. Prints the statements with the highest
resident set during their run, the longest ones, those that took the most CPU (the thread
that ran them: one DuckDB thread per statement, ``logged_duckdb``) and the build's wall
time. An in-process build runs as ``stadstrends build`` does, but the sampling and the
logging cost a little time. With ``DUCKDB_JE_MALLOC_CONF=dirty_decay_ms:0,muzzy_decay_ms:0``
in the environment, DuckDB's allocator returns freed memory at once, so the resident set
shows the memory in use rather than what the allocator keeps for later. Results:
bench/README.md (session 11).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

import stadstrends.warehouse.build as warehouse_build
from stadstrends import process
from stadstrends.ingest.sources import table_reader
from stadstrends.paths import default_snapshot_dir
from stadstrends.settings import load_settings
from stadstrends.warehouse.resources import BuildResources

sys.path.insert(0, str(Path(__file__).resolve().parent))
import logged_duckdb  # noqa: E402

SAMPLES: list[tuple[float, float]] = []  # (time, MiB)
T0 = time.perf_counter()


def _rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


def main() -> None:
    global T0
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--snapshot", type=Path, default=default_snapshot_dir())
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--timeline", type=float, metavar="SECONDS", default=None,
                        help="also print every statement that took at least SECONDS, in "
                             "the order they started (which thread ran what beside what)")
    args = parser.parse_args()
    warehouse_build.duckdb = logged_duckdb.LoggingDuckDB()
    running = True

    def sample() -> None:
        while running:
            SAMPLES.append((time.perf_counter() - T0, _rss_mib()))
            time.sleep(0.003)

    process.settle_imports()
    reader, reference, origin = table_reader(args.snapshot, None, False)
    with tempfile.TemporaryDirectory() as tmp:
        sampler = threading.Thread(target=sample, daemon=True)
        T0 = logged_duckdb.T0 = time.perf_counter()
        sampler.start()
        warehouse_build.build_warehouse(Path(tmp) / "w.duckdb", reader, reference,
                                        origin=origin, settings=load_settings(None),
                                        resources=BuildResources())
        running = False
        sampler.join()
    wall = time.perf_counter() - T0
    rows = []
    cpus = []
    for start, end, thread, sql, cpu in logged_duckdb.LOG:
        peak = max((mib for t, mib in SAMPLES if start <= t <= end), default=0.0)
        rows.append((peak, end - start, start, thread, sql))
        cpus.append((cpu, end - start, start, thread, sql))
    width = 100
    print(f"build {wall:.2f} s in this process; highest resident set "
          f"{max(m for _, m in SAMPLES):.0f} MiB")
    print("\nstatements by the highest resident set during their run "
          "(MiB, seconds, start, thread):")
    for peak, took, start, thread, sql in sorted(rows, reverse=True)[:args.top]:
        print(f"{peak:6.0f} {took:6.3f} {start:6.2f} {thread[:12]:12s} {sql[:width]}")
    print("\nlongest statements:")
    for peak, took, start, thread, sql in sorted(rows, key=lambda r: -r[1])[:args.top]:
        print(f"{peak:6.0f} {took:6.3f} {start:6.2f} {thread[:12]:12s} {sql[:width]}")
    print(f"\nstatements by CPU (seconds of the thread that ran it, wall, start, thread; "
          f"all statements {sum(c[0] for c in cpus):.2f} s):")
    for cpu, took, start, thread, sql in sorted(cpus, reverse=True)[:args.top]:
        print(f"{cpu:6.3f} {took:6.3f} {start:6.2f} {thread[:12]:12s} {sql[:width]}")
    if args.timeline is not None:
        print(f"\nstatements of at least {args.timeline} s, in the order they started:")
        for _peak, took, start, thread, sql in sorted(rows, key=lambda r: r[2]):
            if took >= args.timeline:
                print(f"{start:6.2f} {start + took:6.2f} {thread[:12]:12s} {sql[:width]}")


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: time and peak memory of `stadstrends build` from the snapshot.

Usage: python bench/build.py [--snapshot ../shared/data] [--runs 3] [--replacing]
Runs a fresh build (no previous warehouse; with ``--replacing``, a build that replaces the
warehouse of the run before, as a rebuild does) in a child process per run, from bytecode
compiled beforehand (as an installed Stadstrends runs; ``cli_start.bytecode_env``: one
untimed build first writes the bytecode of every module it imports), and
prints wall time per run and its memory: the largest resident set of one process
(``getrusage``), and, in one more run that is not timed, the largest sum of the proportional
set sizes of the build and its reading worker processes, sampled every 20 ms from /proc
(forked workers share pages with the build: PSS counts each page once, so the sum is what
the build tree really holds; the sampling slows the build by about 3 s); before each build
and after the last, a bare scan of the same inputs (``bench/scale.py``'s: DuckDB
``read_csv(all_varchar=true)`` of every CSV plus ``json.load`` of every JSON file), so the
ratio build / bare scan (issue 16: <= 4x) comes from the same minutes: each build against
the mean of the scans on either side of it, and their median. Results are recorded in
bench/README.md.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from stadstrends.paths import default_snapshot_dir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_start import bytecode_env  # noqa: E402
from proctree import tree_pss_mib  # noqa: E402
from scale import bare_scan  # noqa: E402


def _run_sampled(argv: list[str], env: dict[str, str]) -> float:
    """Run ``argv``; return the largest memory of its process tree (sum of PSS, sampled
    every 20 ms)."""
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, tree_pss_mib(proc.pid))
        time.sleep(0.02)
    if proc.returncode:
        raise SystemExit(proc.stderr.read().decode()[-3000:])
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--snapshot", type=Path, default=default_snapshot_dir())
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--replacing", action="store_true",
                        help="each timed build replaces the warehouse of the one before "
                             "(the guard compares with it), after one untimed first build")
    args = parser.parse_args()
    times, scans, trees = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        argv = [sys.executable, "-m", "stadstrends.cli", "build", "--snapshot",
                str(args.snapshot), "--db", str(db)]
        env = bytecode_env(str(Path(tmp) / "pycache"))
        # one untimed build first writes the bytecode of everything a build imports into the
        # prefix cache: with PYTHONPYCACHEPREFIX the libraries' bytecode (pandas, pyarrow,
        # ...) is looked up there, not where pip compiled it, so a first timed run compiled
        # them all (+2-3 s, measured 2026-11-30); an installed Stadstrends runs from compiled
        # modules. With --replacing it is the warehouse the first timed build replaces.
        subprocess.run(argv, check=True, capture_output=True, env=env)
        for _ in range(args.runs):
            scans.append(bare_scan(args.snapshot))
            if not args.replacing:  # a fresh build (no comparison with the old)
                db.unlink(missing_ok=True)
            start = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - start)
        scans.append(bare_scan(args.snapshot))  # the last build's scan after it
        size_mb = db.stat().st_size / 1e6
        # memory of the build and its workers together in a run of its own: sampling /proc
        # every 20 ms slows the build it watches by about 3 s (measured 2026-11-30)
        if not args.replacing:
            db.unlink(missing_ok=True)
        trees.append(_run_sampled(argv, env))
        with duckdb.connect(str(db), read_only=True) as con:
            inside, stages = con.execute(
                "SELECT seconds, stage_seconds FROM build_info").fetchall()[0]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    kind = "replacing" if args.replacing else "fresh"
    print(f"{kind} build runs: {', '.join(f'{t:.1f}s' for t in times)}; "
          f"best {min(times):.1f}s; peak RSS of one process {peak_mb:.0f} MiB; "
          f"build with its reading workers together (sum of PSS, one more run, sampled): "
          f"{', '.join(f'{t:.0f}' for t in trees)} MiB; warehouse {size_mb:.1f} MB")
    # a build against the mean of the scans just before and just after it: the host's speed
    # drifts by up to half within an hour (bench/README.md), a scan on one side only could
    # meet other minutes than the build
    ratios = [b / ((before + after) / 2)
              for b, before, after in zip(times, scans, scans[1:], strict=False)]
    print(f"bare scans (before each build, and after the last): "
          f"{', '.join(f'{t:.2f}s' for t in scans)}; build / bare scan around it: "
          + ", ".join(f"{r:.1f}x" for r in ratios) + f"; median {statistics.median(ratios):.2f}x")
    print(f"last run, inside the build: {inside:.1f}s; per stage: {stages}")


if __name__ == "__main__":
    main()

"""Benchmark: time of `stadstrends report` for one city (HTML, PDF) and the whole G40.

Usage: python bench/report.py [--db stadstrends.duckdb] [--city Zwolle] [--runs 3] [--no-set]
Without --db a warehouse is built from the snapshot into a temporary folder first.
Each timing is a fresh `stadstrends report` process (wall clock, so imports count), plus the
in-process time the command reports for the city itself. Results go in docs/report.md.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from stadstrends.paths import default_snapshot_dir


def cli(*args: str) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", *args], check=True,
                         capture_output=True, text=True)
    return time.perf_counter() - start, out.stdout


def inner(stdout: str) -> float:
    """The seconds the command itself reports ('... in 0.31 s')."""
    match = re.search(r" in ([\d.]+) s", stdout)
    return float(match.group(1)) if match else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--snapshot", type=Path, default=default_snapshot_dir())
    parser.add_argument("--city", default="Zwolle")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-set", action="store_true", help="skip the 41-city run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "bench.duckdb"
            print(f"building a warehouse from {args.snapshot} ...", flush=True)
            cli("build", "--snapshot", str(args.snapshot), "--db", str(db))
        out = Path(tmp) / "out"
        cli("report", args.city, "--db", str(db), "--out", str(out))  # writes the JS bundle
        for fmt in ("html", "pdf"):
            walls, inners = [], []
            for _ in range(args.runs):
                wall, stdout = cli("report", args.city, "--db", str(db), "--out", str(out),
                                   "--format", fmt)
                walls.append(wall)
                inners.append(inner(stdout))
            print(f"{args.city} {fmt}: wall {', '.join(f'{w:.2f}' for w in walls)} s "
                  f"(best {min(walls):.2f} s); report itself best {min(inners):.2f} s",
                  flush=True)
        if not args.no_set:
            for fmt in ("html", "both"):
                wall, stdout = cli("report", "--set", "G40", "--db", str(db), "--out",
                                   str(Path(tmp) / f"set-{fmt}"), "--format", fmt)
                n = len(list((Path(tmp) / f"set-{fmt}").glob("*.pdf")))
                print(f"G40 set, {fmt}: wall {wall:.1f} s ({n} PDFs)", flush=True)


if __name__ == "__main__":
    main()

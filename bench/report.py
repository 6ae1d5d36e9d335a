"""Benchmark: the report speed targets of issues 12 and 16, each a fresh `stadstrends` process.

Usage: python bench/report.py [--db stadstrends.duckdb] [--city Zwolle] [--runs 3]
                              [--skip-all] [--skip-set] [--set-cached]
Without --db a warehouse is built from the snapshot into a temporary folder first.

Prints, per target, the wall clock and the CPU time (user + system of the process and the
workers it waited for, from ``resource.getrusage(RUSAGE_CHILDREN)``) of the best of
``--runs`` runs, the seconds the command reports itself, and the load average before and
after, so that runs on a shared machine can be judged (CPU time varies far less than wall
time there). `stadstrends --help` is timed in the same minutes as a yardstick:

  one report HTML          `report CITY --format html`                  target <= 1 s
  one report PDF (warm)    `report CITY --format pdf`, caches warm       target <= 2 s
                           and the same PDF again in one process (no imports, no start of
                           vl-convert's JS runtime or of WeasyPrint's fonts)
  all reports HTML         `report --all --format html` (342)            target <= 120 s
  G40 HTML + PDF           `report --set G40 --format both` (41 + 1)     target <= 60 s

"Caches warm": a first `report CITY --format both` has converted the city's charts and
rendered the PDF appendix every city shares, kept in the build's cache folder beside the
warehouse (``.<warehouse>.report-pdf/<build id>/``), as after any earlier run. The G40 run
starts with that folder removed (every chart converted, the appendix rendered: a first run
after a build); ``--set-cached`` times it once more with the folder it left (a rerun).

Results go in docs/report.md.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from stadstrends.paths import default_snapshot_dir

TARGETS = {"help": None, "html": 1.0, "pdf": 2.0, "pdf_warm": 2.0, "all": 120.0, "g40": 60.0}


def cli(*args: str) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (the process and its waited-for workers) and stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", *args],
                         capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        sys.exit(f"`stadstrends {' '.join(args)}` failed:\n{out.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out.stdout


def inner(stdout: str) -> float:
    """The seconds the command itself reports ('... in 0.31 s.', Dutch '... klaar in 0,31 s.',
    a set or all run '... opgeslagen in out/ (51,20 s).')."""
    match = re.search(r"(?: in |\()(\d+[.,]\d+) s[.)]", stdout)
    return float(match.group(1).replace(",", ".")) if match else float("nan")


WARM = """
import sys, time
from pathlib import Path
from stadstrends.publish.report import builder
con = builder.open_db(Path(sys.argv[1]))
geo = builder.geometries_for(con)
for i in range(int(sys.argv[4]) + 1):
    c, w = time.process_time(), time.perf_counter()
    builder.write_city(con, sys.argv[2], Path(sys.argv[3]), "nl", "pdf", geometries=geo)
    if i:
        print(f"{time.perf_counter() - w:.3f} {time.process_time() - c:.3f}", flush=True)
"""


def warm_pdf(db: Path, city: str, out: Path, runs: int) -> dict:
    """One city's PDF written again in the same process (imports, vl-convert's runtime,
    WeasyPrint and fonts loaded by a first report): best of ``runs``."""
    before = load()
    res = subprocess.run([sys.executable, "-c", WARM, str(db), city, str(out), str(runs)],
                         capture_output=True, text=True, check=True)
    rows = [tuple(map(float, line.split())) for line in res.stdout.strip().splitlines()]
    for wall, cpu in rows:
        print(f"  {city + ' pdf, in-process':<22} wall {wall:7.2f} s  cpu {cpu:7.2f} s  "
              f"load {before}", flush=True)
    wall, cpu = min(rows)
    return {"name": f"{city} pdf in-process", "wall": wall, "cpu": cpu, "inner": wall,
            "load": before}


def clear_cache(db: Path) -> None:
    """Remove the converted charts and rendered appendices of the warehouse's builds (beside
    the warehouse, or in the temp folder when that was not writable)."""
    for folder in (db.with_name(f".{db.name}.report-pdf"),
                   Path(tempfile.gettempdir()) / f"stadstrends-report-pdf-{db.name}"):
        shutil.rmtree(folder, ignore_errors=True)


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def measure(name: str, runs: int, *args: str) -> dict:
    """Best of ``runs`` (by wall clock) of one command, with its CPU and load."""
    rows = []
    for _ in range(runs):
        before = load()
        wall, cpu, stdout = cli(*args)
        rows.append({"wall": wall, "cpu": cpu, "inner": inner(stdout), "load": before,
                     "after": load()})
        print(f"  {name:<22} wall {wall:7.2f} s  cpu {cpu:7.2f} s  itself "
              f"{rows[-1]['inner']:7.2f} s  load {before} -> {rows[-1]['after']}", flush=True)
    best = min(rows, key=lambda r: r["wall"])
    return {**best, "name": name, "cpu_best": min(r["cpu"] for r in rows)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--snapshot", type=Path, default=default_snapshot_dir())
    parser.add_argument("--city", default="Zwolle")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-all", action="store_true", help="skip the 342-report run")
    parser.add_argument("--skip-set", action="store_true", help="skip the G40 HTML+PDF run")
    parser.add_argument("--set-cached", action="store_true",
                        help="time the G40 run once more with the charts it converted")
    args = parser.parse_args()
    print(f"cores {os.cpu_count()}, load {load()} (1/5/15 min)", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "bench.duckdb"
            print(f"building a warehouse from {args.snapshot} ...", flush=True)
            cli("build", "--snapshot", str(args.snapshot), "--db", str(db))
        out = Path(tmp) / "out"
        where = ("--db", str(db), "--out", str(out))
        # warm: the JS bundle, the chart template cache, fonts
        cli("report", args.city, *where, "--format", "both")
        results = [measure("stadstrends --help", args.runs, "--help"),
                   measure(f"{args.city} html", args.runs, "report", args.city, *where,
                           "--format", "html"),
                   measure(f"{args.city} pdf", args.runs, "report", args.city, *where,
                           "--format", "pdf")]
        keys = ["help", "html", "pdf"]
        results.append(warm_pdf(db, args.city, out, args.runs))
        keys.append("pdf_warm")
        if not args.skip_all:
            results.append(measure("--all html (342)", 1, "report", "--all", "--db", str(db),
                                   "--out", str(Path(tmp) / "all"), "--format", "html"))
            keys.append("all")
            n = len([p for p in (Path(tmp) / "all").glob("*.html")])
            print(f"  ({n} HTML files)")
        if not args.skip_set:
            clear_cache(db)
            runs = [("--set G40 html+pdf", "g40")]
            if args.set_cached:
                runs.append(("--set G40, charts cached", "g40"))
            for name, key in runs:
                results.append(measure(name, 1, "report", "--set", "G40", "--db", str(db),
                                       "--out", str(Path(tmp) / "g40"), "--format", "both"))
                keys.append(key)
            n = len(list((Path(tmp) / "g40").glob("*.pdf")))
            print(f"  ({n} PDFs)")
    help_wall = results[0]["wall"]
    print(f"\n{'target':<22} {'wall':>8} {'cpu':>8} {'itself':>8} {'x help':>7} "
          f"{'target':>8}  met  load before")
    for key, r in zip(keys, results, strict=True):
        target = TARGETS[key]
        met = "" if target is None else ("yes" if r["wall"] <= target else "NO")
        print(f"{r['name']:<22} {r['wall']:7.2f}s {r['cpu']:7.2f}s {r['inner']:7.2f}s "
              f"{r['wall'] / help_wall:6.1f}x {'' if target is None else f'{target:7.0f}s'}"
              f"{'':>1} {met:>4}  {r['load']}")
    print(f"load at the end {load()}; wall: best of {args.runs} for single reports, "
          "one run for --all and --set")


if __name__ == "__main__":
    main()

"""Scale benchmark: build time and peak memory when the work grows k-fold (issue 16).

Usage: python bench/scale.py [--snapshot ../shared/data] [--k 1 2 4 8] [--buurten 14000]
                           [--memory-limit 400MB]

For every k one child process builds a warehouse from the snapshot with
  * the indicator catalogue copied k times (ids ``<id>__x2`` ...: k x the indicator,
    harmonisation and analysis work; ingest reads the same tables), and
  * a synthetic neighbourhood table ``synthbuurt``: k x ``--buurten`` neighbourhoods
    (``BU%08d``) x 10 years x 10 measures, ingested like any CBS table (k x 1.4 M raw values;
    the build stores every measure, ``raw_measures: all``, as no indicator reads these).
Printed per k: wall time, peak RSS of the build process (``os.wait4``: the largest single
process), the largest sum of PSS of the build and its reading worker processes (sampled from
/proc every 20 ms), raw observations and indicator values. First, in the same run, the
*bare scan* reference: DuckDB ``read_csv(all_varchar=true)`` of every CSV plus
``json.load`` of every JSON file in the snapshot, and the ratio build(k=1) / bare scan.
The neighbourhood-scale estimate (14 M indicator values) extrapolates peak memory linearly
in indicator values from the two largest k. Results are recorded in bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from proctree import tree_pss_mib

SYNTH = "synthbuurt"
YEARS = range(2015, 2025)
MEASURES = [f"Synth_{i}" for i in range(1, 11)]


def bare_scan(snapshot: Path) -> float:
    """Seconds to read every CSV (DuckDB, all columns as text) and JSON file once."""
    import duckdb

    start = time.perf_counter()
    with duckdb.connect() as con:
        for path in sorted(snapshot.rglob("*.csv")):
            try:
                con.execute("SELECT count(*) FROM read_csv(?, all_varchar = true)",
                            [str(path)]).fetchall()
            except duckdb.Error:  # the one UTF-16 RvIG file: read it as lines
                con.execute("SELECT count(*) FROM read_csv(?, all_varchar = true, "
                            "header = false, ignore_errors = true, strict_mode = false)",
                            [str(path)]).fetchall()
    for path in sorted(snapshot.rglob("*.json")):
        with path.open(encoding="utf-8-sig") as handle:
            json.load(handle)
    return time.perf_counter() - start


def _synthetic(k: int, buurten: int):
    """The synthetic neighbourhood WideTable (k x buurten x 10 years x 10 measures)."""
    import numpy as np
    import pandas as pd

    from stadstrends.ingest.raw import SourceInfo, WideTable

    n = k * buurten
    codes = np.char.add("BU", np.char.zfill(np.arange(n).astype(str), 8))
    frame = pd.DataFrame({
        "region_code": np.repeat(codes, len(YEARS)),
        "period": np.tile([str(y) for y in YEARS], n),
    })
    frame["region_label"] = frame["region_code"]
    rng = np.random.default_rng(16)
    for m in MEASURES:
        frame[m] = rng.integers(0, 5000, len(frame)).astype("float64")
    info = SourceInfo(table_id=SYNTH, title="synthetic neighbourhoods", origin="snapshot",
                      location="(synthetic)", sha256="", retrieved_at="", rows_read=len(frame),
                      rows_kept=len(frame))
    return WideTable(source=info, dimensions=[], measures=MEASURES, frame=frame)


def _catalogue(k: int):
    """The packaged catalogue with every indicator copied k times."""
    from stadstrends.indicators.catalogue import load_catalogue

    base = load_catalogue()
    copies = list(base.indicators)
    for j in range(2, k + 1):
        for ind in base.indicators:
            ref = ind.denominator_indicator
            copies.append(ind.model_copy(update={
                "id": f"{ind.id}__x{j}", "aliases": [],
                "denominator_indicator": f"{ref}__x{j}" if ref else None}))
    return base.model_copy(update={"indicators": copies})


class ScaleReader:
    """The snapshot's tables plus the synthetic one; a class (not a closure) so that the
    build reads with it in worker processes, as a real snapshot build does."""

    def __init__(self, k: int, buurten: int, snapshot: Path) -> None:
        self.k, self.buurten, self.snapshot = k, buurten, snapshot

    def __call__(self, spec):
        from stadstrends.ingest.snapshot import read_table

        if spec.table == SYNTH:
            return _synthetic(self.k, self.buurten)
        return read_table(self.snapshot, spec)


def child(k: int, buurten: int, snapshot: Path, db: Path, memory_limit: str | None) -> None:
    """One build at scale k (run in its own process)."""
    import duckdb

    from stadstrends.ingest.sources import table_reader
    from stadstrends.ingest.spec import SourceSpec
    from stadstrends.settings import default_settings
    from stadstrends.warehouse import build as wb
    from stadstrends.warehouse.resources import DEFAULT_RESOURCES, BuildResources

    _, reference, origin = table_reader(snapshot, None, False)
    required = wb.required_tables
    wb.required_tables = lambda cat: [*required(cat), SourceSpec(SYNTH, "v3")]
    read = ScaleReader(k, buurten, snapshot)  # picklable: read in worker processes

    start = time.perf_counter()
    # every measure stored (raw_measures: all): no indicator reads the synthetic
    # neighbourhood measures, and with the default (used) the ingest would drop them
    settings = default_settings().model_copy(update={"raw_measures": "all"})
    result = wb.build_warehouse(db, read, reference, catalogue=_catalogue(k), origin=origin,
                                force=True, accept_losses=True, allow_gaps=True,
                                settings=settings,
                                resources=BuildResources(memory_limit=memory_limit)
                                if memory_limit else DEFAULT_RESOURCES)
    with duckdb.connect(str(db), read_only=True) as con:
        stages = con.execute("SELECT stage_seconds FROM build_info").fetchall()[0][0]
    print(json.dumps({"k": k, "seconds": round(time.perf_counter() - start, 2),
                      "observations": result.observations,
                      "indicator_values": result.indicator_values, "stages": stages}))


def run_child(k: int, buurten: int, snapshot: Path, db: Path,
              memory_limit: str | None = None) -> dict:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(k), "--buurten",
                             str(buurten), "--snapshot", str(snapshot), "--db", str(db),
                             *(["--memory-limit", memory_limit] if memory_limit else [])],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tree, done = [0.0], threading.Event()

    def sample() -> None:  # the build with its reading workers together (sum of PSS)
        while not done.is_set():
            tree[0] = max(tree[0], tree_pss_mib(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    wall = time.perf_counter() - start
    out, err = proc.stdout.read(), proc.stderr.read()
    if status != 0:
        raise SystemExit(f"k={k} failed:\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    return {**result, "wall": round(wall, 2), "peak_mib": round(usage.ru_maxrss / 1024),
            "tree_mib": round(tree[0])}


def main() -> None:
    from stadstrends.paths import default_snapshot_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snapshot", type=Path, default=default_snapshot_dir())
    parser.add_argument("--k", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--buurten", type=int, default=14_000)
    parser.add_argument("--memory-limit", help="DuckDB memory limit of the builds "
                        "(default: the build's default)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.buurten, args.snapshot, args.db, args.memory_limit)
        return
    print(f"load average before: {os.getloadavg()}")
    scan = bare_scan(args.snapshot)
    print(f"bare scan (DuckDB read_csv all_varchar + json.load, every file): {scan:.2f} s")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in args.k:
            row = run_child(k, args.buurten, args.snapshot, Path(tmp) / f"scale{k}.duckdb",
                            args.memory_limit)
            rows.append(row)
            print(f"k={k}: {row['wall']:.1f} s wall ({row['wall'] / scan:.1f}x bare scan), "
                  f"peak {row['peak_mib']} MiB (one process; with its reading workers "
                  f"{row['tree_mib']} MiB PSS), {row['observations']:,} raw observations, "
                  f"{row['indicator_values']:,} indicator values; stages {row['stages']}",
                  flush=True)
    if len(rows) >= 2:
        a, b = rows[-2], rows[-1]
        per_value = (b["peak_mib"] - a["peak_mib"]) / max(
            b["indicator_values"] - a["indicator_values"], 1)
        estimate = b["peak_mib"] + per_value * (14_000_000 - b["indicator_values"])
        print(f"peak grows {per_value * 1e6:.0f} MiB per million indicator values; "
              f"estimate at 14 M indicator values: {estimate:,.0f} MiB")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()

"""The signals step's two statements that read a trend, with and without the trend after a
jump (session 14): ``_BASE_SQL`` (the signals) and ``KIES_SQL`` (kies richting) read the
view ``_sig_trends`` (``trends`` without the series of ``jump_trends``, plus
``jump_trends``: one anti join); the same SQL with ``trends`` in its place is the statement
before. Both run interleaved in one process on a copy of a built warehouse, after the
step's setup, so machine load hits both alike; wall and CPU time per statement.

Usage: python bench/signals_trends.py DB [--runs 9] [--threads N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

from stadstrends.analysis import signals as sig
from stadstrends.analysis.benchmarks import MAD_SCALE
from stadstrends.settings import default_settings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--threads", type=int)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.duckdb"
        shutil.copy(args.db, copy)
        con = duckdb.connect(str(copy))
        if args.threads:
            con.execute(f"SET threads = {args.threads}")
        s = default_settings()
        sig.store_opgaven(con, sig.load_opgaven())
        con.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {sig.SHARED}")
        con.execute(sig._VIEWS_SQL)
        con.execute(sig._SETUP_SQL.format(mad=MAD_SCALE, stale_after=s.stale_after_years))
        new = {"signals": sig._BASE_SQL.format(
                   rel_fallback=sig.REL_FALLBACK, min_z=sig.DEVIATION_MIN_Z,
                   omm_min=sig.OMMELAND_MIN, trend_min=sig.TREND_MIN_STRENGTH),
               "kies": sig.KIES_SQL.format(top=s.top_percentile, bottom=s.bottom_percentile)}
        sql = {(k, "before"): q.replace("_sig_trends", "trends") for k, q in new.items()}
        sql.update({(k, "after"): q for k, q in new.items()})
        times: dict[tuple[str, str], list[tuple[float, float]]] = {k: [] for k in sql}
        for run in range(args.runs):
            for step in new:
                for side in ("before", "after") if run % 2 else ("after", "before"):
                    wall, cpu = time.perf_counter(), time.process_time()
                    con.execute(sql[(step, side)])
                    times[(step, side)].append((time.perf_counter() - wall,
                                                time.process_time() - cpu))
        con.close()
    for (step, side), xs in times.items():
        wall, cpu = [x[0] * 1e3 for x in xs], [x[1] * 1e3 for x in xs]
        print(f"{step:8} {side:6}: wall min {min(wall):5.0f} median "
              f"{statistics.median(wall):5.0f} ms; cpu min {min(cpu):5.0f} median "
              f"{statistics.median(cpu):5.0f} ms")


if __name__ == "__main__":
    main()

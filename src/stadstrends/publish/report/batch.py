"""Reports for a whole set of cities, in a process pool, plus the set's overview.

Each worker (spawned, so no DuckDB state crosses a fork) opens the warehouse read-only once,
loads the municipal geometries once and warms vl-convert once, then writes cities one by one.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

import duckdb

from stadstrends.errors import InvalidParameter
from stadstrends.publish.read import build_settings
from stadstrends.publish.report import builder
from stadstrends.publish.report.data import set_cities

OVERVIEW_STEM = "g40-overzicht"
_WORKER: dict = {}


def _init(db: str, svg_threads: int | None = None) -> None:
    builder.SVG_THREADS = svg_threads  # a pool of processes already keeps the cores busy
    con = builder.open_db(db)
    _WORKER.update(con=con, geo=builder.geometries_for(con))


def _one(code: str, out: str, lang: str, fmt: str) -> builder.Written:
    done = builder.write_city(_WORKER["con"], code, Path(out), lang, fmt,
                              geometries=_WORKER["geo"], assets=False)
    done.sentences = []  # keep the result small across the process boundary
    return done


def set_codes(con: duckdb.DuckDBPyConnection, set_id: str) -> list[dict]:
    """The cities of a set; reports exist for the cities of the build's city set only."""
    cities = set_cities(con, set_id)
    if not cities:
        sets = [r[0] for r in con.execute(
            "SELECT DISTINCT set_id FROM region_sets WHERE set_id NOT LIKE 'CR%' "
            "AND set_id NOT LIKE 'PV%' ORDER BY 1").fetchall()]
        raise InvalidParameter(f"Unknown region set '{set_id}'",
                               hint=f"use one of: {', '.join(sets)}")
    city_set = build_settings(con).city_set
    covered = {c["code"] for c in set_cities(con, city_set)}
    outside = [c["name"] for c in cities if c["code"] not in covered]
    if outside:
        raise InvalidParameter(
            f"reports cover {city_set} cities; {set_id} has others ({', '.join(outside[:4])})",
            hint=f"use --set {city_set}")
    return cities


def write_set(db: Path, set_id: str, out: Path, lang: str = "nl", fmt: str = "html",
              workers: int | None = None,
              progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Write every city of ``set_id`` and the overview; returns paths and timings."""
    start = time.perf_counter()
    with builder.open_db(db) as con:
        cities = set_codes(con, set_id)
    out.mkdir(parents=True, exist_ok=True)
    if "html" in builder.FORMATS[fmt]:
        builder.write_assets(out)
    workers = workers or min(len(cities), os.cpu_count() or 1)
    total = len(cities) + 1
    results: list[builder.Written] = []
    if workers <= 1:
        _init(str(db))
        for i, c in enumerate(cities):
            results.append(_one(c["code"], str(out), lang, fmt))
            if progress:
                progress(c["name"], i + 1, total)
    else:
        ctx = get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init,
                                 initargs=(str(db), 1)) as pool:
            futures = [pool.submit(_one, c["code"], str(out), lang, fmt) for c in cities]
            for i, fut in enumerate(as_completed(futures)):
                done = fut.result()
                results.append(done)
                if progress:
                    progress(done.name, i + 1, total)
    files = {r.code: f"{builder.slug(r.name)}.{lang}.html" for r in results}
    paths = [p for r in results for p in r.paths]
    with builder.open_db(db) as con:
        paths += write_overview(con, out, lang, fmt, files, set_id)
    if progress:
        progress("overview", total, total)
    return {"paths": paths, "cities": len(results), "seconds": time.perf_counter() - start,
            "per_city": {r.name: r.seconds for r in results}}


def write_overview(con: duckdb.DuckDBPyConnection, out: Path, lang: str, fmt: str,
                   files: dict[str, str], set_id: str | None = None) -> list[Path]:
    """The overview document(s) of a set."""
    from stadstrends.publish.report.overview import overview_context

    out.mkdir(parents=True, exist_ok=True)
    ctx = overview_context(con, files, lang, set_id)
    stem = f"{OVERVIEW_STEM}.{lang}"
    paths = []
    if "html" in builder.FORMATS[fmt]:
        path = out / f"{stem}.html"
        path.write_text(builder.render("overview.html.j2", ctx, pdf=False), encoding="utf-8")
        paths.append(path)
    if "pdf" in builder.FORMATS[fmt]:
        path = out / f"{stem}.pdf"
        builder.write_pdf(builder.render("overview.html.j2", ctx, pdf=True), path, out)
        paths.append(path)
    return paths

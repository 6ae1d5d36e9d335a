"""Fixtures: a hand-made mini warehouse and the real warehouse with all analysis tables."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import duckdb
import pytest

from .mini_warehouse import make_mini_warehouse


@pytest.fixture()
def mini() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    make_mini_warehouse(con)
    yield con
    con.close()


@pytest.fixture(scope="session")
def analysed(warehouse_path: Path, tmp_path_factory: pytest.TempPathFactory):
    """A read-write copy of the real warehouse with every analysis table built, and the
    seconds each build took."""
    from stadstrends.analysis.benchmarks import build_benchmarks
    from stadstrends.analysis.gaps import build_region_gaps, build_sigma_convergence
    from stadstrends.analysis.trends import build_trends

    db = tmp_path_factory.mktemp("analysis") / "warehouse.duckdb"
    shutil.copy(warehouse_path, db)
    con = duckdb.connect(str(db))
    timings = {}
    for build in (build_trends, build_benchmarks, build_region_gaps, build_sigma_convergence):
        started = time.perf_counter()
        build(con)
        timings[build.__name__] = time.perf_counter() - started
    yield con, timings
    con.close()

"""Fixtures: a hand-made mini warehouse and the real warehouse with all analysis tables."""

from __future__ import annotations

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
def analysed(warehouse_path: Path):
    """The real warehouse (its build runs the whole analysis stage), read-only."""
    con = duckdb.connect(str(warehouse_path), read_only=True)
    yield con, {}
    con.close()

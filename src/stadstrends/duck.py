"""Small DuckDB helpers shared by the stages."""

from __future__ import annotations

import duckdb
import pandas as pd


def store_frame(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """Create (or replace) table ``name`` with the rows of ``frame``."""
    view = f"_frame_{name}"
    con.register(view, frame)
    try:
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM {view}").fetchall()
    finally:
        con.unregister(view)

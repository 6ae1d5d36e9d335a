"""What a warehouse holds: its tables and views, and a table's columns; what a reader checks
before it reads a table or column that warehouses built by an older Stadstrends lack.

Light on purpose: `show` loads it (through :mod:`stadstrends.publish.harmonised`) and runs
without the duckdb package's Python layer, pandas and pydantic (``tests/test_cli.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: `show` runs without the duckdb package's Python layer
    import duckdb


def relations(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The names of the warehouse's tables and views (``indicator_values`` and ``signals``
    are views)."""
    return {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables").fetchall()}


def columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    """The column names of ``table`` (empty when there is no such table)."""
    return {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
        [table]).fetchall()}

"""What a warehouse holds: its tables and views, and a table's columns; what a reader checks
before it reads a table or column that warehouses built by an older Stadstrends lack.

A read-only warehouse (opened by :func:`stadstrends.publish.read.open_warehouse`, which
calls :func:`remember`) never changes while it is open, so its relations, and what
:func:`once` reads, are read once per connection: a city report asked 11 times (~5 ms of
CPU each).

Light on purpose: `show` loads it (through :mod:`stadstrends.publish.harmonised`) and runs
without the duckdb package's Python layer, pandas and pydantic (``tests/test_cli.py``).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # annotations only: `show` runs without the duckdb package's Python layer
    import duckdb

T = TypeVar("T")
_KEPT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # read-only connection -> memo


def remember(con: duckdb.DuckDBPyConnection) -> None:
    """Mark ``con`` as a read-only warehouse's connection: :func:`relations` and :func:`once`
    keep their answers for it (until it is garbage)."""
    _KEPT[con] = {}


def once(con: duckdb.DuckDBPyConnection, key: str, read: Callable[[], T]) -> T:
    """``read()``, kept under ``key`` for a connection marked by :func:`remember` (a read-only
    warehouse: the same answer every time); read every time for any other."""
    try:
        kept = _KEPT.get(con)
    except TypeError:  # not weakly referable (a test's stand-in): not kept
        kept = None
    if kept is None:
        return read()
    if key not in kept:
        kept[key] = read()
    return kept[key]


def relations(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The names of the warehouse's tables and views (``indicator_values`` and ``signals``
    are views); a new set each call (the caller may change it)."""
    return set(once(con, "relations", lambda: frozenset(r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables").fetchall())))


def columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    """The column names of ``table`` (empty when there is no such table); a new set each call."""
    return set(once(con, f"columns {table}", lambda: frozenset(r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
        [table]).fetchall())))

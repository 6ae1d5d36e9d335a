"""DuckDB's engine for the commands that only read the warehouse (``show``, ``regions``, the
reading half of :mod:`stadstrends.warehouse.files`; a module of its own, as
publish opens the warehouse only through ``publish/read.py``).

The ``duckdb`` package re-exports its compiled engine, the module ``_duckdb``: ``connect``,
``DuckDBPyConnection``, ``Error`` and its subclasses are the same objects in both. What the
package adds in Python (relations, expressions, Arrow sources; DuckDB 2.0) costs about 90 ms
of CPU to import, more than a third of the command line's ``--help``, and running SQL and
fetching rows needs none of it (issue 16: ``show`` <= 1.5x ``--help``). A DuckDB without a
top-level ``_duckdb`` module is imported whole. ``tests/test_engine.py`` checks that the
objects are the package's.
"""

from __future__ import annotations

try:
    import _duckdb as duckdb
except ImportError:  # pragma: no cover - DuckDB 1.x: the engine is duckdb.duckdb
    import duckdb  # type: ignore[no-redef]

__all__ = ["duckdb"]

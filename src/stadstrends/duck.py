"""Small DuckDB helpers shared by the stages."""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:  # a type only: publish imports this module and no pandas
    import pandas as pd


def store_frame(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """Create (or replace) table ``name`` with the rows of ``frame``."""
    view = f"_frame_{name}"
    con.register(view, frame)
    try:
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM {view}").fetchall()
    finally:
        con.unregister(view)


def rows_as_dicts(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    """The rows of an executed query as dicts (column -> plain Python value), without a
    DataFrame."""
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


#: DuckDB variable with the memory limit exactly as the build set it: ``current_setting``
#: shows it rounded ('953.6 MiB' for 1GB), so setting that back would lower it a little
MEMORY_LIMIT_VARIABLE = "stadstrends_memory_limit"


def release_cached_blocks(con: duckdb.DuckDBPyConnection, margin_mib: int = 32) -> None:
    """Let DuckDB drop the blocks of tables it keeps cached from the database file (they
    are read from the file again when needed), so their memory serves the next statement
    instead of growing the process (before the build writes the signals' rows: build peak
    798-838 -> 736-775 MiB together with the other changes of session 11, no time lost;
    bench/README.md).

    DuckDB evicts when its memory limit is lowered: the limit is set for a moment to what
    its other memory (in-memory tables, hash tables) holds plus ``margin_mib``, then set
    back exactly (below that other memory the limit would make DuckDB write in-memory
    tables to its spill folder). Cached file blocks go first; only if more than
    ``margin_mib`` of them were in use could something be spilled, and no statement runs
    during the call. When the other memory plus the margin is above the limit, the limit is
    raised for that moment instead, which drops nothing. Does nothing unless ``con`` is the
    connection whose memory limit the build set (the variable
    :data:`MEMORY_LIMIT_VARIABLE`, :meth:`BuildResources.apply`; a variable is the
    connection's own: its cursors do not see it). Not while another cursor of the database
    runs a statement: the limit is the whole database's."""
    limit = con.execute(f"SELECT getvariable('{MEMORY_LIMIT_VARIABLE}')").fetchall()[0][0]
    if not limit:
        return
    other = con.execute("SELECT sum(memory_usage_bytes) FILTER (WHERE tag <> 'BASE_TABLE') "
                        "FROM duckdb_memory()").fetchall()[0][0] or 0
    try:
        con.execute(f"SET memory_limit = '{int(other) // 2**20 + margin_mib}MiB'")
    except duckdb.Error:  # could not get under it: nothing more to drop
        pass
    finally:
        con.execute(f"SET memory_limit = '{limit}'")

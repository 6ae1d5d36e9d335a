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


#: DuckDB variable with the memory limit exactly as the build set it: ``current_setting``
#: shows it rounded ('953.6 MiB' for 1GB), so setting that back would lower it a little
MEMORY_LIMIT_VARIABLE = "stadstrends_memory_limit"


def release_cached_blocks(con: duckdb.DuckDBPyConnection, margin_mib: int = 32) -> None:
    """Let DuckDB drop the blocks of tables it keeps cached from the database file (they
    are read from the file again when needed), so their memory serves the next statement
    instead of growing the process (the build's signals: peak 797-803 -> 738-757 MiB, no
    time lost; bench/README.md).

    DuckDB evicts when its memory limit is lowered: the limit is set for a moment to what
    its other memory (in-memory tables, hash tables) holds plus ``margin_mib``, then set
    back. Cached file blocks go first, so nothing is spilled; a limit DuckDB cannot reach
    leaves the memory as it was. Does nothing unless the build set the limit (variable
    :data:`MEMORY_LIMIT_VARIABLE`, :meth:`BuildResources.apply`). Not while another
    cursor of the database runs a statement: the lower limit is the whole database's."""
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

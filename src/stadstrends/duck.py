"""Small DuckDB helpers shared by the stages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Generic, TypeVar

import duckdb

from stadstrends.held import submit

if TYPE_CHECKING:  # a type only: publish imports this module and no pandas
    import pandas as pd

T = TypeVar("T")


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


#: An in-memory database of the indicator stage's steps: every cursor of the build's
#: connection sees its tables (a TEMP table only its own connection), so a second cursor
#: can read them (:func:`beside`); detached at the stage's end (:func:`detach_steps`)
STEPS_DB = "_indicator_steps"
#: attach :data:`STEPS_DB` (the statements of the stage that make its tables start with it)
ATTACH_STEPS_SQL = f"ATTACH IF NOT EXISTS ':memory:' AS {STEPS_DB}"


def detach_steps(con: duckdb.DuckDBPyConnection) -> None:
    """Drop :data:`STEPS_DB` and every table in it; the search path that names it first."""
    con.execute("RESET search_path")
    con.execute(f"DETACH DATABASE IF EXISTS {STEPS_DB}")


def interrupt_until_done(cursors: list[duckdb.DuckDBPyConnection], work: list[Future],
                         every: float = 0.05) -> None:
    """Interrupt the statement each of ``cursors`` runs, again every ``every`` seconds,
    until ``work`` is done: a step of several statements goes on to its next one after an
    interrupt (a Ctrl-C in the analysis stage waited 20-110 s for the chains on a loaded
    machine, h55f)."""
    while not all(w.done() for w in work):
        for cursor in list(cursors):
            with suppress(duckdb.Error):  # closed meanwhile
                cursor.interrupt()
        wait(work, timeout=every)


class Beside(Generic[T]):
    """What :func:`beside` yields: called, it waits for ``work`` and returns its result or
    raises its error; :meth:`start` begins a ``deferred`` work (the call begins it too)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, cursor: duckdb.DuckDBPyConnection,
                 work: Callable[[duckdb.DuckDBPyConnection], T], pool: ThreadPoolExecutor
                 ) -> None:
        self._con, self._cursor, self._work, self._pool = con, cursor, work, pool
        self.future: Future[T] | None = None

    def start(self) -> None:
        """Begin ``work`` on its cursor (once)."""
        if self.future is None:
            self.future = submit(self._pool, self._work, self._cursor)

    def __call__(self) -> T:
        self.start()
        assert self.future is not None
        try:
            return self.future.result()
        except duckdb.OutOfMemoryException:
            return self._work(self._con)


@contextmanager
def beside(con: duckdb.DuckDBPyConnection, work: Callable[[duckdb.DuckDBPyConnection], T],
           deferred: bool = False) -> Iterator[Beside[T]]:
    """Run ``work`` on a cursor of ``con`` (with ``con``'s search path) in a thread while the
    block runs its statements on ``con``, and yield the function that waits for it and
    returns its result or raises its error (:class:`Beside`). DuckDB lets go of the GIL
    while a statement runs, so statements that leave a core partly idle use both together.
    ``work`` sees no TEMP table of ``con`` and must read nothing the block writes. When it
    runs out of DuckDB's memory limit beside the block it runs again on ``con``, alone (so
    ``work`` must be repeatable: CREATE OR REPLACE). An error of the block interrupts it.
    ``deferred``: ``work`` begins when the block calls :meth:`Beside.start` (or asks for its
    result), not at once."""
    path = con.execute("SELECT current_setting('search_path')").fetchall()[0][0]
    cursor = con.cursor()
    if path:
        cursor.execute(f"SET search_path = '{path}'")
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="beside")
    result = Beside(con, cursor, work, pool)
    if not deferred:
        result.start()
    try:
        yield result
    except BaseException:
        if result.future is not None and not result.future.cancel():  # not begun: cancelled
            interrupt_until_done([cursor], [result.future])
        raise
    finally:
        pool.shutdown(wait=True)
        cursor.close()

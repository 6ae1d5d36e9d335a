"""A stand-in for the ``duckdb`` module whose connections and cursors log every statement
they run: ``LOG`` gets (start, end, thread, statement, CPU), seconds of ``clock()`` after
``T0``; CPU: the calling thread's (``time.thread_time``), which is the statement's own as the
build runs each statement on one DuckDB thread (``resources.BUILD_THREADS``: DuckDB then
works in the thread that calls it).
No script: ``statements.py`` (in process, ``perf_counter`` from the build's start) and the
child build of ``idle_cores.py`` (``monotonic``, the clock its parent samples by) set it on
``stadstrends.warehouse.build.duckdb``."""

from __future__ import annotations

import threading
import time

import duckdb

LOG: list[tuple[float, float, str, str, float]] = []  # (start, end, thread, statement, CPU)
clock = time.perf_counter
T0 = 0.0


class Logged:
    """A DuckDB connection or cursor that logs the statements it executes."""

    def __init__(self, con, thread: str) -> None:
        self._con, self._thread = con, thread

    def execute(self, sql, *args, **kwargs):
        start, cpu = clock() - T0, time.thread_time()
        result = self._con.execute(sql, *args, **kwargs)
        LOG.append((start, clock() - T0, self._thread, " ".join(str(sql).split()),
                    time.thread_time() - cpu))
        return Logged(result, self._thread) if result is self._con else result

    def sql(self, sql, *args, **kwargs):
        return self.execute(sql, *args, **kwargs)

    def cursor(self):
        return Logged(self._con.cursor(), threading.current_thread().name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._con.__exit__(*exc)

    def __getattr__(self, name):
        return getattr(self._con, name)


class LoggingDuckDB:
    """Stands in for the ``duckdb`` module in the warehouse build: connections log."""

    def __getattr__(self, name):
        return getattr(duckdb, name)

    @staticmethod
    def connect(*args, **kwargs):
        return Logged(duckdb.connect(*args, **kwargs), "main")

"""Ctrl-C and SIGTERM held back while a pool starts work: the build turns them into
exceptions raised wherever Python is (:func:`~stadstrends.warehouse.files.sigterm_stops`).

Raised inside ``Executor.submit`` such an exception loses the work it was starting: a
process pool's lock stayed taken (the cleanup's ``shutdown`` waited for ever); a thread
pool's new thread, stopped while ``Thread.start`` waits for it to run, is never added to the
pool's threads, so ``shutdown(wait=True)`` does not wait for it while it runs the work
already queued. In the analysis stage that work is a chain of statements on a cursor of the
build's connection: the build's cleanup then could not close the connection ('connection is
busy') and left ``.<warehouse>.building-<pid>`` and its ``.wal`` behind (h55f). Every pool
of the build submits through :func:`submit`.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
STOPS = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back for the block and delivered after it.

    Blocked for this thread (and so for the workers it forks), and their Python handlers
    replaced by ones that only note them: the operating system gives a signal this thread
    blocks to another thread (DuckDB's), and Python then runs the handler in the main
    thread all the same."""
    if sys.platform == "win32" or threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    handlers = {s: signal.signal(s, lambda signum, _frame: noted.append(signum))
                for s in STOPS}
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        yield
    finally:
        for stop, handler in handlers.items():
            signal.signal(stop, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, before)  # a blocked one arrives here
        for signum in dict.fromkeys(noted):
            signal.raise_signal(signum)


def submit(pool: Executor, fn: Callable[..., T], *args: Any) -> Future[T]:
    """``pool.submit(fn, *args)`` with Ctrl-C and SIGTERM held back until the pool has taken
    the work (its thread or process started and counted): a stop that arrives meanwhile is
    raised after, when ``shutdown(wait=True)`` waits for that work."""
    with signals_held():
        return pool.submit(fn, *args)

"""Read the build's tables ahead of the inserts, in worker processes where possible.

Reading a CBS export (CSV parsing, label-to-code joins, status cells, truncation checks) is
Python and pandas work that holds the interpreter lock; in a thread it only takes turns
with the DuckDB inserts. :func:`read_ahead` therefore reads in worker processes when the
reader can be sent to one (a module-level function or a :func:`functools.partial` of one,
such as the snapshot reader), and falls back to one thread otherwise (live OData readers,
readers made up in tests). Tables come back in the order asked for; a reading error
surfaces at its table, once the tables after it are read too, naming every file that cannot
be read (a snapshot with several damaged files: all of them, not the first); at most
:func:`tables_ahead` tables are read but not yet inserted. Each worker leaves out the
measure columns the build does not store (``wanted``) before it sends a table back, which
keeps the transfer small.

Workers are forked on Linux (they start at once, with the modules already imported) and
spawned elsewhere.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import pickle
import signal
import sys
from collections import deque
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from typing import Any, TypeVar

from stadstrends.errors import (
    SourcesUnreadable,
    SourceUnavailable,
    StadstrendsError,
    error_words,
)
from stadstrends.held import STOPS as _STOPS
from stadstrends.held import signals_held as _signals_held  # noqa: F401 (tests)
from stadstrends.held import submit as _submit
from stadstrends.ingest.raw import WideTable
from stadstrends.ingest.spec import SourceSpec
from stadstrends.vocabulary import languages

T = TypeVar("T")
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def sendable(fn: Callable[..., Any]) -> bool:
    """Whether ``fn`` can run in a worker process (it pickles by reference: a module-level
    function, or a partial of one with picklable arguments)."""
    try:
        pickle.dumps(fn)
    except Exception:  # lambdas, closures, bound methods of local classes...
        return False
    return True


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers() -> int:
    """Worker processes for reading: the cores this process may use, at most 2 (the inserts
    and the workers then keep two cores busy; more workers only hold more tables)."""
    return max(1, min(2, cores()))


#: Tables each worker may read ahead of the inserts: one long insert (81064ned's) then does
#: not leave the workers idle. Ingest 2.80 -> 2.55 s (medians of 4 builds alternating,
#: 2 workers: 3 tables ahead against 10); the build's peak is not in the ingest.
AHEAD_PER_WORKER = 4


def tables_ahead(n_workers: int) -> int:
    """Tables read but not yet inserted, at most: :data:`AHEAD_PER_WORKER` per worker, and
    two more (taken while the workers read on)."""
    return AHEAD_PER_WORKER * n_workers + 2


def reading_processes(read_table: Callable[[SourceSpec], Any], specs: list[SourceSpec],
                      side: Callable[[], Any] | None = None) -> int:
    """How many worker processes :func:`read_ahead` reads in (0: one thread reads)."""
    if len(specs) > 1 and sendable(read_table) and (side is None or sendable(side)):
        return workers()
    return 0


def trimmed(read_table: Callable[[SourceSpec], WideTable], spec: SourceSpec,
            wanted: dict[str, set[str]] | None) -> WideTable:
    """``read_table(spec)`` without the columns of measures the build does not store
    (``wanted``: lower-case table id -> measures; None keeps every column). The table's
    ``measures`` still lists every measure it has (the build records how many)."""
    table = read_table(spec)
    if wanted is None:
        return table
    keep = wanted.get(table.source.table_id.lower(), set())
    kept_status = {c for m, c in table.cell_status.items() if m in keep}
    drop = {m for m in table.measures if m not in keep}
    drop |= {c for c in table.cell_status.values() if c not in kept_status}
    if drop & set(table.frame.columns):
        table.frame = table.frame.drop(columns=sorted(drop & set(table.frame.columns)))
    return table


def _context() -> multiprocessing.context.BaseContext:
    # fork: a worker starts at once with the modules already imported, and nothing re-runs
    # the caller's main module; the workers touch no DuckDB, no progress bar, no lock of the
    # build's other threads. Spawn where there is no fork (Windows; macOS's fork is unsafe).
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _worker_start(inherited: tuple[int, ...]) -> None:
    """In a new reading worker: never collect what it inherited by forking, die with the
    build, leave Ctrl-C to it, and close the descriptors it inherited that it must not keep
    (the build's lock)."""
    # a forked worker's garbage collector once destroyed a DuckDB connection of the parent
    # (a test process with open warehouses): a segmentation fault in 'Garbage-collecting'
    # (tests/analysis/test_build.py, session 53); its own objects it still collects
    gc.freeze()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build stops its workers itself
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform != "win32":  # forked while the build held them back (_signals_held)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    for fd in inherited:
        with contextlib.suppress(OSError):
            os.close(fd)


def _in_order(pool: Executor, fn: Callable[..., T], tasks: list[tuple], ahead: int
              ) -> Iterator[T]:
    """``fn(*task)`` for each task, in order, at most ``ahead`` submitted but not taken. A
    task's :class:`StadstrendsError` (a damaged file) is raised once every task has run,
    with the errors of the tasks after it: all of them (:func:`unreadable`); CBS not
    reached (:class:`SourceUnavailable`) at once, as it comes."""
    pending: deque[Future] = deque(_submit(pool, fn, *task) for task in tasks[:ahead])
    rest = iter(tasks[ahead:])
    while pending:
        try:
            result = pending.popleft().result()
        except SourceUnavailable:  # CBS not reached: the others would wait for it too
            raise
        except StadstrendsError as first:
            raise unreadable([first, *_later_errors(pool, fn, pending, rest)]) from None
        _submit_next(pool, fn, pending, rest)
        yield result


def _submit_next(pool: Executor, fn: Callable[..., Any], pending: deque[Future],
                 rest: Iterator[tuple]) -> None:
    """The next task of ``rest``, if there is one, submitted behind ``pending``."""
    if (task := next(rest, None)) is not None:
        pending.append(_submit(pool, fn, *task))


def _later_errors(pool: Executor, fn: Callable[..., Any], pending: deque[Future],
                  rest: Iterator[tuple]) -> list[StadstrendsError]:
    """The errors of the tasks ``pending`` and still to submit (``rest``), in order; their
    results are dropped as they come. Up to CBS not reached (a live build: the tables after
    it would each wait for their time-outs)."""
    errors: list[StadstrendsError] = []
    while pending:
        try:
            pending.popleft().result()
        except StadstrendsError as exc:
            errors.append(exc)
            if isinstance(exc, SourceUnavailable):
                break
        _submit_next(pool, fn, pending, rest)
    return errors


def unreadable(errors: list[StadstrendsError]) -> StadstrendsError:
    """One error for the reading errors of a build: the error itself if there is one, else
    one naming each file with its problem (a line each) and the hint they share, in every
    language; hints that differ stand each under its file, the hint then says so."""
    if len(errors) == 1:
        return errors[0]
    files, hints = {}, {}
    for lang in languages():
        said = [e.in_language(lang) for e in errors]
        shared = set(h for _, h in said if h)
        each = len(shared) > 1
        files[lang] = "\n".join(f"- {m}" + (f"\n  {h}" if each and h else "") for m, h in said)
        hints[lang] = (error_words("files_unreadable_each", lang, {})[0] if each
                       else "".join(shared))
    return SourcesUnreadable.worded("files_unreadable", count=len(errors), files=files,
                                    hints=hints, details=[e.as_dict()["error"] for e in errors])


#: the reading workers forked before the build's own imports and the side work they started
#: (:func:`start_early`), until :func:`read_ahead` takes them or :func:`cancel_early` stops them
_EARLY: dict[str, Any] = {}


def start_early(side: Callable[[], Any], inherited: Collection[int] = ()) -> None:
    """Fork the reading workers now and start ``side`` (the region files) in one of them,
    for the :func:`read_ahead` of the build that follows (same ``side``: it takes them).
    The command line calls it once it has the reader's imports, before the rest of the
    build's (settings, DuckDB, the stages' modules: ~0.13 s of CPU on one core, the other
    idle), so the region files are read meanwhile. Nothing when ``side`` cannot go to a
    worker process; a second call keeps the first's workers."""
    if _EARLY or not sendable(side):
        return
    pool = _pool(workers(), inherited)
    try:
        _EARLY.update(pool=pool, side=side, future=_submit(pool, side))
    except BaseException:
        _EARLY.clear()
        pool.shutdown(wait=True, cancel_futures=True)
        raise


def cancel_early() -> None:
    """Stop the workers of :func:`start_early` if no :func:`read_ahead` took them (the build
    failed or stopped before its ingest)."""
    early = dict(_EARLY)
    _EARLY.clear()
    if early:
        early["pool"].shutdown(wait=True, cancel_futures=True)


def _same(a: Callable[..., Any] | None, b: Callable[..., Any] | None) -> bool:
    """Whether two side callables do the same work (equal partials, or one object)."""
    if isinstance(a, partial) and isinstance(b, partial):
        return a.func is b.func and a.args == b.args and a.keywords == b.keywords
    return a is b


def _take_early(side: Callable[[], Any] | None) -> tuple[Executor, Future] | None:
    """The workers :func:`start_early` forked and ``side``'s future, when it started that
    side work; else None (workers started for other work are stopped)."""
    if not _EARLY:
        return None
    if not _same(_EARLY["side"], side):
        cancel_early()
        return None
    early = dict(_EARLY)
    _EARLY.clear()
    return early["pool"], early["future"]


def _pool(n: int, inherited: Collection[int]) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=n, mp_context=_context(), initializer=_worker_start,
                               initargs=(tuple(inherited),))


@contextmanager
def read_ahead(read_table: Callable[[SourceSpec], WideTable], specs: list[SourceSpec],
               wanted: dict[str, set[str]] | None = None,
               side: Callable[[], Any] | None = None, inherited: Collection[int] = ()
               ) -> Iterator[tuple[Iterator[WideTable], Callable[[], Any]]]:
    """Yield ``(tables, side_result)``: ``tables`` gives ``read_table(spec)`` for each of
    ``specs`` in order (measure columns outside ``wanted`` left out, see :func:`trimmed`);
    ``side_result()`` waits for ``side()``, other reading work run meanwhile (the region
    reference files), and returns its result or raises its error. Reading errors are raised
    when their table is taken, with those of the tables after it (:func:`unreadable`). On
    leaving, reads not yet taken are cancelled. ``inherited``: descriptors a forked worker
    closes at once (the build's lock file); workers also die with the build process and
    ignore Ctrl-C (the build stops them)."""
    in_processes = reading_processes(read_table, specs, side) > 0
    n = workers() if in_processes else 1
    early = _take_early(side) if in_processes else None  # forked before the build's imports
    if not in_processes:
        cancel_early()
    pool: Executor = (early[0] if early else _pool(n, inherited) if in_processes
                      else ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-read"))
    side_pool = None if in_processes or side is None else ThreadPoolExecutor(
        max_workers=1, thread_name_prefix="regions")
    try:
        side_future = (early[1] if early else
                       _submit(pool if in_processes else side_pool, side) if side else None)
        tables = _in_order(pool, trimmed, [(read_table, s, wanted) for s in specs],
                           tables_ahead(n))
        yield tables, (side_future.result if side_future else lambda: None)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if side_pool is not None:
            side_pool.shutdown(wait=True, cancel_futures=True)


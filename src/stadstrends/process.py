"""What the command line does for its own process only: never when Stadstrends runs inside a
program that marked itself a host (:func:`mark_host`: the tests do), or was not started by
``stadstrends.cli.main`` at all (a notebook, a program importing the package).

Python's cyclic garbage collector walks every object it tracks at each full collection, and
once more at exit. After a build's imports (pandas, pyarrow, DuckDB, pydantic: about 1 250
modules) those are hundreds of thousands of objects that live as long as the process. The
command line moves them out of the collector's sight with :func:`gc.freeze` (Python's
documented way for a long-lived process, and before forking workers: the collector then
no longer writes to the pages the forked reading workers share). Measured on the snapshot
build (2 cores, 4 alternating runs): 12.7 -> 11.9 s median, 21.1 -> 20.1 s CPU (full
collections 0.13 s, the walk at exit 0.15 s, and the collections' pauses of the inserts).

After a command that ended cleanly, the command line's process leaves at once
(:func:`leave`): its exit handlers run and its output is flushed, but the interpreter does not
tear down the objects of its 1 250 modules, nor DuckDB and the allocator their memory, one by
one (after a build 0.15-0.26 s, 0.02-0.03 s leaving at once; 8 builds alternated, session
39)."""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_owned = False
_host = False
_clean_end = False


def mark_host() -> None:
    """This process hosts Stadstrends (a test run): :func:`command_line` never claims it."""
    global _host
    _host = True


def owned() -> bool:
    """Whether this process runs as the command line (inside :func:`command_line`)."""
    return _owned


@contextmanager
def command_line() -> Iterator[None]:
    """The block is the command line's run (``stadstrends.cli.main``): this process is then
    its own, unless :func:`mark_host` was called. When the block ends without an error, the
    objects left are frozen so that the exit does not walk them once more (0.15 s after a
    build). Frozen cyclic garbage is not collected at exit, so finalisers (``__del__``) of
    such cycles do not run: the commands close what they open explicitly (the build its
    DuckDB connection before it moves the new warehouse in place; reading commands in a
    ``with``). After an error nothing is frozen."""
    global _owned, _clean_end
    _owned, _clean_end = not _host, False
    try:
        yield
        if _owned:
            gc.freeze()
            _clean_end = True
    finally:
        _owned = False


def settle_imports() -> None:
    """After a long command's imports: freeze the objects made so far, when the process is
    the command line's own (a host's frozen objects would never be collected)."""
    if _owned:
        gc.freeze()


def leave() -> None:
    """After :func:`command_line`'s block ended without an error in the command line's own
    process: run the exit handlers (``atexit``: temporary folders, logging), flush the output
    and end the process with exit code 0 without the interpreter's teardown. Returns (the
    process then exits as usual) when the block ended with an error, in a host, when a
    thread that is not a daemon still runs (the interpreter would wait for it), or when the
    output cannot be flushed (a closed pipe: the usual exit reports it)."""
    if not _clean_end or any(t.is_alive() and not t.daemon and t is not threading.main_thread()
                             for t in threading.enumerate()):
        return
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(0)

"""Progress of long commands (build, report --set, update): a Rich bar when stdout is a
terminal, plain lines (a log) when it is not, e.g. ``build 3/54 ingest 83648NED (4 s)``."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

Step = Callable[[str, int, int], None]


@contextmanager
def step_progress(name: str, out: Console, bar_console: Console,
                  transient: bool = True) -> Iterator[Step]:
    """Yield ``step(label, done, total)`` for a long command called ``name``.

    On a terminal ``out`` (stdout) a Rich bar is drawn on ``bar_console``; otherwise each new
    step is printed to ``out`` as one line and flushed at once, so a log shows it live."""
    if out.is_terminal:
        with Progress(TextColumn("{task.description:<24}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=bar_console, transient=transient) as bar:
            task = bar.add_task(name, total=None)

            def draw(label: str, done: int, total: int) -> None:
                bar.update(task, description=label, completed=done, total=total)

            yield draw
        return
    start, last = time.monotonic(), [None]

    def log(label: str, done: int, total: int) -> None:
        if last[0] == (label, done):
            return
        last[0] = (label, done)
        width = len(str(total))
        out.print(f"{name} {done:>{width}}/{total} {label} ({time.monotonic() - start:.0f} s)",
                  markup=False, highlight=False, soft_wrap=True)
        out.file.flush()

    yield log

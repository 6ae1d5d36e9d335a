"""The exact worst-case searches of :mod:`.worst_case` in a process of their own.

The searches are Python: 0.3-0.45 s for the trends that fail the rounding bound
(:class:`~.coarse_trends.RoundingVerdicts`) and 0.25-0.3 s for the gap trends
(:func:`~.gap_rounding.start_gap_rounding`) on the snapshot. In a thread of the build they hold
the interpreter lock that every statement of the analysis' chains needs when it returns, so
they slow the chains down, and the gap trends' searches kept the first chain going on one core
while the second was done. :class:`WorstCases` starts one worker process with the analysis
(a new interpreter that imports only :mod:`.worst_case`, about 40 ms; not a fork of the
build, whose 600 MB DuckDB would then copy every page it writes while the child lives) and
sends it each search; the answers come back in the order asked. Where the worker cannot be
started or dies, the searches run in a thread of the build, as before (the same S).
"""

from __future__ import annotations

import contextlib
import pickle
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from stadstrends.analysis.worst_case import interval_worst_s, worst_s
from stadstrends.held import submit

#: the searches by name: a trend's points (values, spreads) or a gap trend's intervals
SEARCHES = ("points", "intervals")


def search(kind: str, rows: list[tuple]) -> list[int]:
    """S at worst for each row: ``points`` rows (code, id, sign, values, spreads),
    :func:`~.worst_case.worst_s`; ``intervals`` rows (code, id, sign, lo, hi, values),
    :func:`~.worst_case.interval_worst_s`."""
    if kind == "points":
        return [worst_s(r[3], r[4], r[2]) for r in rows]
    if kind == "intervals":
        return [interval_worst_s(r[3], r[4], r[5], r[2]) for r in rows]
    raise ValueError(f"unknown worst-case search {kind!r}")


class WorstCases:
    """A worker process for the worst-case searches (see the module); :func:`worst_cases`
    starts and ends one. Shared by the analysis' threads."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._jobs: dict[int, tuple[str, list[tuple]]] = {}
        self._answers: dict[int, tuple[str, object]] = {}
        self._asked = self._read = 0

    def start(self) -> None:
        """Start the worker (nothing when it cannot be started: searches run in a thread)."""
        with contextlib.suppress(OSError):
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "stadstrends.analysis.worst_case_worker"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def search(self, kind: str, rows: list[tuple]) -> Callable[[], list[int]]:
        """Start :func:`search` of ``rows``; return the function that waits for its answer
        (the search's error raised there)."""
        with self._lock:
            if self._proc is not None:
                try:
                    pickle.dump((kind, rows), self._proc.stdin)
                    self._proc.stdin.flush()
                except OSError:  # the worker is gone: searched here
                    self._proc = None
                else:
                    job = self._asked
                    self._asked += 1
                    self._jobs[job] = (kind, rows)
                    return lambda: self._answer(job)
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="worst-case")
        work = submit(pool, search, kind, rows)
        pool.shutdown(wait=False)  # the thread ends with the work
        return work.result

    def _answer(self, job: int) -> list[int]:
        with self._lock:
            while job not in self._answers and self._proc is not None:
                try:
                    self._answers[self._read] = pickle.load(self._proc.stdout)
                    self._read += 1
                except (EOFError, OSError, pickle.UnpicklingError):
                    self._proc = None  # died: the searches it owes run here
            kind, rows = self._jobs.pop(job)
            status, answer = self._answers.pop(job, ("lost", None))
        if status == "ok":
            return answer  # type: ignore[return-value]
        if status == "error":
            raise RuntimeError(f"worst-case search failed in the worker: {answer}")
        return search(kind, rows)

    def close(self) -> None:
        """End the worker (its input closed: it exits; killed if it does not in 5 s)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        with contextlib.suppress(OSError):
            proc.stdin.close()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        with contextlib.suppress(OSError):
            proc.stdout.close()


@contextmanager
def worst_cases() -> Iterator[WorstCases]:
    """A started :class:`WorstCases`, ended after the block."""
    searches = WorstCases()
    searches.start()
    try:
        yield searches
    finally:
        searches.close()


def main() -> None:
    """The worker: answers each (kind, rows) read from stdin with ("ok", S at worst per row)
    or ("error", its text) on stdout, until stdin ends. Ctrl-C is the build's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            kind, rows = pickle.load(source)
        except EOFError:
            return
        try:
            answer: tuple[str, object] = ("ok", search(kind, rows))
        except Exception as exc:  # noqa: BLE001 (sent to the build, raised there)
            answer = ("error", f"{type(exc).__name__}: {exc}")
        pickle.dump(answer, sink)
        sink.flush()


if __name__ == "__main__":
    main()

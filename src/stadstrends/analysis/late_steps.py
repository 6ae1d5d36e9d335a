"""The late steps of the analysis stage the chains share (:func:`~.build.late_steps`,
:class:`LateSteps`); moved out of ``build.py`` to keep it under 400 lines."""

from __future__ import annotations

import threading
from collections.abc import Callable

import duckdb


class LateSteps:
    """The :func:`late_steps` the chains have not taken, shared by the chains' threads."""

    def __init__(self, steps: list[tuple[str, Callable, frozenset[str]]], chains: int = 2
                 ) -> None:
        self._steps = list(steps)
        self._all = {name: step for name, step, _ in steps}
        self._done: set[str] = set()
        self._failed: set[str] = set()
        self._running = chains
        self._working = chains  # chains still in their own steps
        self._chains_ok = True
        self._closed = False
        self._lock = threading.Condition()

    def running(self, chains: int) -> None:
        """The number of chains at work (each counts as ended when :meth:`take` finds no
        step for it)."""
        with self._lock:
            self._running = self._working = chains

    def chain_ended(self, ok: bool) -> None:
        """A chain is through its own steps (``ok``: without an error); late steps next."""
        with self._lock:
            self._working -= 1
            self._chains_ok = self._chains_ok and ok
            self._lock.notify_all()

    def wait_chains(self) -> bool:
        """Wait until every chain is through its own steps (:meth:`chain_ended`), not for the
        late steps they are running; whether all of them ended without an error."""
        with self._lock:
            while self._working > 0:
                self._lock.wait()
            return self._chains_ok

    def close(self) -> list[Callable]:
        """No chain takes a step after this (those running go on); the steps no chain
        took, in order (:meth:`left`)."""
        with self._lock:
            self._closed = True
        return self.left()

    def done(self, name: str) -> None:
        """Step ``name`` has made its tables."""
        with self._lock:
            self._done.add(name)
            self._lock.notify_all()

    def failed(self, name: str) -> None:
        """Step ``name``, taken by a chain, raised an error (the chain raises it)."""
        with self._lock:
            self._failed.add(name)
            self._lock.notify_all()

    def require(self, name: str, con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        """For a chain step that reads late step ``name``'s tables: run it here on ``con``
        if no chain has taken it (its row counts returned), or wait until the chain that
        took it is done (``{}``); when that chain failed, it is run here."""
        with self._lock:
            while name not in self._done:
                k = next((k for k, (n, _, _) in enumerate(self._steps) if n == name), None)
                if k is not None:
                    del self._steps[k]
                    break
                if name in self._failed:
                    self._failed.discard(name)
                    break
                self._lock.wait()
            else:
                return {}
        counts = self._all[name](con)
        self.done(name)
        return counts

    def take(self) -> tuple[str, Callable] | None:
        """For a chain at its end: the first step whose needs are done, while another chain
        is still in its own steps; else None, and the chain counts as ended. Taken after both
        were through theirs, a step ran beside the signals' first statements, which keep both
        cores busy, and left a core idle beside their rows (a build's timeline: the data
        checks, 0.3-0.5 s)."""
        with self._lock:
            if self._running > 1 and self._working > 0 and not self._closed:
                for k, (name, step, needs) in enumerate(self._steps):
                    if needs <= self._done:
                        del self._steps[k]
                        return name, step
            self._running -= 1
            return None

    def left(self) -> list[Callable]:
        """The steps no chain took, in order."""
        with self._lock:
            return [step for _, step, _ in self._steps]

"""The build's progress: one step per stage or table, and how long each stage took
(``build_info.stage_seconds``)."""

from __future__ import annotations

import time
from collections.abc import Callable

Progress = Callable[[str, int, int], None]


class StageClock:
    """Reports progress and records how long each build stage took."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress or (lambda label, done, total: None)
        self.total = 1
        self.done = 0
        self.timings: dict[str, float] = {}
        self._stage: str | None = None
        self._since = time.perf_counter()

    def start(self, stage: str) -> None:
        """Close the running stage and start ``stage`` (``done`` ends the clock)."""
        now = time.perf_counter()
        if self._stage:
            self.timings[self._stage] = round(now - self._since, 2)
        self._stage, self._since = (None if stage == "done" else stage), now
        self.report(stage)

    def report(self, label: str) -> None:
        """Show ``label`` and advance the bar by one step."""
        self.progress(label, min(self.done, self.total), self.total)
        self.done += 1

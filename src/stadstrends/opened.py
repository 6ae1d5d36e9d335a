"""Who is told when a warehouse is opened to read (:func:`stadstrends.warehouse.files.
open_warehouse`): a module of its own, light enough for the command line to register with
before it knows whether a command opens one (the help imports no DuckDB)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

#: called as ``callback(path, failed)`` each time a warehouse is opened: ``failed`` the codes
#: of the data checks its build failed (``build_info.checks_failed``; empty when all passed)
ON_OPEN: list[Callable[[Path, list[str]], None]] = []


def when_opened(callback: Callable[[Path, list[str]], None]) -> None:
    """Have ``callback(path, failed)`` called each time a warehouse is opened to read; the
    command line warns with it: a warehouse whose checks failed may lack figures."""
    if callback not in ON_OPEN:  # once: the command line may run more than once in a process
        ON_OPEN.append(callback)

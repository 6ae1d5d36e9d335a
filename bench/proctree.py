"""A process and its descendants in /proc (Linux), and their memory together.

Used by the benchmarks that watch a process tree: ``bench/load.py`` (the server and its
uvicorn workers, RSS) and ``bench/build.py``/``bench/scale.py`` (the build and its reading
workers, PSS: pages a forked worker shares with the build are counted once).
"""

from __future__ import annotations

from pathlib import Path


def descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (children, their children, ...); gone ones are skipped."""
    found, todo = [], [pid]
    while todo:
        try:
            for task in Path(f"/proc/{todo.pop()}/task").iterdir():
                children = [int(c) for c in (task / "children").read_text().split()]
                found += children
                todo += children
        except OSError:
            pass
    return found


def kib(pids: list[int], file: str, key: str) -> int:
    """The sum over ``pids`` of the ``key:`` line of ``/proc/<pid>/<file>`` (kB values such
    as ``VmRSS`` in ``status`` or ``Pss`` in ``smaps_rollup``); gone processes count 0."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
                if line.startswith(f"{key}:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def tree_pss_mib(pid: int) -> float:
    """Memory of ``pid`` and its descendants together now (sum of PSS), MiB."""
    return kib([pid, *descendants(pid)], "smaps_rollup", "Pss") / 1024

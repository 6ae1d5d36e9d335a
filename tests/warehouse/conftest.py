"""Fixtures of the warehouse tests: a second full build of the real snapshot, once a session.

Two claims need a second build of the whole snapshot: a build killed while it writes leaves
the previous warehouse as it was and the next build cleans up and swaps in a complete one
(test_atomic_swap.py), and two builds of the same snapshot give the same rows
(test_reproducible.py). The second is the first's next build: one build (~40 s) for both.
"""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def population_rows(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(
            "SELECT count(*) FROM indicator_values WHERE indicator_id = 'population'"
        ).fetchone()[0]


@contextmanager
def busy_cores(n: int) -> Iterator[None]:
    """``n`` processes that only spin while the block runs: a build on a loaded host, whose
    DuckDB threads finish in another order than on a quiet one (with two threads a statement
    then added some sums in another order: 1 of 4 such builds differed, resources.py)."""
    spinning = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)]
    try:
        yield
    finally:
        for proc in spinning:
            proc.kill()
            proc.wait(timeout=10)


@dataclass(frozen=True)
class KilledThenBuilt:
    """What a build killed (SIGKILL) while it wrote, and the build after it, did to a copy
    of the session's warehouse (``db``); the sha256 and population rows of ``db`` before,
    after the kill, and the temp files (``pattern``) there at each point."""

    db: Path
    sha_before: str
    temp_before_kill: list[str]
    returncode: int
    sha_after_kill: str
    population_after_kill: int
    next_build: subprocess.CompletedProcess
    temp_after_next_build: list[str]


@pytest.fixture(scope="session")
def killed_then_built(warehouse_path: Path, shared_data: Path,
                      tmp_path_factory: pytest.TempPathFactory) -> KilledThenBuilt:
    """A copy of the session's warehouse; ``stadstrends build`` of the real snapshot over it,
    killed 0.3 s after its temp file appeared; then the next ``stadstrends build`` of the same
    snapshot over it, run to the end beside three busy processes (:func:`busy_cores`; exit
    code and output in ``next_build``)."""
    db = tmp_path_factory.mktemp("killed") / "stadstrends.duckdb"
    shutil.copy(warehouse_path, db)
    before = sha(db)
    command = [sys.executable, "-m", "stadstrends.cli", "build", "--snapshot", str(shared_data),
               "--db", str(db)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pattern = f".{db.name}.building-*"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not list(db.parent.glob(pattern)):
        time.sleep(0.02)
    temp = sorted(p.name for p in db.parent.glob(pattern))
    if temp:
        time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    after_kill, population = sha(db), population_rows(db)
    with busy_cores(3):
        out = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    return KilledThenBuilt(db, before, temp, proc.returncode, after_kill, population, out,
                           sorted(p.name for p in db.parent.glob(pattern)))

"""A failed or killed build leaves the previous warehouse untouched."""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from stadstrends.errors import SourceUnavailable
from stadstrends.ingest.sources import table_reader
from stadstrends.warehouse.build import build_warehouse


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _population_rows(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(
            "SELECT count(*) FROM indicator_values WHERE indicator_id = 'population'"
        ).fetchone()[0]


@pytest.fixture()
def old_warehouse(warehouse_path: Path, tmp_path: Path) -> Path:
    db = tmp_path / "stadstrends.duckdb"
    shutil.copy(warehouse_path, db)
    return db


def test_failing_source_leaves_the_old_warehouse_and_no_temp_files(old_warehouse, shared_data):
    before = _sha(old_warehouse)
    reader, reference, _ = table_reader(shared_data)
    calls = []

    def flaky(table_id: str):
        calls.append(table_id)
        if len(calls) == 2:
            raise SourceUnavailable("CBS did not answer", "try again later")
        return reader(table_id)

    with pytest.raises(SourceUnavailable):
        build_warehouse(old_warehouse, flaky, reference)
    assert _sha(old_warehouse) == before
    assert _population_rows(old_warehouse) > 10_000
    assert sorted(p.name for p in old_warehouse.parent.iterdir()) == [old_warehouse.name]


def test_killed_build_leaves_the_old_warehouse_working(old_warehouse, shared_data):
    before = _sha(old_warehouse)
    proc = subprocess.Popen(
        [sys.executable, "-m", "stadstrends.cli", "build", "--snapshot", str(shared_data),
         "--db", str(old_warehouse)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    pattern = f".{old_warehouse.name}.building-*"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not list(old_warehouse.parent.glob(pattern)):
        time.sleep(0.02)
    assert list(old_warehouse.parent.glob(pattern)), "the build never started writing"
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert _sha(old_warehouse) == before
    assert _population_rows(old_warehouse) > 10_000
    # the next build cleans up the half-written file and swaps in a complete one
    reader, reference, _ = table_reader(shared_data)
    build_warehouse(old_warehouse, reader, reference)
    assert not list(old_warehouse.parent.glob(pattern))
    assert _population_rows(old_warehouse) > 10_000

"""A failed or killed build leaves the previous warehouse untouched."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

from stadstrends.errors import SourceUnavailable
from stadstrends.ingest.sources import table_reader
from stadstrends.warehouse.build import build_warehouse

from .conftest import population_rows, sha


@pytest.fixture()
def old_warehouse(warehouse_path: Path, tmp_path: Path) -> Path:
    db = tmp_path / "stadstrends.duckdb"
    shutil.copy(warehouse_path, db)
    return db


def test_failing_source_leaves_the_old_warehouse_and_no_temp_files(old_warehouse, shared_data):
    before = sha(old_warehouse)
    reader, reference, _ = table_reader(shared_data)
    calls = []

    def flaky(table_id: str):
        calls.append(table_id)
        if len(calls) == 2:
            raise SourceUnavailable("CBS did not answer", "try again later")
        return reader(table_id)

    with pytest.raises(SourceUnavailable):
        build_warehouse(old_warehouse, flaky, reference)
    assert sha(old_warehouse) == before
    assert population_rows(old_warehouse) > 10_000
    assert sorted(p.name for p in old_warehouse.parent.iterdir()) == [old_warehouse.name]


def test_killed_build_leaves_the_old_warehouse_working(killed_then_built):
    """SIGKILL while the build writes its temp file: the previous warehouse stays byte for
    byte and usable; the next build (:func:`tests.warehouse.conftest.killed_then_built`, the
    second build test_reproducible.py compares) cleans up the half-written file and swaps in
    a complete one."""
    done = killed_then_built
    assert done.temp_before_kill, "the build never started writing"
    assert done.returncode == -signal.SIGKILL
    assert done.sha_after_kill == done.sha_before
    assert done.population_after_kill > 10_000
    assert done.next_build.returncode == 0, done.next_build.stderr
    assert done.temp_after_next_build == []
    assert sha(done.db) != done.sha_before  # swapped in: a new build_info at least
    assert population_rows(done.db) > 10_000

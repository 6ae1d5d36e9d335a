"""Shared fixtures: the real CBS snapshot in ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

from stadstrends.paths import default_snapshot_dir


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = default_snapshot_dir()
    if not (path / "SOURCES.md").exists():
        pytest.fail(f"real CBS snapshot not found at {path}; set STADSTRENDS_SNAPSHOT")
    return path


@pytest.fixture(scope="session")
def statline(shared_data: Path) -> Path:
    return shared_data / "cbs_statline_dump"


@pytest.fixture(scope="session")
def warehouse_path(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built once per test session from the real snapshot."""
    from stadstrends.ingest.sources import table_reader
    from stadstrends.warehouse.build import build_warehouse

    db = tmp_path_factory.mktemp("warehouse") / "stadstrends.duckdb"
    reader, reference, origin = table_reader(shared_data)
    build_warehouse(db, reader, reference, origin=origin)
    return db


@pytest.fixture()
def wh(warehouse_path: Path):
    """A read-only connection to the session's warehouse."""
    import duckdb

    con = duckdb.connect(str(warehouse_path), read_only=True)
    yield con
    con.close()

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

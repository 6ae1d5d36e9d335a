"""Session fixtures: the regions stage computed once from the real snapshot."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from stadstrends.regions.history import municipality_history, region_list
from stadstrends.regions.lookup import RegionIndex
from stadstrends.regions.membership import membership


@pytest.fixture(scope="session")
def history(shared_data: Path) -> pd.DataFrame:
    return municipality_history(shared_data)


@pytest.fixture(scope="session")
def regions(shared_data: Path) -> pd.DataFrame:
    return region_list(shared_data)


@pytest.fixture(scope="session")
def members(shared_data: Path) -> pd.DataFrame:
    return membership(shared_data)


@pytest.fixture(scope="session")
def index(shared_data: Path) -> RegionIndex:
    return RegionIndex.from_snapshot(shared_data)

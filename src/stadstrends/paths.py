"""Default locations: the snapshot folder beside the repository and the cache."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def default_snapshot_dir() -> Path:
    """``$STADSTRENDS_SNAPSHOT`` or ``../shared/data`` next to the repository checkout."""
    env = os.environ.get("STADSTRENDS_SNAPSHOT")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


def default_cache_dir() -> Path:
    """``$STADSTRENDS_CACHE`` or ``~/.cache/stadstrends``."""
    env = os.environ.get("STADSTRENDS_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "stadstrends"

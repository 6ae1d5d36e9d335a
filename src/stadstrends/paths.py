"""Default locations: the snapshot folder beside the repository and the cache; writing a
cache file."""

from __future__ import annotations

import os
import threading
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


def write_cache(path: Path, data: bytes) -> None:
    """Write a cache file atomically (a temporary file renamed into place, folders made);
    best effort: a read-only or full disk only costs the work again next time."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)

"""Provenance helpers for files in a snapshot folder (hash, mtime, relative location)."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from stadstrends.errors import MalformedSource
from stadstrends.ingest.labels import HERINDELING, RegionLabels
from stadstrends.ingest.raw import SourceInfo
from stadstrends.paths import default_snapshot_dir


def snapshot_root(path: Path) -> Path | None:
    """The snapshot folder holding ``path`` (the ancestor with the 70739ned crosswalk)."""
    for parent in Path(path).resolve().parents:
        if (parent / HERINDELING).exists():
            return parent
    return None


def default_labels(path: Path) -> RegionLabels:
    """Region labels of the snapshot holding ``path``, else of the default snapshot."""
    return RegionLabels.from_snapshot(snapshot_root(path) or default_snapshot_dir())


def require_file(path: Path) -> Path:
    """``path`` as a :class:`Path`; :class:`MalformedSource` when it is not a readable file."""
    path = Path(path)
    if not path.is_file():
        raise MalformedSource(
            f"snapshot file not found: {path}",
            hint="check the snapshot folder (STADSTRENDS_SNAPSHOT) and the table id",
        )
    return path


@lru_cache(maxsize=8)
def _catalogue_titles(sources_md: Path) -> dict[str, str]:
    """Table id -> title from the snapshot's SOURCES.md tables (``| `file` | id | title |``)."""
    if not sources_md.is_file():
        return {}
    row = re.compile(r"^\|\s*`[^`]+`\s*\|\s*([0-9A-Za-z]+)([^|]*)\|\s*([^|]+?)\s*\|", re.M)
    titles: dict[str, str] = {}
    for table_id, rest, content in row.findall(sources_md.read_text(encoding="utf-8")):
        # '| file | 85171NED, title *(inferred)* | content |' or '| file | id | title |'
        title = rest.strip(" ,") or content
        titles.setdefault(table_id.lower(), title.replace("*(inferred)*", "").strip())
    return titles


def snapshot_title(root: Path | None, table_id: str) -> str | None:
    """The table's title as the snapshot's SOURCES.md describes it, if it does."""
    return _catalogue_titles(Path(root) / "SOURCES.md").get(table_id.lower()) if root else None


def source_info(
    path: Path,
    table_id: str,
    *,
    title: str | None = None,
    snapshot_dir: Path | None = None,
    rows_read: int = 0,
    rows_kept: int = 0,
    completeness: str = "complete",
) -> SourceInfo:
    """Provenance of a snapshot file: location relative to the snapshot, sha256, mtime."""
    path = Path(path)
    root = Path(snapshot_dir) if snapshot_dir else snapshot_root(path)
    try:
        location = path.resolve().relative_to(root.resolve()).as_posix() if root else str(path)
    except ValueError:
        location = str(path)
    stat = path.stat()
    return SourceInfo(
        table_id=table_id,
        title=title or snapshot_title(root, table_id) or table_id,
        origin="snapshot",
        location=location,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        retrieved_at=datetime.fromtimestamp(stat.st_mtime, tz=UTC).isoformat(timespec="seconds"),
        rows_read=rows_read,
        rows_kept=rows_kept,
        completeness=completeness,
    )

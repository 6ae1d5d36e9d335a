"""Provenance helpers for files in a snapshot folder (hash, mtime, relative location)."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from stadstrends.errors import MalformedSource, TableNotFound
from stadstrends.ingest.labels import HERINDELING, RegionLabels
from stadstrends.ingest.raw import SourceInfo
from stadstrends.ingest.titles import ENGLISH_EDITION, snapshot_titles, titles_for
from stadstrends.paths import default_snapshot_dir


def snapshot_root(path: Path) -> Path | None:
    """The snapshot folder holding ``path`` (the ancestor with the 70739ned crosswalk)."""
    for parent in Path(path).resolve().parents:
        if (parent / HERINDELING).exists():
            return parent
    return None


def listed_file(snapshot_dir: Path, table_id: str, statline_dir: str) -> Path | None:
    """Where the snapshot's ``SOURCES.md`` says ``table_id``'s CSV is (a path in backticks
    ending in ``<table_id>.csv``, case-insensitive; relative to ``statline_dir`` unless it
    names a top folder of the snapshot), or None."""
    try:
        text = (snapshot_dir / "SOURCES.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    pattern = rf"`((?:[^`/\s]+/)+{re.escape(table_id)}\.csv)`"
    if (found := re.search(pattern, text, flags=re.IGNORECASE)) is None:
        return None
    relative = Path(found.group(1))
    top = relative.parts[0]
    return snapshot_dir / (relative if top == statline_dir or (snapshot_dir / top).is_dir()
                           else Path(statline_dir) / relative)


def default_labels(path: Path) -> RegionLabels:
    """Region labels of the snapshot holding ``path``, else of the default snapshot."""
    return RegionLabels.from_snapshot(snapshot_root(path) or default_snapshot_dir())


#: folders every CBS snapshot has (SOURCES.md): a folder with none of them is no snapshot
SNAPSHOT_FOLDERS = ("cbs_statline_dump", "cbs_odata4_v4_responses",
                    "cbs_37259eng_population_dynamics")


def not_a_snapshot(folder: Path) -> TableNotFound | None:
    """The error for a --snapshot ``folder`` holding none of :data:`SNAPSHOT_FOLDERS` (an
    empty folder, the folder above the snapshot), its hint naming a folder that is one (one
    inside it, else the default snapshot folder); None for a snapshot."""
    if any((folder / name).is_dir() for name in SNAPSHOT_FOLDERS):
        return None
    inside = sorted(p for p in folder.glob("*/") if (p / SNAPSHOT_FOLDERS[0]).is_dir()) \
        if folder.is_dir() else []
    known = inside[0] if inside else default_snapshot_dir()
    return TableNotFound.worded("not_a_snapshot_known" if inside or known.is_dir()
                                else "not_a_snapshot", path=str(folder),
                                known=str(known.absolute()), folders=", ".join(SNAPSHOT_FOLDERS))


def require_file(path: Path) -> Path:
    """``path`` as a :class:`Path`; :class:`MalformedSource` when it is not a readable file."""
    path = Path(path)
    if not path.is_file():
        raise MalformedSource.worded("snapshot_file_not_found", path=str(path))
    return path


#: sha256 of files read by :func:`read_bytes`: (resolved path, size, mtime_ns) -> hex digest
_DIGESTS: dict[tuple[str, int, int], str] = {}


def _version(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


def read_bytes(path: Path) -> bytes:
    """The file's bytes, hashed while they are in memory: :func:`source_info` then reuses
    the digest instead of reading the file a second time."""
    path = Path(path)
    data = path.read_bytes()
    if len(_DIGESTS) > 256:
        _DIGESTS.clear()
    _DIGESTS[_version(path)] = hashlib.sha256(data).hexdigest()
    return data


def file_sha256(path: Path) -> str:
    """sha256 of the file (from :func:`read_bytes` when it read this version)."""
    path = Path(path)
    return _DIGESTS.get(_version(path)) or hashlib.sha256(path.read_bytes()).hexdigest()


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


MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}


def snapshot_dates(sources_md: Path) -> dict[str, str]:
    """Folder -> the date SOURCES.md documents for its data: 'retrieved from CBS in April
    2025' gives '2025-04', else the date of the origin commit ('(2025-01-12'), else none."""
    return {folder: day for folder, (day, _) in _snapshot_dates(sources_md).items()}


def documented_kind(root: Path | None, location: str) -> str:
    """What the date :func:`documented_date` gives is (``sources.retrieved_kind``):
    'retrieved' where SOURCES.md says when the data were retrieved from CBS, 'copy' where
    it is the commit date of a copy (a GitHub repository's: CBS's file was downloaded that
    day or before: kwb2019's 2022-09-23), 'file' without either (the file's time)."""
    if not root:
        return "file"
    kinds = {f: kind for f, (_, kind) in _snapshot_dates(Path(root) / "SOURCES.md").items()}
    folders = [f for f in kinds if location == f or location.startswith(f + "/")]
    return kinds[max(folders, key=len)] if folders else "file"


@lru_cache(maxsize=8)
def _snapshot_dates(sources_md: Path) -> dict[str, tuple[str, str]]:
    """Folder -> (date, 'retrieved' or 'copy'), as :func:`snapshot_dates`."""
    if not sources_md.is_file():
        return {}
    head = re.compile(r"^#{2,3} \d+\. `([^`]+?)/?`", re.M)
    text = sources_md.read_text(encoding="utf-8")
    marks = list(head.finditer(text))
    dates: dict[str, tuple[str, str]] = {}
    for i, mark in enumerate(marks):
        body = text[mark.end():marks[i + 1].start() if i + 1 < len(marks) else len(text)]
        said = re.search(r"retrieved from CBS in (\w+) (\d{4})", body)
        commit = re.search(r"\((\d{4}-\d{2}-\d{2})", body)
        if said and said.group(1).lower() in MONTHS:
            month = f"{said.group(2)}-{MONTHS[said.group(1).lower()]:02d}"
            dates[mark.group(1)] = (month, "retrieved")
        elif commit:
            dates[mark.group(1)] = (commit.group(1), "copy")
    return dates


def documented_date(root: Path | None, location: str) -> str | None:
    """The retrieval date SOURCES.md documents for the folder holding ``location``."""
    if not root:
        return None
    dates = snapshot_dates(Path(root) / "SOURCES.md")
    folders = [f for f in dates if location == f or location.startswith(f + "/")]
    return dates[max(folders, key=len)] if folders else None


def source_info(
    path: Path,
    table_id: str,
    *,
    title: str | None = None,
    snapshot_dir: Path | None = None,
    rows_read: int = 0,
    rows_kept: int = 0,
    completeness: str = "complete",
    completeness_code: str = "complete",
    left_out: str = "",
    cut_after: str | None = None,
    renamed_columns: str = "",
) -> SourceInfo:
    """Provenance of a snapshot file: location relative to the snapshot, sha256, and when
    its data were retrieved from CBS as the snapshot documents it (else the file's mtime)."""
    path = Path(path)
    root = Path(snapshot_dir) if snapshot_dir else snapshot_root(path)
    try:
        location = path.resolve().relative_to(root.resolve()).as_posix() if root else str(path)
    except ValueError:
        location = str(path)
    stat = path.stat()
    cbs = titles_for(snapshot_titles(root), table_id) if root else {}
    if title and ENGLISH_EDITION.fullmatch(table_id):
        cbs.setdefault("en", title)  # an English edition's reader gives its CBS title
    return SourceInfo(
        table_id=table_id,
        title=title or snapshot_title(root, table_id) or table_id,
        origin="snapshot",
        location=location,
        sha256=file_sha256(path),
        retrieved_at=documented_date(root, location) or datetime.fromtimestamp(
            stat.st_mtime, tz=UTC).isoformat(timespec="seconds"),
        retrieved_kind=documented_kind(root, location),
        rows_read=rows_read,
        rows_kept=rows_kept,
        completeness=completeness,
        completeness_code=completeness_code,
        cut_after=cut_after,
        left_out=left_out,
        renamed_columns=renamed_columns,
        title_nl=cbs.get("nl"),
        title_en=cbs.get("en"),
    )

"""A small on-disk cache of HTTP response bodies, one file per URL, plus a manifest.

Layout of the cache directory::

    <sha256(url)>.json   the response body exactly as received
    manifest.json        {"version": 1, "entries": {url: {url, file, retrieved_at,
                                                          modified, sha256, size}}}

Every write goes to a temporary file in the same directory followed by :func:`os.replace`,
so an interrupted run never leaves a half-written body or manifest behind. A body whose
sha256 no longer matches the manifest is treated as absent (and refetched by the caller).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

MANIFEST = "manifest.json"


def sha256_hex(data: bytes) -> str:
    """Hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def utc_now() -> str:
    """The current time as ISO 8601 UTC with seconds precision, e.g. ``2025-01-31T12:00:00Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary sibling file and :func:`os.replace`."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class CacheEntry:
    """Manifest record of one cached response."""

    url: str
    file: str
    retrieved_at: str
    sha256: str
    modified: str | None = None
    size: int = 0


class ResponseCache:
    """Cache of response bodies keyed by URL, verified by sha256 on every read."""

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)
        self._lock = threading.Lock()

    @staticmethod
    def file_name(url: str) -> str:
        """The body file name for ``url``: sha256 of the URL plus ``.json``."""
        return sha256_hex(url.encode("utf-8")) + ".json"

    @property
    def manifest_path(self) -> Path:
        return self.directory / MANIFEST

    def entries(self) -> dict[str, CacheEntry]:
        """All manifest entries by URL (an unreadable manifest counts as empty)."""
        try:
            raw = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            items = raw["entries"].values()
            return {item["url"]: CacheEntry(**item) for item in items}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def get(self, url: str) -> tuple[bytes, CacheEntry] | None:
        """The cached body and its entry, or ``None`` when absent or corrupt."""
        entry = self.entries().get(url)
        if entry is None:
            return None
        try:
            body = (self.directory / entry.file).read_bytes()
        except OSError:
            return None
        if sha256_hex(body) != entry.sha256:
            return None
        return body, entry

    def put(self, url: str, body: bytes, modified: str | None = None) -> CacheEntry:
        """Store ``body`` for ``url`` atomically and record it in the manifest."""
        self.directory.mkdir(parents=True, exist_ok=True)
        entry = CacheEntry(
            url=url,
            file=self.file_name(url),
            retrieved_at=utc_now(),
            sha256=sha256_hex(body),
            modified=modified,
            size=len(body),
        )
        with self._lock:
            atomic_write(self.directory / entry.file, body)
            entries = self.entries()  # re-read: another client may have written meanwhile
            entries[url] = entry
            self._write_manifest(entries)
        return entry

    def invalidate(self, url: str) -> None:
        """Forget ``url``: drop its manifest entry and body file."""
        with self._lock:
            entries = self.entries()
            entry = entries.pop(url, None)
            if entry is None:
                return
            self._write_manifest(entries)
            (self.directory / entry.file).unlink(missing_ok=True)

    def _write_manifest(self, entries: dict[str, CacheEntry]) -> None:
        payload = {"version": 1, "entries": {url: asdict(e) for url, e in sorted(entries.items())}}
        text = json.dumps(payload, indent=1, ensure_ascii=False)
        atomic_write(self.manifest_path, text.encode("utf-8"))

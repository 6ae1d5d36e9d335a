"""Rendered pages as files per build: ``.<warehouse>.pages/<build id>-<code>/<hash>.page``
next to the warehouse (the temp folder when that is not writable), shared by every server
worker and the pre-render process; ``<code>`` is a fingerprint of the installed code,
templates, language files and the reports folder served (city pages link reports),
so a new version (or an edited template) starts afresh
instead of serving pages made by the old one. A file holds one line of JSON (status,
headers, length) and the body; it is written atomically (a temp file renamed into place),
so a reader sees a whole page or none. Folders of older builds are removed when a new
build's folder is made."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path

from stadstrends.publish.web import download_files
from stadstrends.publish.web.download_files import code_fingerprint

Entry = tuple[int, list, bytes]


def folder(db_path: Path, build_id: str, reports_dir: Path | None = None) -> Path:
    """The pages folder of build ``build_id`` of the warehouse at ``db_path`` served with
    the reports in ``reports_dir`` (city pages link them), created."""
    made_with = hashlib.sha256(f"{code_fingerprint()}:{reports_dir}".encode()).hexdigest()
    return download_files.folder(db_path, f"{build_id}-{made_with[:12]}", "pages")


def file_name(key: tuple) -> str:
    """The file of a request key (path, query string, HTML wanted)."""
    return hashlib.sha256(repr(key).encode()).hexdigest()[:40] + ".page"


def read(where: Path, key: tuple) -> Entry | None:
    """The stored response for ``key``, or None (missing or unreadable: render it)."""
    try:
        raw = (where / file_name(key)).read_bytes()
        head, _, body = raw.partition(b"\n")
        meta = json.loads(head)
        headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in meta["headers"]]
        if meta.get("length") != len(body):
            return None
        return int(meta["status"]), headers, body
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write(where: Path, key: tuple, entry: Entry) -> None:
    """Store a response for ``key`` atomically; best effort (a full disk only costs renders)."""
    status, headers, body = entry
    meta = {"status": status, "length": len(body),
            "headers": [(k.decode("latin-1"), v.decode("latin-1")) for k, v in headers]}
    target = where / file_name(key)
    tmp = target.with_name(f".{target.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        tmp.write_bytes(json.dumps(meta).encode() + b"\n" + body)
        os.replace(tmp, target)
    except OSError:
        pass
    finally:
        tmp.unlink(missing_ok=True)


def count(where: Path) -> int:
    """How many pages the folder holds."""
    try:
        return sum(1 for name in os.listdir(where) if name.endswith(".page"))
    except OSError:
        return 0

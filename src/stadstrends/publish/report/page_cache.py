"""A report's pages as WeasyPrint laid them out and drew them (before the charts are laid
over them), kept in the warehouse build's cache folder beside the converted charts
(:func:`.pdf.cache_folder`): a report whose page is the same as in an earlier run (the same
build, code and city; `report CITY --format pdf` after `--format both`, a rerun of a set)
costs a file read instead of WeasyPrint's ~1.5 s.

Kept by the hash of everything WeasyPrint's result depends on here (:func:`page_key`): the
print-ready HTML (the stylesheet is in it), the base URL, every chart's size, the versions
of WeasyPrint and pydyf, the code that finds the charts' places (:mod:`.pdf_process`) and
the mended line breaking (:mod:`.pdf_lines`). The system's fonts are not in the key: a new
build starts a new folder. A file that cannot be read or written only costs the rendering.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

from stadstrends.paths import write_cache
from stadstrends.publish.report import pdf_lines, pdf_process

_VERSIONS: list[str] = []


def _versions() -> str:
    """WeasyPrint's and pydyf's versions and the hash of :mod:`.pdf_process` and
    :mod:`.pdf_lines`, once."""
    if not _VERSIONS:
        found = []
        for name in ("weasyprint", "pydyf"):
            try:
                found.append(f"{name} {metadata.version(name)}")
            except metadata.PackageNotFoundError:
                found.append(f"{name} -")
        for module in (pdf_process, pdf_lines):
            code = Path(module.__file__).read_bytes()
            found.append(hashlib.sha256(code).hexdigest())
        _VERSIONS.append("|".join(found))
    return _VERSIONS[0]


def page_key(html: str, base: str, sizes: dict[int, tuple[float, float]]) -> str:
    """The hash a page's WeasyPrint result is kept by (``sizes``: chart number -> width and
    height in CSS px)."""
    text = json.dumps([_versions(), base, sorted(sizes.items()), html], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def read_page(cache: Path, key: str) -> tuple[bytes, list] | None:
    """A kept page: (PDF, chart places as :func:`.pdf_process.chart_places` gives them), or
    None (not there, or unreadable)."""
    try:
        raw = (cache / f"{key}.page").read_bytes()
        head, _, body = raw.partition(b"\n")
        length, places = json.loads(head)
        if length != len(body):
            return None
        return body, [(number, n, tuple(box)) for number, n, box in places]
    except (OSError, ValueError, TypeError):
        return None


def write_page(cache: Path, key: str, done: tuple[bytes, list]) -> None:
    """Keep a page (a JSON line ``[length, places]``, then the PDF)."""
    body, places = done
    head = json.dumps([len(body), [[number, n, list(box)] for number, n, box in places]])
    write_cache(cache / f"{key}.page", head.encode() + b"\n" + body)

"""City reports (PDF and HTML) made on demand, once per build and code version, and kept next to the
warehouse like the downloads (``download_files``): ``<build folder>/reports/<code>.<lang>.
<pdf|html>`` with the HTML's ``assets/`` beside it. Rendering (WeasyPrint: ~10 s) runs in the
downloads' low-priority process pool; the request only awaits it."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stadstrends.errors import InvalidParameter
from stadstrends.publish.web import download_files

if TYPE_CHECKING:
    from stadstrends.publish.web.state import WebWarehouse

KINDS = ("pdf", "html")
LANGS = ("nl", "en")
_PENDING: dict[Path, asyncio.Future] = {}


def split_name(name: str) -> tuple[str, str, str]:
    """A report's file name in its parts: ``'GM0193.nl.pdf'`` -> ``('GM0193', 'nl', 'pdf')``
    (missing parts empty)."""
    code, _, rest = name.partition(".")
    lang, _, kind = rest.partition(".")
    return code, lang, kind


def report_form(path: str) -> tuple[str, str] | None:
    """The language and form a report's address names (``/rapport/GM0788.en.pdf``: ``('en',
    'pdf')``); None for another page or an unknown language or form."""
    if not path.startswith("/rapport/"):
        return None
    _, lang, kind = split_name(path.rsplit("/", 1)[-1])
    return (lang, kind) if lang in LANGS and kind in KINDS else None


def folder(wh) -> Path:  # noqa: ANN001 - WebWarehouse
    build_id = str(wh.build_info.get("build_id") or "unknown")
    out = download_files.made_here(wh.db_path, build_id) / "reports"
    out.mkdir(exist_ok=True)
    return out


def available(wh, code: str) -> bool:  # noqa: ANN001
    """Whether the site makes this region's report: any current municipality, as
    ``stadstrends report`` does (each compared within its default group)."""
    region = wh.regions.get(code)
    return bool(region) and region["level"] == "gemeente" and bool(region["current"])


def _render(db_path: str, code: str, lang: str, kind: str, out: str) -> str:
    """In a pool process: write one report and give it its stable name atomically."""
    from stadstrends.publish.report.builder import open_db, write_city

    target = Path(out) / f"{code}.{lang}.{kind}"
    con = open_db(Path(db_path))
    try:
        done = write_city(con, code, Path(out), lang, kind, assets=kind == "html")
    finally:
        con.close()
    written = next(p for p in done.paths if p.suffix == f".{kind}")
    os.replace(written, target)
    return str(target)


async def report_file(wh, code: str, lang: str, kind: str) -> Path:  # noqa: ANN001
    """The report file of ``code`` for ``wh``'s build, rendered when missing."""
    if kind not in KINDS or lang not in LANGS:
        raise InvalidParameter.worded("unknown_report", name=f"{code}.{lang}.{kind}"[:60])
    if not available(wh, code):  # the route asks wh.municipality first: not reached
        from stadstrends.errors import NotFoundError

        raise NotFoundError.worded("no_report", name=wh.name(code), code=code)
    out = folder(wh)
    target = out / f"{code}.{lang}.{kind}"
    if target.is_file():
        return target
    pending = _PENDING.get(target)
    if pending is None:
        if len(_PENDING) >= download_files.MAX_PENDING:
            raise download_files.DownloadsBusy.worded("reports_busy", count=len(_PENDING))
        loop = asyncio.get_running_loop()
        job = loop.run_in_executor(download_files._pool(), _render, str(wh.db_path), code,
                                   lang, kind, str(out))
        pending = asyncio.ensure_future(job)
        _PENDING[target] = pending
        pending.add_done_callback(lambda _f, t=target: _PENDING.pop(t, None))
    return Path(await asyncio.shield(pending))


def asset(wh, name: str) -> Path:  # noqa: ANN001
    """A file of the HTML reports' ``assets`` folder (no path tricks)."""
    base = folder(wh) / "assets"
    target = (base / name).resolve()
    if "/" in name or not target.is_relative_to(base.resolve()) or not target.is_file():
        from stadstrends.errors import NotFoundError

        raise NotFoundError.worded("no_report_asset", value=name)
    return target


def reports(wh: WebWarehouse, region: dict[str, Any]) -> list[dict[str, str]]:
    """Report files of the city in the configured folder: ``{slug}.{lang}.html|pdf`` as
    `stadstrends report` writes them, or any file name holding the region code."""
    from stadstrends.regions.lookup import normalise
    from stadstrends.vocabulary import languages

    folder = wh.reports_dir
    if folder is None or not folder.is_dir():
        return []
    name, code = normalise(region["name"]), region["region_code"].lower()
    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in (".html", ".pdf"):
            continue
        if normalise(path.name.split(".")[0]) == name or code in path.stem.lower():
            rel = path.relative_to(folder).as_posix()
            parts = path.name.lower().split(".")  # 'hollands-kroon.nl.pdf': Dutch
            lang = parts[-2] if len(parts) > 2 and parts[-2] in languages() else None
            # shown in the on-demand links' words ('Rapport als PDF (Nederlands)'), the
            # file's name only where its language cannot be read from it
            found.append({"href": f"/reports/{rel}", "label": path.name, "lang": lang,
                          "kind": path.suffix[1:].lower()})
    return found[:10]

"""A4 PDF of a print-ready report page: WeasyPrint lays out and draws the text, vl-convert
draws the charts.

WeasyPrint draws SVG node by node in Python (a city report's 17 charts have ~3 500 nodes and
~450 texts, each laid out by Pango): that was a third of a PDF's time. So a chart is drawn
by vl-convert's own SVG-to-PDF converter (Rust) instead, and placed on the page afterwards:

1. :class:`PendingCharts` converts the charts (spec -> SVG -> PDF) in background threads
   while WeasyPrint is imported and parses and styles the page; the page refers to each as
   ``stadstrends-chart:<n>``.
2. WeasyPrint's URL fetcher answers each such URL with an empty SVG of the chart's size
   (waiting for its conversion), so the page is laid out exactly as with the chart itself.
3. After layout, the boxes of those images give each chart's page and rectangle; the PDF
   WeasyPrint writes gets each chart's page laid over its rectangle (pikepdf, a Form
   XObject: vector, its words text, in the font vl-convert measured them with).

Steps 2 and 3 run in the PDF engine's own process when a command started one
(:mod:`.pdf_process`: ``stadstrends report CITY --format pdf``); it is sent the page and
every chart's size as soon as the page is written (:meth:`PendingCharts.send`, before the
appendix is read), and sends back the PDF and the charts' places, which this process
collects after opening pikepdf and the charts meanwhile. WeasyPrint's result is kept in the
cache folder below by the hash of the page (:mod:`.page_cache`): the same page again is not
laid out again.

A converted chart is kept by the hash of its spec (:func:`chart_key`), in memory for the
process and as a file in the warehouse build's cache folder (``.<warehouse>.report-pdf/
<build id>/``, removed with the build): a chart drawn again, in a later run or by another
pool worker, costs a file read instead of ~70 ms of vl-convert.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import io
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stadstrends.paths import write_cache
from stadstrends.publish import charts
from stadstrends.publish.memo import Memo
from stadstrends.publish.report.chart_rows import rows
from stadstrends.publish.report.page_cache import page_key, read_page, write_page
from stadstrends.publish.report.pdf_engine import (
    collect,
    font_config,
    process_running,
    remote_pdf,
    submit,
)
from stadstrends.publish.report.pdf_engine import html_class as _weasyprint
from stadstrends.publish.report.pdf_process import CHART_URL, fetcher, written

THREADS: int | None = None  # threads converting one PDF's charts (None: the cores, at most 4)
PX = 0.75  # PDF points per CSS pixel
_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')


MEMO_SIZE = 64  # converted charts kept in memory (one city report has 17, ~30 kB each)
_MEMO: Memo[tuple[bytes, float, float]] = Memo(MEMO_SIZE)


def chart_key(spec: dict) -> str:
    """The hash a converted chart is kept by: its spec (data included) and the versions of
    vl-convert and Vega-Lite that draw it."""
    import vl_convert as vlc

    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{vlc.__version__}|{charts.VL_VERSION}|{text}".encode()).hexdigest()


def chart_pdf(spec: dict, cache: Path | None = None) -> tuple[bytes, float, float]:
    """A chart as a one-page PDF (vl-convert), with its width and height in CSS pixels;
    from memory or from the ``cache`` folder when it was converted before."""
    key = chart_key(spec)
    hit = _MEMO.get(key)
    if hit is not None:
        return hit
    hit = _read(cache, key) if cache is not None else None
    if hit is None:
        import vl_convert as vlc

        svg = charts.to_svg(spec, static)
        size = _SIZE.search(svg)
        if size is None:
            raise ValueError("Vega-Lite to SVG conversion gave an SVG without a size")
        hit = vlc.svg_to_pdf(svg), float(size.group(1)), float(size.group(2))
        if cache is not None:
            _write(cache, key, hit)
    _MEMO.put(key, hit)
    return hit


def static(spec: dict) -> dict:
    """A spec as drawn on paper: without tooltips and ARIA attributes, which a PDF page does
    not show (the same picture; vl-convert draws it ~20 % faster)."""
    out = _untipped(spec)
    out["config"] = {**spec.get("config", {}), "aria": False}
    return out


def _untipped(node: Any) -> Any:
    """``node`` without its ``tooltip`` entries (data rows are left as they are)."""
    if isinstance(node, dict):
        return {k: v if k in ("datasets", "data", "values") else _untipped(v)
                for k, v in node.items() if k != "tooltip"}
    if isinstance(node, list):
        return [_untipped(v) for v in node]
    return node


def _read(cache: Path, key: str) -> tuple[bytes, float, float] | None:
    """A chart from the cache folder: a line 'width height', then the PDF (None: not there
    or unreadable, so convert it)."""
    try:
        raw = (cache / f"{key[:40]}.chart").read_bytes()
        head, _, body = raw.partition(b"\n")
        width, height, length = head.split()
        if int(length) != len(body):
            return None
        return body, float(width), float(height)
    except (OSError, ValueError):
        return None


def _write(cache: Path, key: str, chart: tuple[bytes, float, float]) -> None:
    """Keep a chart in the cache folder."""
    body, width, height = chart
    write_cache(cache / f"{key[:40]}.chart", f"{width} {height} {len(body)}\n".encode() + body)


_APPENDICES: dict[str, bytes] = {}


def appendix_pdf(html: str, base: Path, cache: Path | None = None) -> bytes:
    """The PDF of the appendix every city's PDF shares (``html``: print-ready), rendered once
    per content: kept in memory and in the ``cache`` folder by the hash of its HTML. The
    process that renders it holds a lock file beside it (``flock``): a set run's other pool
    workers, which start at once, wait and read it instead of each laying it out (~1.9 s of
    CPU per worker, issue 16)."""
    key = hashlib.sha256(html.encode()).hexdigest()[:40]
    hit = _APPENDICES.get(key)
    if hit is None and cache is not None:
        path = cache / f"{key}.appendix.pdf"
        with _held(cache / f".{key}.appendix.lock"):
            hit = _read_appendix(path)
            if hit is None:
                hit = _render_appendix(html, base)
                write_cache(path, hit)
    elif hit is None:
        hit = _render_appendix(html, base)
    if len(_APPENDICES) >= 4:
        _APPENDICES.clear()
    _APPENDICES[key] = hit
    return hit


def _render_appendix(html: str, base: Path) -> bytes:
    done = remote_pdf(html, str(base), None)
    return done[0] if done is not None else _weasyprint()(
        string=html, base_url=str(base)).write_pdf(font_config=font_config())


def _read_appendix(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


@contextlib.contextmanager
def _held(lock: Path) -> Iterator[None]:
    """An exclusive ``flock`` on ``lock`` for the block (released when the process dies);
    without one (a read-only folder) the block runs unlocked."""
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def cache_folder(con: Any) -> Path | None:
    """The converted-charts folder of the warehouse build ``con`` reads (beside the
    warehouse, or in the temp folder when that is not writable; None for a warehouse in
    memory or without a build id)."""
    try:
        path, build = con.execute("""
            SELECT (SELECT path FROM duckdb_databases() WHERE database_name = current_database()),
                   (SELECT max(build_id) FROM build_info)""").fetchone()
    except Exception:  # noqa: BLE001 - no build_info or no path: simply no cache
        return None
    if not path or not build:
        return None
    from stadstrends.publish.web.download_files import folder

    try:
        return folder(Path(path), str(build), "report-pdf")
    except OSError:
        return None


@contextlib.contextmanager
def charts_without_gc() -> Iterator[None]:
    """No cyclic garbage collection while a PDF's charts convert in threads (:class:`Pending
    Charts`) and it is laid out: a collection that started in a chart thread inside a
    vl-convert call ran a cffi finalizer (WeasyPrint's libraries) that waited on a condition
    while the other chart thread waited in vl-convert, and the test run hung for good (py-spy
    of the hung run: session 33). Garbage left meanwhile goes at the next collection."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class PendingCharts:
    """A PDF's charts converted in background threads (vl-convert releases the GIL) while
    WeasyPrint is imported and parses and styles the page; WeasyPrint fetches each chart's
    placeholder by its URL (``stadstrends-chart:<n>``), waiting for the chart, when it
    builds the chart's box."""

    def __init__(self, figs: list[dict], cache: Path | None = None) -> None:
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(min(THREADS or os.cpu_count() or 1, 4),
                                  thread_name_prefix="chart")
        self.futures = []
        self.cache = cache
        self.sent = False  # :meth:`send` called
        self.job: int | None = None  # the page sent to the engine process (:meth:`send`)
        self.key: str | None = None  # the page's key in ``cache`` (:mod:`.page_cache`)
        self.done: tuple[bytes, list] | None = None  # the page, from ``cache``
        self._opened: dict[int, Any] = {}
        for fig in figs:
            if fig["svg"] is None:  # small multiples a picture per row (:mod:`.chart_rows`)
                parts = rows(fig["spec"])
                fig["rows"] = len(parts) > 1
                fig["svg"] = "".join(f'<img class="svg" alt="" src="{CHART_URL}{n}">' for n
                                     in range(len(self.futures), len(self.futures) + len(parts)))
                self.futures += [pool.submit(chart_pdf, part, cache) for part in parts]
        pool.shutdown(wait=False)

    def size(self, n: int) -> tuple[float, float]:
        """Chart ``n``'s (width, height) in CSS px, waiting for its conversion."""
        _, width, height = self.futures[n].result()
        return width, height

    def sizes(self) -> dict[int, tuple[float, float]]:
        """Every chart's size (waiting for all; raises a conversion's error)."""
        return {n: self.size(n) for n in range(len(self.futures))}

    def fetcher(self) -> Any:
        """WeasyPrint's URL fetcher: a chart's placeholder (an empty SVG of its size) by its
        URL, waiting for the chart; anything else as usual."""
        return fetcher(self.size)

    def check(self) -> None:
        """Raise a conversion's error (WeasyPrint would only leave the chart out)."""
        for future in self.futures:
            future.result()

    def send(self, html: str, base: Path) -> None:
        """Find the page (print-ready ``html`` with these charts) in the cache folder, or
        send it to the engine process when one runs (waiting for the charts' sizes): it is
        laid out there while this process does other work (the appendix), and
        :func:`write_pdf` collects it."""
        self.sent = True
        if self.cache is not None:
            self.key = page_key(html, str(base), self.sizes())
            self.done = read_page(self.cache, self.key)
        if self.done is None and process_running():
            self.job = submit(html, str(base), self.sizes())

    def opened(self) -> dict[int, Any]:
        """Every chart's PDF opened by pikepdf (imported here), once: done while the engine
        process lays out the page."""
        import pikepdf

        for n, future in enumerate(self.futures):
            if n not in self._opened:
                self._opened[n] = pikepdf.open(io.BytesIO(future.result()[0]))
        return self._opened

    def overlay(self, pdf_bytes: bytes, places: list, path: Path,
                appendix: tuple[bytes, str] | None = None) -> None:
        """Write ``pdf_bytes`` to ``path`` with each chart's PDF drawn over its place, and the
        pages of ``appendix`` (PDF, bookmark title) after the last page."""
        import pikepdf

        sources = self.opened()
        pdf = pikepdf.open(io.BytesIO(pdf_bytes))
        if appendix is not None:
            extra = pikepdf.open(io.BytesIO(appendix[0]))
            first = len(pdf.pages)
            pdf.pages.extend(extra.pages)
            with pdf.open_outline() as outline:
                outline.root.append(pikepdf.OutlineItem(appendix[1], first))
        for number, n, (x, y, width, height) in places:
            page = pdf.pages[number]
            top = float(page.mediabox[3])
            rect = pikepdf.Rectangle(x * PX, top - (y + height) * PX,
                                     (x + width) * PX, top - y * PX)
            page.add_overlay(sources[n].pages[0], rect)
        pdf.save(path)


def write_pdf(html: str, path: Path, base: Path, pending: PendingCharts | None = None,
              appendix: tuple[bytes, str] | None = None) -> None:
    """A4 PDF of print-ready HTML (WeasyPrint; it needs the system's pango library);
    ``pending``: the charts :func:`builder.render_pdf` is converting; ``appendix``: a PDF
    (:func:`appendix_pdf`) and its bookmark title, appended. Fonts are embedded as subsets
    (the full DejaVu files made the PDF 1 MB and took 0.5 s to compress)."""
    if pending is None and appendix is None:
        done = remote_pdf(html, str(base), None)
        if done is not None:
            path.write_bytes(done[0])
            return
        _weasyprint()(string=html, base_url=str(base)).write_pdf(str(path),
                                                                 font_config=font_config())
        return
    pending = pending or PendingCharts([])
    if not pending.sent:
        pending.send(html, base)
    done = pending.done
    if done is None and pending.job is not None:
        pending.opened()  # while the engine process lays out the page
        done = collect(pending.job)
    if done is None:
        document = _weasyprint()(string=html, base_url=str(base),
                                 url_fetcher=pending.fetcher()).render(font_config=font_config())
        pending.check()
        done = written(document)
    if pending.done is None and pending.key is not None:
        write_page(pending.cache, pending.key, done)
    pending.overlay(*done, path, appendix)

"""WeasyPrint in a process of its own, for a command that writes one PDF
(``stadstrends report CITY --format pdf``).

Importing WeasyPrint takes ~0.55 s of CPU (its C declarations parsed by cffi, its default
stylesheets), laying out and drawing a city's pages ~0.95 s. In the report's own process
the import holds Python's interpreter lock while the report's data are read and its page
is written, so the two take turns on one core. Started at the command's start, this
process imports WeasyPrint on the second core meanwhile, then lays out and draws the page
it is sent and sends the PDF back (with the places of the charts, which
:class:`~stadstrends.publish.report.pdf.PendingCharts` lays over them).

Run as ``python -m stadstrends.publish.report.pdf_process``; it speaks length-prefixed
pickles on its standard input and output (its own ``print`` output and WeasyPrint's go to
standard error): first ``("ready", None)`` or ``("ready", "<why WeasyPrint does not
load>")``, then for each job ``(html, base_url, sizes)`` a reply ``("ok", (pdf_bytes,
places))`` or ``("error", "<type>: <message>")``; ``sizes`` maps a chart number to its
(width, height) in CSS px, or is None for a page without charts (no places then). It ends
when its input ends, at once (no clean-up of its modules). Only the standard library and
WeasyPrint are imported here.
"""

from __future__ import annotations

import copy
import os
import pickle
import signal
import struct
import sys
from typing import IO, Any

CHART_URL = "stadstrends-chart:"
_HEAD = struct.Struct("!Q")


def send(stream: IO[bytes], message: Any) -> None:
    """Write one message (a length, then its pickle)."""
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEAD.pack(len(body)) + body)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    """Read one message; EOFError when the other side has gone."""
    head = stream.read(_HEAD.size)
    if len(head) < _HEAD.size:
        raise EOFError("the other process has gone")
    size = _HEAD.unpack(head)[0]
    body = stream.read(size)
    if len(body) < size:
        raise EOFError("the other process has gone")
    return pickle.loads(body)


def chart_number(url: str) -> int | None:
    """The chart number of a placeholder URL (``stadstrends-chart:<n>``), None for any
    other URL."""
    if not url.startswith(CHART_URL):
        return None
    return int(url[len(CHART_URL):])


def placeholder_svg(width: float, height: float) -> bytes:
    """An empty SVG of a chart's size: laid out exactly as the chart itself."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"/>').encode()


def fetcher(size_of: Any) -> Any:
    """WeasyPrint's URL fetcher: a chart placeholder by its URL (``size_of(n)`` gives its
    (width, height), waiting for it if need be), anything else as usual (a ``URLFetcher``
    since WeasyPrint 68, a function returning a dict before)."""
    try:
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except ImportError:  # WeasyPrint < 68
        from weasyprint import default_url_fetcher

        def fetch(url: str) -> dict:
            n = chart_number(url)
            return (default_url_fetcher(url) if n is None
                    else {"string": placeholder_svg(*size_of(n)), "mime_type": "image/svg+xml"})

        return fetch

    class Fetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            n = chart_number(url)
            if n is None:
                return super().fetch(url, headers)
            return URLFetcherResponse(url, placeholder_svg(*size_of(n)),
                                      {"Content-Type": "image/svg+xml"})

    return Fetcher()


def chart_places(document: Any) -> list[tuple[int, int, tuple[float, float, float, float]]]:
    """(page number, chart number, (x, y, width, height) in CSS px from the page's top left)
    of every chart placeholder a rendered WeasyPrint ``document`` laid out."""
    found = []
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is None or element.tag != "img" or not hasattr(box, "replacement"):
                continue
            n = chart_number(element.get("src") or "")
            if n is not None:
                found.append((number, n, (box.content_box_x(), box.content_box_y(),
                                          box.width, box.height)))
    return found


def written(document: Any) -> tuple[bytes, list]:
    """A rendered ``document``'s PDF (its leaders joined, :func:`joined_leaders`) and its
    charts' places (:func:`chart_places`): both ways a page is written, here and in the
    command's own process (``pdf.write_pdf``)."""
    return joined_leaders(document).write_pdf(), chart_places(document)


def joined_leaders(document: Any) -> Any:
    """``document`` (rendered by WeasyPrint) with each leader's dots drawn as one text run.

    WeasyPrint fills a leader (the contents' ``leader(".")``) with a copy of its text box
    per dot, and draws each copy on its own: a new Pango context, the text shaped again, a
    text object in the PDF (~1 570 dots in a city's contents: ~0.25 s of its ~2.5 s). The
    copies sit side by side, each one dot's advance from the next; one box at the first
    dot's place with all the dots as its text puts every glyph where it was (the PDF's
    glyph widths, rounded to 1/1 000 em, move the last of ~125 dots 0.16 pt). A leader
    whose copies are not so placed is left as it is."""
    for page in document.pages:
        _join_leaders(page._page_box)
    return document


def _join_leaders(box: Any) -> None:
    for child in getattr(box, "children", ()):
        if getattr(child, "is_leader", False):
            child.children = _joined(child.children)
        else:
            _join_leaders(child)


def _joined(dots: Any) -> Any:
    if len(dots) < 2:
        return dots
    placed = sorted(dots, key=lambda dot: dot.position_x)  # WeasyPrint adds them right to left
    first, step = placed[0], placed[0].width
    if getattr(first, "pango_layout", None) is None:  # not the WeasyPrint this was made for
        return dots
    for n, dot in enumerate(placed):
        if dot.text != first.text or abs(dot.position_x - first.position_x - n * step) > 1e-3:
            return dots
    layout = copy.copy(first.pango_layout)
    layout.text = first.text * len(placed)
    joined = first.copy_with_text(layout.text)
    joined.pango_layout, joined.width = layout, step * len(placed)
    return (joined,)


def _load() -> tuple[Any, Any, str | None]:
    """WeasyPrint's HTML class and a font configuration, or why WeasyPrint does not load."""
    try:
        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration

        from stadstrends.publish.report.pdf_lines import mend
    except (ImportError, OSError) as exc:  # OSError: no libpango
        return None, None, str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
    mend()
    return HTML, FontConfiguration(), None


def _render(html_class: Any, fonts: Any, job: tuple) -> tuple[bytes, list]:
    html, base, sizes = job
    if sizes is None:
        return html_class(string=html, base_url=base).write_pdf(font_config=fonts), []
    document = html_class(string=html, base_url=base,
                          url_fetcher=fetcher(sizes.__getitem__)).render(font_config=fonts)
    return written(document)


def main() -> None:
    """Serve jobs until standard input ends; end quietly when the report's process has gone
    (its pipe closed) or is interrupted (Ctrl-C reaches the whole process group: the report's
    process says what happened, and this one ends when its input does)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to standard error, not into the replies
    jobs = sys.stdin.buffer
    try:
        html_class, fonts, error = _load()
        send(replies, ("ready", error))
        while True:
            job = receive(jobs)
            try:
                reply = ("ok", _render(html_class, fonts, job))
            except Exception as exc:  # noqa: BLE001 - sent to the report's process, raised there
                reply = ("error", f"{type(exc).__name__}: {exc}")
            send(replies, reply)
    except (EOFError, OSError):  # the report's process is done, or gone
        pass
    os._exit(0)  # no clean-up of WeasyPrint's modules: nobody waits for it


if __name__ == "__main__":
    main()

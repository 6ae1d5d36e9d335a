"""WeasyPrint, the PDF engine, imported once per process: in a background thread while a
report's data are read (:func:`load_in_background`, ~0.5 s of a one-city PDF), or when the
first PDF needs it (:func:`html_class`); and its font configuration, one per thread
(:func:`font_config`)."""

from __future__ import annotations

import sys
import threading
from typing import Any

from stadstrends.errors import StadstrendsError

_FONTS = threading.local()
_LOADING: dict[str, Any] = {}  # "thread": the importing thread, "error": what it raised


def load_in_background() -> None:
    """Start importing WeasyPrint in a daemon thread (Python's interpreter lock lets only
    the DuckDB queries of the main thread overlap it). A failed import is kept and reported
    once by :func:`html_class` (WeasyPrint prints its banner about missing libraries at each
    attempt). A command that ends before the import does leaves the thread to the
    interpreter's exit."""
    if "thread" in _LOADING or "weasyprint" in sys.modules:
        return

    def load() -> None:
        try:
            import weasyprint  # noqa: F401
        except Exception as exc:  # noqa: BLE001 - raised by html_class in the main thread
            _LOADING["error"] = exc

    _LOADING["thread"] = thread = threading.Thread(target=load, name="import-weasyprint",
                                                   daemon=True)
    thread.start()


def html_class() -> Any:
    """WeasyPrint's ``HTML`` class (waiting for :func:`load_in_background`'s import), or a
    clear error when it does not load (``StadstrendsError``: no pango, say)."""
    thread = _LOADING.get("thread")
    if thread is not None:
        thread.join()
    try:
        if "error" in _LOADING:
            raise _LOADING["error"]
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint found no libpango
        raise StadstrendsError(
            f"cannot write PDF: WeasyPrint does not load ({str(exc).splitlines()[0][:120]})",
            "PDF needs pango: run `scripts/setup-dev.sh`, or as root `apt-get install "
            "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b`; or write HTML (--format html)",
        ) from None
    return HTML


def font_config() -> Any:
    """WeasyPrint's font configuration for every document this thread renders: a new one per
    document (WeasyPrint's default) starts Pango's font map and its shaping caches again,
    ~0.08 s of a city PDF's 1.2 s (one per thread: Pango's font map is not thread-safe).
    It keeps no document's fonts (each PDF embeds its own glyphs); the reports have no
    ``@font-face`` rules, which it would keep registered for the thread's later documents."""
    config = getattr(_FONTS, "config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _FONTS.config = FontConfiguration()
    return config

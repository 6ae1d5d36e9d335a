"""WeasyPrint, the PDF engine: in a process of its own for a command that writes one PDF
(:func:`start_process`, :func:`remote_pdf`; see :mod:`.pdf_process`), else imported once per
process, in a background thread while a report's data are read (:func:`load_in_background`)
or when the first PDF needs it (:func:`html_class`); and its font configuration, one per
thread (:func:`font_config`)."""

from __future__ import annotations

import atexit
import pickle
import subprocess
import sys
import threading
from typing import Any

from stadstrends.errors import StadstrendsError
from stadstrends.publish.report.pdf_lines import mend
from stadstrends.publish.report.pdf_process import receive, send

_FONTS = threading.local()
_LOADING: dict[str, Any] = {}  # "thread": the importing thread, "error": what it raised
_PROCESS: dict[str, Any] = {}  # "process": the engine process, "ready": its first reply read,
# "sent"/"read": the numbers of the last job sent and reply read, "replies": read, not collected


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

            mend()
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
        raise _does_not_load(str(exc).splitlines()[0][:120]) from None
    mend()
    return HTML


def _does_not_load(why: str) -> StadstrendsError:
    return StadstrendsError.worded("pdf_no_engine", detail=why)


def start_process() -> None:
    """Start the PDF engine process (:mod:`.pdf_process`): it imports WeasyPrint on another
    core while this process reads the report's data and writes its page (in a thread here,
    the import took turns with that work on one core: ~0.3 s of a one-city PDF's 2 s). Where
    the process cannot start, WeasyPrint is imported here in the background instead
    (:func:`load_in_background`). The process ends when this one does."""
    if "process" in _PROCESS:
        return
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "stadstrends.publish.report.pdf_process"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    except OSError:
        load_in_background()
        return
    _PROCESS["process"] = process
    atexit.register(stop_process, wait=False)


def stop_process(wait: bool = True) -> None:
    """End the engine process: its input closed, so it exits; with ``wait``, waited for
    (killed if it has not ended in 5 s). At this process's exit it is not waited for: it
    ends by itself at once."""
    process = _PROCESS.pop("process", None)
    for key in ("ready", "sent", "read", "replies"):
        _PROCESS.pop(key, None)
    if process is None:
        return
    for stream in (process.stdin, process.stdout):
        try:
            stream.close()
        except OSError:
            pass
    if not wait:
        process.returncode = 0  # not waited for on purpose: no "still running" warning
        return
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def process_running() -> bool:
    """Whether :func:`remote_pdf` has an engine process to send to."""
    return "process" in _PROCESS


def submit(html: str, base: str, sizes: dict[int, tuple[float, float]] | None) -> int | None:
    """Send print-ready ``html`` to the engine process, which lays it out while this process
    goes on (:func:`collect` waits for it): the job's number, or None when no engine process
    runs or it has gone. Jobs are served in the order sent. Raises ``StadstrendsError``
    when WeasyPrint does not load there (no pango)."""
    process = _PROCESS.get("process")
    if process is None:
        return None
    try:
        if not _PROCESS.get("ready"):
            _, why = receive(process.stdout)
            _PROCESS["ready"] = True
            if why is not None:
                stop_process()
                raise _does_not_load(why)
        send(process.stdin, (html, base, sizes))
    except (EOFError, OSError, ValueError, pickle.UnpicklingError):
        stop_process()  # the process has gone: the caller renders here instead
        return None
    _PROCESS["sent"] = number = _PROCESS.get("sent", 0) + 1
    return number


def collect(job: int) -> tuple[bytes, list] | None:
    """The PDF of job ``job`` (:func:`submit`) with the places of its charts; None when the
    engine process has gone (the caller then renders here). Raises ``StadstrendsError`` when
    WeasyPrint failed on the page."""
    replies = _PROCESS.setdefault("replies", {})
    process = _PROCESS.get("process")
    while job not in replies and process is not None:
        try:
            replies[_PROCESS.get("read", 0) + 1] = receive(process.stdout)
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            stop_process()
            break
        _PROCESS["read"] = _PROCESS.get("read", 0) + 1
    if job not in replies:
        return None
    kind, result = replies.pop(job)
    if kind == "error":
        raise StadstrendsError.worded("pdf_failed", detail=str(result)[:200])
    return result


def remote_pdf(html: str, base: str, sizes: dict[int, tuple[float, float]] | None
               ) -> tuple[bytes, list] | None:
    """The PDF of print-ready ``html`` laid out and drawn by the engine process, with the
    places of its charts (``sizes``: chart number -> (width, height) in CSS px; None: a page
    without charts); None when no engine process runs or it has gone (the caller then
    renders here). Raises ``StadstrendsError`` when WeasyPrint does not load there (no
    pango) or fails on the page."""
    job = submit(html, base, sizes)
    return None if job is None else collect(job)


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

"""Download files made off the event loop, once per build, kept next to the warehouse.

A download (CSV, XLSX, Parquet of one indicator) is rendered once into
``.<warehouse>.downloads/<build id>-<code>/<indicator>.<ext>`` beside the warehouse file (or
the temp folder when that is not writable; ``<code>``: :func:`code_fingerprint`, so a server
updated without a rebuild makes its files afresh instead of sending the old code's),
written atomically, and then sent as a file; later
requests, from any server worker, get the file at once. XLSX (openpyxl, pure Python:
seconds) is made by a small process pool (:data:`WORKERS` process per server worker, at low
CPU priority, started with the server); CSV and Parquet (C code, ~0.1 s) in a thread. The
request handler only awaits: an XLSX that takes seconds never blocks other requests, and the
server workers' memory does not grow with downloads. At most :data:`MAX_PENDING` renders wait
per worker; beyond that the answer is 503. Folders of older builds are removed when a new
build's folder is made.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from stadstrends.errors import StadstrendsError

if TYPE_CHECKING:  # imported where used: a PDF report needs only folder() (asyncio: ~25 ms)
    import asyncio

WORKERS = 1
IN_PROCESS = ("csv", "excel.csv", "parquet")  # fast, mostly outside the GIL: made in a thread
MAX_PENDING = 32
_POOL: ProcessPoolExecutor | None = None
_PENDING: dict[Path, asyncio.Future] = {}
_CHILD: dict = {}
_FOLDERS: dict[tuple[Path, str, str], Path] = {}


class DownloadsBusy(StadstrendsError):
    status = 503
    code = "downloads_busy"


def folder(db_path: Path, build_id: str, kind: str = "downloads") -> Path:
    """Where the files of build ``build_id`` go: ``.<warehouse>.<kind>/<build id>/``
    (created; older builds' folders removed)."""
    known = _FOLDERS.get((db_path, build_id, kind))
    if known is not None and known.is_dir():
        return known
    base = db_path.with_name(f".{db_path.name}.{kind}")
    try:
        base.mkdir(exist_ok=True)
        probe = base / f".probe-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError:
        base = Path(tempfile.gettempdir()) / f"stadstrends-{kind}-{db_path.name}"
        base.mkdir(exist_ok=True)
    target = base / build_id
    if not target.is_dir():
        target.mkdir(exist_ok=True)
        for old in base.iterdir():
            if old.is_dir() and old.name != build_id:
                shutil.rmtree(old, ignore_errors=True)
    _FOLDERS[db_path, build_id, kind] = target
    return target


def made_here(db_path: Path, build_id: str) -> Path:
    """The folder of the files build ``build_id`` gets from this code (downloads, the city
    reports): ``<build id>-<code>`` (:func:`code_fingerprint`), created; another code's
    folders removed (:func:`folder`)."""
    return folder(db_path, f"{build_id}-{code_fingerprint()}")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """What the files are made with: the version and every source, template and language
    file of the package (names, sizes, modification times; read once per process)."""
    import stadstrends

    root = Path(stadstrends.__file__).parent
    digest = hashlib.sha256(stadstrends.__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".html", ".yaml", ".yml", ".css", ".js", ".json"):
            st = path.stat()
            digest.update(f"{path.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


def _nice(parent: int) -> None:
    """Pool process start: low priority, and gone when its server worker ``parent`` is."""
    with contextlib.suppress(OSError):
        os.nice(10)  # the server's own requests come first
    threading.Thread(target=_orphan_watch, args=(parent,), daemon=True).start()


def _orphan_watch(parent: int, every: float = 1.0) -> None:
    """End this pool process when the server worker that started it has ended (a worker
    stopped by SIGTERM or kill -9 never shuts its pool down; the process would wait
    forever on a pipe nobody writes to)."""
    import time

    while os.getppid() == parent:
        time.sleep(every)
    os._exit(0)


def _pool() -> ProcessPoolExecutor:
    global _POOL
    if _POOL is None:
        import multiprocessing

        _POOL = ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn"),
                                    initializer=_nice, initargs=(os.getpid(),))
    return _POOL


def _render_file(db_path: str, build_id: str, indicator_id: str, fmt: str, target: str,
                 lang: str) -> str:
    """In a pool process: render one file atomically; returns its path."""
    from stadstrends.publish.web.reload import open_fresh

    wh = _CHILD.get("wh")
    if wh is None or wh.build_info.get("build_id") != build_id:
        if wh is not None:
            wh.close()
        _CHILD["wh"] = wh = open_fresh(Path(db_path), None)
    if wh.build_info.get("build_id") != build_id:
        raise DownloadsBusy.worded("downloads_rebuilt")
    return _write(wh, indicator_id, fmt, target, lang)


def _write(wh, indicator_id: str, fmt: str, target: str, lang: str) -> str:  # noqa: ANN001
    from stadstrends.publish.web import downloads

    out = Path(target)
    tmp = out.with_name(f".{out.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        tmp.write_bytes(downloads.render_bytes(wh, indicator_id, fmt, lang))
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return str(out)


async def file_for(wh, indicator_id: str, fmt: str,  # noqa: ANN001 - WebWarehouse
                   lang: str | None = None) -> Path:
    """The file of one download for ``wh``'s build, rendered by the pool when missing:
    ``<indicator>.<fmt>`` in Dutch (the default), ``<indicator>.<lang>.<fmt>`` in another."""
    import asyncio

    from stadstrends.publish.web.i18n import CATALOGUE_LANG

    lang = lang or CATALOGUE_LANG

    build_id = str(wh.build_info.get("build_id") or "unknown")
    named = indicator_id if lang == CATALOGUE_LANG else f"{indicator_id}.{lang}"
    target = made_here(wh.db_path, build_id) / f"{named}.{fmt}"
    if target.is_file():
        return target
    pending = _PENDING.get(target)
    if pending is None:
        if len(_PENDING) >= MAX_PENDING:
            raise DownloadsBusy.worded("downloads_busy", count=len(_PENDING))
        loop = asyncio.get_running_loop()
        if fmt in IN_PROCESS:  # C code (pandas CSV writer, Arrow): a thread will do
            job = loop.run_in_executor(None, _write, wh, indicator_id, fmt, str(target),
                                       lang)
        else:
            job = loop.run_in_executor(_pool(), _render_file, str(wh.db_path), build_id,
                                       indicator_id, fmt, str(target), lang)
        pending = asyncio.ensure_future(job)
        _PENDING[target] = pending
        pending.add_done_callback(lambda _f, t=target: _PENDING.pop(t, None))
    return Path(await asyncio.shield(pending))


def _ready() -> bool:
    return True


def warm() -> None:
    """Start the pool process now (imports take seconds), not at the first XLSX."""
    _pool().submit(_ready)


def shutdown(wait: bool = True) -> None:
    """Stop the pool (a stopping server: a file under way is finished, none queued is
    started; its processes and semaphores are released before the server exits)."""
    global _POOL
    if _POOL is not None:
        _POOL.shutdown(wait=wait, cancel_futures=True)
        _POOL = None

"""First renders of pages in a process of their own, so they never take the worker's CPU
time or its interpreter lock from the requests it answers meanwhile.

A server worker renders a page it finds neither in memory nor as a file (``page_files.py``)
through :func:`render`: one helper process per worker (spawned with the server, at lower
CPU priority, ended with its worker) holds the same app and renders the page into the
build's pages folder; the worker then sends the file. So on a busy machine the operating
system runs series, downloads and cached pages first, and a burst of first renders after a
new build only makes pages wait, never the cheap requests. Whatever is not a 200 page
(a redirect, a 404 with suggestions) or a helper that fails is answered by the worker
itself, as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

NICE = 5  # below the workers (0), above XLSX downloads (10) and the pre-render (19)
_POOL: ProcessPoolExecutor | None = None
_CHILD: dict = {}


def _start(parent: int) -> None:
    from stadstrends.publish.web.download_files import _orphan_watch

    with contextlib.suppress(OSError):
        os.nice(NICE)
    import threading

    threading.Thread(target=_orphan_watch, args=(parent,), daemon=True).start()


def _pool() -> ProcessPoolExecutor:
    global _POOL
    if _POOL is None:
        import multiprocessing

        _POOL = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                    initializer=_start, initargs=(os.getpid(),))
    return _POOL


def _app(db_path: str, reports_dir: str | None, build_id: str):  # noqa: ANN202
    """In the helper: the app serving build ``build_id`` (reopened after a rebuild)."""
    from stadstrends.publish.web.app import create_app

    app = _CHILD.get("app")
    if app is not None and app.state.wh.build_info.get("build_id") == build_id:
        return app
    if app is not None:
        app.state.wh.close()
    app = create_app(Path(db_path), Path(reports_dir) if reports_dir else None, warm=False,
                     reload_every=None)
    app.state.pages_in_memory = False
    _CHILD["app"] = app
    return app


def _render(db_path: str, reports_dir: str | None, build_id: str, path: str,
            query: str) -> int:
    """In the helper: GET ``path?query`` through the app (its page cache writes the file);
    the status, or 0 when the warehouse at ``db_path`` is another build by now."""
    import httpx

    app = _app(db_path, reports_dir, build_id)
    if app.state.wh.build_info.get("build_id") != build_id:
        return 0

    async def get() -> int:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://render") as client:
            response = await client.get(path + (f"?{query}" if query else ""),
                                        headers={"accept": "text/html"})
            return response.status_code

    return asyncio.run(get())


async def render(wh, path: str, query: bytes) -> bool:  # noqa: ANN001 - WebWarehouse
    """Have the helper render ``path?query`` of ``wh``'s build into its pages folder; True
    when it made a 200 page (then read the file), False when the worker must render."""
    global _POOL
    build = wh.build_info.get("build_id")
    if not build:
        return False
    loop = asyncio.get_running_loop()
    try:
        status = await loop.run_in_executor(
            _pool(), _render, str(wh.db_path), str(wh.reports_dir) if wh.reports_dir else None,
            str(build), path, query.decode("latin-1"))
    except BrokenProcessPool:
        _POOL = None  # the helper died (killed, out of memory): a new one next time
        return False
    except Exception:  # noqa: BLE001 - any failure: the worker renders it itself
        return False
    return status == 200


def warm(wh) -> None:  # noqa: ANN001 - WebWarehouse
    """Start the helper and its app now (imports and caches take seconds), not at the
    first page."""
    build = wh.build_info.get("build_id")
    if build:
        _pool().submit(_ready, str(wh.db_path),
                       str(wh.reports_dir) if wh.reports_dir else None, str(build))


def _ready(db_path: str, reports_dir: str | None, build_id: str) -> bool:
    _app(db_path, reports_dir, build_id)
    return True


def shutdown(wait: bool = True) -> None:
    """Stop the helper (tests; a stopping server: its processes and semaphores released
    before the server exits)."""
    global _POOL
    if _POOL is not None:
        _POOL.shutdown(wait=wait, cancel_futures=True)
        _POOL = None

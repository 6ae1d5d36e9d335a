"""Serving a warehouse that is rebuilt underneath: a rebuild renames a new file over the old
one, so a running server would keep answering from the old, deleted file.

:class:`Reloader` looks at the file once a second (a ``stat``, in a thread of its own). When
another file has been swapped in, it opens it as a new :class:`WebWarehouse` (schema checked,
caches built) *beside* the old one and only then makes it the app's warehouse. Each request
is pinned to the warehouse that was current when it started (:class:`PinWarehouse`), so a
request never sees two builds and none fails during the switch; the old connection is closed
after :data:`GRACE` seconds. A file that cannot be opened (an older schema, a half-copied file)
is logged and skipped; the old warehouse keeps serving. With ``--workers N`` each worker
process has its own reloader.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

import duckdb
from starlette.types import ASGIApp, Receive, Scope, Send

from stadstrends.errors import StadstrendsError
from stadstrends.publish.web.state import WebWarehouse

log = logging.getLogger("stadstrends.web")
GRACE = 120.0  # seconds before the replaced warehouse's connection is closed


def file_id(path: Path) -> tuple[int, int, int, int]:
    """What changes when another file is renamed over ``path``."""
    st = os.stat(path)
    return st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size


def open_fresh(db_path: Path, reports_dir: Path | None) -> WebWarehouse:
    """Open the file now at ``db_path``. DuckDB hands back an already open database for a
    path it knows, so the new file is opened through a hard link of its own (removed at
    once; the open file stays readable)."""
    link = db_path.with_name(f".{db_path.name}.reload-{os.getpid()}-{time.monotonic_ns()}")
    try:
        os.link(db_path, link)
    except OSError:
        return WebWarehouse(db_path, reports_dir)  # a read-only folder: best effort
    try:
        return WebWarehouse(db_path, reports_dir, open_path=link)
    finally:
        link.unlink(missing_ok=True)


class Reloader:
    """Swaps ``app.state.wh`` for a new :class:`WebWarehouse` when its file is replaced."""

    def __init__(self, app, interval: float = 1.0) -> None:  # noqa: ANN001 - FastAPI app
        self.app = app
        self.interval = interval
        self._skip: tuple | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def check(self) -> bool:
        """Reopen when the file changed; True when a new warehouse was swapped in."""
        old: WebWarehouse = self.app.state.wh
        try:
            now = file_id(old.db_path)
        except OSError:
            return False  # between unlink and rename, or removed: keep serving the old one
        if now == old.file_id or now == self._skip:
            return False
        try:
            new = open_fresh(old.db_path, old.reports_dir)
        except (StadstrendsError, duckdb.Error, OSError) as exc:
            log.warning("not switching to the new warehouse at %s: %s", old.db_path, exc)
            self._skip = now
            return False
        if new.build_info.get("build_id") == old.build_info.get("build_id"):
            new.close()  # DuckDB handed back the open database: nothing new to serve
            self._skip = now
            return False
        self.app.state.wh = new
        if getattr(self.app.state, "prerender", False):
            from stadstrends.publish.web import prerender

            threading.Thread(target=prerender.start_and_wait, args=(new,), daemon=True).start()
        closer = threading.Timer(GRACE, old.close)
        closer.daemon = True
        closer.start()
        log.warning("serving the new warehouse at %s (build %s)", new.db_path,
                    new.build_info.get("build_id"))
        return True

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.check()
            except Exception:  # noqa: BLE001 - the watcher must never die
                log.exception("warehouse reload check failed")

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="warehouse-reload",
                                            daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()


class PinWarehouse:
    """Pure ASGI middleware: the request's warehouse is the app's current one at its start
    (``request.state.wh``), whatever is swapped in meanwhile."""

    def __init__(self, app: ASGIApp, owner) -> None:  # noqa: ANN001 - the FastAPI app
        self.app = app
        self.owner = owner

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope.setdefault("state", {})["wh"] = self.owner.state.wh
        await self.app(scope, receive, send)


def request_wh(request) -> WebWarehouse:  # noqa: ANN001 - starlette Request
    """The warehouse pinned to ``request`` (the app's current one outside the middleware)."""
    state = request.scope.get("state") or {}
    return state.get("wh") or request.app.state.wh

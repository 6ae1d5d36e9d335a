"""Rendered pages and profiles kept per build: in memory, and as files shared by the server's
worker processes (pure ASGI middleware).

The warehouse is read-only while it is served, so a city page, an indicator page or a
profile is the same bytes until another build is swapped in: they cost 50-150 ms of CPU to
render and nothing to send again. Successful GET responses under :data:`PREFIXES` are kept

* in memory per worker (the key holds the build id, so a swapped-in build starts afresh),
  least recently used first out, at most :data:`MAX_BYTES` (the publish layer's ``Memo``,
  weighed by body bytes);
* as files in ``.<warehouse>.pages/<build id>-<code>/`` next to the warehouse (``page_files.py``),
  written atomically, so a page rendered by one worker, or ahead of time by the pre-render
  process (``prerender.py``), costs the other workers a file read.

Rendering is expensive and cheap requests must never wait behind it: at most
:data:`RENDER_SLOTS` pages are rendered at a time per worker (the others wait in line on the
event loop, not in the thread pool), and a server worker (``app.state.render_elsewhere``)
has them rendered by its helper process at lower CPU priority (``render_pool.py``), so a
burst of first renders leaves the worker's CPU time and interpreter lock to series,
downloads and cached pages. Concurrent requests for a page that is being rendered wait for
that one rendering.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stadstrends.publish.memo import Memo
from stadstrends.publish.web import page_files, render_pool

PREFIXES = ("/gemeente/", "/indicator/", "/api/v1/profile/", "/vergelijk")
EXACT = ("/",)
MAX_BYTES = 96 * 2**20
MAX_ENTRY = 4 * 2**20
RENDER_SLOTS = 1


class ResponseCache:
    def __init__(self, app: ASGIApp, owner) -> None:  # noqa: ANN001 - FastAPI app
        """``owner.state.pages_in_memory = False``: files only (the pre-render process)."""
        self.app = app
        self.owner = owner
        self.pages: Memo[tuple[int, list, bytes]] = Memo(MAX_BYTES, lambda e: len(e[2]))
        self._build: object = None  # of the pages in memory
        self.busy: dict[tuple, asyncio.Event] = {}
        self.hits = self.misses = self.file_hits = self.elsewhere = 0
        self._slots: asyncio.Semaphore | None = None

    def _key(self, scope: Scope) -> tuple | None:
        path = scope["path"]
        if scope["method"] != "GET" or not (path.startswith(PREFIXES) or path in EXACT):
            return None
        wh = self._wh(scope)
        build = wh.build_info.get("build_id") or id(wh)
        return build, path, scope.get("query_string", b"")  # a 200 never varies by Accept

    def _wh(self, scope: Scope):  # noqa: ANN202 - WebWarehouse
        return (scope.get("state") or {}).get("wh") or self.owner.state.wh

    def _folder(self, scope: Scope, key: tuple) -> Path | None:
        wh = self._wh(scope)
        if not wh.build_info.get("build_id"):
            return None
        return page_files.folder(wh.db_path, str(key[0]), wh.reports_dir)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._key(scope) if scope["type"] == "http" else None
        if key is None:
            await self.app(scope, receive, send)
            return
        while key in self.busy:  # someone renders it now: wait, then use the result
            await self.busy[key].wait()
        entry = self._lookup(scope, key)
        if entry is not None:
            await _replay(entry, send)
            return
        done = self.busy[key] = asyncio.Event()
        try:
            if self._slots is None:
                self._slots = asyncio.Semaphore(RENDER_SLOTS)
            async with self._slots:  # one render at a time; meanwhile others may have made it
                entry = self._lookup(scope, key)
                if entry is None:
                    self.misses += 1
                    await self._render(scope, receive, send, key)
                    return
            await _replay(entry, send)
        finally:
            self.busy.pop(key, None)
            done.set()

    def _lookup(self, scope: Scope, key: tuple) -> tuple[int, list, bytes] | None:
        hit = self.pages.get(key)
        if hit is not None:
            self.hits += 1
            return hit
        folder = self._folder(scope, key)
        found = page_files.read(folder, key[1:]) if folder is not None else None
        if found is not None:
            self.file_hits += 1
            self._store(key, found)
        return found

    async def _render(self, scope: Scope, receive: Receive, send: Send, key: tuple) -> None:
        folder = self._folder(scope, key)
        if folder is not None and getattr(self.owner.state, "render_elsewhere", False):
            made = await render_pool.render(self._wh(scope), scope["path"],
                                            scope.get("query_string", b""))
            entry = page_files.read(folder, key[1:]) if made else None
            if entry is not None:
                self.elsewhere += 1
                self._store(key, entry)
                await _replay(entry, send)
                return
        start: dict = {}
        parts: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        body = b"".join(parts)
        if start.get("status") == 200 and len(body) <= MAX_ENTRY:
            entry = (200, list(start.get("headers", [])), body)
            self._store(key, entry)
            if folder is not None:
                page_files.write(folder, key[1:], entry)

    def _store(self, key: tuple, entry: tuple[int, list, bytes]) -> None:
        if not getattr(self.owner.state, "pages_in_memory", True):
            return
        if key[0] != self._build:  # a new build is served: drop the old build's pages
            self.pages.clear()
            self._build = key[0]
        self.pages.put(key, entry)


async def _replay(entry: tuple[int, list, bytes], send: Send) -> None:
    status, headers, body = entry
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})

"""A bounded in-memory cache of rendered pages and profiles (pure ASGI middleware).

The warehouse is read-only while it is served, so a city page, an indicator page or a
profile is the same bytes until another build is swapped in: they cost 20-200 ms of CPU to
render and nothing to send again. Successful GET responses under :data:`PREFIXES` are kept
per build (the key holds the build id, so a swapped-in build starts afresh), least recently
used first out, at most :data:`MAX_BYTES` per server worker. Concurrent requests for a page
that is being rendered wait for that one rendering.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PREFIXES = ("/gemeente/", "/indicator/", "/api/v1/profile/", "/vergelijk")
EXACT = ("/",)
MAX_BYTES = 96 * 2**20
MAX_ENTRY = 4 * 2**20


class ResponseCache:
    def __init__(self, app: ASGIApp, owner) -> None:  # noqa: ANN001 - FastAPI app
        self.app = app
        self.owner = owner
        self.entries: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self.size = 0
        self.busy: dict[tuple, asyncio.Event] = {}
        self.hits = self.misses = 0

    def _key(self, scope: Scope) -> tuple | None:
        path = scope["path"]
        if scope["method"] != "GET" or not (path.startswith(PREFIXES) or path in EXACT):
            return None
        wh = (scope.get("state") or {}).get("wh") or self.owner.state.wh
        build = wh.build_info.get("build_id") or id(wh)
        headers = dict(scope.get("headers") or [])
        html = b"text/html" in headers.get(b"accept", b"text/html")
        return build, path, scope.get("query_string", b""), html

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._key(scope) if scope["type"] == "http" else None
        if key is None:
            await self.app(scope, receive, send)
            return
        while key in self.busy:  # someone renders it now: wait, then use the result
            await self.busy[key].wait()
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
            self.hits += 1
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        self.misses += 1
        done = self.busy[key] = asyncio.Event()
        start: dict = {}
        parts: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            self.busy.pop(key, None)
            done.set()
        body = b"".join(parts)
        if start.get("status") == 200 and len(body) <= MAX_ENTRY:
            self._store(key, (200, list(start.get("headers", [])), body))

    def _store(self, key: tuple, entry: tuple[int, list, bytes]) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[2])
        self.entries[key] = entry
        self.size += len(entry[2])
        while self.size > MAX_BYTES and self.entries:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped[2])
        builds = {k[0] for k in self.entries}
        if len(builds) > 1:  # a new build is served: drop the old build's pages
            for stale in [k for k in self.entries if k[0] != key[0]]:
                self.size -= len(self.entries.pop(stale)[2])

"""HTTP niceties as one pure ASGI middleware (cheap per request, no body buffering):

* ``HEAD`` on every GET route (:class:`HeadAsGet`: the GET response without its body) and
  ``OPTIONS`` answering ``204`` with ``Allow`` for every path a GET would match;
* CORS on ``/api/v1``: read-only ``GET``/``HEAD`` from any origin, preflight included;
* validators: dynamic GET responses carry ``ETag: W/"<build id>-<version>"`` (the content
  changes only with a new build or a new Stadstrends) and ``Cache-Control: no-cache``; a
  request whose ``If-None-Match`` holds it gets ``304`` without running the handler;
* the Content-Security-Policy, with the sha256 of each inline script of a report under
  ``/reports/`` (so a report's charts run without ``'unsafe-inline'``), never ``'unsafe-eval'``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stadstrends import __version__

CSP = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; "
       "base-uri 'self'; form-action 'self'")
OTHER_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]
ALLOW = b"GET, HEAD, OPTIONS"
API = "/api/v1/"
#: own validators or max-age; the boundaries and downloads are the build's (its ETag, so a
#: rebuild from another snapshot is drawn at once: a day's max-age kept the old map)
STATIC = ("/static/", "/reports/")
CORS = [(b"access-control-allow-origin", b"*"),
        (b"access-control-expose-headers", b"ETag, Content-Disposition")]
_INLINE = re.compile(rb"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)"
                     rb"</script>", re.S | re.I)


@lru_cache(maxsize=256)
def _report_hashes(path: str, mtime_ns: int) -> str:
    body = Path(path).read_bytes()
    return "".join(f" 'sha256-{base64.b64encode(hashlib.sha256(m).digest()).decode()}'"
                   for m in _INLINE.findall(body))


def report_csp(reports_dir: Path | None, url_path: str) -> bytes:
    """The CSP for ``url_path``; a report page's inline scripts are allowed by hash."""
    hashes = ""
    if reports_dir is not None and url_path.startswith("/reports/") and \
            url_path.endswith((".html", "/")):
        rel = url_path[len("/reports/"):] or "index.html"
        target = (reports_dir / rel).resolve()
        if target.is_relative_to(reports_dir.resolve()) and target.is_file():
            hashes = _report_hashes(str(target), target.stat().st_mtime_ns)
    return CSP.format(hashes=hashes).encode()


def etag_of(wh: object) -> bytes:
    build = getattr(wh, "build_info", {}).get("build_id") or "unknown"
    return f'W/"{build}-{__version__}"'.encode()


class HTTPLayer:
    """See the module docstring. ``owner`` is the FastAPI app (routes, current warehouse)."""

    def __init__(self, app: ASGIApp, owner) -> None:  # noqa: ANN001 - FastAPI app
        self.app = app
        self.owner = owner

    def _routable(self, scope: Scope) -> bool:
        probe = {**scope, "method": "GET"}
        return any(route.matches(probe)[0] is Match.FULL for route in self.owner.router.routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, method = scope["path"], scope["method"]
        headers = dict(scope.get("headers") or [])
        api = path.startswith(API)
        wh = (scope.get("state") or {}).get("wh") or self.owner.state.wh
        csp = report_csp(getattr(wh, "reports_dir", None), path)
        extra = [(b"content-security-policy", csp), *OTHER_HEADERS, *(CORS if api else [])]
        if method == "OPTIONS" and self._routable(scope):
            out = [(b"allow", ALLOW), (b"content-length", b"0"), *extra]
            if api and b"origin" in headers:
                out += [(b"access-control-allow-methods", ALLOW),
                        (b"access-control-allow-headers",
                         headers.get(b"access-control-request-headers", b"")[:200]),
                        (b"access-control-max-age", b"86400")]
            await send({"type": "http.response.start", "status": 204, "headers": out})
            await send({"type": "http.response.body", "body": b""})
            return
        dynamic = method == "GET" and not path.startswith(STATIC)
        tag = etag_of(wh) if dynamic else None
        if tag is not None and tag in headers.get(b"if-none-match", b""):
            await send({"type": "http.response.start", "status": 304, "headers": [
                (b"etag", tag), (b"cache-control", b"no-cache"), *extra]})
            await send({"type": "http.response.body", "body": b""})
            return
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                own = message.get("headers", [])
                mine = any(k.lower() == b"content-security-policy" for k, _ in own)
                out = [*own, *(h for h in extra if not (mine and h[0] == extra[0][0]))]
                names = {k.lower() for k, _ in out}
                if tag is not None and message["status"] == 200 and b"etag" not in names:
                    out.append((b"etag", tag))
                    if b"cache-control" not in names:
                        out.append((b"cache-control", b"no-cache"))
                message["headers"] = out
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """Outermost: a HEAD request runs as GET and its body is dropped, so the headers
    (length, encoding, validators) are exactly those of the GET."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)

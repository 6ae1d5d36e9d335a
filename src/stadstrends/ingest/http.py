"""HTTP for the live CBS loaders, with limits: nothing hangs, nothing unbounded is read.

:class:`LimitedHTTP` streams each response and stops at :data:`MAX_PAGE_BYTES` or after
:data:`DEADLINE` seconds in all (a server dripping a byte every few seconds never trips the
per-read timeout); it follows at most :data:`MAX_REDIRECTS` redirects, retries timeouts,
connection errors, 5xx and 429 (waiting what Retry-After asks, up to :data:`MAX_RETRY_AFTER`)
with exponential backoff, and turns every failure into a :class:`SourceError` with a hint.
"""

from __future__ import annotations

import json
import time
from contextvars import ContextVar
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from stadstrends.errors import (
    MalformedSource,
    SourceError,
    SourceUnavailable,
    TableNotFound,
    counted,
    phrase,
)

MAX_BACKOFF = 4.0  # seconds; cap of a single retry pause
# Limits (docs/data.md, "Live fetching limits")
DEADLINE = 120.0  # seconds for one response, all reads together (a dripping server)
MAX_PAGE_BYTES = 64 * 2**20  # one response; a CBS page of 10 000 rows is 2-8 MB
MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 30.0  # seconds; a longer Retry-After (HTTP 429/503) gives up at once
PAGE_ROWS = 10_000  # CBS's page size
MAX_PAGES = 200  # per table when its row count is unknown (2 000 000 rows)
MAX_TABLE_BYTES = 2**30  # per table when its row count is unknown (1 GiB)
ROW_BYTES = 4096  # generous upper bound of one row's JSON, to derive a table's byte limit


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        self.size = size


class _TooSlow(Exception):
    def __init__(self, size: int) -> None:
        self.size = size


def retry_after(response: httpx.Response) -> float:
    """Seconds the server asks to wait (``Retry-After`` in seconds or as an HTTP date)."""
    raw = response.headers.get("Retry-After", "").strip()
    if not raw:
        return 0.0
    if raw.isdigit():
        return float(raw)
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def same_host(base_url: str, link: str) -> bool:
    """Whether ``link`` (an OData nextLink) points to the server of ``base_url``; a link to
    another host is never followed."""
    base, other = urlsplit(base_url), urlsplit(link)
    return other.scheme in ("http", "https") and other.netloc.lower() == base.netloc.lower()


_ENDS: ContextVar[float | None] = ContextVar("stadstrends_http_deadline", default=None)


def _left(timeout: float | None) -> float | None:
    """The socket timeout to use: the per-read timeout, or less when the request's deadline
    (:data:`_ENDS`) is nearer; a passed deadline is a read timeout at once."""
    ends = _ENDS.get()
    if ends is None:
        return timeout
    left = ends - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("request deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname,
                                                     _left(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's socket backend with every wait bounded by the request's deadline."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options: Any = None
                    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.connect_tcp(host, port, _left(timeout),
                                                       local_address, socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.connect_unix_socket(path, _left(timeout),
                                                               socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _deadline_transport() -> httpx.HTTPTransport:
    """httpx's own transport on a connection pool with :class:`_DeadlineBackend` (httpx
    offers no total timeout; its pool takes the backend only when built, hence ``_pool``)."""
    transport = httpx.HTTPTransport()
    transport._pool = httpcore.ConnectionPool(  # noqa: SLF001
        ssl_context=httpx.create_ssl_context(), network_backend=_DeadlineBackend())
    return transport


class LimitedHTTP:
    """An httpx client with the limits above (one per :class:`ODataClient`)."""

    def __init__(self, timeout: float = 10.0, retries: int = 3, backoff: float = 0.5,
                 transport: httpx.BaseTransport | None = None, deadline: float = DEADLINE,
                 max_page_bytes: int = MAX_PAGE_BYTES) -> None:
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.deadline, self.max_page_bytes = deadline, max_page_bytes
        self._http = httpx.Client(
            timeout=timeout, transport=transport or _deadline_transport(),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"Accept": "application/json", "User-Agent": "stadstrends"})

    def close(self) -> None:
        self._http.close()

    def _get(self, url: str) -> tuple[httpx.Response, bytes]:
        """One GET, streamed: at most ``max_page_bytes`` and ``deadline`` seconds in all."""
        ends = time.monotonic() + self.deadline
        token = _ENDS.set(ends)
        try:
            return self._read(url, ends)
        except httpx.TimeoutException:
            if time.monotonic() >= ends:
                raise _TooSlow(0) from None
            raise
        finally:
            _ENDS.reset(token)

    def _read(self, url: str, ends: float) -> tuple[httpx.Response, bytes]:
        with self._http.stream("GET", url) as response:
            if response.status_code != 200:
                return response, b""
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_page_bytes:
                raise _TooLarge(int(declared))
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_page_bytes:
                    raise _TooLarge(size)
                chunks.append(chunk)
                if time.monotonic() > ends:
                    raise _TooSlow(size)
            return response, b"".join(chunks)

    def download(self, url: str, table: str) -> bytes:
        """The body at ``url``, with retries on timeouts, connection errors, 5xx and 429."""
        attempts = self.retries + 1
        reason: dict[str, str] = {"en": ""}
        wait = 0.0
        for attempt in range(attempts):
            if attempt:
                time.sleep(max(wait, min(self.backoff * 2 ** (attempt - 1), MAX_BACKOFF)))
            wait = 0.0
            try:
                response, body = self._get(url)
            except _TooLarge as exc:
                raise MalformedSource.worded(
                    "cbs_too_large", url=url, limit=f"{self.max_page_bytes / 2**20:g}",
                    size=f"{exc.size / 2**20:.1f}") from None
            except _TooSlow as exc:
                raise SourceUnavailable.worded("cbs_too_slow", url=url,
                                               seconds=f"{self.deadline:g}", size=counted(exc.size)
                                               ) from None
            except httpx.TooManyRedirects:
                raise SourceError.worded("cbs_redirects", count=MAX_REDIRECTS, url=url
                                         ) from None
            except httpx.TimeoutException:
                reason = phrase("timed_out", seconds=f"{self.timeout:g}")
                continue
            except httpx.HTTPError as exc:
                reason = {"en": f"{type(exc).__name__}: {exc}"}  # httpx's own words
                continue
            status = response.status_code
            if status == 429 or status >= 500:
                reason = {"en": f"HTTP {status}"}
                wait = retry_after(response)
                if wait > MAX_RETRY_AFTER:
                    raise SourceUnavailable.worded("cbs_wait", seconds=f"{wait:g}",
                                                   status=status, url=url)
                continue
            if status == 404:
                raise TableNotFound.worded("cbs_table_not_found", table=table, url=url)
            if status != 200:
                raise SourceError.worded("cbs_rejected", status=status, url=url)
            if ("content-length" not in response.headers
                    and "json" in response.headers.get("content-type", "")
                    and not _complete_json(body)):
                # a JSON body cut short without Content-Length: retried like a reset
                reason = phrase("body_cut", size=len(body))
                continue
            return body
        raise SourceUnavailable.worded("cbs_unreachable", attempts=attempts, url=url,
                                       reason=reason)


def _complete_json(body: bytes) -> bool:
    """Whether ``body`` is a whole JSON document (not cut off mid-way)."""
    try:
        json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return False
    return True

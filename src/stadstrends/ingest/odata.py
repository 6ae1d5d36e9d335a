"""Live CBS OData v3 loader: metadata, paged data sets, retries and a disk cache.

:class:`ODataClient` talks to ``https://opendata.cbs.nl/ODataFeed/odata`` (or any server that
answers the same way), follows ``odata.nextLink`` (CBS returns at most 10 000 rows a page) and
keeps every response body in a :class:`~stadstrends.ingest.cache.ResponseCache`.
:func:`~stadstrends.ingest.odata_table.fetch_table` turns a table into the shared
:class:`~stadstrends.ingest.raw.WideTable`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from stadstrends.errors import (
    InvalidParameter,
    MalformedSource,
    counted,
    json_words,
)
from stadstrends.ingest.cache import ResponseCache
from stadstrends.ingest.http import (
    DEADLINE,
    MAX_PAGE_BYTES,
    MAX_PAGES,
    MAX_TABLE_BYTES,
    PAGE_ROWS,
    ROW_BYTES,
    LimitedHTTP,
    retry_after,
    same_host,
)

__all__ = ["ODataClient", "Page", "retry_after"]
from stadstrends.paths import default_cache_dir

DEFAULT_BASE_URL = "https://opendata.cbs.nl/ODataFeed/odata"
DATASETS = ("TypedDataSet", "UntypedDataSet")
_TABLE_ID = re.compile(r"^[0-9A-Za-z]{3,16}$")


@dataclass(frozen=True)
class Page:
    """One response: its URL, raw body, parsed JSON and when it was retrieved."""

    url: str
    body: bytes
    payload: dict[str, Any]
    retrieved_at: str


class ODataClient:
    """Synchronous CBS OData v3 client with retries and an on-disk response cache."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        cache_dir: Path | str | None = None,
        refresh: bool = False,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
        transport: httpx.BaseTransport | None = None,
        deadline: float = DEADLINE,
        max_page_bytes: int = MAX_PAGE_BYTES,
        max_pages: int = MAX_PAGES,
        max_table_bytes: int = MAX_TABLE_BYTES,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.max_pages = max_pages
        self.max_table_bytes = max_table_bytes
        directory = Path(cache_dir) if cache_dir is not None else default_cache_dir() / "odata"
        self.cache = ResponseCache(directory)
        self.refresh = refresh
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = max(0.0, backoff)
        self._http = LimitedHTTP(timeout, self.retries, self.backoff, transport, deadline,
                                 max_page_bytes)
        self._fresh: set[str] = set()  # URLs downloaded by this client (refresh only once)
        self._modified: dict[str, str] = {}  # table id -> TableInfos.Modified

    def __enter__(self) -> ODataClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the underlying HTTP connection pool."""
        self._http.close()

    def get_json(self, url: str) -> dict[str, Any]:
        """The JSON object at ``url`` (from the cache unless ``refresh``)."""
        return self.fetch(url).payload

    def fetch(self, url: str, modified: str | None = None, values: bool = False,
              columns: list[str] | None = None) -> Page:
        """Fetch ``url`` as a :class:`Page`, using and filling the cache.

        With ``values=True`` the response must hold a ``value`` list of objects, each with
        ``columns`` when given. The checks run before caching: a body that fails them is never
        cached, and a cached body that fails them (stale, damaged) is dropped and fetched
        again."""
        cached = None if self.refresh and url not in self._fresh else self.cache.get(url)
        if cached:
            try:
                return _checked(Page(url, cached[0], _parse(url, cached[0]),
                                     cached[1].retrieved_at), values, columns)
            except MalformedSource:
                self.cache.invalidate(url)
        body = self._download(url)
        page = _checked(Page(url, body, _parse(url, body), ""), values, columns)
        entry = self.cache.put(url, body, modified=modified)
        self._fresh.add(url)
        return replace(page, retrieved_at=entry.retrieved_at)

    def revalidate(self, url: str) -> dict[str, Any]:
        """The JSON at ``url`` downloaded now (never from the cache), then cached."""
        body = self._download(url)
        payload = _parse(url, body)
        self.cache.put(url, body)
        self._fresh.add(url)
        return payload

    def fetch_file(self, url: str) -> bytes:
        """The body at ``url`` as sent (any format: CSV, GeoJSON), retried and cached."""
        cached = None if self.refresh and url not in self._fresh else self.cache.get(url)
        if cached:
            return cached[0]
        body = self._download(url)
        self.cache.put(url, body)
        self._fresh.add(url)
        return body

    def _download(self, url: str) -> bytes:
        return self._http.download(url, self._table_of(url))

    def _table_of(self, url: str) -> str:
        if url.startswith(self.base_url + "/"):
            return url[len(self.base_url) + 1 :].split("/")[0].split("?")[0]
        return url

    def table_url(self, table_id: str, endpoint: str) -> str:
        """``<base>/<table>/<endpoint>?$format=json``."""
        if not _TABLE_ID.match(table_id):
            raise InvalidParameter.worded("not_table_id", table=table_id, example="83648NED")
        return f"{self.base_url}/{table_id}/{endpoint}?$format=json"

    def values(self, url: str, modified: str | None = None) -> list[dict[str, Any]]:
        """The ``value`` list of the response at ``url``."""
        return page_values(self.fetch(url, modified, values=True))

    def table_infos(self, table_id: str) -> dict[str, Any]:
        """The single TableInfos entry (Title, Identifier, Modified, Period, ...)."""
        url = self.table_url(table_id, "TableInfos")
        infos = self.values(url)
        if not infos:
            raise MalformedSource.worded("cbs_no_table_infos", table=table_id, url=url)
        info = infos[0]
        if isinstance(info.get("Modified"), str):
            self._modified[table_id] = info["Modified"]
        return info

    def data_properties(self, table_id: str) -> list[dict[str, Any]]:
        """DataProperties: one entry per dimension, topic and topic group (Key, Type, ...)."""
        return self.values(self.table_url(table_id, "DataProperties"))

    def dimension(self, table_id: str, name: str) -> list[dict[str, Any]]:
        """The categories of dimension ``name`` (Key, Title, Status for Perioden, ...)."""
        return self.values(self.table_url(table_id, quote(name, safe="")))

    def dataset_url(
        self, table_id: str, filter: str | None = None, select: list[str] | None = None,
        dataset: str = "TypedDataSet",
    ) -> str:
        """The first-page URL of a data set request with optional ``$filter``/``$select``."""
        if dataset not in DATASETS:
            raise InvalidParameter.worded("unknown_dataset", dataset=dataset,
                                          choices=", ".join(DATASETS))
        url = self.table_url(table_id, dataset)
        if filter:
            url += "&$filter=" + quote(filter, safe="'(),/:")
        if select:
            url += "&$select=" + ",".join(quote(name, safe="") for name in select)
        return url

    def dataset_pages(
        self, table_id: str, filter: str | None = None, select: list[str] | None = None,
        dataset: str = "TypedDataSet", rows: int | None = None,
    ) -> Iterator[Page]:
        """All pages of a data set, following ``odata.nextLink`` until exhausted.

        Bounded: a nextLink must stay on the base URL's host and never repeat; at most
        ``max_pages`` pages and ``max_table_bytes`` bytes, or, when the table's row count
        ``rows`` is known, the pages and bytes those rows need (plus one page). A page of
        :data:`PAGE_ROWS` rows without ``odata.nextLink`` is not taken as the end (the row
        limit may have cut it): the rest is asked with ``$skip`` until a page comes back
        short."""
        first = self.dataset_url(table_id, filter, select, dataset)
        url: str | None = first
        max_pages, max_bytes = _limits(rows, self.max_pages, self.max_table_bytes)
        seen: set[str] = set()
        total = 0
        got = 0  # rows read so far
        previous: bytes | None = None
        while url is not None:
            if url in seen:
                raise MalformedSource.worded("cbs_link_loops", link="odata.nextLink", url=url)
            if len(seen) >= max_pages:
                raise MalformedSource.worded(
                    "cbs_too_many_pages_rows" if rows is not None else "cbs_too_many_pages",
                    table=table_id, pages=max_pages, rows=counted(rows or 0), url=url,
                    link="odata.nextLink")
            seen.add(url)
            page = self.fetch(url, modified=self._modified.get(table_id), values=True,
                              columns=select)
            total += len(page.body)
            count = page.payload.get("odata.count")  # with $inlinecount=allpages
            if rows is None and str(count).isdigit():
                rows = int(count)
                max_pages, max_bytes = _limits(rows, self.max_pages, self.max_table_bytes)
            if total > max_bytes:
                raise MalformedSource.worded("cbs_too_many_bytes", table=table_id,
                                             size=counted(total), pages=len(seen),
                                             limit=counted(max_bytes))
            n = len(page_values(page))
            if previous is not None and n and page.body == previous:
                raise MalformedSource.worded("cbs_skip_ignored", url=url, count=n, rows=got)
            yield page
            got += n
            link = page.payload.get("odata.nextLink")
            if link is not None and not isinstance(link, str):
                raise MalformedSource.worded("cbs_link_not_url", link="odata.nextLink", url=url)
            if link is not None and not same_host(self.base_url, link):
                raise MalformedSource.worded("cbs_link_elsewhere", link="odata.nextLink",
                                             table=table_id, url=link[:200])
            previous = None
            if link is None and n >= PAGE_ROWS and (rows is None or got < rows):
                link, previous = f"{first}&$skip={got}", page.body
            url = link

    def typed_dataset(
        self, table_id: str, filter: str | None = None, select: list[str] | None = None,
        dataset: str = "TypedDataSet",
    ) -> list[dict[str, Any]]:
        """All rows of the table's TypedDataSet (or ``dataset="UntypedDataSet"``)."""
        return [row for page in self.dataset_pages(table_id, filter, select, dataset)
                for row in page_values(page)]


def _parse(url: str, body: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise MalformedSource.worded("cbs_not_json", url=url, detail=json_words(exc)) from exc
    if not isinstance(payload, dict):
        raise MalformedSource.worded("cbs_not_object", url=url)
    return payload


def _limits(rows: int | None, pages: int, size: int) -> tuple[int, int]:
    """Pages and bytes a table may take: derived from its row count when known."""
    if rows is None:
        return pages, size
    return -(-max(rows, 1) // PAGE_ROWS) + 1, min(size, max(rows, PAGE_ROWS) * ROW_BYTES)


def _checked(page: Page, values: bool, columns: list[str] | None) -> Page:
    """``page`` after the checks :meth:`ODataClient.fetch` promises."""
    if values:
        rows = page_values(page)
        if columns and rows:
            missing = [c for c in columns if not all(c in row for row in rows)]
            if missing:
                raise MalformedSource.worded("cbs_columns_missing", url=page.url,
                                             missing=", ".join(missing[:10]))
    return page


def page_values(page: Page) -> list[dict[str, Any]]:
    """The ``value`` list of a data page (MalformedSource when it is not a list of objects)."""
    value = page.payload.get("value")
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise MalformedSource.worded("cbs_no_value", url=page.url)
    return value


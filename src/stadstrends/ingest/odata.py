"""Live CBS OData v3 loader: metadata, paged data sets, retries and a disk cache.

:class:`ODataClient` talks to ``https://opendata.cbs.nl/ODataFeed/odata`` (or any server that
answers the same way), follows ``odata.nextLink`` (CBS returns at most 10 000 rows a page) and
keeps every response body in a :class:`~stadstrends.ingest.cache.ResponseCache`.
:func:`fetch_table` turns a table into the shared :class:`~stadstrends.ingest.raw.WideTable`.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pandas as pd

from stadstrends.errors import (
    InvalidParameter,
    MalformedSource,
    SourceError,
    SourceUnavailable,
    TableNotFound,
)
from stadstrends.ingest.cache import ResponseCache
from stadstrends.ingest.labels import PSEUDO_CODES, clean_codes
from stadstrends.ingest.raw import SourceInfo, WideTable
from stadstrends.paths import default_cache_dir

DEFAULT_BASE_URL = "https://opendata.cbs.nl/ODataFeed/odata"
DATASETS = ("TypedDataSet", "UntypedDataSet")
SNAPSHOT_HINT = (
    "Check the network connection and try again, or build offline from the CBS snapshot "
    "with `stadstrends build --snapshot DIR`."
)
MAX_BACKOFF = 4.0  # seconds; cap of a single retry pause
MAX_RETRY_AFTER = 30.0  # seconds; a longer Retry-After (HTTP 429/503) gives up at once
NUMERIC_DATATYPES = frozenset(
    "double float single decimal long integer int int16 int32 int64 short byte".split()
)
REGION_TYPES = frozenset({"GeoDimension", "GeoDetail"})
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
    ) -> None:
        self.base_url = base_url.rstrip("/")
        directory = Path(cache_dir) if cache_dir is not None else default_cache_dir() / "odata"
        self.cache = ResponseCache(directory)
        self.refresh = refresh
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = max(0.0, backoff)
        self._http = httpx.Client(
            timeout=timeout,
            transport=transport,
            follow_redirects=True,
            headers={"Accept": "application/json", "User-Agent": "stadstrends"},
        )
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

    def fetch(self, url: str, modified: str | None = None, values: bool = False) -> Page:
        """Fetch ``url`` as a :class:`Page`, using and filling the cache.

        With ``values=True`` the response must hold a ``value`` list (checked before caching;
        a body that fails the checks is never cached)."""
        cached = None if self.refresh and url not in self._fresh else self.cache.get(url)
        body = cached[0] if cached else self._download(url)
        page = Page(url, body, _parse(url, body), cached[1].retrieved_at if cached else "")
        if values:
            _values(page)
        if cached:
            return page
        entry = self.cache.put(url, body, modified=modified)
        self._fresh.add(url)
        return replace(page, retrieved_at=entry.retrieved_at)

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
        attempts = self.retries + 1
        reason = ""
        wait = 0.0  # the server's Retry-After of the last answer
        for attempt in range(attempts):
            if attempt:
                time.sleep(max(wait, min(self.backoff * 2 ** (attempt - 1), MAX_BACKOFF)))
            wait = 0.0
            try:
                response = self._http.get(url)
            except httpx.TimeoutException:
                reason = f"timed out after {self.timeout:g} s"
                continue
            except httpx.TransportError as exc:
                reason = f"{type(exc).__name__}: {exc}"
                continue
            status = response.status_code
            if status == 429 or status >= 500:
                reason = f"HTTP {status}"
                wait = retry_after(response)
                if wait > MAX_RETRY_AFTER:
                    raise SourceUnavailable(
                        f"CBS OData asks to wait {wait:g} s (HTTP {status}, Retry-After): {url}",
                        hint="Try again later, or build offline with "
                        "`stadstrends build --snapshot DIR`.",
                    )
                continue
            if status == 404:
                table = self._table_of(url)
                raise TableNotFound(
                    f"CBS table {table!r} not found (HTTP 404 for {url})",
                    hint="Check the table identifier in the CBS catalogue "
                    "(https://opendata.cbs.nl/ODataCatalog/Tables), e.g. '83648NED'.",
                )
            if status >= 400:
                raise SourceError(
                    f"CBS OData rejected the request with HTTP {status}: {url}",
                    hint="Check the table identifier and any $filter/$select expression.",
                )
            return response.content
        raise SourceUnavailable(
            f"CBS OData not reachable after {attempts} attempt(s): {url} ({reason})",
            hint=SNAPSHOT_HINT,
        )

    def _table_of(self, url: str) -> str:
        if url.startswith(self.base_url + "/"):
            return url[len(self.base_url) + 1 :].split("/")[0].split("?")[0]
        return url

    def table_url(self, table_id: str, endpoint: str) -> str:
        """``<base>/<table>/<endpoint>?$format=json``."""
        if not _TABLE_ID.match(table_id):
            raise InvalidParameter(
                f"not a CBS table identifier: {table_id!r}",
                hint="Use an identifier such as '83648NED' or '37259eng'.",
            )
        return f"{self.base_url}/{table_id}/{endpoint}?$format=json"

    def values(self, url: str, modified: str | None = None) -> list[dict[str, Any]]:
        """The ``value`` list of the response at ``url``."""
        return _values(self.fetch(url, modified, values=True))

    def table_infos(self, table_id: str) -> dict[str, Any]:
        """The single TableInfos entry (Title, Identifier, Modified, Period, ...)."""
        url = self.table_url(table_id, "TableInfos")
        infos = self.values(url)
        if not infos:
            raise MalformedSource(f"TableInfos of {table_id} is empty: {url}", hint=SNAPSHOT_HINT)
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
            raise InvalidParameter(f"unknown data set {dataset!r}", hint=f"Use one of {DATASETS}.")
        url = self.table_url(table_id, dataset)
        if filter:
            url += "&$filter=" + quote(filter, safe="'(),/:")
        if select:
            url += "&$select=" + ",".join(quote(name, safe="") for name in select)
        return url

    def dataset_pages(
        self, table_id: str, filter: str | None = None, select: list[str] | None = None,
        dataset: str = "TypedDataSet",
    ) -> Iterator[Page]:
        """All pages of a data set, following ``odata.nextLink`` until exhausted."""
        url: str | None = self.dataset_url(table_id, filter, select, dataset)
        seen: set[str] = set()
        while url is not None:
            if url in seen:
                raise MalformedSource(f"odata.nextLink loops back to {url}", hint=SNAPSHOT_HINT)
            seen.add(url)
            page = self.fetch(url, modified=self._modified.get(table_id), values=True)
            yield page
            link = page.payload.get("odata.nextLink")
            if link is not None and not isinstance(link, str):
                raise MalformedSource(f"odata.nextLink is not a URL in {url}", hint=SNAPSHOT_HINT)
            url = link

    def typed_dataset(
        self, table_id: str, filter: str | None = None, select: list[str] | None = None,
        dataset: str = "TypedDataSet",
    ) -> list[dict[str, Any]]:
        """All rows of the table's TypedDataSet (or ``dataset="UntypedDataSet"``)."""
        return [row for page in self.dataset_pages(table_id, filter, select, dataset)
                for row in _values(page)]


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


def _parse(url: str, body: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise MalformedSource(
            f"response from {url} is not valid JSON (truncated?): {exc}",
            hint="Retry with a refresh; if it persists, use `stadstrends build --snapshot DIR`.",
        ) from exc
    if not isinstance(payload, dict):
        raise MalformedSource(f"response from {url} is not a JSON object", hint=SNAPSHOT_HINT)
    return payload


def _values(page: Page) -> list[dict[str, Any]]:
    value = page.payload.get("value")
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise MalformedSource(
            f"response from {page.url} has no 'value' list of objects", hint=SNAPSHOT_HINT
        )
    return value


@dataclass(frozen=True)
class ColumnPlan:
    """How the columns of a table are used, derived from its DataProperties."""

    region: str | None = None
    period: str | None = None
    dimensions: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)  # numeric topics
    text_topics: list[str] = field(default_factory=list)  # string topics (skipped)
    units: dict[str, str] = field(default_factory=dict)


def classify_properties(properties: list[dict[str, Any]]) -> ColumnPlan:
    """Sort DataProperties into region, period, other dimensions and numeric measures."""
    plan = ColumnPlan()
    region = period = None
    for prop in properties:
        kind, key = prop.get("Type"), prop.get("Key")
        if not isinstance(key, str) or not key:
            continue  # TopicGroups carry an empty key
        if kind in REGION_TYPES and region is None:
            region = key
        elif kind == "TimeDimension" and period is None:
            period = key
        elif kind in REGION_TYPES or kind in ("Dimension", "TimeDimension"):
            plan.dimensions.append(key)
        elif kind == "Topic":
            if str(prop.get("Datatype", "")).lower() in NUMERIC_DATATYPES:
                plan.measures.append(key)
                if prop.get("Unit"):
                    plan.units[key] = str(prop["Unit"]).strip()
            else:
                plan.text_topics.append(key)
    return ColumnPlan(region, period, plan.dimensions, plan.measures, plan.text_topics, plan.units)


def _requested(table_id: str, plan: ColumnPlan, select: list[str]) -> list[str]:
    keys = {plan.region, plan.period, *plan.dimensions}
    measures: list[str] = []
    for name in select:
        if name in keys:
            continue
        if name in plan.text_topics:
            raise MalformedSource(
                f"measure {name} in table {table_id} is not numeric",
                hint="Select numeric topics only; text topics are not measures.",
            )
        if name not in plan.measures:
            shown = ", ".join(plan.measures[:40]) + (" ..." if len(plan.measures) > 40 else "")
            raise MalformedSource(
                f"measure {name} not in table {table_id}",
                hint=f"Available measure keys: {shown}",
                suggestions=plan.measures,
            )
        if name not in measures:
            measures.append(name)
    return measures


def _clean_key(value: Any) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def to_float(values: pd.Series) -> pd.Series:
    """Numbers as floats; padded strings (``'   12  '``) parsed; ``'.'``, ``'x'``, '' -> NaN."""
    if values.dtype == object or pd.api.types.is_string_dtype(values):
        values = values.map(lambda v: v.strip() if isinstance(v, str) else v)
    return pd.to_numeric(values, errors="coerce").astype(float)


def _status(raw: Any) -> str | None:
    text = _clean_key(raw)  # NaderVoorlopig -> nader voorlopig
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text).lower() if text else None


def _build_frame(
    rows: list[dict[str, Any]], plan: ColumnPlan, measures: list[str], period: str | None, url: str
) -> pd.DataFrame:
    keys = [k for k in (plan.region, plan.period) if k] + plan.dimensions
    raw = pd.DataFrame(rows, columns=None if rows else keys + measures)
    missing = [c for c in keys + measures if c not in raw.columns]
    if missing:
        raise MalformedSource(f"rows from {url} lack column(s) {missing}", hint=SNAPSHOT_HINT)
    for key in keys:
        cleaned = raw[key].map(_clean_key).astype(object)
        if cleaned.isna().any():
            raise MalformedSource(f"rows from {url} have an empty {key}", hint=SNAPSHOT_HINT)
        raw[key] = cleaned
    region = raw[plan.region] if plan.region else pd.Series(None, index=raw.index, dtype=object)
    codes = clean_codes(region)  # RE01, SG01, AM01 ... are no regions: None
    columns = {
        "region_label": region,
        # Buitenland / not assigned to a municipality are no regions either
        "region_code": codes.where(~codes.isin(PSEUDO_CODES), None),
        "period": raw[plan.period] if plan.period else pd.Series(period, index=raw.index),
        **{dim: raw[dim] for dim in plan.dimensions},
        **{measure: to_float(raw[measure]) for measure in measures},
    }
    frame = pd.DataFrame(columns, index=raw.index)
    return frame.reset_index(drop=True)


def fetch_table(
    client: ODataClient, table_id: str, filter: str | None = None,
    select: list[str] | None = None, dataset: str = "TypedDataSet",
) -> WideTable:
    """Read a CBS table (all pages) into a :class:`WideTable`.

    ``select`` names the measures to keep (dimension keys are always requested); a name that
    is not a numeric topic of the table raises :class:`MalformedSource`. Region and dimension
    keys are stripped of CBS's space padding here; other dimensions carry their labels
    (``Title``), like the snapshot exports, so catalogue filters work for both. A table
    without a time dimension gets the TableInfos ``Period`` as its period when that is a
    single year."""
    info = client.table_infos(table_id)
    plan = classify_properties(client.data_properties(table_id))
    measures = plan.measures
    columns = None
    if select is not None:
        measures = _requested(table_id, plan, select)
        columns = [k for k in (plan.region, plan.period) if k] + plan.dimensions + measures
    digest = hashlib.sha256()
    rows: list[dict[str, Any]] = []
    pages = list(client.dataset_pages(table_id, filter, columns, dataset))
    for page in pages:
        digest.update(page.body)
        rows.extend(_values(page))
    single_year = str(info.get("Period", "")).strip()
    period = single_year if re.fullmatch(r"\d{4}", single_year) else None
    frame = _build_frame(rows, plan, measures, period, pages[0].url)
    for dim in plan.dimensions:  # keys -> labels, as in the snapshot exports (cbsodata)
        titles = {_clean_key(i.get("Key")): str(i.get("Title", "")).strip()
                  for i in client.dimension(table_id, dim)}
        frame[dim] = frame[dim].map(lambda key, t=titles: t.get(key) or key)
    status: dict[str, str] = {}
    if plan.period:
        for item in client.dimension(table_id, plan.period):
            key, value = _clean_key(item.get("Key")), _status(item.get("Status"))
            if key and value:
                status[key] = value
    source = SourceInfo(
        table_id=str(info.get("Identifier") or table_id), title=str(info.get("Title") or table_id),
        origin="odata", location=pages[0].url, sha256=digest.hexdigest(),
        retrieved_at=min(page.retrieved_at for page in pages), modified=info.get("Modified"),
        rows_read=len(rows), rows_kept=len(frame), completeness="complete",
    )
    units = {m: plan.units[m] for m in measures if m in plan.units}
    return WideTable(source, list(plan.dimensions), list(measures), frame, status, units)

"""Live CBS OData v4 loader (``https://datasets.cbs.nl/odata/v1/CBS/<table>``).

The v4 API serves a table as metadata (``Properties``, ``Dimensions``, ``MeasureCodes``,
one ``<Dimension>Codes`` list per dimension) and long ``Observations``: one row per cell with
``Measure``, ``Value``, ``ValueAttribute`` and one column per dimension holding **codes**.
:class:`ODataV4Client` fetches these through the v3 client's transport
(:class:`~stadstrends.ingest.odata.ODataClient`: the same retries, cache and manifest),
follows ``@odata.nextLink`` and checks the cell count (``$count``) before it downloads
observations. :func:`fetch_table_v4` returns the shared :class:`WideTable` built by
:func:`stadstrends.ingest.v4table.wide_table`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from stadstrends.errors import InvalidParameter, MalformedSource, SourceError, counted
from stadstrends.ingest.http import same_host
from stadstrends.ingest.odata import ODataClient, Page
from stadstrends.ingest.raw import SourceInfo, WideTable
from stadstrends.ingest.titles import language_titles
from stadstrends.ingest.v4filter import combined_filter, measure_filter
from stadstrends.ingest.v4table import V4Metadata, wide_table

DEFAULT_V4_URL = "https://datasets.cbs.nl/odata/v1/CBS"
#: an unfiltered fetch of a table with more cells than this is refused
MAX_UNFILTERED_CELLS = 1_000_000
#: no fetch may download more cells than this, filtered or not
MAX_CELLS = 5_000_000
_TABLE_ID = re.compile(r"^[0-9A-Za-z]{3,16}$")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_FILTER_SAFE = "'(),/:"


class ODataV4Client:
    """CBS OData v4 client; transport, retries and cache are the v3 client's."""

    def __init__(self, base_url: str = DEFAULT_V4_URL, transport: ODataClient | None = None,
                 **client_options: Any) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = transport or ODataClient(self.base_url, **client_options)
        self._modified: dict[str, str] = {}

    def __enter__(self) -> ODataV4Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.http.close()

    def url(self, table_id: str, endpoint: str, query: dict[str, str] | None = None) -> str:
        """``<base>/<table>/<endpoint>?<query>`` with a checked table id and endpoint."""
        if not _TABLE_ID.match(table_id):
            raise InvalidParameter.worded("not_table_id", table=table_id, example="83625NED")
        url = f"{self.base_url}/{table_id}/{endpoint}"
        if query:
            url += "?" + "&".join(f"{k}={quote(v, safe=_FILTER_SAFE)}" for k, v in query.items())
        return url

    def _object(self, url: str) -> dict[str, Any]:
        return self.http.fetch(url).payload

    def _values(self, url: str) -> list[dict[str, Any]]:
        return self.http.values(url)

    def properties(self, table_id: str) -> dict[str, Any]:
        """The table's ``Properties`` (Identifier, Title, Modified, ObservationCount, ...)."""
        props = self._object(self.url(table_id, "Properties"))
        if not isinstance(props.get("Identifier"), str):
            raise MalformedSource.worded("cbs_no_identifier", table=table_id)
        if isinstance(props.get("Modified"), str):
            self._modified[table_id] = props["Modified"]
        return props

    def dimensions(self, table_id: str) -> list[dict[str, Any]]:
        """``Dimensions``: Identifier and Kind (Dimension, GeoDimension, TimeDimension)."""
        return self._values(self.url(table_id, "Dimensions"))

    def measure_codes(self, table_id: str) -> list[dict[str, Any]]:
        """``MeasureCodes``: Identifier (``M000352``), Title, Unit, DataType."""
        return self._values(self.url(table_id, "MeasureCodes"))

    def codes(self, table_id: str, dimension: str) -> list[dict[str, Any]]:
        """The code list of a dimension (``RegioSCodes``; ``PeriodenCodes`` has Status)."""
        if not _NAME.match(dimension):
            raise InvalidParameter.worded("not_dimension", dimension=dimension)
        return self._values(self.url(table_id, f"{dimension}Codes"))

    def metadata(self, table_id: str) -> V4Metadata:
        """Properties, dimensions, measure codes and the period codes of a table."""
        props = self.properties(table_id)
        dims = self.dimensions(table_id)
        time_dims = [d["Identifier"] for d in dims if d.get("Kind") == "TimeDimension"]
        periods = self.codes(table_id, time_dims[0]) if time_dims else []
        return V4Metadata(props, dims, self.measure_codes(table_id), periods)

    def count(self, table_id: str, filter: str | None = None) -> int:
        """Number of observations (cells) matching ``filter``: ``$count`` with ``$top=0``."""
        query = {"$filter": filter} if filter else {}
        payload = self._object(self.url(table_id, "Observations",
                                        {**query, "$count": "true", "$top": "0"}))
        count = payload.get("@odata.count")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise MalformedSource.worded("cbs_no_count", table=table_id)
        return count

    def check_size(self, table_id: str, filter: str | None, props: dict[str, Any]) -> int:
        """The cell count of the request; refuse an unfiltered fetch of a huge table."""
        total = props.get("ObservationCount")
        if not filter and isinstance(total, int) and total > MAX_UNFILTERED_CELLS:
            raise SourceError.worded("cbs_unfiltered_refused", table=table_id, cells=counted(total),
                                     limit=counted(MAX_UNFILTERED_CELLS))
        count = self.count(table_id, filter)
        limit = MAX_CELLS if filter else MAX_UNFILTERED_CELLS
        if count > limit:
            raise SourceError.worded("cbs_filtered_too_big" if filter else "cbs_unfiltered_too_big",
                                     table=table_id, cells=counted(count), limit=counted(limit))
        return count

    def observation_pages(self, table_id: str, filter: str | None = None,
                          select: list[str] | None = None) -> Iterator[Page]:
        """All pages of ``Observations``, following ``@odata.nextLink`` until exhausted."""
        query: dict[str, str] = {}
        if filter:
            query["$filter"] = filter
        if select:
            query["$select"] = ",".join(select)
        url: str | None = self.url(table_id, "Observations", query)
        seen: set[str] = set()
        while url is not None:
            if url in seen:
                raise MalformedSource.worded("cbs_link_loops", link="@odata.nextLink", url=url)
            if len(seen) >= self.http.max_pages:
                raise MalformedSource.worded("cbs_too_many_pages", table=table_id,
                                             pages=self.http.max_pages, url=url,
                                             link="@odata.nextLink")
            seen.add(url)
            page = self.http.fetch(url, modified=self._modified.get(table_id), values=True)
            yield page
            link = page.payload.get("@odata.nextLink")
            if link is not None and not isinstance(link, str):
                raise MalformedSource.worded("cbs_link_not_url", link="@odata.nextLink", url=url)
            if link is not None and not same_host(self.http.base_url, link):
                raise MalformedSource.worded("cbs_link_elsewhere", link="@odata.nextLink",
                                             table=table_id, url=link[:200])
            url = link


def fetch_table_v4(client: ODataV4Client, table_id: str, filter: str | None = None,
                   measures: list[str] | None = None,
                   age_bands: dict[str, tuple[int, int | None]] | None = None) -> WideTable:
    """Read a v4 table (``filter`` applied by the server) into a :class:`WideTable`.

    ``measures`` restricts the measure codes (unknown codes raise :class:`MalformedSource`
    listing the available ones); ``age_bands`` adds bands summed from single years of age."""
    meta = client.metadata(table_id)
    known = [m.get("Identifier") for m in meta.measures]
    unknown = [m for m in measures or [] if m not in known]
    if unknown:
        raise MalformedSource.worded("measures_not_in_table", measures=", ".join(unknown),
                                     table=table_id, known=", ".join(map(str, known)),
                                     suggestions=[str(k) for k in known])
    where = combined_filter(filter, measure_filter(measures))
    client.check_size(table_id, where, meta.properties)
    dims = [d["Identifier"] for d in meta.dimensions if isinstance(d.get("Identifier"), str)]
    select = ["Measure", "ValueAttribute", "Value", *dims]
    pages = list(client.observation_pages(table_id, where, select))
    digest = hashlib.sha256()
    rows: list[dict[str, Any]] = []
    for page in pages:
        digest.update(page.body)
        rows.extend(page.payload["value"])
    source = SourceInfo(
        table_id=str(meta.properties["Identifier"]),
        title=str(meta.properties.get("Title") or table_id), origin="odata",
        location=pages[0].url, sha256=digest.hexdigest(),
        retrieved_at=min(page.retrieved_at for page in pages),
        modified=meta.properties.get("Modified"), rows_read=len(rows),
        completeness="complete",  # of the filter, which the location shows
        **{f"title_{k}": v for k, v in language_titles(meta.properties).items()},
    )
    leeftijd = client.codes(table_id, "Leeftijd") if age_bands else None
    return wide_table(meta, rows, source, age_bands=age_bands, age_codes=leeftijd)

"""Serve snapshot tables the way CBS OData v3 serves them (tests only).

:func:`odata_responses` turns a snapshot :class:`~stadstrends.ingest.raw.WideTable` (labels,
as the ``cbsodata`` exports hold them) back into the responses of the live service, so the
live path (:func:`stadstrends.ingest.odata_table.fetch_table`) can be checked against the snapshot
path on the same figures:

- ``TableInfos``: ``Identifier``, ``Title``, ``Modified``, ``Period``;
- ``DataProperties``: ``GeoDimension`` ``RegioS``, ``TimeDimension`` ``Perioden`` (left out
  for tables without periods, e.g. 85984NED, whose single year is the TableInfos
  ``Period``), one ``Dimension`` per other dimension, a ``TopicGroup`` with an empty key
  and one ``Topic`` (``Datatype`` ``Double``) per measure;
- one code list per dimension (``Key``/``Title``; ``Perioden`` also ``Status``);
- ``TypedDataSet`` rows holding **keys**, space padded as CBS pads them, in pages of
  ``page_size`` rows linked by ``odata.nextLink`` (``...?$format=json&$skip=N``).

Keys are constructed, not CBS's own: regions keep the snapshot's code (``'GM0363  '``);
a region row without a code (``Noord-Nederland (RE)``, ``Niet in te delen (PV)``,
``Nederland, Buitenland, Niet in te delen``) gets a pseudo key from the label's suffix
(``RE01``, ``PV99``; ``GM9999`` without a suffix) that is not a code of the table, like
CBS's keys for such rows. Periods get CBS period keys (``2019JJ00``, ``2019MM12``,
``2019HJ01``, ``2019KW02``), the label stays the ``Title`` and a trailing ``*`` becomes the
``Status``. Other dimensions get synthetic keys (``T001038`` for a total, ``A047`` ...)
with their label as ``Title``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from stadstrends.ingest.periods import parse_period
from stadstrends.ingest.raw import WideTable
from stadstrends.ingest.snapshot import TABLE_PERIODS

CBS_ORIGIN = "https://opendata.cbs.nl"
REGION_DIM = "RegioS"
PERIOD_DIM = "Perioden"
DEFAULT_MODIFIED = "2025-04-01T02:00:00"
_SUFFIX = re.compile(r"\(([A-Z]{2})\)\s*$")
_CODE_DIGITS = {"GM": 4, "WK": 6, "BU": 8}  # other prefixes: 2 digits
_TOTAL = re.compile(r"(^|\W)(totaal|total|alle)(\W|$)", re.IGNORECASE)
_KIND_CODE = {"year": "JJ", "half": "HJ", "quarter": "KW", "month": "MM"}


def _envelope(table_id: str, entity: str, value: list[dict[str, Any]],
              next_link: str | None = None) -> bytes:
    payload: dict[str, Any] = {
        "odata.metadata": f"{CBS_ORIGIN}/ODataFeed/OData/{table_id}/$metadata"
                          f"#Cbs.OData.WebAPI.{entity}",
        "value": value,
    }
    if next_link is not None:
        payload["odata.nextLink"] = next_link
    return json.dumps(payload, ensure_ascii=False, allow_nan=False).encode("utf-8")


def _pad(keys: dict[str, str]) -> dict[str, str]:
    """Right-pad every key with spaces to the dimension's width plus two (``'GM0363  '``)."""
    width = max((len(k) for k in keys.values()), default=0) + 2
    return {label: key.ljust(width) for label, key in keys.items()}


def period_key(label: str) -> str:
    """The CBS key of a period label: ``2019`` -> ``2019JJ00``, ``2019 december`` ->
    ``2019MM12``, ``1e halfjaar 2019`` -> ``2019HJ01``; a key stays itself."""
    parsed = parse_period(label)
    if parsed.year is None or parsed.period_type not in _KIND_CODE:
        raise ValueError(f"cannot make a CBS period key of {label!r}")
    return f"{parsed.year}{_KIND_CODE[parsed.period_type]}{parsed.part or 0:02d}"


def period_status(label: str, known: dict[str, str]) -> str:
    """CBS ``Status`` of a period: ``Definitief``, ``Voorlopig`` or ``NaderVoorlopig``."""
    status = known.get(label)
    if status:
        return "".join(word.capitalize() for word in status.split())
    stars = len(str(label).strip()) - len(str(label).strip().rstrip("*"))
    return {0: "Definitief", 1: "Voorlopig"}.get(stars, "NaderVoorlopig")


def region_keys(frame: pd.DataFrame) -> dict[tuple[str, Any], str]:
    """(label, code) -> key: the code, or a pseudo key for a label without one."""
    pairs = frame[["region_label", "region_code"]].drop_duplicates()
    pairs = pairs.astype(object).where(pairs.notna(), None)
    taken = {str(c) for c in pairs["region_code"] if c is not None}
    next_number: dict[str, int] = {}
    keys: dict[tuple[str, Any], str] = {}
    for label, code in pairs.itertuples(index=False):
        if code is not None:
            keys[(label, code)] = str(code)
            continue
        match = _SUFFIX.search(str(label))
        prefix = match.group(1) if match else "GM"
        digits = _CODE_DIGITS.get(prefix, 2)
        # numbers of regions that exist (LD, PV, CR, GM) count down from 99 / 9999
        real = prefix in ("LD", "PV", "CR", "GM", "WK", "BU")
        number = next_number.get(prefix, 10**digits - 1 if real else 1)
        while True:
            key = f"{prefix}{number:0{digits}d}"
            number += -1 if real else 1
            if key not in taken:
                break
        next_number[prefix] = number
        taken.add(key)
        keys[(label, code)] = key
    return keys


def dimension_keys(labels: Iterable[str]) -> dict[str, str]:
    """Synthetic CBS-style keys of a dimension's categories: totals ``T001038``, others
    ``A047``, ``A048`` ... (unpadded)."""
    keys: dict[str, str] = {}
    totals = others = 0
    for label in labels:
        if label in keys:
            continue
        if _TOTAL.search(str(label)):
            keys[label] = f"T{1038 + totals:06d}"
            totals += 1
        else:
            keys[label] = f"A{47 + others:03d}"
            others += 1
    return keys


def _number(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def odata_responses(
    table: WideTable, base_url: str, page_size: int = 2_000,
    time_dimension: bool | None = None, modified: str | None = None,
) -> dict[str, bytes]:
    """The OData responses of ``table`` by endpoint.

    Keys are endpoint paths below ``<base_url>/<table id>/``: ``TableInfos``,
    ``DataProperties``, each dimension's name (``RegioS``, ``Perioden``, ...),
    ``TypedDataSet`` (first page) and ``TypedDataSet?$skip=N`` (further pages, linked from
    the page before with ``odata.nextLink`` on ``base_url``). ``time_dimension`` defaults
    to False only for tables the snapshot reads without periods (85984NED)."""
    if page_size < 1:
        raise ValueError("page_size must be positive")
    table_id = table.source.table_id
    frame = table.frame.reset_index(drop=True)
    if time_dimension is None:
        time_dimension = table_id.lower() not in TABLE_PERIODS
    for name in (REGION_DIM, PERIOD_DIM):
        if name in table.dimensions:
            raise ValueError(f"{table_id}: dimension {name!r} clashes with the region/period")

    regions = region_keys(frame)
    region_pad = _pad({f"{label}\0{code}": key for (label, code), key in regions.items()})
    codes = frame["region_code"].astype(object).where(frame["region_code"].notna(), None)
    region_col = [region_pad[f"{label}\0{code}"]
                  for label, code in zip(frame["region_label"], codes, strict=True)]

    periods = [str(p) for p in pd.unique(frame["period"])]
    years = sorted({parse_period(p).year for p in periods} - {None})
    if time_dimension:
        period_keys = {p: period_key(p) for p in periods}
        period_info = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    else:
        if len(periods) != 1:
            raise ValueError(f"{table_id}: no time dimension but periods {periods}")
        period_keys, period_info = {}, periods[0]

    dim_keys = {d: _pad(dimension_keys(frame[d].astype(str))) for d in table.dimensions}

    props: list[dict[str, Any]] = []

    def prop(kind: str, key: str, title: str, **extra: Any) -> None:
        odata_type = "Topic" if kind == "Topic" else kind
        props.append({"odata.type": f"Cbs.OData.{odata_type}", "ID": len(props),
                      "Position": len(props), "ParentID": None, "Type": kind, "Key": key,
                      "Title": title, "Description": None, **extra})

    for dim in table.dimensions:
        prop("Dimension", dim, dim)
    prop("GeoDimension", REGION_DIM, "Regio's")
    if time_dimension:
        prop("TimeDimension", PERIOD_DIM, "Perioden", ReleasePolicy=True)
    prop("TopicGroup", "", "Onderwerpen")
    group = props[-1]["ID"]
    for measure in table.measures:
        prop("Topic", measure, measure, Datatype="Double", Decimals=0, Default="Missing",
             Unit=table.units.get(measure, "aantal"))
        props[-1]["ParentID"] = group

    responses = {
        "TableInfos": _envelope(table_id, "TableInfos", [{
            "ID": 0, "Identifier": table_id, "Title": table.source.title,
            "ShortTitle": table.source.title[:80], "Period": period_info,
            "Modified": modified or table.source.modified or DEFAULT_MODIFIED,
            "Language": "nl", "Catalog": "CBS", "Frequency": "Perjaar",
        }]),
        "DataProperties": _envelope(table_id, "DataProperties", props),
        REGION_DIM: _envelope(table_id, "RegioS", [
            {"Key": key, "Title": label, "Description": None, "CategoryGroupID": None}
            for label, key in ((lab, region_pad[f"{lab}\0{code}"]) for lab, code in regions)
        ]),
    }
    if time_dimension:
        responses[PERIOD_DIM] = _envelope(table_id, "Perioden", [
            {"Key": key, "Title": label, "Description": None,
             "Status": period_status(label, table.period_status)}
            for label, key in period_keys.items()
        ])
    for dim, keys in dim_keys.items():
        responses[dim] = _envelope(table_id, dim, [
            {"Key": key, "Title": label, "Description": None, "CategoryGroupID": None}
            for label, key in keys.items()
        ])

    columns: dict[str, list[Any]] = {"ID": list(range(len(frame)))}
    for dim in table.dimensions:
        columns[dim] = [dim_keys[dim][label] for label in frame[dim].astype(str)]
    columns[REGION_DIM] = region_col
    if time_dimension:
        columns[PERIOD_DIM] = [period_keys[p] for p in frame["period"].astype(str)]
    for measure in table.measures:
        columns[measure] = [_number(v) for v in frame[measure]]
    names = list(columns)
    rows = [dict(zip(names, values, strict=True))
            for values in zip(*columns.values(), strict=True)]

    dataset = f"{base_url.rstrip('/')}/{table_id}/TypedDataSet"
    starts = list(range(0, len(rows), page_size)) or [0]
    for start in starts:
        end = start + page_size
        link = f"{dataset}/?$format=json&$skip={end}" if end < len(rows) else None
        key = "TypedDataSet" + (f"?$skip={start}" if start else "")
        responses[key] = _envelope(table_id, "TypedDataSet", rows[start:end], link)
    return responses

"""A CBS OData v3 table read into the shared :class:`~stadstrends.ingest.raw.WideTable`.

:func:`fetch_table` asks the live client (:class:`~stadstrends.ingest.odata.ODataClient`)
for a table's TableInfos, DataProperties (sorted into region, period, dimensions and numeric
measures by :func:`classify_properties`) and all pages of its data set, and turns the rows
into a frame: keys stripped of CBS's padding, dimensions as labels, CBS symbols as cell
status.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from stadstrends.errors import MalformedSource
from stadstrends.ingest.cells import NUMERIC_DATATYPES, SYMBOLS, to_float
from stadstrends.ingest.labels import PSEUDO_CODES, clean_codes
from stadstrends.ingest.odata import ODataClient, page_values
from stadstrends.ingest.periods import canonical_status
from stadstrends.ingest.raw import SourceInfo, WideTable
from stadstrends.ingest.titles import language_titles

REGION_TYPES = frozenset({"GeoDimension", "GeoDetail"})


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
            raise MalformedSource.worded("measure_not_numeric", measure=name, table=table_id)
        if name not in plan.measures:
            shown = ", ".join(plan.measures[:40]) + (" ..." if len(plan.measures) > 40 else "")
            raise MalformedSource.worded("measure_not_in_table", measure=name, table=table_id,
                                         known=shown, suggestions=plan.measures)
        if name not in measures:
            measures.append(name)
    return measures


def _clean_key(value: Any) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def period_status(raw: Any) -> str | None:
    """Period status as stored: ``NaderVoorlopig`` -> ``nader voorlopig`` (provisional)."""
    return canonical_status(_clean_key(raw))


def _build_frame(
    rows: list[dict[str, Any]], plan: ColumnPlan, measures: list[str], period: str | None, url: str
) -> pd.DataFrame:
    keys = [k for k in (plan.region, plan.period) if k] + plan.dimensions
    raw = pd.DataFrame(rows, columns=None if rows else keys + measures)
    missing = [c for c in keys + measures if c not in raw.columns]
    if missing:
        raise MalformedSource.worded("cbs_columns_missing", url=url, missing=", ".join(missing))
    for key in keys:
        cleaned = raw[key].map(_clean_key).astype(object)
        if cleaned.isna().any():
            raise MalformedSource.worded("cbs_empty_key", url=url, column=key)
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
    for measure in measures:  # UntypedDataSet: CBS's '.' (onbekend) and 'x' (geheim)
        marks = raw[measure].map(lambda v: SYMBOLS.get(v.strip()) if isinstance(v, str) else None)
        if marks.notna().any():
            columns[f"{measure}__status"] = marks.astype(object)
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
    count = info.get("RecordCount")
    rows_known = int(count) if isinstance(count, int | float) and count >= 0 else None
    pages = list(client.dataset_pages(table_id, filter, columns, dataset, rows_known))
    for page in pages:
        digest.update(page.body)
        rows.extend(page_values(page))
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
            key, value = _clean_key(item.get("Key")), period_status(item.get("Status"))
            if key and value:
                status[key] = value
    source = SourceInfo(
        table_id=str(info.get("Identifier") or table_id), title=str(info.get("Title") or table_id),
        origin="odata", location=pages[0].url, sha256=digest.hexdigest(),
        retrieved_at=min(page.retrieved_at for page in pages), modified=info.get("Modified"),
        rows_read=len(rows), rows_kept=len(frame), completeness="complete",
        **{f"title_{k}": v for k, v in language_titles(info).items()},
    )
    units = {m: plan.units[m] for m in measures if m in plan.units}
    cells = {m: f"{m}__status" for m in measures if f"{m}__status" in frame.columns}
    return WideTable(source, list(plan.dimensions), list(measures), frame, status, units,
                     cell_status=cells)

"""Turn CBS OData v4 metadata and long observations into a :class:`WideTable`.

Shared by the live v4 client (:mod:`stadstrends.ingest.odata4`) and the snapshot importer of
recorded v4 responses (:mod:`stadstrends.ingest.snapshot_v4`). Rules:

- dimension columns hold CBS **codes** and stay codes (``Geslacht=T001038``); the region
  code is cleaned like every other source's (``GM0363``);
- ``Value`` null with a ``ValueAttribute`` such as ``Impossible``, ``Confidential`` or
  ``NotAvailable`` is absent with that status (``impossible``, ``confidential``,
  ``not available``), never 0; null with ``None`` is ``missing``;
- the period code list's ``Status`` gives the status of every cell of that period
  (``Voorlopig`` -> ``voorlopig``, ``NaderVoorlopig`` -> ``nader voorlopig``);
- measures become the columns of the wide frame (their codes, ``M000352``); a measure code
  table's ``Unit`` is the unit;
- age bands (``{"65plus": (65, None)}``) are summed from single years of age, and only where
  every single year of the band has a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from stadstrends.errors import MalformedSource
from stadstrends.ingest.cells import NUMERIC_DATATYPES, to_float
from stadstrends.ingest.labels import PSEUDO_CODES, clean_codes
from stadstrends.ingest.raw import SourceInfo, WideTable

STATUS_PREFIX = "__status__"
AGE_DIMENSION = "Leeftijd"
_SINGLE_AGE = re.compile(r"^(\d+) jaar( of ouder)?$")


@dataclass(frozen=True)
class V4Metadata:
    """A v4 table's metadata responses (their ``value`` lists; properties as an object)."""

    properties: dict[str, Any]
    dimensions: list[dict[str, Any]]
    measures: list[dict[str, Any]]
    periods: list[dict[str, Any]]  # the time dimension's code list (with Status)


def status_code(raw: Any) -> str | None:
    """``NaderVoorlopig`` -> ``nader voorlopig``, ``NotAvailable`` -> ``not available``."""
    text = "" if raw is None else str(raw).strip()
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text).lower() if text else None


def _kinds(meta: V4Metadata) -> tuple[str | None, str | None, list[str]]:
    region = period = None
    others: list[str] = []
    for dim in meta.dimensions:
        name, kind = dim.get("Identifier"), dim.get("Kind")
        if not isinstance(name, str) or not name:
            continue
        if kind in ("GeoDimension", "GeoDetail") and region is None:
            region = name
        elif kind == "TimeDimension" and period is None:
            period = name
        else:
            others.append(name)
    return region, period, others


def single_ages(codes: list[dict[str, Any]]) -> pd.DataFrame:
    """``code, age, open_ended`` of the single years of age in a Leeftijd code list.

    An open-ended group (``105 jaar of ouder``) counts only above the highest single year:
    03759ned also has ``95 jaar of ouder`` next to ``95 jaar`` .. ``104 jaar``, which would be
    counted twice."""
    rows = []
    for item in codes:
        match = _SINGLE_AGE.match(str(item.get("Title", "")).strip())
        if match:
            rows.append((str(item.get("Identifier")), int(match[1]), bool(match[2])))
    ages = pd.DataFrame(rows, columns=["code", "age", "open_ended"])
    top = ages.loc[~ages["open_ended"], "age"].max()
    return ages[~ages["open_ended"] | (ages["age"] > top)].reset_index(drop=True)


def add_age_bands(long: pd.DataFrame, keys: list[str], bands: dict[str, tuple[int, int | None]],
                  codes: list[dict[str, Any]]) -> pd.DataFrame:
    """``long`` plus one row per band: the sum of its single years, if all have a value."""
    ages = single_ages(codes)
    if ages.empty:
        raise MalformedSource.worded("no_single_ages")
    top = int(ages["age"].max())
    others = [k for k in keys if k != AGE_DIMENSION]
    out = [long]
    for name, (low, high) in bands.items():
        if high is not None and high >= top and ages.loc[ages["age"] == top, "open_ended"].any():
            raise MalformedSource.worded("age_band_open", band=name, high=high, top=top)
        members = ages[(ages["age"] >= low) & ((ages["age"] <= high) if high is not None
                                               else True)]["code"]
        part = long[long[AGE_DIMENSION].isin(set(members))]
        grouped = part.groupby(others + ["Measure"], dropna=False)["Value"]
        summed = grouped.agg(["sum", "count"]).reset_index()
        summed["Value"] = summed["sum"].where(summed["count"] == len(members))
        summed[AGE_DIMENSION] = name
        summed["status"] = None
        out.append(summed[others + ["Measure", AGE_DIMENSION, "Value", "status"]])
    return pd.concat(out, ignore_index=True)


def _long(meta: V4Metadata, rows: list[dict[str, Any]] | pd.DataFrame, keys: list[str],
          where: str) -> pd.DataFrame:
    numeric = {str(m.get("Identifier")) for m in meta.measures
               if str(m.get("DataType", "Double")).lower() in NUMERIC_DATATYPES}
    columns = ["Measure", "Value", "ValueAttribute", *keys]
    raw = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(
        rows, columns=None if rows else columns)
    if raw.empty and not len(raw.columns):
        raw = pd.DataFrame(columns=columns)
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        raise MalformedSource.worded("v4_columns_missing", table=where,
                                     missing=", ".join(missing))
    raw = raw[raw["Measure"].isin(numeric)]
    long = pd.DataFrame({c: raw[c].astype(str).str.strip().where(raw[c].notna())
                         for c in ["Measure", *keys]}, index=raw.index)  # absent: NaN
    if long[keys].isna().any().any():
        raise MalformedSource.worded("v4_empty_code", table=where)
    long["Value"] = to_float(raw["Value"])
    attr = raw["ValueAttribute"].map(status_code)
    long["status"] = attr.where(~attr.isin(["none", None]), "missing").where(
        long["Value"].isna(), None)
    return long


def wide_table(meta: V4Metadata, rows: list[dict[str, Any]] | pd.DataFrame, source: SourceInfo,
               age_bands: dict[str, tuple[int, int | None]] | None = None,
               age_codes: list[dict[str, Any]] | None = None) -> WideTable:
    """The wide table of long v4 ``rows`` (measures as columns, cell status alongside);
    ``rows``: the observation dicts, or a frame of them (one column per field)."""
    region, period, others = _kinds(meta)
    keys = [k for k in (region, period) if k] + others
    long = _long(meta, rows, keys, source.table_id)
    if age_bands:
        if AGE_DIMENSION not in others or age_codes is None:
            raise MalformedSource.worded("no_age_dimension", table=source.table_id,
                                         dimension=AGE_DIMENSION)
        long = add_age_bands(long, keys, age_bands, age_codes)
    indexed = long.set_index(keys + ["Measure"])
    dupes = indexed.index.duplicated()
    if dupes.any():
        first = indexed.index[dupes][0]
        raise MalformedSource.worded("v4_duplicate_cell", table=source.table_id,
                                     cell=str(first))
    values = indexed["Value"].unstack("Measure")
    status = indexed["status"].unstack("Measure")
    measures = [str(m) for m in values.columns]
    frame = values.reset_index() if keys else values
    status_cols = {m: STATUS_PREFIX + m for m in measures}
    status = status.rename(columns=status_cols).reset_index(drop=True)
    frame = pd.concat([frame.reset_index(drop=True), status], axis=1)
    region_raw = frame[region] if region else pd.Series(None, index=frame.index, dtype=object)
    codes = clean_codes(region_raw)
    single = re.fullmatch(r"\d{4}", str(meta.properties.get("TemporalCoverage", "")).strip())
    out = pd.DataFrame({
        "region_label": region_raw,
        "region_code": codes.where(~codes.isin(PSEUDO_CODES), None),
        "period": frame[period] if period else (single[0] if single else None),
        **{d: frame[d] for d in others},
        **{m: frame[m].astype(float) for m in measures},
        **{status_cols[m]: frame[status_cols[m]].astype(object) for m in measures},
    })
    if out["period"].isna().any():
        raise MalformedSource.worded("v4_no_period", table=source.table_id)
    period_status = {str(p.get("Identifier")): s for p in meta.periods
                     if (s := status_code(p.get("Status")))}
    units = {str(m.get("Identifier")): str(m["Unit"]).strip() for m in meta.measures
             if m.get("Unit") and str(m.get("Identifier")) in measures}
    source = replace(source, rows_kept=len(long), api="v4")  # cells, as rows_read
    return WideTable(source, list(others), measures, out, period_status, units,
                     cell_status=status_cols)

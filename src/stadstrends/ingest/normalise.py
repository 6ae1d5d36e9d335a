"""Turn a :class:`WideTable` into long raw observations (the ingest stage's output)."""

from __future__ import annotations

import pandas as pd

from stadstrends.ingest.periods import parse_period
from stadstrends.ingest.raw import WideTable

OBSERVATION_COLUMNS = [
    "table_id", "measure", "dims", "region_code", "region_label", "period", "year",
    "period_type", "period_part", "value", "status", "origin",
]


def dims_key(frame: pd.DataFrame, dimensions: list[str]) -> pd.Series:
    """Canonical text key of the non-region, non-period dimensions: ``Dim=value|Dim2=value``."""
    if not dimensions:
        return pd.Series([""] * len(frame), index=frame.index, dtype="string")
    parts = [dim + "=" + frame[dim].astype("string").fillna("") for dim in dimensions]
    key = parts[0]
    for part in parts[1:]:
        key = key + "|" + part
    return key


def to_observations(table: WideTable) -> pd.DataFrame:
    """Long observations: one row per region x period x dimensions x measure.

    Missing or secret cells are kept with ``value`` NULL and ``status`` ``missing``, so that
    absence is explicit. Rows whose region label is not a known region are dropped here
    (they are aggregates such as 'Nederland, Buitenland, Niet in te delen')."""
    frame = table.frame[table.frame["region_code"].notna()].copy()
    frame["dims"] = dims_key(frame, table.dimensions)
    long = frame.melt(
        id_vars=["region_code", "region_label", "period", "dims"],
        value_vars=table.measures,
        var_name="measure",
        value_name="value",
    )
    periods = {p: parse_period(p) for p in long["period"].unique()}
    long["year"] = long["period"].map(lambda p: periods[p].year).astype("Int64")
    long["period_type"] = long["period"].map(lambda p: periods[p].period_type)
    long["period_part"] = long["period"].map(lambda p: periods[p].part).astype("Int64")
    provisional = {p for p, parsed in periods.items() if parsed.provisional}
    status = long["period"].map(
        lambda p: table.period_status.get(p) or ("voorlopig" if p in provisional else "definitief")
    )
    long["value"] = pd.to_numeric(long["value"], errors="coerce")
    long["status"] = status.where(long["value"].notna(), "missing")
    long["table_id"] = table.source.table_id
    long["origin"] = table.source.origin
    return long[OBSERVATION_COLUMNS]

"""Turn a :class:`WideTable` into long raw observations (the ingest stage's output).

The unpivot runs in DuckDB: one statement per table, no per-row Python.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection

import duckdb
import pandas as pd

from stadstrends.ingest.periods import canonical_status, parse_period, status_of
from stadstrends.ingest.raw import WideTable

OBSERVATION_COLUMNS = [
    "table_id", "measure", "dims", "region_code", "region_label", "period", "year",
    "period_type", "period_part", "value", "status", "origin",
]
OBSERVATIONS_DDL = """
CREATE TABLE IF NOT EXISTS {name} (
    table_id VARCHAR, measure VARCHAR, dims VARCHAR, region_code VARCHAR,
    region_label VARCHAR, period VARCHAR, year INTEGER, period_type VARCHAR,
    period_part INTEGER, value DOUBLE, status VARCHAR, origin VARCHAR
)
"""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _periods(table: WideTable, periods: pd.Series) -> list[list]:
    """Columns (period, year, period_type, period_part, status) of each distinct period of
    ``periods``, as lists: the INSERT's parameters (a DataFrame registered per table took
    0.25 s of the ingest's CPU; lists 0.02 s)."""
    rows = []
    for raw in periods.dropna().unique():
        parsed = parse_period(raw)
        status = canonical_status(table.period_status.get(raw)) or status_of(raw)
        rows.append((str(raw), parsed.year, parsed.period_type, parsed.part, status))
    return [list(column) for column in zip(*rows, strict=True)] if rows else [[]] * 5


def stored_measures(table: WideTable, wanted: Collection[str] | None) -> list[str]:
    """The measures of ``table`` to store: all of them (``wanted`` None), or those in
    ``wanted`` (the build's ``raw_measures: used`` setting), in the table's order."""
    if wanted is None:
        return list(table.measures)
    return [m for m in table.measures if m in wanted]


def insert_observations(con: duckdb.DuckDBPyConnection, table: WideTable,
                        target: str = "raw_observations",
                        wanted: Collection[str] | None = None) -> int:
    """Append ``table`` as long observations to ``target`` (created if needed); returns rows.

    One row per region x period x dimensions x measure. Absent cells are kept with ``value``
    NULL and a status saying why: ``geheim`` (CBS ``x``), ``onbekend`` (CBS ``.``) or
    ``missing`` (empty), so that absence is explicit. Provisional figures have status
    ``voorlopig`` (Voorlopig, ``*``) or ``nader voorlopig`` (NaderVoorlopig, ``**``), in
    both the live and the snapshot path. Rows whose region
    label is not a known region (aggregates such as 'Nederland, Buitenland, Niet in te
    delen') are left out. With ``wanted``, only those measures are stored (see
    :func:`stored_measures`); the unpivot then reads only their columns."""
    con.execute(OBSERVATIONS_DDL.format(name=target)).fetchall()
    frame = table.frame  # rows without a region code are left out by the INSERT, not copied
    measures = stored_measures(table, wanted)
    if not measures or not frame["region_code"].notna().any():
        return 0
    if table.dimensions:
        parts = ", ".join(f"'{d}=' || coalesce(CAST({_quote(d)} AS VARCHAR), '')"
                          for d in table.dimensions)
        dims = f"concat_ws('|', {parts})"
    else:
        dims = "''"
    casts = ", ".join(f"TRY_CAST({_quote(m)} AS DOUBLE) AS {_quote(m)}" for m in measures)
    # a StatusCijfer dimension (Voorlopig/Definitief) states the status of its figures
    status_dim = next((d for d in table.dimensions if d.lower() == "statuscijfer"), None)
    row_status = (f"lower(trim(CAST({_quote(status_dim)} AS VARCHAR)))"
                  if status_dim else "NULL")
    on = ", ".join(_quote(m) for m in measures)
    # v4: why a cell is missing (impossible, confidential, not available), per measure
    cell = [table.cell_status.get(m) for m in measures]
    if any(cell):
        cases = " ".join(f"WHEN {_literal(m)} THEN CAST({_quote(c)} AS VARCHAR)"
                         for m, c in zip(measures, cell, strict=True) if c)
        missing = f"coalesce(CASE u.measure {cases} END, 'missing')"
        carry = ", " + ", ".join(_quote(c) for c in cell if c)
    else:
        missing, carry = "'missing'", ""
    con.register("_wide", frame)
    try:
        inserted = con.execute(  # an INSERT returns the number of rows it inserted
            f"""
            INSERT INTO {target}
            SELECT ?, u.measure, u.dims, u.region_code, u.region_label, u.period,
                   p.year, p.period_type, p.period_part, u.value,
                   CASE WHEN u.value IS NULL THEN {missing}
                        ELSE coalesce(u.row_status, p.status) END, ?
            FROM (
                SELECT CAST(region_code AS VARCHAR) AS region_code,
                       CAST(region_label AS VARCHAR) AS region_label,
                       CAST(period AS VARCHAR) AS period, {dims} AS dims,
                       {row_status} AS row_status, {casts}{carry}
                FROM _wide WHERE region_code IS NOT NULL
            ) w UNPIVOT INCLUDE NULLS (value FOR measure IN ({on})) u
            LEFT JOIN (SELECT unnest(?::VARCHAR[]) AS period, unnest(?::BIGINT[]) AS year,
                              unnest(?::VARCHAR[]) AS period_type,
                              unnest(?::BIGINT[]) AS period_part, unnest(?::VARCHAR[]) AS status
            ) p ON p.period = u.period
            """,
            [table.source.table_id, table.source.origin, *_periods(table, frame["period"])],
        ).fetchall()
        return int(inserted[0][0])
    finally:  # after a failed write in a transaction, unregistering fails too: keep the cause
        with contextlib.suppress(duckdb.Error):
            con.unregister("_wide")


def to_observations(table: WideTable) -> pd.DataFrame:
    """The long observations of one table as a DataFrame (see :func:`insert_observations`)."""
    with duckdb.connect() as con:
        insert_observations(con, table, "obs")
        return con.execute("SELECT * FROM obs").df()[OBSERVATION_COLUMNS]

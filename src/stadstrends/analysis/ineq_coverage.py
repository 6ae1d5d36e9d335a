"""Which municipalities the neighbourhood tables cover, and which one is cut.

The snapshot's neighbourhood tables stop at the OData row limit: municipalities come in
CBS (alphabetical) order, each followed by its wijken and buurten, so the last municipality
in the file is incomplete and the ones after it are absent. Ingest records that municipality
(``sources.cut_after``); this module reads the record, not ingest's code or its notes.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from stadstrends.analysis.ineq_specs import BOUNDARY_YEAR, SOURCE_TITLE
from stadstrends.cbs_order import sort_key


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchall()[0][0])


def cut_after(con: duckdb.DuckDBPyConnection, table: str) -> str | None:
    """The label of the municipality at which ingest recorded the table's region list as
    cut at the row limit (``sources.cut_after``), or None."""
    if not _has_table(con, "sources"):
        return None
    row = con.execute("SELECT cut_after FROM sources WHERE table_id = ?", [table]).fetchall()
    return row[0][0] if row else None


def is_cut(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """True when ingest recorded the table as cut inside its region list (so its last
    municipality is incomplete)."""
    return cut_after(con, table) is not None


def present_municipalities(con: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    """GM code, label and wijk/buurt counts of every municipality in a neighbourhood table."""
    return con.execute("""
        WITH u AS (
            SELECT DISTINCT region_code, region_label FROM raw_observations
            WHERE table_id = ? AND substr(region_code, 1, 2) IN ('GM', 'WK', 'BU'))
        SELECT 'GM' || substr(region_code, 3, 4) AS gm,
               max(region_label) FILTER (WHERE region_code LIKE 'GM%') AS label,
               count(*) FILTER (WHERE region_code LIKE 'WK%') AS n_wijken,
               count(*) FILTER (WHERE region_code LIKE 'BU%') AS n_buurten
        FROM u GROUP BY 1 ORDER BY 1""", [table]).df()


def last_municipality(con: duckdb.DuckDBPyConnection, table: str) -> str | None:
    """GM code of the cut (last) municipality of a table, or None when it is complete: the
    municipality ingest recorded (``sources.cut_after``) when one municipality of the table
    has that name; otherwise the municipality whose name sorts last."""
    label = cut_after(con, table)
    if label is None:
        return None
    present = present_municipalities(con, table).dropna(subset=["label"])
    named = present.loc[present["label"] == label, "gm"]
    if len(named) == 1:
        return named.iloc[0]
    if present.empty:
        return None
    return present.loc[present["label"].map(sort_key).idxmax(), "gm"]


def boundary_flags(con: duckdb.DuckDBPyConnection, table: str, gms: list[str]) -> dict[str, str]:
    """Per municipality a note when its code is not current or its territory changed after
    the table's boundary date (e.g. Weesp merged into Amsterdam in 2022)."""
    flags: dict[str, list[str]] = {}
    current = {r[0] for r in con.execute(
        "SELECT region_code FROM regions WHERE level = 'gemeente' AND valid_to IS NULL"
    ).fetchall()}
    for gm in gms:
        if gm not in current:
            flags.setdefault(gm, []).append(f"code {gm} is not a current municipality")
    if _has_table(con, "region_history"):
        cutoff = f"{BOUNDARY_YEAR[table]}-01-01"
        merged = con.execute("""
            SELECT successor, name, valid_to FROM region_history
            WHERE valid_to > ?::DATE AND successor IS NOT NULL ORDER BY valid_to""",
            [cutoff]).fetchall()
        for successor, name, valid_to in merged:
            if successor in gms:
                flags.setdefault(successor, []).append(
                    f"boundaries of {BOUNDARY_YEAR[table]}: excludes {name} (merged {valid_to})")
    return {gm: "; ".join(notes) for gm, notes in flags.items()}


def coverage_frame(con: duckdb.DuckDBPyConnection, tables: list[str],
                   last: dict[str, str | None], measured: pd.DataFrame,
                   sets: tuple[str, ...]) -> pd.DataFrame:
    """One row per city of ``sets`` and neighbourhood table: are there data, and why not
    (``reason``: a code, words in the language files; ``reason_detail``: its parameter):
    ``table_without_municipalities`` (the copy of the table holds none: the synthetic
    warehouse's, or a file read empty; the table's id), ``cut_last_in_file``,
    ``not_in_partial_extract`` (after the municipality the copy stops at, its name),
    ``absent_within_range`` (between the first and the last municipality it holds, their
    names), ``not_in_copy`` (outside them, the table's id). Before, a table without
    municipalities gave every city 'absent within range' "('None'..'')"."""
    cities = con.execute("""
        SELECT s.set_id AS region_set, s.region_code, coalesce(r.name, s.region_code) AS name
        FROM region_sets s LEFT JOIN regions r USING (region_code)
        WHERE list_contains($sets, s.set_id) ORDER BY s.set_id DESC, name""",
        {"sets": list(sets)}).df()
    rows = []
    for table in tables:
        present = present_municipalities(con, table).set_index("gm")
        labels = present["label"].dropna()
        first = labels.loc[labels.map(sort_key).idxmin()] if len(labels) else None
        cut = last.get(table)
        cut_label = labels.get(cut, cut) if cut else None
        end = cut_label or (labels.loc[labels.map(sort_key).idxmax()] if len(labels) else None)
        flags = boundary_flags(con, table, list(present.index))
        for city in cities.itertuples(index=False):
            n_wk = int(present["n_wijken"].get(city.region_code, 0))
            n_bu = int(present["n_buurten"].get(city.region_code, 0))
            n_meas = measured.get((city.region_code, table), 0)
            if city.region_code == cut:
                reason, detail = "cut_last_in_file", None
            elif city.region_code in present.index:
                reason, detail = "present", f"{n_wk} wijken, {n_bu} buurten"
                if city.region_code in flags:
                    detail += f"; {flags[city.region_code]}"
            elif first is None:
                reason, detail = "table_without_municipalities", table
            elif cut_label and sort_key(city.name) > sort_key(cut_label):
                reason, detail = "not_in_partial_extract", cut_label
            elif sort_key(first) <= sort_key(city.name) <= sort_key(end):
                reason, detail = "absent_within_range", f"('{first}'..'{end}')"
            else:
                reason, detail = "not_in_copy", table
            rows.append({
                "region_code": city.region_code, "name": city.name,
                "region_set": city.region_set, "source_table": table,
                "source": SOURCE_TITLE[table],
                "has_data": city.region_code in present.index and city.region_code != cut,
                "n_wijken": n_wk, "n_buurten": n_bu, "n_measures": int(n_meas),
                "reason": reason, "reason_detail": detail,
            })
    return pd.DataFrame(rows)

"""Which municipalities the neighbourhood tables cover, and which one is cut.

The snapshot's neighbourhood tables stop at the OData row limit: municipalities come in
CBS (alphabetical) order, each followed by its wijken and buurten, so the last municipality
in the file is incomplete and the ones after it are absent.
"""

from __future__ import annotations

import re
import unicodedata

import duckdb
import pandas as pd

from stadstrends.analysis.ineq_specs import BOUNDARY_YEAR, SOURCE_TITLE
from stadstrends.ingest.truncation import ROW_LIMIT


def sort_key(label: str) -> str:
    """CBS sort key of a municipality name: no accents, case or leading "'s-"."""
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"^'s[- ]", "", text.strip().lower())


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchall()[0][0])


def is_cut(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """True when the table stops at the OData row limit (so its last municipality is cut)."""
    if _has_table(con, "sources"):
        row = con.execute(
            "SELECT completeness FROM sources WHERE table_id = ?", [table]).fetchall()
        if row and row[0][0]:
            return str(row[0][0]).startswith("cut")
    n = con.execute("""SELECT max(n) FROM (SELECT count(*) AS n FROM raw_observations
                       WHERE table_id = ? GROUP BY measure)""", [table]).fetchall()[0][0]
    return n == ROW_LIMIT


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
    """GM code of the cut (last) municipality of a table, or None when it is complete.

    Read from the ingest note ("regions up to '<label>'") when that label names units of one
    municipality; otherwise the municipality whose name sorts last."""
    if not is_cut(con, table):
        return None
    present = present_municipalities(con, table).dropna(subset=["label"])
    if _has_table(con, "sources"):
        note = con.execute(
            "SELECT completeness FROM sources WHERE table_id = ?", [table]).fetchall()
        match = re.search(r"regions up to '(.+?)'", str(note[0][0]) if note else "")
        if match:
            gms = con.execute("""
                SELECT DISTINCT 'GM' || substr(region_code, 3, 4) FROM raw_observations
                WHERE table_id = ? AND region_label = ?
                  AND substr(region_code, 1, 2) IN ('GM', 'WK', 'BU')""",
                [table, match.group(1)]).fetchall()
            if len(gms) == 1:
                return gms[0][0]
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
    (``reason``: a code, words in the language files; ``reason_detail``: its parameter)."""
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
            elif cut_label and sort_key(city.name) > sort_key(cut_label):
                reason, detail = "not_in_partial_extract", cut_label
            else:
                reason, detail = "absent_within_range", f"('{first}'..'{cut_label or ''}')"
            rows.append({
                "region_code": city.region_code, "name": city.name,
                "region_set": city.region_set, "source_table": table,
                "source": SOURCE_TITLE[table],
                "has_data": city.region_code in present.index and city.region_code != cut,
                "n_wijken": n_wk, "n_buurten": n_bu, "n_measures": int(n_meas),
                "reason": reason, "reason_detail": detail,
            })
    return pd.DataFrame(rows)

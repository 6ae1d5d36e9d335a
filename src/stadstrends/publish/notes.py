"""The notes of the figures: the one source of what every output says about a figure beside
its value (the downloads in CSV, XLSX and Parquet, the API's /series and /values, the
ranking's CSV and rows, the map's values, `show`).

:func:`cell_notes` reads them in one query per indicator, of every region or of a few
(`show`: one municipality) or one year (the ranking, the map): a figure Stadstrends
recalculated for today's boundaries (``recalculated``, marked 'omgerekend'), one divided
from CBS's rounded count (``recomputed``), the members an aggregate leaves out
(``left_out``), a figure on a count CBS rounded to 0 (``rounded_zero``), one computed from a
count CBS rounds coarsely (``rounded_count``, the rule of
:func:`~stadstrends.publish.rounding.coarse_cells`), a share CBS computed from few cases
(``small_base``) and a small municipality's sample figure (``survey_estimate``).

Light on purpose: `show` loads it without the duckdb package's Python layer or pandas
(``tests/test_cli.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadstrends.publish.relations import relations

if TYPE_CHECKING:  # annotations only: `show` runs without the duckdb package's Python layer
    import duckdb

#: the names of :func:`cell_notes`' values, as the API's series rows carry them
NOTES = ("recalculated", "recomputed", "left_out", "rounded_zero", "rounded_count", "small_base",
         "survey_estimate")
#: a cell without any of them
NO_NOTES = (False, False, [], False, False, False, False)
#: the ``small_bases`` rows whose words give a count ('berekend uit ongeveer 55 ...'): the
#: 'small_base' note of the downloads, the API, the map's values and `show`
SMALL_BASE_COUNTED = "base_count > 0 AND base_unit IS NOT NULL"

#: per note read from a table of cells (region_code, indicator_id, year): the table and which
#: of its rows are noted (``left_out``: a row per aggregate with its ``members``)
TABLE_NOTES: dict[str, tuple[str, str]] = {
    "recalculated": ("harmonised_cells", "TRUE"),
    "recomputed": ("recomputed_cells", "TRUE"),
    "left_out": ("region_left_out", "len(members) > 0"),
    "rounded_zero": ("rounded_zero_cells", "TRUE"),
    "small_base": ("small_bases", SMALL_BASE_COUNTED),
    "survey_estimate": ("survey_estimates", "TRUE")}

Notes = tuple[bool, bool, list[str], bool, bool, bool, bool]


def cell_notes(con: duckdb.DuckDBPyConnection, indicator_id: str,
               codes: list[str] | None = None, year: int | None = None
               ) -> dict[tuple[str, int], Notes]:
    """(region_code, year) -> (recalculated, recomputed, left_out, rounded_zero,
    rounded_count, small_base, survey_estimate) of one indicator (:data:`NOTES`), for the
    cells with any; of the regions ``codes`` and the ``year`` only where given (`show`: one
    municipality; the ranking and the map: one year). ``recalculated``, ``recomputed`` and
    ``rounded_zero`` are :data:`~stadstrends.publish.harmonised.MARKS` (Stadstrends'
    estimate for today's boundaries; divided from CBS's rounded count; on a count CBS
    rounded to 0), ``left_out`` the member codes an aggregate (COROP region, province,
    Nederland) leaves out (``region_left_out``: NL01's social housing share of 2017 without
    GM0060, GM0093, GM0339, ...), ``rounded_count`` a figure computed from a count CBS
    rounds coarsely, 'berekend uit afgerond aantal' in the report and on the tiles
    (:func:`~stadstrends.publish.rounding.coarse_cells`, their rule), ``small_base`` a share
    CBS computed from few cases (``small_bases``: the report's 'berekend uit ongeveer 55
    geregistreerde misdrijven') and ``survey_estimate`` a small municipality's sample figure
    (``survey_estimates``: 'steekproefcijfer, voor kleine gemeenten onnauwkeurig'), so that
    every data output keeps what the pages say. A table a warehouse was built without gives
    none of its note."""
    from stadstrends.publish.rounding import coarse_cells

    have = relations(con)
    where = "indicator_id = $ind" + ("" if codes is None else
                                     " AND list_contains($codes, region_code)") + (
        "" if year is None else " AND year = $year")
    params: dict = {"ind": indicator_id}
    if codes is not None:
        params["codes"] = list(codes)
    if year is not None:
        params["year"] = int(year)
    parts = [f"SELECT region_code, year, {i} AS note, "
             f"{'members' if note == 'left_out' else 'NULL::VARCHAR[]'} AS members "
             f"FROM {table} WHERE {where} AND {rule}"
             for i, (note, (table, rule)) in enumerate(TABLE_NOTES.items()) if table in have]
    found: dict[tuple[str, int], list] = {}
    if parts and (codes is None or codes):
        for code, y, i, members in con.execute(" UNION ALL ".join(parts), params).fetchall():
            notes = found.setdefault((code, int(y)), list(NO_NOTES))
            notes[NOTES.index(tuple(TABLE_NOTES)[i])] = sorted(members) if members else True
    coarse = coarse_cells(con, indicator_id, codes) if codes is None or codes else set()
    for code, y in coarse:
        if year is None or y == int(year):
            found.setdefault((code, y), list(NO_NOTES))[NOTES.index("rounded_count")] = True
    return {k: tuple(v) for k, v in found.items()}  # type: ignore[misc]


def noted(notes: dict[tuple[str, int], Notes], note: str) -> set[tuple[str, int]]:
    """The cells of ``notes`` (:func:`cell_notes`) with ``note`` (one of :data:`NOTES`)."""
    i = NOTES.index(note)
    return {k for k, v in notes.items() if v[i]}

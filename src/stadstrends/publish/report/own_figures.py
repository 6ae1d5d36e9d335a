"""A municipality's own figures as its report knows them, from one read of its
``indicator_values`` rows (~800-1 100 a municipality): which years each indicator covers,
which are provisional, from which CBS table(s), which Stadstrends recalculated for today's
boundaries.

Three reads of the same rows before (the view ``coverage``, the rows themselves and
:func:`stadstrends.publish.harmonised.marked_years`): ~18 ms of a report's ~350 ms CPU.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from stadstrends.publish.harmonised import mark_cells
from stadstrends.publish.read import records


@dataclass
class OwnFigures:
    """What :func:`own_figures` reads; every dict is keyed by indicator_id."""

    # first_year, last_year, n_years, years (ascending): the view ``coverage``'s row
    coverage: dict[str, dict] = field(default_factory=dict)
    provisional: dict[str, set[int]] = field(default_factory=dict)  # the provisional years
    tables: dict[str, dict[int, str]] = field(default_factory=dict)  # year -> '85383NED'
    harmonised: dict[str, set[int]] = field(default_factory=dict)  # recalculated years


def own_figures(con: duckdb.DuckDBPyConnection, code: str) -> OwnFigures:
    """Municipality ``code``'s figures (:class:`OwnFigures`): ``coverage`` as the view
    ``coverage`` has it (its indicators by id), ``provisional`` and ``tables`` as
    ``indicator_values`` says (``figure_tables``: the figure's own measure's, not its
    denominator's), ``harmonised`` as
    :func:`~stadstrends.publish.harmonised.marked_years` ``harmonised``."""
    rows = records(con, """
        SELECT indicator_id, region_code, year, provisional, figure_tables
        FROM indicator_values WHERE region_code = ? ORDER BY indicator_id, year""", [code])
    mark_cells(con, rows, ("harmonised",))
    out = OwnFigures()
    years: dict[str, list[int]] = {}
    for r in rows:
        ind, year = r["indicator_id"], int(r["year"])
        years.setdefault(ind, []).append(year)
        if r["provisional"]:
            out.provisional.setdefault(ind, set()).add(year)
        if r["figure_tables"]:
            out.tables.setdefault(ind, {})[year] = str(r["figure_tables"])
        if r["harmonised"]:
            out.harmonised.setdefault(ind, set()).add(year)
    out.coverage = {ind: {"indicator_id": ind, "first_year": ys[0], "last_year": ys[-1],
                          "n_years": len(ys), "years": ys} for ind, ys in years.items()}
    return out

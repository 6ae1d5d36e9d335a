"""A change between two CBS tables says so: the catalogue may declare several tables one
comparable series (``continuous_sources``), so a trend's first and last figure can come from
different tables (Vlieland's share of 75-plussers: 2017 from the Gemeentefonds table
60039fvw, 2024 from 85383NED). The sentence names both instead of implying one table."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stadstrends.publish.sentences import Writer


def two_tables(w: Writer, f: dict, y0: int, y1: int, delta: str) -> str:
    """``delta`` (' (+2,5 procentpunt)' or '') with the CBS tables of ``y0`` and ``y1``
    (``f['tables']``: year -> table id of the city's figure) when they differ: ' (+2,5
    procentpunt; 2017 uit CBS-tabel 60039fvw, 2024 uit 85383NED)'; unchanged when one
    table gave both or a year's table is unknown."""
    t0, t1 = ((f.get("tables") or {}).get(int(y)) for y in (y0, y1))
    if not t0 or not t1 or t0 == t1:
        return delta
    said = w.t("tables_switch", y0=str(int(y0)), t0=t0, y1=str(int(y1)), t1=t1)
    return f"{delta[:-1]}; {said})" if delta.endswith(")") else f" ({said})"

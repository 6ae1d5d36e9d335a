"""A change between two CBS tables says so: the catalogue may declare several tables one
comparable series (``continuous_sources``), so a trend's first and last figure can come from
different tables (Vlieland's share of 75-plussers: 2017 from the Gemeentefonds table
60039fvw, 2024 from 85383NED). The sentence names both instead of implying one table."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stadstrends.publish.sentences import Writer


def _parts(tables: str | None) -> list[str]:
    """The tables of one stored field: a ratio's numerator and denominator tables
    ('37259eng, 83648NED': crimes from 37259eng per inhabitant from 83648NED)."""
    return [p.strip() for p in (tables or "").split(",") if p.strip()]


def switched(t0: str | None, t1: str | None) -> tuple[list[str], list[str]]:
    """The parts of the year's tables that differ, compared per part: ('37259eng,
    83648NED', '03759ned, 83648NED') -> (['37259eng'], ['03759ned']); the denominator table
    both years share is no switch. Empty lists when a year's tables are unknown."""
    p0, p1 = _parts(t0), _parts(t1)
    if not p0 or not p1:
        return [], []
    low0, low1 = {p.lower() for p in p0}, {p.lower() for p in p1}
    return [p for p in p0 if p.lower() not in low1], [p for p in p1 if p.lower() not in low0]


def two_tables(w: Writer, f: dict, y0: int, y1: int, delta: str) -> str:
    """``delta`` (' (+2,5 procentpunt)' or '') with the CBS tables of ``y0`` and ``y1``
    (``f['tables']``: year -> table id(s) of the city's figure) when they differ: ' (+2,5
    procentpunt; 2017 uit CBS-tabel 60039fvw, 2024 uit 85383NED)'; a ratio names only the
    part that switched (the crime table, not the shared population table); unchanged when
    the same tables gave both or a year's tables are unknown."""
    a, b = switched(*((f.get("tables") or {}).get(int(y)) for y in (y0, y1)))
    if not a or not b:
        return delta
    said = w.t("tables_switch", y0=str(int(y0)), t0=", ".join(a), y1=str(int(y1)),
               t1=", ".join(b))
    return f"{delta[:-1]}; {said})" if delta.endswith(")") else f" ({said})"

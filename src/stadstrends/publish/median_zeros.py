"""A comparison group's median, p25 or p75 of 0 on its middle members' counts CBS rounded to 0
(``benchmark_zeros``, :mod:`stadstrends.analysis.benchmark_zeros`), marked wherever it is
printed, as the city's own figure on such a count and an ommeland of 0 are
(:mod:`.ommeland_zeros`, the same words): the report's position clause ('(1 = hoogste;
mediaan 0,0, berekend uit een op 0 afgerond aantal)', Westland in Delft en Westland), its
panel table's p25, median and p75 cells and the tooltip of the chart's median line, the city
page's tile ('mediaan 0,0 per 1 000 woningen (berekend uit op 0 afgeronde aantallen)'), the
indicator page's city-set line, the profile's Positie cell, its group-deviation bullet and
Kies richting's Waarom ('(mediaan 0,0, berekend uit ...)') and its JSON and the API
(``median_zeros``). The snapshot: 323 of the 328 positions beside a median of 0, all of the
demolitions and the net growth of dwellings; a median of 0 on figures CBS does not round
(IJmond's net international migration of 2017) is no such figure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadstrends.publish.ommeland_zeros import zero_mark, zero_words
from stadstrends.publish.relations import relations

if TYPE_CHECKING:
    import duckdb

__all__ = ["FIELDS", "mark_quantiles", "median_zeros", "with_zero", "zero_count", "zero_mark",
           "zero_words"]

#: the quantiles and their columns in ``benchmark_zeros``
FIELDS = {"median": "median_zeros", "p25": "p25_zeros", "p75": "p75_zeros"}


def median_zeros(con: duckdb.DuckDBPyConnection, code: str, set_id: str
                 ) -> dict[str, dict[int, dict[str, int]]]:
    """indicator_id -> year -> {'median_zeros': n, 'p25_zeros': n, 'p75_zeros': n} (those
    set) of municipality ``code``'s position in group ``set_id``: how many members' counts
    CBS rounded to 0 behind a quantile of 0; empty for a warehouse without the table."""
    if "benchmark_zeros" not in relations(con):
        return {}
    out: dict[str, dict[int, dict[str, int]]] = {}
    for ind, year, *ns in con.execute(
            "SELECT indicator_id, year, median_zeros, p25_zeros, p75_zeros FROM benchmark_zeros "
            "WHERE region_code = ? AND set_id = ?", [code, set_id]).fetchall():
        out.setdefault(ind, {})[int(year)] = {
            k: int(n) for k, n in zip(FIELDS.values(), ns, strict=True) if n}
    return out


def zero_count(zeros: dict[str, dict[int, dict[str, int]]], indicator_id: str,
               year: int | None, field: str = "median_zeros") -> int | None:
    """How many members' counts CBS rounded to 0 behind one indicator's and year's quantile
    ``field`` (``median_zeros``, ``p25_zeros``, ``p75_zeros``) of :func:`median_zeros`;
    None for none."""
    if year is None:
        return None
    return ((zeros.get(indicator_id) or {}).get(int(year)) or {}).get(field)


def mark_quantiles(zeros: dict[str, dict[int, dict[str, int]]], rows: list[dict],
                   year: str = "year") -> list[dict]:
    """``rows`` (with ``indicator_id`` and ``year``), each given ``median_zeros``,
    ``p25_zeros`` and ``p75_zeros`` of :func:`median_zeros` (None for none); returned."""
    for r in rows:
        got = ((zeros.get(r["indicator_id"]) or {}).get(
            None if r.get(year) is None else int(r[year])) or {})
        r.update({k: got.get(k) for k in FIELDS.values()})
    return rows


def with_zero(shown: str, n: int | None, lang: str) -> str:
    """A median printed inside a bracket with its mark after a comma: '0,0, berekend uit een
    op 0 afgerond aantal' (the report's position clause, the profile's cell); bare for None."""
    words = zero_words(n, lang)
    return f"{shown}, {words}" if words and shown != "–" else shown

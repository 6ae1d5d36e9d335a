"""An ommeland figure of 0 on its members' counts CBS all rounded to 0 (``ommeland_zeros`` of
``ommeland`` and ``region_gaps``, :mod:`stadstrends.analysis.ommeland`), marked wherever it
is printed as a city's own figure on a count rounded to 0 is (``rounded_zero_short``): the
report's sentence ('hoger dan het ommeland (0,0; berekend uit een op 0 afgerond aantal)'),
the city page's tile and tweedeling table, the profile, the sentence of a gap without a
trend ('het cijfer van het ommeland is nul in 2023 (berekend uit op 0 afgeronde aantallen)',
:mod:`stadstrends.publish.gap_missing`). Zaanstad's demolitions per 1 000
dwellings of 2018, 2019 and 2023: its ommeland is Wormerland alone, 0 in 86054NED, rounded
to fives (0 to 2 dwellings, 0,0 to 0,3 per 1 000); Zandvoort's of 2023 sum three such
counts: 'berekend uit op 0 afgeronde aantallen'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadstrends.publish.relations import columns
from stadstrends.publish.sentence_words import WORDS

if TYPE_CHECKING:
    import duckdb

__all__ = ["ommeland_zeros", "zero_mark", "zero_words"]


def ommeland_zeros(con: duckdb.DuckDBPyConnection, code: str) -> dict[str, dict[int, int]]:
    """indicator_id -> year -> how many members' counts CBS rounded to 0 behind municipality
    ``code``'s ommeland of 0; empty for a warehouse without the column (before schema 69)."""
    if "ommeland_zeros" not in columns(con, "ommeland"):
        return {}
    out: dict[str, dict[int, int]] = {}
    for ind, year, n in con.execute(
            "SELECT indicator_id, year, ommeland_zeros FROM ommeland "
            "WHERE region_code = ? AND ommeland_zeros IS NOT NULL", [code]).fetchall():
        out.setdefault(ind, {})[int(year)] = int(n)
    return out


def zero_words(n: int | None, lang: str) -> str:
    """'berekend uit een op 0 afgerond aantal' (one member's count), 'berekend uit op 0
    afgeronde aantallen' (several); '' for None or 0 (no such ommeland)."""
    if not n:
        return ""
    return WORDS[lang]["rounded_zero_short" if n == 1 else "rounded_zeros_short"]


def zero_mark(shown: str, n: int | None, lang: str) -> str:
    """An ommeland figure as printed with its mark in brackets: '0,0 (berekend uit een op 0
    afgerond aantal)'; bare where ``n`` is None, and '–' stays."""
    words = zero_words(n, lang)
    return f"{shown} ({words})" if words and shown != "–" else shown

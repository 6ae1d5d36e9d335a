"""The member that carries most of an ommeland's figure (``ommeland.ommeland_dominant``,
:mod:`stadstrends.analysis.ommeland_dominant`), named wherever the ommeland's figure is
compared: the report's sentence ('lager dan het ommeland (165,0, vooral bepaald door
Westerwolde)'), the city page's tile and tweedeling table, the API's profile texts and its
rows (``ommeland_dominant``: the member's code, ``ommeland_dominant_share``: 0-1).
Oldambt's net international migration of 2023: Westerwolde (Ter Apel) carries 98% of its
ommeland's balance; Westerkwartier's gas delivered to companies: Het Hogeland 87%."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadstrends import vocabulary
from stadstrends.publish.relations import columns

if TYPE_CHECKING:
    import duckdb

__all__ = ["DOMINANT_SQL", "dominant_words", "marked_ommeland", "ommeland_dominant"]

#: municipality $1's dominant members with their latest names
DOMINANT_SQL = """
SELECT o.indicator_id, o.year, o.ommeland_dominant, o.ommeland_dominant_share,
       (SELECT any_value(r.name ORDER BY r.valid_from DESC) FROM regions r
        WHERE r.region_code = o.ommeland_dominant) AS name
FROM ommeland o WHERE o.region_code = ? AND o.ommeland_dominant IS NOT NULL
"""

#: one member's dominance: (code, name, share 0-1)
Dominant = tuple[str, str, float]


def ommeland_dominant(con: duckdb.DuckDBPyConnection, code: str
                      ) -> dict[str, dict[int, Dominant]]:
    """indicator_id -> year -> (member code, its latest name, its share 0-1 of the ommeland's
    numerator) for municipality ``code``; empty for a warehouse without the column (before
    schema 74)."""
    if "ommeland_dominant" not in columns(con, "ommeland"):
        return {}
    out: dict[str, dict[int, Dominant]] = {}
    for ind, year, member, share, name in con.execute(DOMINANT_SQL, [code]).fetchall():
        out.setdefault(ind, {})[int(year)] = (member, name or member, float(share))
    return out


def dominant_words(found: Dominant | None, lang: str) -> str:
    """'vooral bepaald door Westerwolde'; 'geheel bepaald door Wormerland' where the member
    carries all of it (an ommeland of one municipality); '' for None."""
    if not found:
        return ""
    _code, name, share = found
    key = "ommeland_all_of" if share >= 1.0 - 1e-9 else "ommeland_mostly_of"
    return vocabulary.word(lang, "words", key, name=name)


def marked_ommeland(shown: str, rough: bool | None, found: Dominant | None, lang: str) -> str:
    """An ommeland figure as the profile's sentences print it: 'ongeveer 7%' where it is
    ``rough`` (derived from CBS's rounded COROP figure), then ', vooral bepaald door
    Westerwolde' (:func:`dominant_words`); '–' stays bare."""
    if shown == "–":
        return shown
    shown = vocabulary.word(lang, "words", "about", value=shown) if rough else shown
    return ", ".join(filter(None, [shown, dominant_words(found, lang)]))

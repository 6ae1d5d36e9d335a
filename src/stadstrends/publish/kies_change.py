"""The change a Kies richting line gives after its verdict (the city page's Waarom, the
profile's Kies line: :func:`~stadstrends.publish.sentence_signals.kies_parts`): 'geen
significante trend sinds 2017 (−1,0 per 1 000 inwoners)', said once and not from a first
year far off the trend's line.

- Where the trend's first year lies far off its Theil–Sen line
  (:func:`~stadstrends.publish.trend_line.outlier_end`, read per city by
  :func:`~stadstrends.publish.trend_line.city_lines`), the line's slope, as the report's
  trend sentence and the tile give it: Heerlen's net growth of its dwelling stock, 8,6 per
  1 000 in 2016 (far above the line) and 4,8 in 2023, read 'geen significante trend sinds
  2016 (−3,8 per 1 000 woningen)' where the line rises 0,1 a year; now '(2016 ligt ver
  boven de trendlijn; langs die lijn gemiddeld +0,1 per 1 000 woningen per jaar)'.
- Where the figures moved against the label without a significant trend
  (:func:`~stadstrends.publish.sentence_verdicts.against`), no bracket: the line gives
  the two figures after the verdict ('geen significante trend; van 33,7 per 1 000 inwoners
  (omgerekend) in 2017 naar 32,7 per 1 000 inwoners (voorlopig) in 2024',
  :func:`~stadstrends.publish.sentence_verdicts.against_words`), which said the change
  twice: '... sinds 2017 (−1,0 per 1 000 inwoners); van 33,7 ... in 2017 naar 32,7 ...'.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from stadstrends import vocabulary
from stadstrends.publish.format import round_half_away
from stadstrends.publish.read import records
from stadstrends.publish.sentence_verdicts import against
from stadstrends.publish.trend_line import city_lines, line_places, off_words

if TYPE_CHECKING:
    import duckdb

#: a municipality's trends (``?``: its code) as its Kies richting lines read them
KIES_TRENDS_SQL = """
SELECT t.indicator_id, t.first_year, t.first_value, t.last_year, t.last_value,
       t.classification, t.indicative, i.caveats_en, i.signed, c.mean_count
FROM trends t JOIN indicators i USING (indicator_id)
LEFT JOIN trend_counts c USING (indicator_id, region_code) WHERE t.region_code = ?
"""


def kies_trends(con: duckdb.DuckDBPyConnection, code: str,
                min_distinct: int) -> dict[str, dict[str, Any]]:
    """indicator_id -> municipality ``code``'s ``trends`` row for its Kies richting lines:
    the window and figures (``first_year``, ``first_value``, ``last_year``, ``last_value``,
    ``classification``, ``indicative``), the catalogue's ``caveats_en`` (the weather) and
    ``signed``, ``trend_counts.mean_count`` (small counts) and ``line``: its
    :func:`~stadstrends.publish.trend_line.city_lines` entry where its first year lies far
    off the Theil–Sen line, else None (``min_distinct``: the build's
    ``min_distinct_values``)."""
    lines = city_lines(con, code, min_distinct)
    return {r["indicator_id"]: {**r, "line": lines.get(r["indicator_id"])}
            for r in records(con, KIES_TRENDS_SQL, [code])}


def since_change(k: Mapping[str, Any], change: str, digits: int | None,
                 lang: str) -> str | None:
    """The bracket after 'sinds {year}' of a tested Kies richting row ``k`` (its
    ``first_year``, ``label``, ``direction``, ``unit``, ``decimals`` and ``trend_row``: the
    ``trends`` row, with ``line``, its :func:`~stadstrends.publish.trend_line.city_lines`
    entry or None): ``change`` (the printed change from the first figure) as it is; the
    line's words where the first year lies far off the line; None where the line gives
    the two figures after it (see the module). ``digits``: the figures' decimals."""
    from stadstrends.publish.sentence_signals import difference_text  # it imports this

    t = k.get("trend_row") or {}
    line = t.get("line")
    if line and line["first_year"] == k.get("first_year"):  # an outlier start: the line
        off, places = off_words(lang, line["off"]), line_places(line, digits)
        if round_half_away(line["slope"], places) == 0:
            return vocabulary.word(lang, "sentences", "line_flat", off=off)
        return vocabulary.word(lang, "sentences", "line_change", off=off,
                               slope=difference_text(line["slope"], k.get("unit"),
                                                     lang=lang, digits=places))
    decimals = k.get("decimals")
    decimals = None if decimals is None or decimals != decimals else int(decimals)
    if against(t or None, k.get("label"), k.get("direction"), k.get("unit") or "", decimals):
        return None  # against_words gives the figures: the change once
    return change

"""Why ``/api/v1/series`` has no value in a year: the reasons the indicators stage stores in
``indicator_gaps`` (every year of a region's span without a figure has one), worded by the
report's :func:`~stadstrends.publish.report.gap_words.gap_reason`, as the city page's tiles
and the command line's ``show`` say them. Land van Cuijk's feelings of unsafety answered 200 with
``"series": []`` and no word why; its share of 85-plussers stopped after 2017 silently. A
gap: ``region_code``, ``years`` (ascending), ``reason`` and ``reason_detail`` (the codes of
``indicator_results``, ``/api/v1/labels?kind=reason``) and ``text`` in the asked language
('de bron geeft geen waarde voor Boxmeer, Grave, ...')."""

from __future__ import annotations

from typing import Any

from stadstrends.publish.report.gap_words import gap_reason
from stadstrends.publish.web import tile_gaps
from stadstrends.publish.web.state import WebWarehouse

#: at most this many (indicator, region, language) answers kept per server worker
KEPT = 1024

GAPS_SQL = """
SELECT reason, reason_detail, list(year ORDER BY year) AS years FROM indicator_gaps
WHERE indicator_id = $1 AND region_code = $2
GROUP BY ALL ORDER BY min(year), reason, reason_detail NULLS LAST"""


def _key(indicator_id: str, code: str, lang: str) -> tuple[str, str, str, str]:
    return ("series_gaps", indicator_id, code, lang)


def loaded(wh: WebWarehouse, indicator_id: str, codes: list[str], lang: str) -> bool:
    """Whether the gaps of every one of ``codes`` are kept (a series answered on the event
    loop then reads no table)."""
    return all(wh.memoized(_key(indicator_id, c, lang)) for c in codes)


def region_gaps(wh: WebWarehouse, indicator_id: str, code: str, lang: str
                ) -> list[dict[str, Any]]:
    """Every gap of ``code``'s series of ``indicator_id``, one per reason and detail in the
    order of their first year (kept per worker); [] for a warehouse without the table."""
    def make() -> list[dict[str, Any]]:
        if not wh.has("indicator_gaps"):
            return []
        rows = wh.rows(GAPS_SQL, [indicator_id, code])
        why = tile_gaps.context(wh, code, {indicator_id: rows})
        why.name = wh.name(code)  # a series of several regions names whose table it is
        return [{"region_code": code, "years": [int(y) for y in r["years"]],
                 "reason": r["reason"], "reason_detail": r["reason_detail"],
                 "text": gap_reason(why, r, lang)} for r in rows]

    return wh.memo(_key(indicator_id, code, lang), make, KEPT)


def series_gaps(wh: WebWarehouse, indicator_id: str, codes: list[str], lang: str,
                year_from: int | None = None, year_to: int | None = None
                ) -> list[dict[str, Any]]:
    """The gaps of ``codes`` (in that order) with their years inside ``from``/``to``; a gap
    without a year in the window is left out."""
    lo = year_from if year_from is not None else -10**9
    hi = year_to if year_to is not None else 10**9
    out = []
    for code in codes:
        for gap in region_gaps(wh, indicator_id, code, lang):
            years = [y for y in gap["years"] if lo <= y <= hi]
            if years:
                out.append({**gap, "years": years})
    return out

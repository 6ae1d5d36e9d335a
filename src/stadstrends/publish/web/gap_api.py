"""The API's tweedeling rows (``/api/v1/profile/{region}``'s ``tweedeling``): the city page's
rows (:func:`.data.city_gaps`) with the facts its marks say in words as codes
(:mod:`.gap_marks`): ``provisional`` (CBS marks the city's figure of the row's year
provisional: 'voorlopig'), ``stale`` (the year is before the build's first fresh year:
'verouderd'), ``latest_year`` (the city's latest figure) and, for a row older than that,
``older_reason`` with ``lacking`` and ``nobody``: why the ommeland has no later gap
(``member_missing``: a member of the COROP region has no figure, ``lacking`` its code -> its
years; ``city_missing``: the city itself; ``none_have_figures``: neither in ``nobody``'s
years). Zaanstad's Wmo clients: 2019, ``stale``, ``member_missing`` ``{"GM0880": [2020,
2021, 2022, 2023]}`` (Wormerland), the page's '2019, verouderd (geen cijfer van Wormerland
na 2019)'; its income of 2023 ``provisional``. ``ommeland_zeros``: an ommeland of 0 on its
members' counts CBS rounded to 0 (:mod:`stadstrends.publish.ommeland_zeros`).
``ommeland_dominant``, ``ommeland_dominant_share``: the member carrying more than the build's
``ommeland_dominant_share`` of the ommeland's figure, and its share 0-1 (the page's 'vooral
bepaald door Westerwolde', :mod:`stadstrends.publish.ommeland_dominant`); null otherwise."""

from __future__ import annotations

from typing import Any

from stadstrends.publish.ommeland_dominant import ommeland_dominant
from stadstrends.publish.read import fresh_from
from stadstrends.publish.sentence_words import stale
from stadstrends.publish.web import data, gap_marks
from stadstrends.publish.web.state import WebWarehouse

#: the city's latest year and provisional years per indicator, as its tiles read them
#: (:func:`.data.city_indicators`: figures with a value)
LATEST_SQL = """
SELECT indicator_id, max(year) AS latest_year,
       list(year ORDER BY year) FILTER (WHERE provisional) AS provisional
FROM indicator_values WHERE region_code = ? AND value IS NOT NULL GROUP BY indicator_id
"""


def older_reason(code: str, later: dict[str, Any] | None) -> str | None:
    """The code of why a row is older than the city's latest figure (see the module
    docstring); None for a row of the latest year."""
    if not later:
        return None
    lacking = later.get("lacking") or {}
    if any(m != code for m in lacking):
        return "member_missing"
    return "city_missing" if code in lacking else "none_have_figures"


def api_rows(wh: WebWarehouse, code: str) -> list[dict[str, Any]]:
    """The tweedeling rows of municipality ``code`` with their marks as codes."""
    gaps = data.city_gaps(wh, code)
    tiles = wh.rows(LATEST_SQL, [code])
    gap_marks.annotate(wh, code, gaps, tiles)  # provisional, fresh_from, latest_year, later
    fresh = fresh_from(wh.build_info)
    with wh.cursor() as cur:
        dominant = ommeland_dominant(cur, code)
    out = []
    for g in gaps:
        later = g.pop("later", None)
        year = int(g["year"])
        main = dominant.get(g["indicator_id"], {}).get(year)  # (code, name, share)
        out.append({**{k: v for k, v in g.items() if k != "fresh_from"},
                    "ommeland_dominant": main[0] if main else None,
                    "ommeland_dominant_share": round(main[2], 4) if main else None,
                    "provisional": year in (g.get("provisional") or ()),
                    "stale": stale({"fresh_from": fresh}, year),
                    "older_reason": older_reason(code, later),
                    "lacking": (later or {}).get("lacking") or {},
                    "nobody": (later or {}).get("nobody") or []})
    return out

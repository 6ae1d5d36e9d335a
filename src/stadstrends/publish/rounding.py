"""Where CBS's rounding of a count is large next to a municipality's own count.

``numerator_rounding`` (indicator stage) names the indicators whose numerator CBS rounds
(jobs in 83582NED and self-employed in 86043NED to hundreds, payment arrears in 81064ned
and bijstand in 80860ned/85383NED to tens, ...). Half a unit is the most a printed count can
be off; for a small municipality that can exceed the changes and differences the report
speaks of: Vlieland's jobs (83582NED: 600-800, rounded to 100, so +-50 or 6-8%) move its
jobs per 1 000 inhabitants between 527 and 669 in 2018-2022 by rounding alone. Such an
indicator's statement gets a caveat (the build setting ``coarse_share``, from ``build_info``).
"""

from __future__ import annotations

from typing import Any

import duckdb

from stadstrends.publish.read import build_settings

__all__ = ["coarse_change", "coarse_position", "coarse_rounding"]


COARSE_SQL = """
SELECT indicator_id, unit, year, count, $share AS limit_share,
       CASE WHEN count <> 0 THEN unit / 2 / abs(count) END AS share, spread FROM (
    SELECT n.indicator_id, n.unit, n.year, s.value AS count,
           n.unit / 2 * CASE WHEN c.method = 'ratio' THEN c.scale / d.value ELSE c.scale END
               AS spread
    FROM numerator_rounding n
    JOIN catalogue_indicators c USING (indicator_id)
    JOIN series_all s ON s.series_id = n.indicator_id || ':num' AND s.year = n.year
    LEFT JOIN series_all d ON d.series_id = c.denominator_series AND d.year = n.year
                          AND d.region_code = s.region_code
    WHERE s.region_code = $code AND s.value IS NOT NULL
    QUALIFY n.year = max(n.year) OVER (PARTITION BY n.indicator_id)
) WHERE unit / 2 > $share * abs(count)
"""


def coarse_rounding(con: duckdb.DuckDBPyConnection, code: str) -> dict[str, dict[str, Any]]:
    """indicator_id -> ``{unit, year, count, share, spread}`` for the indicators whose latest
    rounded count of municipality ``code`` is coarse (half the unit > ``coarse_share`` of
    it; a count of 0 always: Vlieland's net growth of its dwelling stock in 2023, 0 in
    86054NED, rounded to fives). ``share``: half the unit / the count (None for 0);
    ``limit_share``: that setting; ``spread``: half the unit in the indicator's own unit
    (per 1 000 dwellings: 2.5 / 640 x 1 000 = 3.9), None where a ratio's denominator is
    missing."""
    cur = con.execute(COARSE_SQL, {"code": code, "share": build_settings(con).coarse_share})
    cols = [d[0] for d in cur.description]
    return {r[0]: dict(zip(cols, r, strict=True)) for r in cur.fetchall()}


def coarse_change(f: dict[str, Any]) -> bool:
    """Whether the change of a sentence's fact ``f`` (its ``trend``) rests on a coarse count:
    its ``coarse`` rounding's year lies within the trend's years (80860ned's tens of
    1999-2009 say nothing about a trend of 2017-2024). A count of 0 only where half the unit
    (``spread``) is more than ``limit_share`` of the trend's larger end: Vlieland's net
    growth 0,0 -> 0,0 per 1 000 dwellings (+-3,9) is, Enschede's -6,5 -> 0,0 (+-0,03) not."""
    t, c = f.get("trend"), f.get("coarse")
    if not (t and c and t["first_year"] <= c["year"] <= t["last_year"]):
        return False
    if c.get("share") is None and c.get("spread") is not None:  # a count of 0
        ends = [abs(v) for v in (t.get("first_value"), t.get("last_value")) if v is not None]
        return c["spread"] > c["limit_share"] * max(ends, default=0.0)
    return True


def coarse_position(f: dict[str, Any]) -> bool:
    """Whether the position of ``f`` in its group (``bench`` of the rounded year) could move
    by rounding alone: the city's value, moved by the rounding's share of its count either
    way (``spread``), passes the group's p25, median or p75 (Vlieland's 542 jobs per 1 000
    inhabitants in 2023, +-7%: 503-581, passes the p75 of 532: 'in het hoogste kwart' is not
    sure; its net growth of 0 dwellings, +-3.9 per 1 000, passes the p25 of 1.7)."""
    b, c = f.get("bench"), f.get("coarse")
    if not (b and c) or b.get("year") != c["year"] or b.get("value") is None:
        return False
    d = c.get("spread")
    if d is None:  # no denominator: the count's own share of the value
        if c.get("share") is None:
            return True
        d = abs(b["value"]) * c["share"]
    lo, hi = b["value"] - d, b["value"] + d
    return any(b.get(k) is not None and lo <= b[k] <= hi for k in ("p25", "median", "p75"))

"""Where CBS's rounding of a count is large next to a municipality's own count.

``numerator_rounding`` (indicator stage) names the indicators whose numerator CBS rounds
(jobs in 83582NED and self-employed in 86043NED to hundreds, payment arrears in 81064ned
and bijstand in 80860ned/85383NED to tens, ...). Half a unit is the most a printed count can
be off; for a small municipality that can exceed the changes and differences the report
speaks of: Vlieland's jobs (83582NED: 600-800, rounded to 100, so +-50 or 6-8%) move its
jobs per 1 000 inhabitants between 527 and 669 in 2018-2022 by rounding alone. Such an
indicator's statement gets a caveat (:data:`COARSE_SHARE`).
"""

from __future__ import annotations

from typing import Any

import duckdb

#: A municipality's count is coarse when half CBS's rounding unit is more than this share of
#: its count in the latest rounded year (Vlieland's 700 jobs in 2023: 50 / 700 = 7%)
COARSE_SHARE = 0.05

COARSE_SQL = f"""
SELECT indicator_id, unit, year, count, unit / 2 / count AS share FROM (
    SELECT n.indicator_id, n.unit, n.year, s.value AS count
    FROM numerator_rounding n
    JOIN series_all s ON s.series_id = n.indicator_id || ':num' AND s.year = n.year
    WHERE s.region_code = ? AND s.value > 0
    QUALIFY n.year = max(n.year) OVER (PARTITION BY n.indicator_id)
) WHERE unit / 2 / count > {COARSE_SHARE}
"""


def coarse_rounding(con: duckdb.DuckDBPyConnection, code: str) -> dict[str, dict[str, Any]]:
    """indicator_id -> ``{unit, year, count, share}`` for the indicators whose latest rounded
    count of municipality ``code`` is coarse (half the unit > :data:`COARSE_SHARE` of it)."""
    cur = con.execute(COARSE_SQL, [code])
    cols = [d[0] for d in cur.description]
    return {r[0]: dict(zip(cols, r, strict=True)) for r in cur.fetchall()}


def coarse_change(f: dict[str, Any]) -> bool:
    """Whether the change of a sentence's fact ``f`` (its ``trend``) rests on a coarse count:
    its ``coarse`` rounding's year lies within the trend's years (80860ned's tens of
    1999-2009 say nothing about a trend of 2017-2024)."""
    t, c = f.get("trend"), f.get("coarse")
    return bool(t and c and t["first_year"] <= c["year"] <= t["last_year"])


def coarse_position(f: dict[str, Any]) -> bool:
    """Whether the position of ``f`` in its group (``bench`` of the rounded year) could move
    by rounding alone: the city's value, moved by the rounding's share of its count either
    way, passes the group's p25, median or p75 (Vlieland's 542 jobs per 1 000 inhabitants
    in 2023, +-7%: 503-581, passes the p75 of 532: 'in het hoogste kwart' is not sure)."""
    b, c = f.get("bench"), f.get("coarse")
    if not (b and c) or b.get("year") != c["year"] or b.get("value") is None:
        return False
    lo, hi = b["value"] * (1 - c["share"]), b["value"] * (1 + c["share"])
    lo, hi = min(lo, hi), max(lo, hi)
    return any(b.get(k) is not None and lo <= b[k] <= hi for k in ("p25", "median", "p75"))

"""Where CBS's rounding of a count is large next to a municipality's own count.

``numerator_rounding`` (indicator stage) names the indicators whose numerator CBS rounds
(jobs in 83582NED and self-employed in 86043NED to hundreds, payment arrears in 81064ned
and bijstand in 80860ned/85383NED to tens, ...). Half a unit is the most a printed count can
be off; for a small municipality that can exceed the changes and differences the report
speaks of: Vlieland's jobs (83582NED: 600-800, rounded to 100, so +-50 or 6-8%) move its
jobs per 1 000 inhabitants between 527 and 669 in 2018-2022 by rounding alone. Such an
indicator's statement gets a caveat. The rule (build setting ``coarse_share``) is the
analysis stage's, read from its tables ``coarse_counts`` and ``coarse_positions``
(:mod:`stadstrends.analysis.coarse`), as Kies richting and the signals read it; what stays
here is per figure: whether a change's years hold the rounded year (the trend is the
sentence's, :func:`coarse_change`) and whether the position printed is of a coarse year.
"""

from __future__ import annotations

from typing import Any

import duckdb

from stadstrends.publish.read import build_settings, records

__all__ = ["coarse_change", "coarse_places", "coarse_position", "coarse_rounding"]


def coarse_rounding(con: duckdb.DuckDBPyConnection, code: str) -> dict[str, dict[str, Any]]:
    """indicator_id -> ``{unit, year, count, share, spread, limit_share}``: the rows of
    ``coarse_counts`` (:mod:`stadstrends.analysis.coarse`) of municipality ``code`` of its
    last rounded count of each indicator, the counts whose half unit is more than ``coarse_share``
    of them (a count of 0 always: Vlieland's net growth of its dwelling stock in 2023, 0 in
    86054NED, rounded to fives). ``share``: half the unit / the count (None for 0);
    ``spread``: half the unit in the indicator's own unit (per 1 000 dwellings: 2.5 / 640 x
    1 000 = 3.9), None where a ratio's denominator is missing; ``limit_share``: the build
    setting. Empty for a warehouse without the table."""
    if not _has(con, "coarse_counts"):
        return {}
    share = build_settings(con).coarse_share
    return {r["indicator_id"]: {**r, "limit_share": share} for r in records(con, """
        SELECT indicator_id, unit, year, count, share, spread FROM coarse_counts
        WHERE region_code = ? AND latest""", [code])}


def coarse_places(con: duckdb.DuckDBPyConnection, code: str,
                  set_id: str | None) -> dict[str, dict[int, dict[str, Any]]]:
    """indicator_id -> year -> ``{unit, spread, reason}``: the positions of ``code`` in group
    ``set_id`` that CBS's rounding alone could move past the group's p25, median or p75
    (``coarse_positions``, the rule Kies richting and the signals follow)."""
    out: dict[str, dict[int, dict[str, Any]]] = {}
    if set_id is None or not _has(con, "coarse_positions"):
        return out
    for r in records(con, """SELECT indicator_id, year, unit, spread, reason
                            FROM coarse_positions WHERE region_code = ? AND set_id = ?""",
                     [code, set_id]):
        out.setdefault(r["indicator_id"], {})[int(r["year"])] = r
    return out


def _has(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables "
                            "WHERE table_name = ?", [table]).fetchone()[0])


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
    """Whether the position of ``f`` in its group (``bench``, of its latest year) could move
    by rounding alone: ``f["coarse_place"]``, the ``coarse_positions`` row of that year
    (:func:`coarse_places`). Vlieland's 542 jobs per 1 000 inhabitants in 2023, +-7%:
    503-581, passes GK1's p75 of 532: 'in het hoogste kwart' is not sure."""
    b, p = f.get("bench"), f.get("coarse_place")
    return bool(b and p and b.get("year") is not None and int(b["year"]) == p["year"])

"""CBS's rounding of the years inside a trend's window (analysis/coarse.py: ``coarse_trends``)
and of its first and last years (``coarse_changes``), on the real snapshot and on hand-made
rows. A significant trend whose years CBS rounds coarsely may rest on that rounding: Ameland's
self-employed per 1 000 (86043NED, rounded to hundreds: about 500 self-employed, +-50) fall
from 138 in 2016 to 130 in 2023, S = -28 of 28 pairs, but every pair's difference lies within
the two years' spreads, so rounding alone could give S = +28. Such a trend was a signal and
Kies richting's 'improving'/'worsening' like any other."""

from __future__ import annotations

import random

import duckdb

from stadstrends.analysis.coarse import CHANGES_SQL, EMPTY_CHANGES_SQL, ensure_coarse_trends
from stadstrends.analysis.mann_kendall import mann_kendall
from stadstrends.publish.read import build_settings

SELF = "self_employed_per_1000"
POINTS_SQL = """
SELECT v.year, v.value, CASE WHEN k.year IS NULL THEN 0.0
                             ELSE coalesce(k.spread, 'inf'::DOUBLE) END AS spread
FROM indicator_values v LEFT JOIN coarse_counts k USING (region_code, indicator_id, year)
WHERE region_code = ? AND indicator_id = ? AND v.year BETWEEN ? AND ?
  AND v.value IS NOT NULL AND isfinite(v.value) ORDER BY v.year"""


def _points(wh, code: str, ind: str, y0: int, y1: int) -> tuple[list[float], list[float]]:
    rows = wh.execute(POINTS_SQL, [code, ind, y0, y1]).fetchall()
    return [r[1] for r in rows], [r[2] for r in rows]


def _worst_s(values: list[float], spreads: list[float], sign: int) -> int:
    """Every pair at its worst for a trend of ``sign``: against it where the two years'
    intervals overlap, a tie where they just meet (written apart from the SQL)."""
    s = 0
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            room = sign * (values[j] - values[i]) - (spreads[i] + spreads[j])
            s += sign * ((room > 0) - (room < 0))
    return s


def test_every_significant_trend_over_coarse_years_is_tested(wh) -> None:
    """129 significant municipal trends (103 falling, 26 rising) have a coarse count in
    their tested years; each is in coarse_trends, and no other."""
    expected = wh.execute("""
        SELECT t.region_code, t.indicator_id FROM trends t
        WHERE t.region_code LIKE 'GM%' AND t.classification IN ('rising', 'falling')
          AND EXISTS (SELECT 1 FROM coarse_counts k WHERE k.region_code = t.region_code
                      AND k.indicator_id = t.indicator_id
                      AND k.year BETWEEN t.first_year AND t.last_year)""").fetchall()
    got = wh.execute("SELECT region_code, indicator_id FROM coarse_trends").fetchall()
    assert sorted(got) == sorted(expected) and len(got) == 129


def test_the_worst_case_is_the_pairs_at_their_worst(wh) -> None:
    """S at worst, recomputed in Python from the values and spreads of each trend's years,
    and the verdict at the build's alpha with the reference test's p-value: 75 of the 129
    (66 falls, 9 rises) may rest on CBS's rounding."""
    alpha = build_settings(wh).significance
    rows = wh.execute("""SELECT region_code, indicator_id, first_year, last_year, mk_s,
                                s_worst, p_worst, holds FROM coarse_trends""").fetchall()
    for code, ind, y0, y1, s, s_worst, p_worst, holds in rows:
        values, spreads = _points(wh, code, ind, y0, y1)
        assert mann_kendall(values).s == s
        assert _worst_s(values, spreads, 1 if s > 0 else -1) == s_worst, (code, ind)
        assert holds == (s_worst * s > 0 and p_worst < alpha), (code, ind)
        if s_worst == s:  # nothing rounding can move: the trend's own verdict
            assert holds, (code, ind)
    assert sum(not r[7] for r in rows) == 75
    assert wh.execute("""SELECT count(*) FILTER (WHERE t.classification = 'falling'),
                                count(*) FILTER (WHERE t.classification = 'rising')
                         FROM coarse_trends k JOIN trends t USING (region_code, indicator_id)
                         WHERE NOT k.holds""").fetchone() == (66, 9)


def _undo(values: list[float], spreads: list[float], sign: int, alpha: float) -> bool:
    """Whether some choice of each value within its spread leaves the trend of ``sign`` not
    significant (a search from the values, moving one year at a time to where it helps)."""
    rng = random.Random(7)
    for _ in range(5):
        x = [v + rng.uniform(-s, s) if s else v for v, s in zip(values, spreads, strict=True)]
        better = True
        while better:
            better = False
            for i, (v, s) in enumerate(zip(values, spreads, strict=True)):
                for c in {v - s, v + s, *(y + d for y in x for d in (-1e-9 * s, 1e-9 * s))}:
                    if v - s <= c <= v + s and s:
                        y = [*x[:i], c, *x[i + 1:]]
                        if sign * mann_kendall(y).s < sign * mann_kendall(x).s:
                            x, better = y, True
        r = mann_kendall(x)
        if r.p >= alpha or sign * r.s <= 0:
            return True
    return False


def test_a_trend_that_may_rest_on_rounding_can_be_undone_by_it(wh) -> None:
    """The worst case counts every pair against the trend at once, a bound; for the trends
    it says may rest on rounding, values within the spreads that leave no significant trend
    are there (Ameland's self-employed: 138 -> 130 could as well be a rise)."""
    alpha = build_settings(wh).significance
    rows = wh.execute("""SELECT region_code, indicator_id, first_year, last_year, mk_s
                         FROM coarse_trends WHERE NOT holds ORDER BY region_code
                         LIMIT 12""").fetchall()
    assert ("GM0060", SELF) in {(r[0], r[1]) for r in rows}
    for code, ind, y0, y1, s in rows:
        values, spreads = _points(wh, code, ind, y0, y1)
        assert _undo(values, spreads, 1 if s > 0 else -1, alpha), (code, ind)


def test_no_signal_or_momentum_rests_on_rounding(wh) -> None:
    """No trend signal and no 'improving'/'worsening' in Kies richting for a trend that
    may rest on rounding; before, Ameland's falling self-employed was a trend signal."""
    assert wh.execute("""SELECT count(*) FROM signal_rows s JOIN coarse_trends k
                         USING (region_code, indicator_id)
                         WHERE s.kind = 'trend' AND NOT k.holds""").fetchone() == (0,)
    assert wh.execute("""SELECT count(*) FROM kies_richting r JOIN coarse_trends k
                         USING (region_code, indicator_id)
                         WHERE NOT k.holds AND r.momentum <> 'none'""").fetchone() == (0,)
    assert wh.execute("""SELECT count(*) FROM signal_rows s JOIN coarse_trends k
                         USING (region_code, indicator_id)
                         WHERE s.kind = 'trend' AND k.holds""").fetchone()[0] > 0


def test_a_change_is_undoable_only_where_its_ends_rounding_could_undo_it() -> None:
    """The rule of coarse_changes (was publish/rounding.coarse_change): Vlieland's jobs 600
    -> 700, +-50 each: 650 is either; a year not coarse has spread 0; an unknown spread of
    an end is undoable; a coarse year outside the two ends says nothing."""
    con = duckdb.connect()
    con.execute("""CREATE TABLE trends AS SELECT * FROM (VALUES
        ('GM1', 'jobs', 2016, 2023, 600.0, 700.0), ('GM2', 'jobs', 2016, 2023, 600.0, 700.0),
        ('GM3', 'jobs', 2016, 2023, 600.0, 801.0), ('GM4', 'jobs', 2016, 2023, 600.0, 700.0),
        ('GM5', 'jobs', 2016, 2023, 600.0, 700.0), ('GM6', 'jobs', 2016, 2023, 700.0, 700.0))
        t(region_code, indicator_id, first_year, last_year, first_value, last_value)""")
    con.execute("""CREATE TABLE coarse_counts AS SELECT * FROM (VALUES
        ('GM1', 'jobs', 2016, 50.0), ('GM1', 'jobs', 2023, 50.0), ('GM2', 'jobs', 2023, 50.0),
        ('GM3', 'jobs', 2016, 50.0), ('GM3', 'jobs', 2023, 50.0),
        ('GM4', 'jobs', 2023, NULL), ('GM5', 'jobs', 2009, 50.0), ('GM6', 'jobs', 2016, 0.0))
        k(region_code, indicator_id, year, spread)""")
    con.execute(CHANGES_SQL)
    got = dict(con.execute("SELECT region_code, undoable FROM coarse_changes").fetchall())
    assert got == {"GM1": True, "GM2": False, "GM3": False, "GM4": True, "GM6": True}


def test_a_mini_warehouse_gets_empty_tables() -> None:
    con = duckdb.connect()
    ensure_coarse_trends(con)
    assert con.execute("SELECT count(*) FROM coarse_trends").fetchone() == (0,)
    con.execute(EMPTY_CHANGES_SQL)  # again: replaces

"""CBS's rounding of the years inside a trend's window (analysis/coarse.py: ``coarse_trends``)
and of its first and last years (``coarse_changes``), on the real snapshot and on hand-made
rows. A significant trend whose years CBS rounds coarsely may rest on that rounding: Gennep's
self-employed per 1 000 (86043NED, rounded to hundreds: 1 000 to 1 200 self-employed, +-50)
rise from 64,4 in 2016 to 67,5 in 2023, S = +20, but -16 within the years' spreads. Such a
trend was a signal and Kies richting's 'improving'/'worsening' like any other. (Ameland's
self-employed, 500 in every year of 2016-2023, fell from 138 to 130 per 1 000 with its
population: since session 45 not tested at all, ``trends.n_counts``.)"""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pytest

from stadstrends.analysis.coarse import EMPTY_CHANGES_SQL, ROUNDED_SQL, ensure_coarse_trends
from stadstrends.analysis.coarse_trends import changes_sql
from stadstrends.analysis.mann_kendall import mann_kendall
from stadstrends.publish.read import build_settings

SELF = "self_employed_per_1000"
ARREARS = "payment_arrears_share"
#: the rounded counts' spreads (the rule of coarse_counts with no share: every rounded count,
#: tested in test_coarse.py) and the figures of CBS's own shares and means, whose units are
#: found apart below
COUNTS_SQL = ROUNDED_SQL.format(recomputed="recomputed_raw", parts="series_parts",
                                 den_rounding="denominator_rounding")
FIGURES_SQL = f"""
SELECT v.region_code, v.indicator_id, v.year, v.value, c.method, k.spread
FROM indicator_values v JOIN catalogue_indicators c USING (indicator_id)
LEFT JOIN ({COUNTS_SQL}) k USING (region_code, indicator_id, year)
WHERE v.region_code LIKE 'GM%' AND v.value IS NOT NULL AND isfinite(v.value)"""
UNITS = (1000, 100, 10, 1, 0.1, 0.01)


@pytest.fixture(scope="module")
def figures(warehouse_path) -> dict[tuple[str, str], dict[int, tuple[float, float | None]]]:
    """(municipality, indicator) -> year -> (value, spread or None: not rounded), the spread
    the larger of its count's and of half the unit CBS rounds its own figure to (methods
    level and weighted_mean: the largest unit of which 80 % of that year's municipal figures
    are multiples, with 20 figures not 0), found here in Python."""
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        rows = con.execute(FIGURES_SQL).fetchall()
    by_year: dict[tuple[str, int], list[float]] = defaultdict(list)
    for _, ind, year, value, method, _ in rows:
        if method in ("level", "weighted_mean"):
            by_year[(ind, year)].append(value)
    units = {}
    for key, vals in by_year.items():
        if sum(v != 0 for v in vals) < 20:
            continue
        for u in UNITS:
            if sum(abs(v / u - round(v / u)) < 1e-6 for v in vals) >= 0.8 * len(vals):
                units[key] = u
                break
    out: dict = defaultdict(dict)
    for code, ind, year, value, _, spread in rows:
        unit = units.get((ind, year))
        parts = [x for x in (spread, unit and unit / 2) if x is not None]
        out[(code, ind)][year] = (value, max(parts) if parts else None)
    return out


def _points(figures, code: str, ind: str, y0: int, y1: int) -> tuple[list[float], list[float]]:
    years = sorted(y for y in figures[(code, ind)] if y0 <= y <= y1)
    vals = [figures[(code, ind)][y] for y in years]
    return [v for v, _ in vals], [0.0 if s is None else s for _, s in vals]


def _bound(values: list[float], spreads: list[float], sign: int) -> int:
    """Every pair at its worst for a trend of ``sign``: against it where the two years'
    intervals overlap, a tie where they just meet (written apart from the SQL)."""
    s = 0
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            room = round(sign * (values[j] - values[i]) - (spreads[i] + spreads[j]), 9)
            s += sign * ((room > 0) - (room < 0))
    return s


def test_every_significant_trend_over_rounded_years_is_tested(wh, figures) -> None:
    """6 282 significant municipal trends have a rounded figure in their tested years (116
    of them a coarse count: those were the only ones before; 129 before a merged
    municipality's parts counted in the coarse rule; 6 309 and 133 before the ratios of a count
    CBS rounds to fewer than 3 values went untested; 6 280 before Schiermonnikoog kept its
    unemployment of 2021; 6 281 before equal published means stayed equal, session 47:
    Kerkrade's crimes per 1 000, 54,4 in 2018 and 2019; 6 285 since the Wmo clients per
    1 000 are CBS's own rate in whole numbers, session 47); each is in coarse_trends, and no
    other."""
    trends = wh.execute("""SELECT region_code, indicator_id, first_year, last_year FROM trends
                           WHERE region_code LIKE 'GM%'
                             AND classification IN ('rising', 'falling')""").fetchall()
    expected = {(c, i) for c, i, y0, y1 in trends
                if any(y0 <= y <= y1 and s is not None
                       for y, (_, s) in figures.get((c, i), {}).items())}
    got = wh.execute("SELECT region_code, indicator_id FROM coarse_trends").fetchall()
    # 6 419 while births and deaths per 1 000 were CBS's rates rounded to 0,1 (session 52);
    # 6 285 again since they are CBS's rates unrounded (session 53: exact_rates); 6 319 with
    # the forecasts of 85173NED (session 57: 47 more municipalities have one)
    assert set(got) == expected and len(got) == 6319
    coarse = wh.execute("""
        SELECT count(*) FROM trends t
        WHERE t.region_code LIKE 'GM%' AND t.classification IN ('rising', 'falling')
          AND EXISTS (SELECT 1 FROM coarse_counts k WHERE k.region_code = t.region_code
                      AND k.indicator_id = t.indicator_id
                      AND k.year BETWEEN t.first_year AND t.last_year)""").fetchone()
    assert coarse == (116,)


def test_the_worst_case_lies_between_the_bound_and_the_printed_values(wh, figures) -> None:
    """S at worst against the bound recomputed in Python from the values and spreads of each
    trend's years (every overlapping pair against the trend): equal where the bound keeps
    the trend significant, never below it, never above the printed S; the verdict at the
    build's alpha with the reference test's p-value. 884 of the 6 319 (874 of 6 285 before
    85173NED's forecasts, session 57)
    are not certain within CBS's rounding (843 of 6 281 before Kerkrade's equal crime rates of
    2018 and 2019 stayed equal, session 47; 842 of 6 280 before Schiermonnikoog kept its
    unemployment of 2021, session 46); the bound alone said 1 036. Bunnik's payment
    arrears, 0,5 % in 2017 to 0,3 % in 2024 (CBS rounds the shares to 0,1): S = -21, at worst
    -11 (0,45 0,55 0,35 0,35 0,45 0,25 0,35 0,35); the change itself stands; Heumen's payment
    arrears per 1 000: the bound's -16 is -18 (p 0,031)."""
    alpha = build_settings(wh).significance
    rows = wh.execute("""SELECT region_code, indicator_id, first_year, last_year, mk_s,
                                s_worst, p_worst, holds FROM coarse_trends""").fetchall()
    tighter = 0
    for code, ind, y0, y1, s, s_worst, p_worst, holds in rows:
        values, spreads = _points(figures, code, ind, y0, y1)
        sign = 1 if s > 0 else -1
        assert mann_kendall(values).s == s
        bound = _bound(values, spreads, sign)
        assert sign * bound <= sign * s_worst <= sign * s, (code, ind)
        assert holds == (s_worst * s > 0 and p_worst < alpha), (code, ind)
        tighter += s_worst != bound
        if s_worst == s:  # nothing rounding can move: the trend's own verdict
            assert holds, (code, ind)
    # 844 before CBS's Wmo rate; 928 while the births and deaths rates were CBS's rounded
    # ones (session 52), 874 again with them unrounded (session 53), 884 with 85173NED's
    # forecasts (session 57)
    assert sum(not r[7] for r in rows) == 884 and tighter > 100
    assert wh.execute("""SELECT count(*) FILTER (WHERE t.classification = 'falling'),
                                count(*) FILTER (WHERE t.classification = 'rising')
                         FROM coarse_trends k JOIN trends t USING (region_code, indicator_id)
                         WHERE NOT k.holds""").fetchone() == (370, 514)  # s. 53: (364, 510)
    by_key = {r[:2]: r for r in rows}
    assert by_key[("GM0312", ARREARS)][2:6] == (2017, 2024, -21, -11)
    assert not by_key[("GM0312", ARREARS)][7]
    assert _points(figures, "GM0312", ARREARS, 2017, 2024)[1] == [0.05] * 8
    heumen = by_key[("GM0252", "payment_arrears_per_1000")]
    assert heumen[4:6] == (-22, -18) and heumen[7]
    assert _bound(*_points(figures, "GM0252", "payment_arrears_per_1000", 2017, 2024), -1) == -16


def test_a_change_holds_where_its_first_and_last_years_cannot_meet(wh, figures) -> None:
    """``change_holds``, recomputed: the change from the first to the last year keeps its sign
    for any values within their spreads. Bunnik's payment arrears 0,5 -> 0,3 % (+-0,05) hold;
    Gennep's self-employed 64,4 -> 67,5 per 1 000 (+-2,9 and +-2,8) do not: 13 of the 844
    trends that are not certain are not certain in the sign of their change either (31 of 871
    before the ratios of a count rounded to fewer than 3 values went untested)."""
    rows = wh.execute("""SELECT region_code, indicator_id, first_year, last_year, mk_s,
                                holds, change_holds FROM coarse_trends""").fetchall()
    for code, ind, y0, y1, s, _, change in rows:
        (first, s0), (last, s1) = figures[(code, ind)][y0], figures[(code, ind)][y1]
        room = round((1 if s > 0 else -1) * (last - first) - ((s0 or 0) + (s1 or 0)), 9)
        assert change == (room > 0), (code, ind)
    by_key = {r[:2]: r for r in rows}
    assert by_key[("GM0312", ARREARS)][6] and not by_key[("GM0907", SELF)][6]
    assert sum(not r[5] and not r[6] for r in rows) == 13


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


def test_a_trend_that_may_rest_on_rounding_can_be_undone_by_it(wh, figures) -> None:
    """Where the trend does not hold, values within the spreads that leave no significant
    trend of its sign are there: found by a search written apart (from the values, moving
    one year at a time to where it helps) for the trends over coarse counts of the first
    municipalities and for Bunnik's payment arrears (Gennep's self-employed: 64,4 -> 67,5
    could as well be a fall). Before the exact worst case, Heumen's payment arrears per
    1 000 were among them and no values undo its fall."""
    alpha = build_settings(wh).significance
    rows = wh.execute("""SELECT region_code, indicator_id, first_year, last_year, mk_s
                         FROM coarse_trends k WHERE NOT holds
                           AND (EXISTS (SELECT 1 FROM coarse_counts c
                                        WHERE c.region_code = k.region_code
                                          AND c.indicator_id = k.indicator_id
                                          AND c.year BETWEEN k.first_year AND k.last_year)
                                AND region_code < 'GM0300'
                                OR (region_code, indicator_id) IN (('GM0907', ?), ('GM0312', ?)))
                         ORDER BY region_code""", [SELF, ARREARS]).fetchall()
    assert {("GM0907", SELF), ("GM0312", ARREARS)} <= {(r[0], r[1]) for r in rows}
    assert len(rows) > 10
    undone = {(code, ind): _undo(*_points(figures, code, ind, y0, y1), 1 if s > 0 else -1, alpha)
              for code, ind, y0, y1, s in rows}
    assert all(undone.values()), [k for k, v in undone.items() if not v]


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
    -> 700, +-50 each: 650 is either; a year not rounded has spread 0; an unknown spread of
    an end is undoable; only trends with a coarse count at an end get a row; the other end's
    rounding counts too where its count is not coarse (GM7: 100 - 50 - 60 < 0; before, only
    coarse counts' spreads counted and the change stood)."""
    con = duckdb.connect()
    con.execute("""CREATE TABLE trends AS SELECT * FROM (VALUES
        ('GM1', 'jobs', 2016, 2023, 600.0, 700.0), ('GM2', 'jobs', 2016, 2023, 600.0, 700.0),
        ('GM3', 'jobs', 2016, 2023, 600.0, 801.0), ('GM4', 'jobs', 2016, 2023, 600.0, 700.0),
        ('GM5', 'jobs', 2016, 2023, 600.0, 700.0), ('GM6', 'jobs', 2016, 2023, 700.0, 700.0),
        ('GM7', 'jobs', 2016, 2023, 600.0, 700.0))
        t(region_code, indicator_id, first_year, last_year, first_value, last_value)""")
    con.execute("""CREATE TABLE _coarse_spreads AS SELECT * FROM (VALUES
        ('GM1', 'jobs', 2016, 50.0, false), ('GM1', 'jobs', 2023, 50.0, false),
        ('GM2', 'jobs', 2023, 50.0, false),
        ('GM3', 'jobs', 2016, 50.0, false), ('GM3', 'jobs', 2023, 50.0, false),
        ('GM4', 'jobs', 2023, NULL, true), ('GM5', 'jobs', 2009, 50.0, false),
        ('GM6', 'jobs', 2016, 0.0, false),
        ('GM7', 'jobs', 2016, 50.0, false), ('GM7', 'jobs', 2023, 60.0, false))
        k(region_code, indicator_id, year, spread, unknown)""")
    con.execute("""CREATE TABLE coarse_counts AS SELECT region_code, indicator_id, year
                   FROM _coarse_spreads WHERE NOT (region_code = 'GM7' AND year = 2023)""")
    con.execute(changes_sql("_coarse_spreads", NO_DECIMALS))
    got = dict(con.execute("SELECT region_code, undoable FROM coarse_changes").fetchall())
    assert got == {"GM1": True, "GM2": False, "GM3": False, "GM4": True, "GM6": True,
                   "GM7": True}


#: no catalogue decimals: the interval ends compared as they are
NO_DECIMALS = "(SELECT NULL::VARCHAR AS indicator_id, NULL::INTEGER AS decimals WHERE false)"


def test_a_change_is_undoable_where_its_ends_could_print_the_same() -> None:
    """Kerkrade's new dwellings per 1 000 (10 in 2016 and 5 in 2023, rounded to fives):
    0,417 +-0,104 -> 0,207 +-0,103. The intervals miss each other by 0,003 (the stock grew),
    but both can print as 0,3 (one decimal): undoable, as the positions compare figures as
    printed; before, the change stood and the report said '(−50%)'. With three decimals,
    0,313 and 0,310 do not meet: the change stands."""
    con = duckdb.connect()
    con.execute("""CREATE TABLE trends AS SELECT * FROM (VALUES
        ('GM0928', 'nb', 2016, 2023, 0.417275, 0.206911),
        ('GM0928', 'nb2', 2016, 2023, 0.417275, 0.206911))
        t(region_code, indicator_id, first_year, last_year, first_value, last_value)""")
    con.execute("""CREATE TABLE _s AS SELECT * FROM (VALUES
        ('GM0928', 'nb', 2016, 0.104373, false), ('GM0928', 'nb', 2023, 0.103488, false),
        ('GM0928', 'nb2', 2016, 0.104373, false), ('GM0928', 'nb2', 2023, 0.103488, false))
        k(region_code, indicator_id, year, spread, unknown)""")
    con.execute("CREATE TABLE coarse_counts AS SELECT region_code, indicator_id, year FROM _s")
    con.execute("CREATE TABLE d AS SELECT * FROM (VALUES ('nb', 1), ('nb2', 3)) d(i, n)")
    con.execute(changes_sql("_s", "(SELECT i AS indicator_id, n AS decimals FROM d)"))
    assert dict(con.execute("SELECT indicator_id, undoable FROM coarse_changes").fetchall()) \
        == {"nb": True, "nb2": False}
    con.execute(changes_sql("_s", NO_DECIMALS))
    assert not any(r[0] for r in con.execute("SELECT undoable FROM coarse_changes").fetchall())


def test_a_changes_ends_count_every_rounded_figure(wh) -> None:
    """On the snapshot: each end of a coarse_changes row has the spread of its rounded figure,
    coarse or not (``rounded_counts``), and the verdict follows from them. Tubbergen's
    domestic violence reports per 1 000, 2019-2023: its 2019 count is coarse (+-0,118), its
    2023 count is not, but CBS rounds it too (+-0,117): the change lies within the two, so
    rounding could undo it (before, the 2023 spread was left out and the change stood)."""
    rows = wh.execute("""
        SELECT c.region_code, c.indicator_id, c.first_spread, c.last_spread, a.spread,
               b.spread, c.undoable, t.first_value, t.last_value
        FROM coarse_changes c JOIN trends t USING (region_code, indicator_id)
        LEFT JOIN rounded_counts a ON a.region_code = c.region_code
         AND a.indicator_id = c.indicator_id AND a.year = c.first_year
        LEFT JOIN rounded_counts b ON b.region_code = c.region_code
         AND b.indicator_id = c.indicator_id AND b.year = c.last_year""").fetchall()
    assert len(rows) > 700
    decimals = dict(wh.execute("SELECT indicator_id, decimals FROM indicators").fetchall())
    for code, ind, first, last, a, b, undoable, v0, v1 in rows:
        assert first == pytest.approx(a) if a is not None else True, (code, ind)
        assert last == pytest.approx(b) if b is not None else True, (code, ind)
        if first is not None and last is not None:  # or the ends as printed meet
            meet = round(abs(v1 - v0) - first - last, 9) <= 0 or (
                _printed(min(v0, v1) + (first if v0 < v1 else last), decimals[ind])
                >= _printed(max(v0, v1) - (last if v0 < v1 else first), decimals[ind]))
            assert undoable == meet, (code, ind)
    both = {(r[0], r[1]): r for r in rows}
    tubbergen = both[("GM0183", "domestic_violence_reports_per_1000")]
    assert tubbergen[2] == pytest.approx(0.1175, abs=1e-4)
    assert tubbergen[3] == pytest.approx(0.1168, abs=1e-4)
    assert tubbergen[6] is True
    change = abs(tubbergen[8] - tubbergen[7])  # 2,34 -> 2,12 per 1 000: 0,22
    assert tubbergen[2] < change <= tubbergen[2] + tubbergen[3]  # the first spread alone: no
    assert not wh.execute("""SELECT 1 FROM coarse_counts WHERE region_code = 'GM0183'
        AND indicator_id = 'domestic_violence_reports_per_1000' AND year = 2023""").fetchall()


def _printed(value: float, decimals: int | None) -> float:
    """``value`` as printed with ``decimals`` (half away from zero), in the printed unit."""
    if decimals is None:
        return value
    return float(Decimal(repr(value)).scaleb(decimals).quantize(Decimal(1), ROUND_HALF_UP))


def test_a_mini_warehouse_gets_empty_tables() -> None:
    con = duckdb.connect()
    ensure_coarse_trends(con)
    assert con.execute("SELECT count(*) FROM coarse_trends").fetchone() == (0,)
    con.execute(EMPTY_CHANGES_SQL)  # again: replaces

"""A figure's spread (analysis/coarse.py: ``rounded_counts``) on the real snapshot counts every
rounding behind it: a merged municipality's count sums its codes' counts, each rounded by CBS
on its own (``series_parts``: Land van Cuijk's payment arrears 2022, five codes rounded to
tens, +-25 persons, not +-5), and a ratio whose denominator CBS rounds too lies anywhere in
[(n - a) / (d + b), (n + a) / (d - b)] x scale (Leiden's projected grey pressure, over 65 and
aged 20-64 both rounded to hundreds). Before, the spread was half the numerator's unit: 13
trends held whatever the rounding that do not (Altena's payment arrears per 1 000)."""

from __future__ import annotations

import pytest

ARREARS = "payment_arrears_per_1000"
GREY = "grey_pressure_projected"

#: every rounded count but a published rate's recomputed one, with what its spread rests on
ROWS_SQL = """
SELECT k.region_code, k.indicator_id, k.year, k.spread, c.method, c.scale, n.value, d.value,
       k.unit / 2 * coalesce(pn.weight, 1), coalesce(u.unit / 2 * coalesce(pd.weight, 1), 0),
       coalesce(pn.weight, 1)
FROM rounded_counts k JOIN catalogue_indicators c USING (indicator_id)
JOIN series_all n ON n.series_id = k.indicator_id || ':num' AND n.region_code = k.region_code
 AND n.year = k.year
LEFT JOIN series_all d ON d.series_id = c.denominator_series AND d.region_code = k.region_code
 AND d.year = k.year
LEFT JOIN series_parts pn ON pn.series_id = n.series_id AND pn.region_code = k.region_code
 AND pn.year = k.year
LEFT JOIN series_parts pd ON pd.series_id = c.denominator_series
 AND pd.region_code = k.region_code AND pd.year = k.year
LEFT JOIN denominator_rounding u ON u.indicator_id = k.indicator_id AND u.year = k.year
WHERE c.method <> 'weighted_mean'
"""


def test_every_spread_reaches_the_farthest_true_value(wh) -> None:
    """Recomputed in Python: a count's spread is its parts' half units (a), x scale; a ratio's
    the farthest of the four corners (n +- a) / (d +- b) x scale from n / d x scale (b: the
    denominator's half unit x its parts' weight), so every true value lies within it and
    no wider: of the 95 757, 8 405 rest on parts whose weights are not 1 (merged
    municipalities; or a code's part of less than 1: Nissewaard 2017-2018, 98,6 % of its own
    code, a smaller spread) and 40 114 on a rounded denominator (dwellings, population
    1999-2009, projections)."""
    rows = wh.execute(ROWS_SQL).fetchall()
    merged = denominators = 0
    for code, ind, year, spread, method, scale, n, d, a, b, weight in rows:
        merged += weight != 1
        denominators += b > 0
        if method != "ratio":
            assert spread == pytest.approx(a * scale, rel=1e-12), (code, ind, year)
            continue
        figure = n / d * scale
        far = max(abs((n + sa) / (d + sb) * scale - figure) for sa in (a, -a) for sb in (b, -b))
        # the corners' differences cancel: a figure's last bits (Rotterdam's electricity)
        assert spread == pytest.approx(far, rel=1e-9, abs=1e-12 * abs(figure)), (
            code, ind, year)
    # one more of a merged municipality since a predecessor that moved no one is not required;
    # six more since a year-end stock counts a code that ended in the year with a value of its
    # own (Amsterdam's jobs, job ratio and solar capacity 2022 with Weesp's, Rotterdam's jobs,
    # job ratio 2010 and payment arrears 2011 with Rozenburg's: weight 2, two parts)
    # session 47: 2 540 fewer (98 297, 8 469 of merged municipalities): the Wmo clients per
    # 1 000 are CBS's own rate, no quotient of its count rounded to fives
    # 95 757 and 8 405 before 85173NED's forecasts (session 57)
    assert (len(rows), merged, denominators) == (97_073, 8_433, 40_114)


def test_a_merged_municipalitys_count_is_off_by_every_codes_rounding(wh) -> None:
    """Land van Cuijk's payment arrears of 2022 sum five codes' counts rounded to tens: 490
    +-25 persons of 90 707 inhabitants, 5,40 +-0,28 per 1 000 (was +-0,055). Tilburg's of
    2011-2021 hold its own count and 10,1 % of Haaren's (split in 2021): weight 1,10."""
    assert wh.execute("SELECT parts, weight FROM series_parts WHERE region_code = 'GM1982' "
                      "AND series_id = ? AND year = 2022",
                      [ARREARS + ":num"]).fetchone() == (5, 5.0)
    count, unit, spread = wh.execute(
        "SELECT count, unit, spread FROM rounded_counts WHERE region_code = 'GM1982' "
        "AND indicator_id = ? AND year = 2022", [ARREARS]).fetchone()
    assert (count, unit) == (490.0, 10)
    assert spread == pytest.approx(25 * 1000 / 90_707)
    parts, weight = wh.execute(
        "SELECT parts, weight FROM series_parts WHERE region_code = 'GM0855' "
        "AND series_id = ? AND year = 2015", [ARREARS + ":num"]).fetchone()
    assert parts == 2 and weight == pytest.approx(1.1007, abs=1e-4)


def test_altenas_fall_in_payment_arrears_is_not_certain_within_its_three_codes(wh) -> None:
    """Altena's payment arrears per 1 000 fall from 6,43 (2017) to 4,98 (2024), S = -24; its
    counts of 2017-2019 sum three codes rounded to tens (+-0,28 per 1 000, not +-0,09): S is
    -12 at worst (p 0,18), no longer -18 (p 0,031). The fall itself stands."""
    row = wh.execute("SELECT first_year, last_year, mk_s, s_worst, round(p_worst, 2), holds, "
                     "change_holds FROM coarse_trends WHERE region_code = 'GM1959' "
                     "AND indicator_id = ?", [ARREARS]).fetchone()
    assert row == (2017, 2024, -24, -12, 0.18, False, True)


def test_a_rounded_denominator_widens_a_ratios_spread(wh) -> None:
    """Leiden's projected grey pressure in 2040 (82220NED): 28 400 over 65 / 82 600 aged
    20-64, both rounded to hundreds: 34,38 +-0,081 ((50 + 28 400 x 50 / 82 600) x 100 /
    82 550), not +-0,061; its rise 2033-2040 (S = 26) is 16 at worst (p 0,061), not 18."""
    count, spread = wh.execute(
        "SELECT count, spread FROM rounded_counts WHERE region_code = 'GM0546' "
        "AND indicator_id = ? AND year = 2040", [GREY]).fetchone()
    assert count == 28_400
    assert spread == pytest.approx((50 + 28_400 * 50 / 82_600) * 100 / 82_550)
    assert wh.execute("SELECT mk_s, s_worst, holds FROM coarse_trends WHERE region_code = "
                      "'GM0546' AND indicator_id = ?", [GREY]).fetchone() == (26, 16, False)

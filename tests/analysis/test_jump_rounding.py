"""A jump holds within CBS's rounding. Rozendaal's thefts (83651NED, counts rounded to fives)
were 25 in 2019 and 5 in 2020: 15,1 -> 2,9 per 1 000, a factor 5,2, but 22,5 and 7,5
thefts give 3,1. The report said 'tussen 2019 en 2020 daalt de reeks abrupt van 15,1 naar
2,9 ... Na de abrupte verandering (2020-2024): van 2,9 naar 13,7 (voorlopig) (+365%)', split
the trend there and left the gap with the ommeland out. Its crimes of 2023 (45 -> 355,
rounded to fives) jump whatever the rounding. On the real snapshot."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.data import load_city
from stadstrends.settings import default_settings


def test_every_municipal_jump_holds_within_the_counts_rounding(wh) -> None:
    """Each figure moved by its rounded count's spread (rounded_counts) against the jump:
    still at least the jump factor."""
    factor = float(default_settings().jump_factor)
    rows = wh.execute("""
        SELECT j.indicator_id, j.region_code, j.year, j.previous_value, j.value,
               coalesce(a.spread, 0) AS sa, coalesce(b.spread, 0) AS sb
        FROM series_jumps j
        LEFT JOIN rounded_counts a ON a.indicator_id = j.indicator_id
             AND a.region_code = j.region_code AND a.year = j.previous_year
        LEFT JOIN rounded_counts b ON b.indicator_id = j.indicator_id
             AND b.region_code = j.region_code AND b.year = j.year
        WHERE j.region_code LIKE 'GM%'""").fetchall()
    assert rows
    for ind, code, year, prev, value, sa, sb in rows:
        hi, lo = (value - sb, prev + sa) if value > prev else (prev - sa, value + sb)
        assert hi >= factor * lo, (ind, code, year)


def test_rozendaal_s_thefts_have_no_jump_and_its_crimes_keep_theirs(wh) -> None:
    jumps = wh.execute("SELECT indicator_id, year FROM series_jumps "
                       "WHERE region_code = 'GM0277' ORDER BY ALL").fetchall()
    assert jumps == [("crimes_per_1000", 2023), ("crimes_per_1000", 2024)]
    gap = wh.execute("SELECT over_jump, no_verdict FROM region_gap_trends WHERE "
                     "region_code = 'GM0277' AND indicator_id = 'thefts_per_1000'").fetchone()
    assert gap == (False, None)
    trend = wh.execute("SELECT first_year, n_points FROM trends WHERE "
                       "region_code = 'GM0277' AND indicator_id = 'thefts_per_1000'").fetchall()
    assert trend == [(2017, 8)]  # the tested years, not those after a jump (2020, 5)
    # its 2024 figure rests on some 25 thefts in fives and its trend is not significant:
    # no strength or task of one such year (h49d); before, labels on these 8 years
    kies = wh.execute("SELECT count(*) FROM kies_richting WHERE "
                      "region_code = 'GM0277' AND indicator_id = 'thefts_per_1000'").fetchone()
    assert kies == (0,)


@pytest.mark.parametrize("lang", ["nl"])
def test_rozendaal_s_report_calls_no_theft_change_abrupt(wh, lang: str) -> None:
    ctx = builder.city_context(load_city(wh, "GM0277"), lang, None)
    text = " ".join(s.text for s in builder.collect_sentences(ctx))
    assert "abrupt van 15,1 naar 2,9" not in text
    assert "(na de abrupte verandering in 2019–2020)" not in text
    # its 2024 thefts (13,7, some 25 thefts in fives, no significant trend) are no deviation
    # from the group or the ommeland since session 50 (one coarse year): no sentence states
    # them; before, '13,7 in 2024 (voorlopig, berekend uit afgerond aantal)'
    assert "Geregistreerde diefstallen" not in text
    assert not wh.execute("SELECT count(*) FROM signal_rows WHERE region_code = 'GM0277' "
                          "AND indicator_id = 'thefts_per_1000'").fetchone()[0]
    # the crimes of 2023 stay abrupt (the first figure marked since session 47: counts in fives)
    assert "abrupt van 25,6 (berekend uit afgerond aantal) naar 201" in text

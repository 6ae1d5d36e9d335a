"""The trend after an abrupt change (``jump_trends``) follows the trends' rule for a ratio
whose count CBS rounds: with fewer than ``min_distinct_values`` distinct counts in the years
after the jump it is not tested (``trends.COUNT_STEPS_SQL``, one statement for both tables).
Before session 46 a figure that rose only because the population shrank, its count 1 000 in
every year after the jump, was a significant rise after that jump."""

from __future__ import annotations

from stadstrends.analysis.jumps import build_jumps
from stadstrends.settings import default_settings
from tests.analysis.test_hump_rounding import count_con

MIN_DISTINCT = default_settings().min_distinct_values


def test_a_trend_after_a_jump_on_a_count_rounded_to_one_value_is_not_tested():
    """A count of 100 a year jumps to 1 000 in 2018 (inside the tested years 2016-2023) and
    stays 1 000, rounded to hundreds: the figure per 1 000 rises every year after the jump
    (p = 0,003 over 2018-2023) only because the population shrinks; not tested. Its
    neighbour whose count itself rises after the jump keeps its significant rise."""
    con = count_con({"GM0001": [100.0] * 6 + [1000.0] * 6,
                     "GM0002": [100.0] * 6 + [1000.0 + 100 * k for k in range(6)],
                     "GM0003": [500.0 + 10 * k for k in range(12)]}, 100)
    build_jumps(con)
    rows = {r[0]: r[1:] for r in con.execute(
        "SELECT region_code, jump_year, first_year, n_points, mk_p < 0.05, n_distinct, "
        "n_counts, count_unit, classification, direction_label FROM jump_trends").fetchall()}
    assert rows["GM0001"] == (2018, 2018, 6, True, 6, 1, 100, "not tested", None)
    assert rows["GM0002"] == (2018, 2018, 6, True, 6, 6, 100, "rising", "neutral")
    assert "GM0003" not in rows  # no jump


def test_a_trend_after_a_jump_of_a_count_cbs_does_not_round_is_tested():
    con = count_con({"GM0001": [100.0] * 6 + [1000.0] * 6,
                     "GM0003": [500.0 + 10 * k for k in range(12)]}, None)
    build_jumps(con)
    assert con.execute("SELECT n_counts, classification FROM jump_trends").fetchall() == [
        (None, "rising")]


def test_every_jump_trend_of_a_rounded_count_carries_its_counts(wh):
    """On the snapshot the 10 tested jump trends are delivered electricity and solar capacity
    per inhabitant, their totals rounded to thousands (kWh, Wp) and 3 to 7 distinct in the
    years after the jump: each carries its count's distinct values and unit, and none with
    fewer than MIN_DISTINCT is rising, falling or judged."""
    rows = wh.execute("""
        SELECT j.indicator_id, j.region_code, j.n_counts, j.count_unit,
               (SELECT count(DISTINCT s.value) FROM series_all s
                WHERE s.series_id = j.indicator_id || ':num' AND s.region_code = j.region_code
                  AND s.year BETWEEN j.first_year AND j.last_year),
               (SELECT max(n.unit) FROM numerator_rounding n
                WHERE n.indicator_id = j.indicator_id
                  AND n.year BETWEEN j.first_year AND j.last_year)
        FROM jump_trends j WHERE j.classification IS NOT NULL
          AND j.indicator_id IN (SELECT indicator_id FROM numerator_rounding)""").fetchall()
    assert len(rows) == 10, rows
    for ind, code, n, unit, counted, rounded in rows:
        assert (n, unit) == (counted, rounded) == (n, 1000), (ind, code)
    assert {r[2] for r in rows} <= set(range(3, 8))
    assert not wh.execute(
        "SELECT count(*) FROM jump_trends WHERE n_counts < ? AND (classification <> "
        "'not tested' OR direction_label IS NOT NULL)", [MIN_DISTINCT]).fetchone()[0]

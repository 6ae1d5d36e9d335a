"""A changing city-ommeland gap of a rate on small counts gives no verdict (real snapshot;
:mod:`stadstrends.analysis.gap_small`).

Vlieland's deaths per 1 000 (37259eng): 24 deaths in 2016 against 8-14 in the other years,
the window 2016-2023 starting at that spike. The report said 'in 2023 7,7 in Vlieland, 24%
lager dan in het ommeland (10,2); in 2016 was dat 136% hoger. Het verschil wisselt
significant van kant.' Now the gap trend stores ``no_verdict`` 'small_counts' with the
city's mean count a year (12), and the report names it among the gaps without a verdict.
"""

from __future__ import annotations

import pytest

from stadstrends.publish.report.data import load_city
from stadstrends.publish.report.sections import divide
from stadstrends.settings import default_settings

SMALL_COUNT = default_settings().small_count


def test_vlielands_deaths_rest_on_small_counts(wh) -> None:
    # CBS's rate x the average population, the count x 1 000 (its count_fallback's scale)
    counts = {y: v / 1000 for y, v in wh.execute(
        "SELECT year, value FROM series_all WHERE series_id = 'deaths_per_1000:num' "
        "AND region_code = 'GM0096' AND year BETWEEN 2012 AND 2023").fetchall()}
    assert round(counts[2016]) == 24 and max(v for y, v in counts.items() if y != 2016) <= 14.5
    row = wh.execute(
        "SELECT classification, no_verdict, city_mean_count, first_year, last_year "
        "FROM region_gap_trends WHERE region_code = 'GM0096' "
        "AND indicator_id = 'deaths_per_1000'").fetchone()
    assert row[:2] == ("crossing", "small_counts") and (row[3], row[4]) == (2016, 2023)
    assert row[2] == pytest.approx(sum(counts[y] for y in range(2016, 2024)) / 8)  # 12


def test_small_counts_only_withhold_a_changing_rates_verdict(wh) -> None:
    """Every 'small_counts' row: a changing gap of a rate whose mean count over the gap
    trend's years (series_all, ':num'; of CBS's own rate, births, deaths and crimes per
    1 000, divided by its count_fallback's scale) is below the threshold; no changing gap
    without another reason has such a mean; the few it withholds across all municipalities."""
    rows = wh.execute(f"""
        WITH d AS (SELECT indicator_id, 1.0 AS divisor FROM catalogue_indicators
                   WHERE method = 'ratio'
                   UNION ALL SELECT indicator_id, max(scale) FROM catalogue_parts
                   WHERE role = 'fb' GROUP BY ALL)
        SELECT g.region_code, g.indicator_id, g.classification, g.no_verdict,
               g.city_mean_count, c.method,
               (SELECT avg(s.value) / d.divisor FROM series_all s
                WHERE s.series_id = g.indicator_id || ':num' AND s.region_code = g.region_code
                  AND s.year BETWEEN g.first_year AND g.last_year) AS mean
        FROM region_gap_trends g JOIN catalogue_indicators c USING (indicator_id)
        JOIN d USING (indicator_id)
        WHERE g.no_verdict = 'small_counts' OR (g.no_verdict IS NULL
              AND g.classification IN ('diverging', 'converging', 'crossing')
              AND g.city_mean_count < {SMALL_COUNT})""").fetchall()
    assert rows and all(r[3] == "small_counts" for r in rows), rows
    for code, ind, cls, _, mean, method, again in rows:
        assert cls != "stable" and method in ("ratio", "weighted_mean"), (code, ind)
        assert mean < SMALL_COUNT and mean == pytest.approx(again), (code, ind)
    assert 1 <= len(rows) <= 20 and ("GM0096", "deaths_per_1000") in {r[:2] for r in rows}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_vlielands_report_gives_no_verdict_on_its_deaths(wh, lang) -> None:
    data = load_city(wh, "GM0096").in_language(lang)
    section = divide(data, lang)["city_region"]
    title = data.catalogue["deaths_per_1000"][f"title_{lang}"]
    said = " ".join(s.text for s in section["sentences"])
    assert title not in said  # no 'wisselt significant van kant' sentence
    words = {"nl": f"{title} (gemiddeld 12 per jaar in 2016–2023)",
             "en": f"{title} (12 a year on average in 2016–2023)"}[lang]
    assert words in section["left_out"], section["left_out"]

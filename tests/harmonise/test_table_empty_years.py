"""A year a CBS table has for no municipality is the table's gap, not a predecessor's (real
warehouse, :data:`stadstrends.harmonise.apply.HARMONISE_SQL`): 60039fvw holds no ages for
any municipality from 2018, yet Land van Cuijk's report said 'voor 2018–2021 ontbreken in
CBS-tabel 60039fvw de cijfers van Boxmeer, Grave, Mill en Sint Hubert, Cuijk en Sint
Anthonis, nodig voor Land van Cuijk in de huidige grenzen' where Vaals's says '2018–2022
ontbreken in CBS-tabel 60039fvw'. 99 indicator rows of 15 merged municipalities named their
predecessors so (the ages 2018-2022, district heating 2018, the safety survey 2012)."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.data import load_city
from tests.publish.test_trend_missing_years import texts

LVC = "GM1982"  # Land van Cuijk (2022): Boxmeer, Cuijk, Grave, Mill en Sint Hubert, ...
YEARS = range(2018, 2022)


def test_land_van_cuijks_ages_2018_2021_are_missing_in_the_table_for_everyone(wh) -> None:
    # the claim: 60039fvw has rows of municipalities in these years, none with a value
    n_rows, n_values = wh.execute("""
        SELECT count(*), count(value) FROM raw_observations
        WHERE lower(table_id) = '60039fvw' AND region_code LIKE 'GM%'
          AND measure IN ('TotaalMannenEnVrouwen_1', 'k_75Tot85Jaar_5', 'k_85JaarOfOuder_6')
          AND year BETWEEN 2018 AND 2022""").fetchone()
    assert n_rows > 1000 and n_values == 0
    rows = wh.execute("""
        SELECT year, value, reason, reason_detail FROM indicator_results
        WHERE indicator_id = 'share_age_75_plus' AND region_code = ? AND year BETWEEN ? AND ?
        ORDER BY year""", [LVC, YEARS[0], YEARS[-1]]).fetchall()
    assert rows == [(y, None, "missing_in_source", None) for y in YEARS]


def test_no_harmonised_gap_names_other_codes_in_a_year_without_any_value(wh) -> None:
    """Other codes' empty cells are named only where some municipality has a figure."""
    bad = wh.execute("""
        SELECT s.series_id, s.year, count(*) FROM series_all s
        WHERE s.region_code LIKE 'GM%' AND s.reason = 'missing_in_source'
          AND s.reason_detail IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM series_all v
                          WHERE v.series_id = s.series_id AND v.year = s.year
                            AND v.region_code LIKE 'GM%' AND v.value IS NOT NULL)
        GROUP BY ALL ORDER BY 1, 2""").fetchall()
    assert bad == []


@pytest.mark.parametrize(("lang", "said", "not_said"), [
    ("nl", "2018–2022 ontbreken in CBS-tabel 60039fvw", "nodig voor Land van Cuijk"),
    ("en", "2018–2022 missing from CBS table 60039fvw", "needed for Land van Cuijk"),
])
def test_the_report_says_the_table_lacks_the_years(wh, lang, said, not_said) -> None:
    title = {"nl": "Aandeel 75-plussers 20", "en": "Share of inhabitants aged 75 and over 20"}
    found = [t for t in texts(builder.city_context(load_city(wh, LVC, None), lang, None))
             if t.startswith(title[lang]) and "60039fvw" in t]
    assert found and all(said in t and not_said not in t for t in found), found

"""A panel's trend across two CBS tables says so under the figure, as the sentences do (real
snapshot): Maastricht's share of 65-plussers, trend 2017-2024, joins 60039fvw (2017),
kwb2019 (2019) and 85383NED (2023-2024), which the catalogue declares one series
(``continuous_sources``; the declared break is 2010, 80860ned -> 60039fvw). Before, only the
75-plus sentence named its tables. The three tables count the same population: on 1 January
of the year, CBS's own figure (``population``: 37259eng, 03759ned), to the person."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city

POP = ("SELECT value FROM observations WHERE region_code = 'GM0935' AND table_id = ? AND "
       "measure = ? AND year = ? AND dims IN ('', 'StatusCijfer=Voorlopig', "
       "'StatusCijfer=Definitief', 'Sex=Total male and female') AND value IS NOT NULL")


@pytest.mark.parametrize(("table", "measure", "year"), [
    ("60039fvw", "TotaalMannenEnVrouwen_1", 2016), ("60039fvw", "TotaalMannenEnVrouwen_1", 2017),
    ("kwb2019", "population", 2019), ("85383NED", "InwonersTotaal_1", 2023),
    ("85383NED", "InwonersTotaal_1", 2024)])
def test_the_tables_count_cbs_population_on_1_january(wh, table, measure, year) -> None:
    got = wh.execute(POP, [table, measure, year]).fetchall()
    cbs = wh.execute("SELECT value FROM indicator_values WHERE region_code = 'GM0935' AND "
                     "indicator_id = 'population' AND year = ?", [year]).fetchall()
    assert len(got) == 1 and got == cbs, (got, cbs)


@pytest.mark.parametrize(("lang", "words"), [
    ("nl", "Trends over twee CBS-tabellen met dezelfde definitie, getoetst als één reeks: "),
    ("en", "Trends across two CBS tables with the same definition, tested as one series: ")])
def test_maastricht_65_plus_panel_names_its_tables(wh, lang: str, words: str) -> None:
    tables = dict(wh.execute(
        "SELECT year, source_tables FROM indicator_values WHERE region_code = 'GM0935' AND "
        "indicator_id = 'share_age_65_plus' AND year IN (2017, 2024)").fetchall())
    assert tables == {2017: "60039fvw", 2024: "85383NED"}
    page = builder.render("city.html.j2", builder.city_context(kept_city(wh, "GM0935"), lang,
                                                                None), pdf=False)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    start = text.index(words)
    caption = text[start:text.index(".", start + len(words))]
    title = {"nl": "Aandeel 65-plussers 2017 uit CBS-tabel 60039fvw, 2024 uit 85383NED",
             "en": "Share of inhabitants aged 65 and over 2017 from CBS table 60039fvw, 2024 "
                   "from 85383NED"}[lang]
    assert title in caption

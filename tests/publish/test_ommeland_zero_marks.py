"""An ommeland of 0 on its members' counts CBS rounded to 0 is marked where the report and
the profile print it, as the city's own figure on such a count is (real snapshot;
:mod:`stadstrends.publish.ommeland_zeros`). Before: Zaanstad's 'Sloop per 1 000 woningen: 1,6
in 2023. Daarmee zit Zaanstad in het hoogste kwart van de G40 (mediaan 0,6) en hoger dan het
ommeland (0,0).' beside '0,2 (berekend uit afgerond aantal) in 2016'; its ommeland is
Wormerland alone, 0 demolitions in 86054NED, rounded to fives (0 to 2 dwellings)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from stadstrends.publish.profile import city_profile, render_profile
from stadstrends.publish.profile_text import _ommeland_cell
from stadstrends.publish.report import builder
from tests.publish.loaded import connect, kept_city

DEMOLITION = "demolition_per_1000_dwellings"
ONE = {"nl": "berekend uit een op 0 afgerond aantal", "en": "computed from a count rounded to 0"}
MANY = {"nl": "berekend uit op 0 afgeronde aantallen", "en": "computed from counts rounded to 0"}


def _texts(warehouse_path, city: str, lang: str) -> tuple[str, list[str]]:
    with connect(warehouse_path) as con:
        data = kept_city(con, city)
    texts = [s.text for s in builder.collect_sentences(builder.city_context(data, lang, None))]
    return data.catalogue[DEMOLITION][f"title_{lang}"], texts


@pytest.mark.parametrize(("lang", "shown"), [
    ("nl", "hoger dan het ommeland (0,0, berekend uit een op 0 afgerond aantal)"),
    ("en", "higher than the surrounding region (0.0, computed from a count rounded to 0)")])
def test_the_report_marks_the_ommeland_as_the_citys_own_figure(warehouse_path, lang, shown):
    title, texts = _texts(warehouse_path, "Zaanstad", lang)
    text = next(t for t in texts if t.startswith(f"{title}: "))
    assert shown in text, text
    # the city's own figure keeps its own mark (a count of 5, rounded to fives)
    assert {"nl": "0,2 (berekend uit afgerond aantal) in 2016",
            "en": "0.2 (computed from a rounded count) in 2016"}[lang] in text, text
    # no other ommeland in the report is such a 0 (the analysis' 3 of Zaanstad: demolitions)
    assert [t for t in texts if ONE[lang] in t or MANY[lang] in t] == [text]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_profile_cell_marks_it(wh, lang):
    zaanstad = city_profile(wh, "Zaanstad")
    row = next(i for d in zaanstad["domains"] for i in d["indicators"]
               if i["indicator_id"] == DEMOLITION)
    assert (row["year"], row["ommeland_year"], row["ommeland_zeros"]) == (2023, 2023, 1)
    assert _ommeland_cell(row, lang) == ("0,0" if lang == "nl" else "0.0") + f" ({ONE[lang]})"
    assert _ommeland_cell({**row, "ommeland_zeros": 3}, lang).endswith(f" ({MANY[lang]})")
    assert _ommeland_cell({**row, "ommeland_zeros": None}, lang) in ("0,0", "0.0")
    console = Console(record=True, width=400, file=io.StringIO())
    render_profile(zaanstad, console, lang)
    line = next(x for x in console.export_text().splitlines()
                if x.startswith(row["title_nl"]))  # the profile's titles: Dutch
    assert line.rstrip().endswith(f"({ONE[lang]})"), line


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_profile_cell_says_the_rounding_once(wh, lang):
    """The cell reads the mark's words for an ommeland of another year than the city's and
    marks one of the same year: each path says it once (Zaanstad's 2019 and 2023)."""
    row = next(i for d in city_profile(wh, "Zaanstad")["domains"] for i in d["indicators"]
               if i["indicator_id"] == DEMOLITION)
    for year in (2019, 2023):
        cell = _ommeland_cell({**row, "ommeland_year": year}, lang)
        assert cell.count(ONE[lang]) == 1 and cell.count("(") == 1, cell
        assert (str(year) in cell) == (year != row["year"]), cell

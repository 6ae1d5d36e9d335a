"""A page's parameter with a value it cannot use is a 400 naming it, as
'/indicator/population?year=1800' is, never silently ignored (the real snapshot):
'/gemeente/GM0917?voorheen=GM9999' and '?voorheen=abc' answered 200 as if not asked;
'/?year=1900' and '/?year=2050' showed the latest year's map; '/vergelijk?regions=Bergen'
said '1 gemeente(n) opgegeven' instead of that two municipalities are called Bergen."""

from __future__ import annotations

import html
import re

import pytest

HTML = {"accept": "text/html"}


def _lead_and_note(page) -> tuple[str, str]:
    lead = re.search(r'class="error-message">(.*?)</p>', page.text, re.S).group(1)
    note = re.search(r'<p class="note">(.*?)</p>', page.text, re.S).group(1)
    return html.unescape(lead), html.unescape(note)


@pytest.mark.parametrize("value", ["GM9999", "abc", "GM0010"])  # GM0010: Delfzijl, Eemsdelta
def test_a_former_municipality_that_did_not_go_into_the_city_is_a_400(client, value) -> None:
    page = client.get(f"/gemeente/GM0917?voorheen={value}", headers=HTML)
    assert page.status_code == 400, page.status_code
    lead, note = _lead_and_note(page)
    assert f"'{value}' is geen voormalige gemeente die is opgegaan in Heerlen" in note, note
    assert "/gemeente/GM0917" in note
    err = client.get(f"/gemeente/GM0917?voorheen={value}&format=json").json()["error"]
    assert err["code"] == "invalid_parameter" and value in err["message"], err


def test_a_former_municipality_that_went_into_the_city_keeps_its_note(client) -> None:
    page = client.get("/gemeente/GM1979?voorheen=GM0003", headers=HTML)  # Appingedam
    assert page.status_code == 200
    assert "Appingedam valt sinds 1 januari 2021 onder Eemsdelta" in html.unescape(page.text)


@pytest.mark.parametrize("year", [1900, 2050])
def test_a_map_year_outside_the_years_with_figures_is_a_400(client, year) -> None:
    page = client.get(f"/?year={year}", headers=HTML)
    assert page.status_code == 400
    lead, _ = _lead_and_note(page)
    assert f"geen gemeentecijfers uit {year}" in lead, lead
    err = client.get(f"/?year={year}&format=json").json()["error"]
    assert err["code"] == "invalid_parameter" and str(year) in err["message"], err


def test_a_map_year_inside_the_range_still_shows_a_year(client, wh) -> None:
    years = [r[0] for r in wh.execute(
        "SELECT DISTINCT year FROM indicator_values WHERE indicator_id = "
        "'income_disposable_mean' AND region_code LIKE 'GM%' ORDER BY 1").fetchall()]
    page = client.get(f"/?year={years[0]}&format=json")
    assert page.status_code == 200 and page.json()["year"] == years[0]


def test_an_ambiguous_name_alone_on_the_compare_page_says_so(client) -> None:
    page = client.get("/vergelijk?regions=Bergen", headers=HTML)
    assert page.status_code == 400
    lead, note = _lead_and_note(page)
    assert "Meerdere gemeenten heten 'Bergen'" in note and "opgegeven" not in note, note
    err = client.get("/vergelijk?regions=Bergen&format=json").json()["error"]
    assert err["code"] == "region_ambiguous" and err["suggestions"] == ["GM0373", "GM0893"]
    one = client.get("/vergelijk?regions=Zwolle&format=json").json()["error"]
    assert one["message"] == "1 gemeente opgegeven", one  # a single clear name: the count


def test_another_indicators_year_shows_the_nearest_year_with_figures(client) -> None:
    """Switching the map's indicator keeps the year: 1999 (income has figures from 2011 on)
    shows 2011, as a year in a slider's gap shows the nearest (tests/web/test_pages.py)."""
    page = client.get("/?indicator=income_disposable_mean&year=1999&format=json")
    assert page.status_code == 200 and page.json()["year"] == page.json()["years"][0]

"""The indicator page says what Nederland's figure is where it is CBS's national figure in
every year so that the series stays one kind of figure (real snapshot; ``region_cbs_means``
reason ``one_series``, :mod:`stadstrends.indicators.aggregate`).

Electricity delivered to businesses per inhabitant (82538NED): CBS's national figure counts
more than the municipalities. Before, Nederland was CBS's in 2011 and 2013-2021 only and the
page said 'Nederland in 2011, 2013-2021: uit de landelijke cijfers van CBS, omdat niet alle
gemeenten een cijfer hebben'; the other years were the sum, 0.04-0.16 % lower. A series that
is CBS's only where the sum is incomplete (one-person households) keeps its words.
"""

from __future__ import annotations

import html
import re

from stadstrends.publish.format import fmt_years

ELECTRICITY = "electricity_delivered_per_inhabitant"


def _text(page: str) -> str:
    page = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _nl_years(wh, indicator: str) -> list[int]:
    return [r[0] for r in wh.execute(
        "SELECT year FROM indicator_values WHERE region_code = 'NL01' AND indicator_id = ? "
        "AND value IS NOT NULL ORDER BY 1", [indicator]).fetchall()]


def test_electricity_page_says_nederland_is_cbs_in_every_year(client, wh):
    years = _nl_years(wh, ELECTRICITY)
    assert years[0] == 2010 and years[-1] == 2023 and len(years) == 14
    text = _text(client.get(f"/indicator/{ELECTRICITY}?regions=GM0193").text)
    assert (f"Nederland in {fmt_years(years)}: uit de landelijke cijfers van CBS. Niet elk "
            "jaar hebben alle gemeenten een cijfer; zo is het elk jaar hetzelfde soort "
            "cijfer.") in text, text[:3000]
    assert "omdat niet alle gemeenten een cijfer hebben" not in text
    english = _text(client.get(f"/indicator/{ELECTRICITY}?regions=GM0193&lang=en").text)
    assert (f"The Netherlands in {fmt_years(years)}: from CBS's national figures. Not all "
            "municipalities have a figure in every year") in english


def test_the_city_set_line_says_so_of_the_year_shown(client):
    """The line under the ranking: 'Nederland: ... (uit de landelijke cijfers van CBS, zoals
    in elk jaar van deze reeks)' for 2022, a year whose sum is complete."""
    text = _text(client.get(f"/indicator/{ELECTRICITY}?year=2022").text)
    assert "(uit de landelijke cijfers van CBS, zoals in elk jaar van deze reeks)" in text, \
        text[:3000]


def test_a_series_cbs_only_where_the_sum_is_incomplete_keeps_its_words(client):
    text = _text(client.get("/indicator/one_person_household_share?regions=GM0193").text)
    assert "uit de landelijke cijfers van CBS, omdat niet alle gemeenten een cijfer hebben" \
        in text
    assert "zo is het elk jaar hetzelfde soort cijfer" not in text

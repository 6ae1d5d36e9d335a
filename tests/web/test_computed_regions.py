"""The dashboard prints an ommeland, COROP region, province or Nederland figure that
Stadstrends computes from the municipalities no more precisely than their figures, and
says so; the API keeps the raw values (real snapshot, Zwolle).

Before, the indicator page of gas use per dwelling printed Noord-Overijssel 1.732 m³ and
Nederland 1.525 m³ for 2012 (CBS rounds every municipality's gas use to tens and publishes
1 500 for Nederland), and Zwolle's tile 'Ommeland: 991 m³' for 2023.
"""

from __future__ import annotations

import html
import re

GAS = "gas_use_per_dwelling"


def _text(page: str) -> str:
    page = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_indicator_page_context_rounded_and_marked(client):
    text = _text(client.get(f"/indicator/{GAS}?regions=GM0193").text)
    row = re.search(r"2012 1\.450 m³ ([\d.]+) m³ ([\d.]+) m³ ([\d.]+) m³", text)
    assert row, text[:2000]
    corop, province, nl = (int(v.replace(".", "")) for v in row.groups())
    assert nl == 1500  # CBS's national figure (81528NED), not 1 525
    assert corop % 10 == 0 and province % 10 == 0, row.group(0)  # before: 1.732
    # Overijssel's gas use of 2012 is CBS's (81528NED), Noord-Overijssel's a sum: both said
    assert ("De COROP-regio en de provincie zijn de cijfers van CBS waar CBS ze publiceert "
            "voor de regio van nu, anders berekend door Stadstrends") in text
    assert "Nederland is het landelijke cijfer van CBS" in text


def test_indicator_page_of_a_ratio_says_nederland_is_computed(client):
    # net migration per 1 000 is a ratio of sums (thefts per 1 000 became a published mean in
    # s18-h5, births per 1 000 CBS's own rate in s52-h)
    text = _text(client.get("/indicator/net_migration_per_1000?regions=GM0193&lang=en").text)
    assert ("The COROP region, the province and the Netherlands are calculated by Stadstrends"
            in text)
    # births per 1 000: Nederland is CBS's rate, as a published mean's
    text = _text(client.get("/indicator/births_per_1000?regions=GM0193&lang=en").text)
    assert "The COROP region, the province and the Netherlands are calculated" not in text


def test_city_tile_ommeland_rounded_like_the_municipalities(client):
    text = _text(client.get("/gemeente/GM0193").text)
    tile = re.search(r"Gemiddeld aardgasverbruik per woning \(ook woningen met stadsverwarming\) "
                     r"760 m³ \(2023.*?Ommeland: ([\d.]+) m³", text)
    assert tile and tile.group(1) == "990", tile and tile.group(0)  # before: 991
    assert "Het ommeland (de rest van de COROP-regio) is berekend door Stadstrends" in text


def test_api_keeps_the_raw_values(client):
    """The API's series are the warehouse's numbers: Noord-Overijssel's 2012 gas use is its
    members' weighted mean, 1 732.06, not the page's 1 730."""
    answer = client.get(f"/api/v1/series?indicator={GAS}&region=CR10").json()
    rows = [r for r in answer["series"] if r["year"] == 2012]
    assert rows and abs(rows[0]["value"] - 1732.06) < 0.01, rows


def test_group_median_rounded_like_the_municipalities(client):
    """Bloemendaal's group (180 municipalities of 20 000 to 50 000 inhabitants): the median
    gas use of 2023 is 965 m³ between two members' figures, CBS rounds each to tens; the
    tile's place line and Kies richting's 'Waarom' print 970 m³ (before: 965 in both)."""
    text = _text(client.get("/gemeente/GM0377").text)
    medians = re.findall(r"mediaan (\d[\d.]*) m³(?! per)", text)
    assert medians and set(medians) == {"970"}, medians

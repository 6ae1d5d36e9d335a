"""The indicator page says which COROP and province figures of a count or ratio are CBS's
own figures of the region (the members' sum incomplete, the region's area today's), as it
says so of Nederland (real snapshot; :mod:`stadstrends.indicators.aggregate`).

71486ned is cut after 'Moerdijk': Utrecht's one-person households 2019-2024 of the COROP
region and the province of Utrecht are CBS's rows; before 2019 (Vijfheerenlanden joined
Utrecht on 1 January 2019) they stay empty. Before, the page said only 'De COROP-regio, de
provincie en Nederland zijn berekend door Stadstrends uit de cijfers van de gemeenten'.
"""

from __future__ import annotations

import html
import re

from stadstrends.publish.format import fmt_years

SHARE = "one_person_household_share"


def _text(page: str) -> str:
    page = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _cbs_years(wh, code: str) -> list[int]:
    return [r[0] for r in wh.execute(
        "SELECT m.year FROM region_cbs_means m JOIN indicator_values v "
        "USING (indicator_id, region_code, year) WHERE m.indicator_id = ? "
        "AND m.region_code = ? AND v.value IS NOT NULL ORDER BY 1", [SHARE, code]).fetchall()]


def test_utrecht_page_names_the_regions_cbs_figures(client, wh):
    corop, province = _cbs_years(wh, "CR17"), _cbs_years(wh, "PV26")
    assert corop and corop[0] == 2019 and province[0] == 2019  # not 2018: another area
    text = _text(client.get(f"/indicator/{SHARE}?regions=GM0344").text)
    assert (f"COROP Utrecht in {fmt_years(corop)} en provincie Utrecht in "
            f"{fmt_years(province)}: uit de cijfers van CBS voor de regio, omdat niet alle "
            "gemeenten een cijfer hebben.") in text, text[:3000]
    english = _text(client.get(f"/indicator/{SHARE}?regions=GM0344&lang=en").text)
    assert (f"COROP Utrecht in {fmt_years(corop)} and province of Utrecht in "
            f"{fmt_years(province)}: from CBS's figures for the region") in english


def test_no_region_note_where_the_regions_are_sums(client):
    """Zwolle's births per 1 000: its COROP region and province are Stadstrends' sums."""
    text = _text(client.get("/indicator/births_per_1000?regions=GM0193").text)
    assert "uit de cijfers van CBS voor de regio" not in text
    assert "De COROP-regio, de provincie en Nederland zijn berekend door Stadstrends" in text

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


def _cbs_years(wh, code: str, indicator: str = SHARE) -> list[int]:
    return [r[0] for r in wh.execute(
        "SELECT m.year FROM region_cbs_means m JOIN indicator_values v "
        "USING (indicator_id, region_code, year) WHERE m.indicator_id = ? "
        "AND m.region_code = ? AND v.value IS NOT NULL ORDER BY 1", [indicator, code]
    ).fetchall()]


def test_utrecht_page_names_the_regions_cbs_figures(client, wh):
    corop, province = _cbs_years(wh, "CR17"), _cbs_years(wh, "PV26")
    assert corop and corop[0] == 2019 and province[0] == 2019  # not 2018: another area
    text = _text(client.get(f"/indicator/{SHARE}?regions=GM0344").text)
    assert (f"COROP Utrecht in {fmt_years(corop)} en provincie Utrecht in "
            f"{fmt_years(province)}: uit de cijfers van CBS voor de regio, omdat niet alle "
            "gemeenten een cijfer hebben.") in text, text[:3000]
    # every COROP, province and Nederland figure drawn is CBS's: none 'berekend door Stadstrends'
    assert "Alle drie zijn cijfers van CBS." in text
    assert "berekend door Stadstrends" not in text.split("Ter vergelijking")[1][:400]
    english = _text(client.get(f"/indicator/{SHARE}?regions=GM0344&lang=en").text)
    assert (f"COROP Utrecht in {fmt_years(corop)} and province of Utrecht in "
            f"{fmt_years(province)}: from CBS's figures for the region") in english


def test_rotterdam_page_says_which_years_are_sums(client, wh):
    """Rotterdam's households: Groot-Rijnmond and Zuid-Holland are CBS's in 2024 only
    (71486ned, cut after 'Moerdijk'), sums before: they stay 'berekend door Stadstrends', 2024
    named."""
    corop, province = (_cbs_years(wh, c, "households") for c in ("CR29", "PV28"))
    assert corop == [2024] and province == [2024]
    text = _text(client.get("/indicator/households?regions=GM0599").text)
    assert "De COROP-regio, de provincie en Nederland zijn berekend door Stadstrends" in text \
        or "De COROP-regio en de provincie zijn berekend door Stadstrends" in text
    assert ("COROP Groot-Rijnmond in 2024 en provincie Zuid-Holland in 2024: uit de cijfers "
            "van CBS voor de regio") in text


def test_no_region_note_where_the_regions_are_sums(client):
    """Zwolle's net migration per 1 000: its COROP region and province are Stadstrends' sums
    (births per 1 000 is CBS's own rate since s52-h)."""
    text = _text(client.get("/indicator/net_migration_per_1000?regions=GM0193").text)
    assert "uit de cijfers van CBS voor de regio" not in text
    assert "De COROP-regio, de provincie en Nederland zijn berekend door Stadstrends" in text


def test_api_rows_say_which_figures_are_cbs_totals(client, wh):
    """/series marks a region's count or ratio that is CBS's own figure (``cbs_total``):
    Utrecht's COROP region from 2019, Nederland in every year of the cut 71486ned; the COROP
    region's 2018 stays a gap (another area), a municipality's row is never one."""
    answer = client.get(f"/api/v1/series?indicator={SHARE}&region=CR17,NL01,GM0193"
                        "&from=2017&to=2020").json()
    marks = {(r["region_code"], r["year"]): r["cbs_total"] for r in answer["series"]}
    assert marks[("CR17", 2019)] and marks[("CR17", 2020)] and marks[("NL01", 2017)]
    assert ("CR17", 2018) not in marks
    assert not any(v for (code, _), v in marks.items() if code.startswith("GM"))
    assert {(r["region_code"], r["year"]) for r in answer["series"] if r["cbs_total"]} == {
        (code, y) for code in ("CR17", "NL01") for y in _cbs_years(wh, code) if 2017 <= y <= 2020}


def test_download_notes_mark_cbs_regional_figures(client, wh):
    """The download's ``notes`` say 'cbs_total' where the API's row says ``cbs_total``: CR17's
    and PV26's one-person share of 2019-2024, not of 2018 (another area: empty) nor any
    municipality's. Before, those rows' notes were empty."""
    import io

    import pandas as pd

    frame = pd.read_csv(io.StringIO(client.get(f"/api/v1/download/{SHARE}.csv").text),
                        keep_default_na=False)
    marked = frame[frame["notes"].str.split().apply(lambda n: "cbs_total" in n)]
    cr17 = sorted(marked[marked["region_code"] == "CR17"]["year"])
    assert cr17 == _cbs_years(wh, "CR17") and cr17[0] == 2019, cr17
    assert not marked["region_code"].str.startswith("GM").any()
    api = client.get(f"/api/v1/series?indicator={SHARE}&region=CR17").json()["series"]
    assert sorted(r["year"] for r in api if r["cbs_total"]) == cr17


def test_city_page_names_an_ommeland_from_cbs_corop_figure(client, wh):
    """Enschede's households of 2024: Twente's ommeland is CBS's COROP figure minus
    Enschede's (71486ned, cut after 'Moerdijk'; analysis/ommeland_cbs.py), and its tile says
    so. Before, the tile had no ommeland at all."""
    code = wh.execute("SELECT region_code FROM regions WHERE name = 'Enschede' LIMIT 1"
                      ).fetchone()[0]
    value, rounding = wh.execute(
        "SELECT ommeland_value, ommeland_rounding FROM ommeland WHERE region_code = ? "
        "AND indicator_id = 'households' AND year = 2024", [code]).fetchone()
    assert value == 206356 and rounding == 0
    text = _text(client.get(f"/gemeente/{code}", headers={"accept": "text/html"}).text)
    assert ("Ommeland: 206.356 huishoudens (CBS-cijfer van de regio min dat van de "
            "gemeente)") in text, text[:2000]
    english = _text(client.get(f"/gemeente/{code}?lang=en",
                               headers={"accept": "text/html"}).text)
    assert "206,356 households (CBS's figure for the region minus the municipality's)" in english

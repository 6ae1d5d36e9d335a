"""The website says which day a payment-arrears figure is: CBS counts them on 31 December
(81064ned) and the catalogue shows them at the next year (``year_offset``); a tile says
'(2024, stand op 31 december 2023)', the indicator, ranking, comparison and embed pages a
line on every year (:mod:`stadstrends.publish.figure_notes`)."""

from __future__ import annotations

import re

import pytest

HTML = {"accept": "text/html"}
NOTE = {"nl": "Elk jaar staat voor de stand op 31 december van het jaar ervoor",
        "en": "Each year stands for the situation on 31 December of the year before"}
MARK = {"nl": "stand op 31 december", "en": "situation on 31 December"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_kerkrades_tiles_mark_the_day_of_payment_arrears_only(client, lang) -> None:
    page = client.get(f"/gemeente/GM0928?format=json&lang={lang}").json()
    tiles = [x for d in page["domains"] for x in d["tiles"]]
    moved = [x for x in tiles if x["indicator_id"].startswith("payment_arrears")]
    assert len(moved) == 2
    for x in moved:
        assert f"{MARK[lang]} {int(x['year']) - 1}" in x["marks"], x
    assert not [x for x in tiles if x not in moved
                and any(MARK[lang] in m for m in x["marks"])]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", [
    "/indicator/payment_arrears_share?regions=GM0928",
    "/ranglijst?indicator=payment_arrears_per_1000",
    "/vergelijk?regions=GM0928,GM0917&indicator=payment_arrears_share",
    "/embed/indicator/payment_arrears_share?regions=GM0928",
])
def test_pages_of_payment_arrears_say_each_year_is_the_31_december_before(client, path,
                                                                          lang) -> None:
    got = client.get(f"{path}&lang={lang}", headers=HTML)
    assert got.status_code == 200
    assert NOTE[lang] in got.text


def test_pages_of_other_indicators_say_nothing_of_it(client) -> None:
    got = client.get("/indicator/unemployment_rate?regions=GM0928", headers=HTML)
    assert got.status_code == 200 and NOTE["nl"] not in got.text



def test_the_apis_metadata_says_the_offset_as_a_field(client, wh) -> None:
    """/api/v1/indicators/{id}, the download's .json sidecar and /series carry
    ``year_offset``: before, only a caveat's words said '31 december', and a program reading
    ``last_year`` 2024 or the /series rows could not tell that 2024 is CBS's period 2023
    (Kerkrade's share 2,1%)."""
    moved = dict(wh.execute("SELECT indicator_id, year_offset FROM indicators "
                            "WHERE year_offset <> 0").fetchall())
    assert moved == {"payment_arrears_share": 1, "payment_arrears_per_1000": 1}
    for ind in [*moved, "unemployment_rate"]:
        for path in (f"/api/v1/indicators/{ind}", f"/api/v1/download/{ind}.json"):
            meta = client.get(path).json()
            assert meta["year_offset"] == moved.get(ind, 0), (path, meta)
            for lang in ("nl", "en"):
                note = meta[f"year_note_{lang}"]
                assert (NOTE[lang] in note) if ind in moved else note == "", (path, note)
        series = client.get(f"/api/v1/series?indicator={ind}&region=GM0928").json()
        assert series["indicator"]["year_offset"] == moved.get(ind, 0)
    listed = client.get("/api/v1/indicators").json()["indicators"]
    assert {i["indicator_id"]: i["year_offset"] for i in listed if i["year_offset"]} == moved
    assert {i["year_offset"] for i in listed} == {0, 1}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_city_pages_kies_richting_says_the_day_of_payment_arrears(client, lang) -> None:
    """Zwolle's strengths list both payment arrears: '0,8% (2024, stand op 31 december
    2023)', as the tiles; before, '(2024)'. Other Kies lines carry no such mark."""
    got = client.get(f"/gemeente/GM0193?lang={lang}", headers=HTML)
    assert got.status_code == 200
    section = got.text.split('id="kies-h"')[1].split("</section>")[0]
    lines = re.findall(r'<a href="/indicator/([a-z0-9_]+)\?[^"]*">[^<]*</a>: '
                       r"<strong>[^<]*</strong> \(([^)]*)\)", section)
    moved = [(i, year) for i, year in lines if i.startswith("payment_arrears")]
    assert len(moved) == 2, lines
    for _, year in moved:
        shown = int(year.split(",")[0])
        assert year.endswith(f", {MARK[lang]} {shown - 1}"), year
    assert not [y for i, y in lines if (i, y) not in moved and MARK[lang] in y]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_xlsx_and_csv_say_which_year_cbs_lists_a_figure_under(client, wh, lang) -> None:
    """The tester read payment_arrears_share.xlsx's 2024 = 1,6% and found it under 2023 on
    StatLine (81064ned): the JSON sidecar said so (``year_offset``), the XLSX's sheet
    ``metadata`` and the CSVs did not. Now the sheet has a row on the years and every data row
    of an indicator with an offset the note 'cbs_period:2023' (the XLSX's data sheet, both
    CSVs); other indicators have neither."""
    import io

    import pandas as pd

    moved = dict(wh.execute("SELECT indicator_id, year_offset FROM indicators "
                            "WHERE year_offset <> 0").fetchall())
    assert set(moved) == {"payment_arrears_share", "payment_arrears_per_1000"}
    for ind in [*moved, "unemployment_rate"]:
        sheets = pd.read_excel(io.BytesIO(client.get(
            f"/api/v1/download/{ind}.xlsx?lang={lang}").content), sheet_name=None)
        info = " ".join(sheets["metadata"].astype(str).to_numpy().ravel())
        last = int(sheets["data"]["year"].max())
        said = f"{last} is 31 {'december' if lang == 'nl' else 'December'} {last - 1}"
        assert (said in info and NOTE[lang] in info) if ind in moved \
            else "31 december" not in info.lower(), (ind, info)
        plain = pd.read_csv(io.StringIO(client.get(f"/api/v1/download/{ind}.csv").text),
                            keep_default_na=False)
        excel = pd.read_csv(io.StringIO(client.get(f"/api/v1/download/{ind}.excel.csv?"
                                                   f"lang={lang}").content.decode("utf-8-sig")),
                            sep=";", decimal=",", keep_default_na=False)
        for frame in (plain, excel, sheets["data"].fillna("")):
            periods = [[n for n in str(notes).split() if n.startswith("cbs_period:")]
                       for notes in frame["notes"]]
            if ind in moved:
                assert periods == [[f"cbs_period:{y - moved[ind]}"] for y in frame["year"]]
            else:
                assert not any(periods)

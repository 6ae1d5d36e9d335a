"""The API's and the downloads' words follow ``?lang=``: with ``lang=en`` the unit was still
'inwoners' and the credit 'Bron: CBS' (and the XLSX metadata sheet said 'veld', 'waarde',
'titel' and 'inwoners'), although ``/api/v1/labels?kind=unit`` has the English words. Dutch
stays the default. Real snapshot."""

from __future__ import annotations

import io

import pandas as pd

from stadstrends import CREDIT


def _labels(client, lang: str) -> dict[str, str]:
    rows = client.get(f"/api/v1/labels?kind=unit&lang={lang}").json()["labels"]
    return {r["code"]: r["text"] for r in rows}


def _english_credit() -> str:
    from stadstrends.vocabulary import word

    return word("en", "command_line", "credit")


def test_series_unit_and_credit_follow_lang(client, wh) -> None:
    unit = wh.execute("SELECT unit FROM indicators WHERE indicator_id = 'population'"
                      ).fetchone()[0]
    english = _labels(client, "en")[unit]
    assert english != unit  # the premise: the English word differs from the code
    url = "/api/v1/series?indicator=population&region=GM0193&from=2020"
    en, nl = client.get(url + "&lang=en").json(), client.get(url).json()
    assert en["indicator"]["unit"] == english and en["indicator"]["unit_code"] == unit
    assert en["credit"] == _english_credit() != CREDIT
    assert nl["indicator"]["unit"] == unit and nl["credit"] == CREDIT  # Dutch by default
    assert client.get(url + "&lang=nl").json()["credit"] == CREDIT


def test_other_endpoints_follow_lang(client) -> None:
    english = _labels(client, "en")
    for url in ("/api/v1/indicators", "/api/v1/indicators/population",
                "/api/v1/indicators/population/values", "/api/v1/profile/GM0193",
                "/api/v1/labels?kind=unit", "/api/v1"):
        body = client.get(url + ("&" if "?" in url else "?") + "lang=en").json()
        assert body["credit"] == _english_credit(), url
    assert client.get("/api/v1").json()["credit"] == CREDIT
    rows = client.get("/api/v1/indicators?lang=en").json()["indicators"]
    assert all(r["unit"] == english.get(r["unit_code"], r["unit_code"]).strip("()")
               for r in rows)
    assert any(r["unit"] != r["unit_code"] for r in rows)
    profile = client.get("/api/v1/profile/GM0193?lang=en").json()
    units = [i for d in profile["domains"] for i in d["indicators"]]
    assert any(i["unit_code"] == "inwoners" and i["unit"] == english["inwoners"]
               for i in units)


def test_downloads_follow_lang(client) -> None:
    from openpyxl import load_workbook

    english = _labels(client, "en")["inwoners"]
    en = pd.read_csv(io.StringIO(client.get(
        "/api/v1/download/population.csv?lang=en").text))
    nl = pd.read_csv(io.StringIO(client.get("/api/v1/download/population.csv").text))
    assert list(en.columns) == list(nl.columns)  # the documented columns stay
    assert (en["unit"] == english).all() and (en["source"] == _english_credit()).all()
    assert (nl["unit"] == "inwoners").all() and (nl["source"] == CREDIT).all()
    meta = client.get("/api/v1/download/population.json?lang=en").json()
    assert meta["unit"] == english and meta["credit"] == _english_credit()
    assert client.get("/api/v1/download/population.json").json()["unit"] == "inwoners"
    book = load_workbook(io.BytesIO(client.get(
        "/api/v1/download/population.xlsx?lang=en").content), read_only=True)
    rows = list(book["metadata"].iter_rows(values_only=True))
    sheet = dict(rows[1:])
    assert rows[0] == ("field", "value")
    assert sheet["unit"] == english and sheet["source"] == _english_credit()
    assert not {"veld", "titel", "eenheid", "bron"} & set(sheet)
    dutch = load_workbook(io.BytesIO(client.get(
        "/api/v1/download/population.xlsx").content), read_only=True)
    assert next(dutch["metadata"].iter_rows(values_only=True)) == ("veld", "waarde")


def test_the_licence_link_follows_lang(client) -> None:
    """The English answers and downloads link the licence's English deed: they linked the
    Dutch one ('.../by/4.0/deed.nl') in the metadata of /api/v1/indicators/{id}, the
    download's .json and the XLSX sheet 'metadata'."""
    from openpyxl import load_workbook

    deed = {"nl": "https://creativecommons.org/licenses/by/4.0/deed.nl",
            "en": "https://creativecommons.org/licenses/by/4.0/deed.en"}
    for lang, url in deed.items():
        for path in ("/api/v1/indicators/population", "/api/v1/download/population.json"):
            assert client.get(f"{path}?lang={lang}").json()["licence_url"] == url, path
        book = load_workbook(io.BytesIO(client.get(
            f"/api/v1/download/population.xlsx?lang={lang}").content), read_only=True)
        sheet = dict(list(book["metadata"].iter_rows(values_only=True))[1:])
        assert sheet[{"nl": "licentie", "en": "licence"}[lang]] == f"CC BY 4.0 {url}"
    assert client.get("/api/v1/indicators/population").json()["licence_url"] == deed["nl"]


def test_ranking_csv_follows_the_page_language(client) -> None:
    english = _labels(client, "en")["inwoners"]
    en = pd.read_csv(io.StringIO(client.get(
        "/ranglijst/download.csv?indicator=population&lang=en").text))
    nl = pd.read_csv(io.StringIO(client.get("/ranglijst/download.csv?indicator=population"
                                            ).text))
    assert list(en.columns) == list(nl.columns)
    assert (en["unit"] == english).all() and (en["source"] == _english_credit()).all()
    assert (nl["unit"] == "inwoners").all() and (nl["source"] == CREDIT).all()
    page = client.get("/ranglijst?indicator=population&lang=en&format=json").json()
    assert all("lang=en" in link for link in page["downloads"].values())

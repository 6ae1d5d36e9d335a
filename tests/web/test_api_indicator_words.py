"""An indicator in the API's errors (the real snapshot): an address without one says it is
missing with where to find the ids ('/api/v1/download/.csv' answered "Onbekende indicator
'.csv'", '/api/v1/indicators/%20' "Onbekende indicator ' '"), and an error about a known
indicator names it in words, its id beside, as it names the regions ('geen cijfers van
population voor Zwolle' on /series, 'Geen gemeentecijfers van population' on /values)."""

from __future__ import annotations

import pytest

HTML = {"accept": "text/html"}


@pytest.mark.parametrize("name", [".csv", "%20.csv", ".xlsx", ".json", ".excel.csv", "csv",
                                  "%20"])
def test_a_download_without_an_indicator_says_so(client, name: str) -> None:
    shown = name.replace("%20", " ")
    for lang, said, where in (("nl", f"geen indicator opgegeven in '{shown}'", "toont ze"),
                              ("en", f"no indicator given in '{shown}'", "lists them")):
        response = client.get(f"/api/v1/download/{name}?lang={lang}")
        assert response.status_code == 404, response.text
        err = response.json()["error"]
        assert err["code"] == "indicator_not_found", err
        assert err["message"] == said, err
        assert "/api/v1/download/population.csv" in err["hint"], err
        assert f"/api/v1/indicators {where}" in err["hint"], err


def test_an_odd_or_misspelt_download_names_what_it_read(client) -> None:
    err = client.get("/api/v1/download/..csv").json()["error"]
    assert err["message"] == "Onbekende indicator '.'", err
    err = client.get("/api/v1/download/populatoin.csv").json()["error"]
    assert err["message"] == "Onbekende indicator 'populatoin'", err
    assert "population" in err["suggestions"], err
    assert client.get("/api/v1/download/population.excel.csv").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/indicators/%20", "/api/v1/indicators/%20/values",
                                  "/api/v1/indicators/%20%20?lang=en"])
def test_a_blank_indicator_id_says_none_was_given(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404, response.text
    err = response.json()["error"]
    english = "lang=en" in path
    assert err["message"] == ("no indicator given" if english else
                              "geen indicator opgegeven"), err
    assert "/api/v1/indicators" in err["hint"] and "population" in err["hint"], err


def test_the_page_of_a_blank_indicator_says_none_was_chosen(client) -> None:
    page = client.get("/indicator/%20", headers=HTML)
    assert page.status_code == 404
    assert "Geen indicator gekozen" in page.text and "Het adres noemt geen indicator." \
        in page.text, page.text
    assert "Deze indicator bestaat niet" not in page.text


@pytest.mark.parametrize(("lang", "series", "values"), [
    ("nl", "geen cijfers van ‘Inwoners op 1 januari’ (population) voor Zwolle, Deventer in "
           "de gevraagde jaren (from=1990&to=1991)",
     "geen gemeentecijfers van ‘Inwoners op 1 januari’ (population) in 1990"),
    ("en", "no values of ‘Population on 1 January’ (population) for Zwolle, Deventer in the "
           "years asked (from=1990&to=1991)",
     "no municipal values of ‘Population on 1 January’ (population) in 1990")])
def test_a_known_indicator_is_named_in_words_with_its_id(client, lang: str, series: str,
                                                          values: str) -> None:
    err = client.get("/api/v1/series?indicator=population&region=GM0193,Deventer"
                     f"&from=1990&to=1991&lang={lang}").json()["error"]
    assert err["message"] == series, err
    err = client.get(f"/api/v1/indicators/population/values?year=1990&lang={lang}"
                     ).json()["error"]
    assert err["message"] == values, err

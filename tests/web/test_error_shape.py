"""Every error of the API and the pages in the one shape (the real snapshot): a parameter
FastAPI cannot read is a 400 as our own checks give (never FastAPI's 422 body), a year
without figures names the years with figures, a page's unknown ?lang= as the API's, hints
on HTML pages for the page's reader, input echoed printable and cut, and a former code on
an indicator page or embed says which municipality it shows."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.routing import APIRoute

HTML = {"accept": "text/html"}
SHAPE = {"code", "message", "hint", "suggestions"}


def _note(response) -> str:
    """The technical note of an HTML error page as a reader sees it."""
    return html.unescape(re.search(r'<p class="note">(.*?)</p>', response.text, re.S).group(1))


def _span(wh, indicator: str, code: str | None = None) -> str:
    years = [r[0] for r in wh.execute(
        "SELECT DISTINCT year FROM indicator_values WHERE indicator_id = ? AND region_code "
        "LIKE ? ORDER BY year", [indicator, code or "GM%"]).fetchall()]
    assert years == list(range(years[0], years[-1] + 1))  # one run: 'first–last' is true
    return f"{years[0]}–{years[-1]}"


def test_api_years_out_of_range_are_a_400_naming_the_years_with_figures(client, wh) -> None:
    """'values?year=1800' and 'series?from=1800' were FastAPI's 422 ('less than 1900'), while
    the pages answer year=1800 with a 400 naming the years with figures."""
    span = _span(wh, "population")
    assert span == _span(wh, "population", "GM0193") == "1999–2026"
    page = client.get("/indicator/population?year=1800&format=json")
    assert page.status_code == 400 and span in page.json()["error"]["hint"]
    cases = {"/api/v1/indicators/population/values?year=1800": "1800",
             "/api/v1/indicators/population/values?year=2300": "2300",
             "/api/v1/series?indicator=population&region=GM0193&from=1800": "from=1800",
             "/api/v1/series?indicator=population&region=zwolle&to=1800": "to=1800",
             "/api/v1/series?indicator=population&region=GM0193&from=1999&to=2500": "to=2500"}
    for path, named in cases.items():
        response = client.get(path)
        assert response.status_code == 400, (path, response.text)
        err = response.json()["error"]
        assert set(err) == SHAPE and err["code"] == "invalid_parameter", err
        assert named in err["message"] and span in err["hint"], err
        dutch = client.get(path + "&lang=nl").json()["error"]
        assert span in dutch["hint"] and "cijfers" in dutch["hint"], dutch
    assert client.get("/api/v1/series?indicator=population&region=GM0193&from=1999"
                      ).json()["count"] == 28



@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_year_parameter_has_one_range_and_one_wording(client, lang) -> None:
    """'values?year=-1' said FastAPI's 'less than 0', 'series?from=3000' 'outside 1900-2100'
    and a page's '?year=-1' 'less than 0' too: now every year parameter, of the API and of
    the pages, takes any whole number and one outside 1900-2100 is the same 400 in the same
    words, its hint naming the years with figures."""
    words = {"en": "year {y} ({name}={y}) is outside 1900–2100",
             "nl": "het jaar {y} ({name}={y}) valt buiten 1900–2100"}[lang]
    cases = [("/api/v1/indicators/population/values?year=-1", "year", -1),
             ("/api/v1/indicators/population/values?year=2101", "year", 2101),
             ("/api/v1/series?indicator=population&region=GM0193&from=3000", "from", 3000),
             ("/api/v1/series?indicator=population&region=GM0193&to=1899", "to", 1899),
             ("/api/v1/series?indicator=population&region=GM0193&from=-5", "from", -5),
             ("/indicator/population?format=json&year=-1", "year", -1),
             ("/?format=json&indicator=population&year=3000", "year", 3000),
             ("/ranglijst?format=json&indicator=population&year=99999", "year", 99999)]
    for path, name, year in cases:
        response = client.get(f"{path}&lang={lang}")
        assert response.status_code == 400, (path, response.text)
        err = response.json()["error"]
        assert set(err) == SHAPE and err["code"] == "invalid_parameter", err
        assert err["message"] == words.format(y=year, name=name), (path, err)
        assert "1999–2026" in err["hint"], (path, err)
    for year in (1900, 2100):  # the range's ends are in it: no figures, not out of range
        err = client.get(f"/api/v1/indicators/population/values?year={year}&lang={lang}"
                         ).json()["error"]
        assert "1900–2100" not in err["message"] and str(year) in err["message"], err
    page = client.get(f"/indicator/population?year=-1&lang={lang}", headers=HTML)
    assert page.status_code == 400 and "less than" not in page.text
    lead = " ".join(html.unescape(re.search(r'class="error-message">(.*?)</p>', page.text,
                                            re.S).group(1)).split())
    assert {"en": "Year -1 is outside 1900–2100", "nl": "Het jaar -1 valt buiten 1900–2100"
            }[lang] in re.sub(r"<[^>]+>", "", lead), lead


def _routes(routes):
    """Every route, included routers unfolded (FastAPI keeps them nested)."""
    for route in routes:
        if hasattr(route, "original_router"):
            yield from _routes(route.original_router.routes)
        else:
            yield route


def _bad_calls(app) -> list[tuple[str, str]]:
    """(path, what it sends wrong) for every GET route's query and path parameters: a value
    FastAPI cannot accept (not a whole number, too long, not a choice, not a language)."""
    filled = {"code": "GM0193", "region": "GM0193", "indicator_id": "population",
              "filename": "population.csv", "name": "GM0193.nl.html"}
    calls = []
    for route in _routes(app.routes):
        if not isinstance(route, APIRoute) or "GET" not in route.methods:
            continue
        path = route.path
        for name, value in filled.items():
            path = path.replace("{" + name + "}", value)
        if "{" in path:
            continue
        for param in route.dependant.query_params:
            calls.append((f"{path}?{param.alias}={'x9' * 250}", param.alias))
        for param in route.dependant.path_params:
            calls.append((route.path.replace("{" + param.alias + "}", "y" * 300)
                          .replace("{", "").replace("}", ""), param.alias))
    return calls


def test_every_validation_error_has_the_fixed_shape_or_the_error_page(client, web_app
                                                                       ) -> None:
    """FastAPI's own 422 body ('detail': [...]) must never reach a user: on the API and on
    the pages' JSON twins the fixed shape with a 400, on HTML pages the error page."""
    calls = _bad_calls(web_app)
    assert len(calls) > 40
    refused = 0
    for path, param in calls:
        for headers, twin in (({}, "&format=json" if not path.startswith("/api/") else ""),
                              (HTML, "")):
            response = client.get(path + (twin if "?" in path else twin.replace("&", "?", 1)),
                                  headers=headers)
            assert response.status_code != 422, (path, param, response.text[:300])
            if response.status_code < 400:
                continue
            refused += 1
            assert "detail" not in response.text[:20] and "Traceback" not in response.text
            if "json" in response.headers["content-type"]:
                assert set(response.json()) == {"error"}, (path, response.text[:300])
                assert set(response.json()["error"]) == SHAPE
            else:
                assert 'class="error-message"' in response.text, path
    assert refused > 60
    missing = client.get("/api/v1/series?indicator=population")
    assert missing.status_code == 400 and "region" in missing.json()["error"]["message"]


def test_a_pages_json_twin_answers_an_unknown_language_as_the_api(client) -> None:
    """'/gemeente/GM0193?lang=zz&format=json' was a 422 ('lang: unknown language', 'see
    /api/v1/docs'), '/api/v1/profile/GM0193?lang=zz' a 400 ('kies uit: nl, en': Dutch, the
    API's language without a lang it knows)."""
    api = client.get("/api/v1/profile/GM0193?lang=zz")
    assert api.status_code == 400
    for path in ("/gemeente/GM0193", "/indicator/population", "/ranglijst", "/"):
        twin = client.get(f"{path}?lang=zz&format=json")
        assert (twin.status_code, twin.json()) == (400, api.json()), (path, twin.text)
    assert api.json()["error"]["hint"] == "kies uit: nl, en"


def test_html_error_notes_speak_to_the_pages_reader(client) -> None:
    """The note on an HTML error page said 'zie /api/v1/docs voor de parameters' and 'zoek met
    /api/v1/regions?q=…': a page's reader gets what to click or type, in the page's language."""
    cases = {"/indicator/population?year=abc": "kies opnieuw op de pagina",
             "/gemeente/GM0193?lang=zz": "taalknop",
             "/gemeente/zzqqxx": "klik op Zoeken",
             "/indicator/populatoin": "Ranglijst",
             "/nergens": "startpagina",
             "/ranglijst?sorteer=zzz": "kies opnieuw op de pagina"}
    for path, words in cases.items():
        note = _note(client.get(path, headers=HTML))
        assert words in note and "/api/" not in note and " zie " not in note, (path, note)
    english = _note(client.get("/indicator/population?year=abc&lang=en", headers=HTML))
    assert "choose again on the page" in english and "/api/" not in english, english
    # the API keeps pointing to its docs
    assert "/api/v1/docs" in client.get("/api/v1/indicators/population/values?year=abc"
                                        ).json()["error"]["hint"]


def test_echoed_input_is_printable_and_cut(client) -> None:
    """'Onbekende gemeente 'ab\\x00cd'' echoed a NUL (and a terminal escape, a right-to-left
    override) as such; a 90-character name came back whole. A control character is a 400
    now (address_text.control_part), still echoed escaped."""
    bad = "ab%00cd%1b[31m%E2%80%AEzz"
    page = client.get(f"/gemeente/{bad}", headers=HTML)
    assert page.status_code == 400
    note = _note(page)
    assert "'ab\\x00cd\\x1b[31m\\u202ezz'" in note, note
    assert not re.search("[\x00-\x1f\u202e]", note), note
    err = client.get(f"/api/v1/profile/{bad}").json()["error"]
    assert "'ab\\x00cd\\x1b[31m\\u202ezz'" in err["message"], err
    assert not re.search("[\x00-\x1f\u202e]", err["message"] + err["hint"]), err
    long = "q" * 90
    for text in (_note(client.get(f"/gemeente/{long}", headers=HTML)),
                 client.get(f"/api/v1/profile/{long}").json()["error"]["message"]):
        shown = re.search(r"'(q+…)'", text).group(1)
        assert len(shown) == 60, text
    lang = client.get("/api/v1/profile/GM0193?lang=%00" + "z" * 80).json()["error"]
    assert "\\x00" in lang["message"] and "…" in lang["message"] and "\x00" not in lang["message"]


def test_a_former_code_on_an_indicator_page_or_embed_says_why(client) -> None:
    """'/indicator/population?regions=GM0003', its embed and '/api/v1/profile/appingedam'
    showed Eemsdelta without a word (the city page says 'Appingedam valt sinds 1 januari 2021
    onder Eemsdelta (GM1979)', /api/v1/series gives 'notes')."""
    dutch = "Appingedam valt sinds 1 januari 2021 onder Eemsdelta (GM1979)"
    for path in ("/indicator/population?regions=GM0003",
                 "/indicator/population?regions=GM0193,appingedam",
                 "/embed/indicator/population?regions=GM0003"):
        text = html.unescape(client.get(path, headers=HTML).text)
        assert dutch in text and "Eemsdelta" in text, path
    english = html.unescape(client.get("/embed/indicator/population?regions=GM0003&lang=en",
                                       headers=HTML).text)
    assert "Appingedam has been part of Eemsdelta (GM1979) since 1 January 2021" in english
    twin = client.get("/indicator/population?regions=GM0003&format=json").json()
    assert twin["former_notes"] == [dutch]
    assert [r["region_code"] for r in twin["regions"]] == ["GM1979"]
    profile = client.get("/api/v1/profile/appingedam").json()  # was Eemsdelta's, no word
    assert profile["region"]["code"] == "GM1979" and profile["notes"] == [
        {"query": "appingedam", "region_code": "GM1979", "former": "GM0003", "note_nl": dutch,
         "note_en": "Appingedam has been part of Eemsdelta (GM1979) since 1 January 2021"}]
    assert "notes" not in client.get("/api/v1/profile/GM1979").json()
    for path in ("/indicator/population?regions=GM1979", "/indicator/population",
                 "/embed/indicator/population?regions=GM1979"):
        assert "valt sinds" not in client.get(path, headers=HTML).text, path


@pytest.mark.parametrize(("path", "lang", "message", "hint"), [
    ("/api/v1/geo/wijken/GM0193?lang=en", "en",
     "no address /api/v1/geo/wijken/GM0193 on this site",
     "did you mean /api/v1/geo/wijken/GM0193.geojson?"),
    ("/api/v1/geo/wijken/GM0193", "nl",
     "geen adres /api/v1/geo/wijken/GM0193 op deze site",
     "bedoelt u /api/v1/geo/wijken/GM0193.geojson?"),
    ("/api/v1/nothing?lang=nl", "nl", "geen adres /api/v1/nothing op deze site",
     "zie /api/v1/docs voor de adressen van de API"),
])
def test_an_unknown_address_is_named_with_the_one_meant(client, path, lang, message, hint):
    """/api/v1/geo/wijken/GM0150 (without '.geojson') answered a bare 'Not Found' in English
    whatever ?lang= said: the address is named in the request's language, with the address
    meant where only '.geojson' is missing, and that address answers."""
    r = client.get(path, headers={"accept": "application/json"})
    err = r.json()["error"]
    assert r.status_code == 404 and err["code"] == "not_found"
    assert (err["message"], err["hint"]) == (message, hint), err
    if hint.endswith(".geojson?"):
        assert client.get(hint.split(" ")[-1].rstrip("?")).status_code == 200

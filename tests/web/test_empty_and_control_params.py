"""API parameters given empty and addresses with control characters (the real snapshot):
every empty API parameter is the one 400 naming it with an example ('indicator=' was a 404
"Unknown indicator ''", 'year=' 'not a whole number', 'lang=' 'unknown language'), and a
control character in a value, a name or a path part is a 400 showing it escaped, on the API
and the pages ('region=GM0088%00' was read as GM0088)."""

from __future__ import annotations

import html

HTML = {"accept": "text/html"}
SERIES = "/api/v1/series?indicator=population&region=GM0088"


def test_every_empty_api_parameter_is_a_400_naming_it(client) -> None:
    cases = {"/api/v1/series?region=GM0088&indicator=": "indicator",
             "/api/v1/series?indicator=population&region=": "region",
             "/api/v1/series?indicator=population&region=%20": "region",
             "/api/v1/series?indicator=population&region=GM0088&region=": "region",
             SERIES + "&from=": "from", SERIES + "&to=": "to", SERIES + "&lang=": "lang",
             "/api/v1/indicators/population/values?year=": "year",
             "/api/v1/profile/GM0088?set=": "set", "/api/v1/profile/GM0088?lang=": "lang",
             "/api/v1/indicators?domain=": "domain", "/api/v1/labels?kind=": "kind",
             "/api/v1/labels?lang=": "lang", "/api/v1/regions?level=": "level",
             "/api/v1/indicators/population?lang=": "lang",
             "/api/v1/download/population.json?lang=": "lang"}
    for path, name in cases.items():
        response = client.get(path)
        assert response.status_code == 400, (path, response.text)
        err = response.json()["error"]
        assert err["code"] == "invalid_parameter", (path, err)
        # Dutch without a lang, as the API's answers (session 54)
        assert err["message"] == f"parameter ‘{name}’ is leeg", (path, err)
        assert f"{name}=" in err["hint"] and "laat" in err["hint"], (path, err)
        if "lang=" not in path:
            english = client.get(path + "&lang=en").json()["error"]
            assert english["message"] == f"parameter '{name}' is empty", english
            assert f"{name}=" in english["hint"] and "leave" in english["hint"], english
    assert client.get("/api/v1/regions?q=").status_code == 200  # empty search: all regions
    assert client.get(SERIES).json()["count"] > 0


def test_control_characters_are_refused_on_the_api(client) -> None:
    response = client.get(SERIES.replace("GM0088", "GM0088%00") + "&lang=en")
    assert response.status_code == 400, response.text
    err = response.json()["error"]
    assert err["message"] == "parameter 'region' contains a control character: 'GM0088\\x00'"
    assert err["hint"] and "%00" in err["hint"], err
    for path, shown in (("/api/v1/series?indicator=population%0A&region=GM0088&lang=en",
                         "population\\x0a"),
                        ("/api/v1/profile/GM0088%1B?lang=en", "GM0088\\x1b"),
                        ("/api/v1/indicators?dom%00ain=x&lang=en", "dom\\x00ain"),
                        ("/api/v1/indicators/population/values?year=2020%7F&lang=en",
                         "2020\\x7f")):
        response = client.get(path)
        assert response.status_code == 400, (path, response.text)
        assert f"'{shown}'" in response.json()["error"]["message"], (path, response.text)
    dutch = client.get(SERIES.replace("GM0088", "GM0088%00")).json()["error"]  # the default
    assert "stuurteken" in dutch["message"] and "GM0088\\x00" in dutch["message"], dutch


def test_control_characters_are_refused_on_the_pages(client) -> None:
    for path, shown in (("/gemeente/GM0088?vergelijk=GK5%00", "GK5\\x00"),
                        ("/gemeente/GM0088%00", "GM0088\\x00"),
                        ("/ranglijst?indicator=population%09", "population\\x09")):
        response = client.get(path, headers=HTML)
        assert response.status_code == 400, (path, response.status_code)
        assert "Ongeldige tekens in het adres" in response.text, path
        assert shown in html.unescape(response.text), path
    assert client.get("/gemeente/GM0088", headers=HTML).status_code == 200


BLANKS = ("%20", "+", "%20%20", "%C2%A0")  # a space, a form's space, two, a no-break space


def test_a_value_of_only_spaces_is_empty_on_the_pages_and_the_api(client) -> None:
    """A page's parameter of only spaces was a real value ('/ranglijst?indicator=%20': 404
    'Onbekende indicator', '?lang=%20': 400 'Onbekende taal') where the API says 'is empty':
    now both read it as empty, the page as the parameter left out (its default); the
    embedded chart too ('?lang=' was 400 'Onbekende taal' there, '?regions=%20' 400)."""
    pages = {"/ranglijst?indicator={}": "/ranglijst",
             "/ranglijst?indicator={}&year={}&groep=PV23": "/ranglijst?groep=PV23",
             "/gemeente/GM0148?lang={}&vergelijk={}": "/gemeente/GM0148",
             "/indicator/population?year={}": "/indicator/population",
             "/embed/indicator/population?lang={}&regions={}": "/embed/indicator/population"}
    for blank in ("", *BLANKS):
        for path, plain in pages.items():
            path = path.format(blank, blank)
            response = client.get(path, headers=HTML)
            assert response.status_code == 200, (path, response.text[:400])
            assert response.text == client.get(plain, headers=HTML).text, path
        api = client.get(f"/api/v1/series?indicator=population&region=GM0088&lang={blank}")
        assert api.status_code == 400, (blank, api.text)
        assert api.json()["error"]["message"] == "parameter ‘lang’ is leeg", api.text
    response = client.get("/gemeente/GM0148?set=%20", headers=HTML)  # not the page's name
    assert response.status_code == 400 and "‘vergelijk’" in response.text
    twice = client.get("/api/v1/indicators/population/values?year=%20&year=2020").json()
    assert "?year=2020" in twice["error"]["hint"], twice  # the value given, not the space


def test_the_api_docs_and_index_read_lang_as_every_endpoint(client) -> None:
    """'/api/v1/docs?lang=' said "unknown language ''" ('?lang=%20': "unknown language ' '")
    where every endpoint says 'parameter 'lang' is empty'; '/api/v1?lang=xx' answered 200 in
    Dutch where every endpoint says 'unknown language'. Now the same 400s, the documented
    default (Dutch) without ?lang=."""
    series = "/api/v1/series?indicator=population&region=GM0088&lang="
    for value in ("", "%20", "xx"):
        expected = client.get(series + value)
        assert expected.status_code == 400, expected.text
        for path in ("/api/v1/docs?lang=", "/api/v1?lang="):
            response = client.get(path + value, headers=HTML)
            assert response.status_code == 400, (path, value, response.text[:300])
            assert response.json() == expected.json(), (path, value)
    said = client.get("/api/v1/docs?lang=xx").json()["error"]
    assert said["message"] == "onbekende taal ‘xx’" and said["hint"] == "kies uit: nl, en"
    assert '<html lang="nl">' in client.get("/api/v1/docs").text
    assert '<html lang="en">' in client.get("/api/v1/docs?lang=EN").text
    assert client.get("/api/v1?lang=en").status_code == 200

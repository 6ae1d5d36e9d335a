"""Bad input gets a true, helpful answer in the page's language (the real snapshot): region
lists and years in Dutch, an unknown API parameter named with the one meant, a series window
without figures named with the years that have them, 'mijn' outside the ranked group said as
such, and a former municipality's address says why it shows its successor."""

from __future__ import annotations

import html
import re

HTML = {"accept": "text/html"}
LONG = "x" * 150
ENGLISH = re.compile(r"\b(characters|at most|no region|regions asked|is after|swap|use a|ask for|"
                     r"out of range|split the)\b")


def _shown(response) -> tuple[str, str]:
    """(the error page's lead, its technical message) as a reader sees them."""
    lead = re.search(r'class="error-message">(.*?)</p>', response.text, re.S).group(1)
    note = re.search(r'<p class="note">(.*?)</p>', response.text, re.S).group(1)
    return html.unescape(lead), html.unescape(note)


def _years(wh, indicator: str, code: str) -> list[int]:
    return [r[0] for r in wh.execute(
        "SELECT DISTINCT year FROM indicator_values WHERE indicator_id = ? AND region_code = ? "
        "ORDER BY year", [indicator, code]).fetchall()]


def test_region_list_and_year_errors_are_in_the_pages_language(client) -> None:
    """'a region name or code of 150 characters, at most 100' and 'from (2020) is after to
    (2010)' stood in English on Dutch pages and in the API with lang=nl."""
    page = client.get(f"/vergelijk?regions={LONG},zwolle", headers=HTML)
    assert page.status_code == 400
    lead, note = _shown(page)
    assert "150 tekens" in note and "100" in note and not ENGLISH.search(note), note
    cases = {f"region={LONG}": ("150", "100"), "region=GM0193&from=2020&to=2010":
             ("2020", "2010"), "region=" + ",".join(["GM0193"] * 5000)[:2_100]: ("2100", "2000"),
             "region=,,": (), "region=" + ",".join(f"GM{i:04d}" for i in range(26)): ("26",)}
    for query, numbers in cases.items():
        path = f"/api/v1/series?indicator=population&{query}"
        english = client.get(path + "&lang=en").json()["error"]
        dutch = client.get(path + "&lang=nl")
        assert dutch.status_code == 400, (query, dutch.text)
        err = dutch.json()["error"]
        words = err["message"] + " " + (err["hint"] or "")
        assert not ENGLISH.search(words) and all(n in err["message"] for n in numbers), err
        assert english["message"] != err["message"] and ENGLISH.search(
            english["message"] + " " + english["hint"]), english


def test_an_unknown_api_parameter_is_named_with_the_one_meant(client) -> None:
    """'/api/v1/profile/GM0193?vergelijk=GK1' answered 200 with the default group, as if it
    had been asked for: the API's group parameter is 'set' (the pages' 'vergelijk')."""
    response = client.get("/api/v1/profile/GM0193?vergelijk=GK1&lang=en")
    assert response.status_code == 400
    err = response.json()["error"]
    assert err["code"] == "invalid_parameter" and "'vergelijk'" in err["message"], err
    assert "'set'" in err["hint"] and err["suggestions"] == ["set"], err
    dutch = client.get("/api/v1/profile/GM0193?vergelijk=GK1&lang=nl").json()["error"]
    assert "onbekende parameter" in dutch["message"] and "‘set’" in dutch["hint"], dutch
    typo = client.get("/api/v1/series?indicator=population&regoin=GM0193&lang=en").json()[
        "error"]
    assert "'regoin'" in typo["message"] and typo["suggestions"] == ["region"], typo
    assert client.get("/api/v1/profile/GM0193?set=G40&lang=en").status_code == 200
    assert client.get("/api/v1/series?indicator=population&region=GM0193&from=2020"
                      "&lang=nl").status_code == 200


def test_a_series_window_without_figures_names_the_years_with_figures(client, wh) -> None:
    """'from=2030' answered 200 with 0 rows and no word why; as 'values?year=2030' it is a
    400 naming the years that have figures (Zwolle's population: 1999-2026 on the snapshot)."""
    years = _years(wh, "population", "GM0193")
    assert years == list(range(years[0], years[-1] + 1))  # one run: the span is true
    span = f"{years[0]}–{years[-1]}"
    for query in (f"from={years[-1] + 4}", f"to={years[0] - 20}",
                  f"from={years[0] - 30}&to={years[0] - 10}"):
        response = client.get(f"/api/v1/series?indicator=population&region=GM0193&{query}")
        assert response.status_code == 400, (query, response.text)
        err = response.json()["error"]
        assert query in err["message"] and span in err["hint"], err
        dutch = client.get(f"/api/v1/series?indicator=population&region=GM0193&{query}"
                           "&lang=nl").json()["error"]
        assert "geen cijfers" in dutch["message"] and span in dutch["hint"], dutch
    inside = client.get(f"/api/v1/series?indicator=population&region=GM0193"
                        f"&from={years[0] - 30}&to={years[0]}").json()
    assert inside["count"] == 1 and inside["series"][0]["year"] == years[0]


def test_my_municipality_outside_the_ranked_group_is_said_not_linked(client, wh) -> None:
    """'/ranglijst?groep=G40&mijn=GM0060' linked 'Naar: Ameland' to a row that is not in the
    list (Ameland is no G40 city): the page says so and links the ranking where it is."""
    members = {r[0] for r in wh.execute(
        "SELECT region_code FROM comparison_group_members WHERE set_id = 'G40'").fetchall()}
    assert "GM0060" not in members and "GM0193" in members
    text = client.get("/ranglijst?groep=G40&mijn=GM0060", headers=HTML).text
    assert 'href="#rk-GM0060"' not in text and 'id="rk-GM0060"' not in text
    assert "Ameland hoort niet bij" in html.unescape(text)
    link = html.unescape(re.search(r'<p class="[^"]*mine-outside[^"]*">.*?href="([^"]+)"',
                                   text, re.S).group(1))
    assert "groep" not in link and "mijn=GM0060" in link
    assert 'id="rk-GM0060" class="mine"' in client.get(link, headers=HTML).text
    view = client.get("/ranglijst?groep=G40&mijn=GM0060&format=json").json()
    assert view["mine_in_group"] is False
    assert "Ameland is not" in client.get("/ranglijst?groep=G40&mijn=GM0060&lang=en",
                                          headers=HTML).text
    member = client.get("/ranglijst?groep=G40&mijn=GM0193", headers=HTML).text
    assert 'href="#rk-GM0193"' in member and "mine-outside" not in member


def test_a_former_municipality_says_why_it_shows_its_successor(client, wh) -> None:
    """'/gemeente/GM0003' (Appingedam) went to Eemsdelta without a word; the page now says
    when Appingedam went into Eemsdelta, the day as the regions register has it."""
    ended = wh.execute("SELECT max(valid_to) FROM regions WHERE region_code = 'GM0003'"
                       ).fetchone()[0]
    began = wh.execute("SELECT min(valid_from) FROM regions WHERE region_code = 'GM1979'"
                       ).fetchone()[0]
    assert ended == began and ended.year == 2021 and (ended.month, ended.day) == (1, 1)
    for path in ("/gemeente/GM0003", "/gemeente/appingedam"):
        response = client.get(path, headers=HTML, follow_redirects=False)
        assert response.status_code == 307
        assert response.headers["location"] == "/gemeente/GM1979?voorheen=GM0003"
    text = html.unescape(client.get("/gemeente/GM0003", headers=HTML).text)
    assert "Appingedam valt sinds 1 januari 2021 onder Eemsdelta (GM1979)" in text
    english = html.unescape(client.get("/gemeente/GM0003?lang=en", headers=HTML).text)
    assert "Appingedam has been part of Eemsdelta (GM1979) since 1 January 2021" in english
    twin = client.get("/gemeente/GM1979?voorheen=GM0003&format=json").json()
    assert twin["former_note"].startswith("Appingedam valt sinds")
    # a code that did not go into this municipality is a 400 naming it (never an untrue
    # note, never silently ignored: tests/web/test_page_parameter_values.py)
    for wrong in ("/gemeente/GM0193?voorheen=GM0003", "/gemeente/GM1979?voorheen=GM0193",
                  "/gemeente/GM1979?voorheen=nergens"):
        page = client.get(wrong, headers=HTML)
        assert page.status_code == 400 and "valt sinds" not in page.text, wrong


def test_a_split_municipality_and_an_unknown_group_are_named_as_such(client, wh) -> None:
    """'/gemeente/GM0788' (Haaren, split over four in 2021) led 'Deze gemeente kennen we
    niet' with a Dutch note on English pages and in the English API; '?vergelijk=zzz' led
    'Deze pagina bestaat niet' on a page that exists."""
    split = wh.execute("SELECT count(*), max(weight), min(since) FROM region_successors "
                       "WHERE region_code = 'GM0788'").fetchone()
    assert split[0] == 4 and split[1] < 0.9 and split[2].year == 2021
    page = html.unescape(client.get("/gemeente/GM0788", headers=HTML).text)
    assert "kennen we niet" not in page  # its headline: tests/web/test_split_former.py
    assert "Haaren bestaat sinds" in page and "Bedoelde u" not in page
    page = html.unescape(client.get("/gemeente/GM0788?lang=en", headers=HTML).text)
    assert "Haaren ceased to exist on" in page and "bestaat" not in page
    err = client.get("/api/v1/profile/GM0788?lang=en").json()["error"]
    assert "divided among" in err["message"] and "Tilburg (GM0855)" in err["message"], err
    assert set(err["suggestions"]) == {"GM0824", "GM0865", "GM0757", "GM0855"}
    lead, _ = _shown(client.get("/gemeente/GM0193?vergelijk=zzz", headers=HTML))
    assert lead == "Deze vergelijkingsgroep bestaat niet.", lead


def test_two_names_of_one_municipality_are_not_a_comparison(client) -> None:
    """'/vergelijk?regions=GM0003,GM0010' (Appingedam, Delfzijl) showed Eemsdelta alone as a
    comparison of two: both went into Eemsdelta in 2021; the page says so."""
    response = client.get("/vergelijk?regions=GM0003,GM0010", headers=HTML)
    assert response.status_code == 400
    _, note = _shown(response)
    assert "één en dezelfde gemeente (Eemsdelta)" in note, note
    assert client.get("/vergelijk?regions=zwolle,GM0193,deventer&format=json").json()[
        "regions_text"] == "Zwolle, Deventer"


def test_one_municipality_twice_is_named_not_counted_as_one(client) -> None:
    """'/vergelijk?regions=GM0153,GM0153' answered '1 gemeente opgegeven' for two given."""
    response = client.get("/vergelijk?regions=GM0153,GM0153", headers=HTML)
    assert response.status_code == 400
    _, note = _shown(response)
    assert "GM0153, GM0153: dat is één en dezelfde gemeente (Enschede)" in note, note
    assert "1 gemeente opgegeven" not in note


def test_a_parameter_given_twice_is_refused_by_name(client) -> None:
    """'?from=2020&from=2024' took the last one silently; 'region' may be repeated."""
    err = client.get("/api/v1/series?indicator=population&region=GM0153"
                     "&from=2020&from=2024").json()["error"]
    assert err["code"] == "invalid_parameter" and "'from'" in err["message"], err
    _, note = _shown(client.get("/gemeente/GM0153?vergelijk=NL01&vergelijk=G40", headers=HTML))
    assert "'vergelijk' staat meer dan eens in het adres" in note, note
    ok = client.get("/api/v1/series?indicator=population&region=GM0153&region=GM0193")
    assert ok.status_code == 200, ok.text

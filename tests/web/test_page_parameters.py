"""A page's query parameter it does not take is a 400 naming it and the page's own name, as
the API's rule (tests/web/test_bad_input.py): '/gemeente/GM0193?set=GK1' answered 200 with
'Vergeleken met de G40 (standaard)', as if the default group had been asked for (the page's
parameter is 'vergelijk'). Links' tracking tags pass, and every link the pages make is
taken. Real snapshot."""

from __future__ import annotations

import html
import re

import pytest

HTML = {"accept": "text/html"}
PAGES = ["/", "/gemeente/GM0193", "/gemeente/GM1701?lang=en", "/ranglijst",
         "/ranglijst?groep=G40&mijn=GM0193", "/vergelijk?regions=GM0193,GM0150",
         "/indicator/population?regions=GM0193", "/zoek?q=zwolle"]


@pytest.mark.parametrize("value", ["XX", "GK1"])
def test_a_city_page_refuses_the_apis_group_parameter_and_names_its_own(client, value) -> None:
    page = client.get(f"/gemeente/GM0193?set={value}", headers=HTML)
    assert page.status_code == 400
    text = html.unescape(page.text)
    assert "‘set’" in text and "‘vergelijk’" in text and "(standaard)" not in text
    assert f'href="/gemeente/GM0193?vergelijk={value}"' in text  # the address meant
    err = client.get(f"/gemeente/GM0193?set={value}&format=json&lang=en").json()["error"]
    assert err["code"] == "invalid_parameter" and "'set'" in err["message"], err
    assert err["suggestions"] == ["vergelijk"] and "'vergelijk'" in err["hint"], err
    english = html.unescape(client.get(f"/gemeente/GM0193?set={value}&lang=en",
                                       headers=HTML).text)
    assert "does not take ‘set’" in english and "‘vergelijk’" in english
    ranking = client.get("/ranglijst?set=G40&format=json").json()["error"]
    assert ranking["suggestions"] == ["groep"], ranking
    unknown = client.get("/gemeente/GM0193?foo=1&format=json&lang=en").json()["error"]
    assert "'foo'" in unknown["message"] and "vergelijk" in unknown["hint"], unknown


def test_tracking_tags_pass_and_every_link_of_the_pages_is_taken(client) -> None:
    assert client.get("/gemeente/GM0193?utm_source=nieuwsbrief&fbclid=x",
                      headers=HTML).status_code == 200
    links = set()
    for path in PAGES:
        page = client.get(path, headers=HTML)
        assert page.status_code == 200, path
        links |= {html.unescape(h) for h in re.findall(r'href="(/[^"]*\?[^"]*)"', page.text)}
    assert len(links) > 50, len(links)
    for link in sorted(links):
        if link.startswith(("/api/", "/rapport/", "/static/")):
            continue
        response = client.get(link, headers=HTML)
        assert response.status_code != 400 or "onbekende parameter" not in html.unescape(
            response.text), link

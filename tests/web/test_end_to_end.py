"""The web app on the real warehouse: what needs the real country (a municipality split over
four others, former names of long ago). The behaviour tests run on the synthetic warehouse."""

from __future__ import annotations

import re

import pytest

from tests.web.test_api import assert_error
from tests.web.test_former_names import check_former_name

HTML = {"accept": "text/html"}


def test_a_split_municipality_suggests_its_successors(client) -> None:
    error = assert_error(client.get("/api/v1/series", params={"indicator": "population",
                                                              "region": "Haaren"}), 404)
    assert set(error["suggestions"]) == {"GM0757", "GM0824", "GM0855", "GM0865"}


def test_a_former_municipality_page_goes_to_its_successor(client) -> None:
    response = client.get("/gemeente/GM0196", follow_redirects=False)  # Rijnwaarden
    assert response.status_code == 307
    assert response.headers["location"].startswith("/gemeente/GM0299")  # Zevenaar


@pytest.mark.parametrize(("name", "successor", "note"), [
    ("Haren", "GM0014", "Haren valt sinds 1 januari 2019 onder Groningen (GM0014)"),
    ("Rijnwaarden", "GM0299", "Rijnwaarden valt sinds 1 januari 2018 onder Zevenaar (GM0299)"),
])
def test_former_names_lead_to_the_successor(client, wh, name, successor, note) -> None:
    check_former_name(client, wh, name, successor, note)


def test_bergen_disambiguated(client) -> None:
    text = client.get("/zoek?q=bergen", headers=HTML).text
    assert "Bergen (Noord-Holland)" in text and "Bergen (Limburg)" in text
    error = client.get("/gemeente/Bergen", headers=HTML)
    # the name kept whole with its bracket: in a nowrap span (publish/nowrap.py)
    unglued = re.sub(r'<span class="nowrap(?: name)?">(.*?)</span>', r"\1", error.text)
    assert error.status_code == 400 and 'href="/gemeente/GM0893">Bergen (Limburg)' in unglued
    # one question: the heading's, no 'Welke bedoelt u?' after it nor 'Bedoelde u:' above
    # the names (the page asked three times)
    main = re.sub(r"<[^>]+>", " ", error.text[error.text.index("<h1"):
                                              error.text.index("<details")])
    assert "Welke gemeente bedoelt u?" in main and main.count("?") == 1, main
    assert "Bedoelde u" not in main
    english = client.get("/gemeente/Bergen?lang=en", headers=HTML).text
    main = re.sub(r"<[^>]+>", " ", english[english.index("<h1"):english.index("<details")])
    assert "Which municipality do you mean?" in main and main.count("?") == 1, main
    assert "Did you mean" not in main

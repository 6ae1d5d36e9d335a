"""An error page's heading names the problem ('Onbekende gemeente', 'Onbekende keuze in het
adres'), in the page's title too; 'Er ging iets mis' is kept for faults of the site itself
(it headed every 400 before, even a mistyped parameter)."""

from __future__ import annotations

import html
import re

import pytest

HTML = {"accept": "text/html"}

CASES = [
    ("/ranglijst?set=GK1", 400, "Onbekende keuze in het adres"),
    ("/ranglijst?groep=GK1&groep=GK2", 400, "Dubbele keuze in het adres"),
    ("/gemeente/Zwollle", 404, "Onbekende gemeente"),
    ("/gemeente/PV23", 404, "Geen gemeente"),
    ("/gemeente/Bergen", 400, "Welke gemeente bedoelt u?"),
    ("/ranglijst?groep=XX9", 404, "Onbekende vergelijkingsgroep"),
    ("/ranglijst?indicator=nope", 404, "Onbekende indicator"),
    ("/?lang=xx", 400, "Onbekende taal"),
    ("/indicator/population?year=abc", 400, "Geen jaartal"),
    ("/indicator/population?year=1950", 400, "Geen cijfers in dat jaar"),  # 1850: out of range
    ("/vergelijk?regions=Zwolle", 400, "Kies gemeenten om te vergelijken"),
    ("/nergens", 404, "Niet gevonden"),
    ("/indicator/population?lang=en&year=abc", 400, "Not a year"),
    ("/gemeente/GM9999?lang=en", 404, "Unknown municipality"),
]


def _text(pattern: str, page: str) -> str:
    found = re.search(pattern, page, re.S)
    assert found, pattern
    return html.unescape(found.group(1)).strip()


@pytest.mark.parametrize(("path", "status", "heading"), CASES)
def test_heading_names_the_problem(client, path: str, status: int, heading: str) -> None:
    response = client.get(path, headers=HTML)
    assert response.status_code == status
    assert _text(r"<h1[^>]*>(.*?)</h1>", response.text) == heading
    assert _text(r"<title>(.*?)</title>", response.text).startswith(heading)


def test_no_client_error_says_something_went_wrong(client) -> None:
    for path, _, _ in CASES:
        page = client.get(path, headers=HTML).text
        assert "Er ging iets mis" not in page and "Something went wrong" not in page, path

"""An entry of a page's address that names no municipality (``/vergelijk?regions=GM9999,
Heerlen``) is named in the error page's lead, not only under 'Technische melding'; without a
guess at a typo the page offers the way on without it and the search (real snapshot).

Before session 56 both ``/vergelijk?regions=GM9999,Heerlen`` and ``?regions=Heerlem,Baarle``
led with 'Deze gemeente kennen we niet.' alone, and GM9999's page offered no way on."""

from __future__ import annotations

import html
import re

import pytest

HTML = {"accept": "text/html"}


def _page(client, address: str) -> tuple[str, list[tuple[str, str]]]:
    page = client.get(address, headers=HTML)
    assert page.status_code == 404, address
    text = html.unescape(page.text)
    lead = re.search(r'<p class="error-message">(.*?)</p>', text, re.S).group(1)
    found = re.search(r'<ul class="results">(.*?)</ul>', text, re.S)
    links = re.findall(r'href="([^"]+)">([^<]+)</a>', found.group(1)) if found else []
    return lead, links


@pytest.mark.parametrize(("address", "lead", "links"), [
    ("/vergelijk?regions=GM9999,Heerlen",
     "Onder de gekozen gemeenten staat ‘GM9999’: die gemeente kennen we niet.",
     # one left: no 'Verder zonder' to an empty chooser (h56i), but its page and the chooser
     [("/zoek?q=Heerlen", "Naar ‘Heerlen’"),
      ("/vergelijk", "Kies opnieuw gemeenten om te vergelijken"),
      ("/zoek", "Zoek een gemeente")]),
    ("/vergelijk?regions=GM9999,Heerlen,Zwolle",
     "Onder de gekozen gemeenten staat ‘GM9999’: die gemeente kennen we niet.",
     [("/vergelijk?regions=Heerlen,Zwolle", "Verder zonder ‘GM9999’"),
      ("/zoek", "Zoek een gemeente")]),
    ("/vergelijk?regions=Heerlem,Baarle",
     "Onder de gekozen gemeenten staat ‘Heerlem’: die gemeente kennen we niet.",
     [("/gemeente/GM0917", "Heerlen")]),  # the guess at the typo, opening its page
    ("/ranglijst?indicator=population&mijn=GM9999",
     "De gemeente ‘GM9999’ kennen we niet.",
     [("/ranglijst?indicator=population", "Verder zonder ‘GM9999’"),
      ("/zoek", "Zoek een gemeente")]),
    ("/vergelijk?regions=GM9999,Heerlen&lang=en",
     "The chosen municipalities include ‘GM9999’: we do not know that municipality.",
     [("/zoek?q=Heerlen&lang=en", "Go to ‘Heerlen’"),
      ("/vergelijk?lang=en", "Choose municipalities to compare again"),
      ("/zoek?lang=en", "Search for a municipality")])])
def test_the_unknown_entry_is_named_and_a_way_on_offered(client, address: str, lead: str,
                                                        links: list) -> None:
    said, offered = _page(client, address)
    assert said == lead, said
    assert offered == links, offered
    for href, _label in offered:  # each way on leads somewhere
        assert client.get(href, headers=HTML).status_code == 200, href


def test_a_code_in_the_path_keeps_its_words(client) -> None:
    """No entry of the address: the page of ``/gemeente/GM9999`` leads as before."""
    said, _ = _page(client, "/gemeente/GM9999")
    assert said == "Deze gemeente kennen we niet.", said

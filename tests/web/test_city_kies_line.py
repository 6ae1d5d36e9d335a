"""The city page's opgave cards count signals ('0 gunstig · 0 ongunstig'); under them, as in
the report's 'In een oogopslag', what Kies richting names for the opgave: Land van Cuijk's
governance card showed no finding beside an urgent governance task at the top of the page
(cleared crimes, the least favourable quarter of its 64 municipalities, no signal). Real
snapshot."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.report.glance import glance
from tests.publish.loaded import connect, kept_city

HTML = {"accept": "text/html"}


def _kies_lines(text: str) -> dict[str, str | None]:
    """Opgave name -> the card's Kies richting line (None without one)."""
    section = text[text.index('aria-labelledby="opg-h"'):text.index('aria-labelledby="dom-h"')]
    out = {}
    for card in re.findall(r'<article class="opgave">(.*?)</article>', section, re.S):
        name = html.unescape(re.search(r"<h3>(.*?)</h3>", card).group(1))
        line = re.search(r'<p class="kies-line">(.*?)</p>', card, re.S)
        out[name] = html.unescape(line.group(1)).replace("\xa0", " ").replace(
            "\u2060", "") if line else None  # the page's no-break spaces, word joiners
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", ["GM1982", "GM0080"])  # Land van Cuijk, Leeuwarden
def test_the_cards_name_what_kies_richting_names(client, warehouse_path, city, lang):
    with connect(warehouse_path) as con:
        report = glance(kept_city(con, city), lang)
    cards = _kies_lines(client.get(f"/gemeente/{city}?lang={lang}", headers=HTML).text)
    assert cards == {o["name"]: o["kies"] for o in report["opgaven"]}
    assert any(cards.values())
    if city == "GM1982":
        name = {"nl": "Bestuur en samenspel", "en": "Governance and cooperation"}[lang]
        assert cards[name] == {"nl": "Urgente opgave (zie Kies richting): Opgehelderde "
                                     "misdrijven.",
                               "en": "Urgent task (see ‘Choose a direction’): Cleared "
                                     "crimes."}[lang]

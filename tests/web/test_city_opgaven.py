"""The city page's opgave cards say what the report's 'In een oogopslag' says: each indicator
once, with the label of what its verdict rests on (the real snapshot)."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.report.glance import glance
from tests.publish.loaded import connect, kept_city

HTML = {"accept": "text/html"}
CITIES = ["GM0344", "GM0193", "GM0060"]  # Utrecht, Zwolle, Ameland


def _plain(text: str) -> str:
    """Without the word joiners and no-break spaces the templates print."""
    return text.replace("\u2060", "").replace("\xa0", " ").strip()


def _cards(text: str) -> dict[str, list[str]]:
    """Opgave name -> the bullets of its card as a reader sees them."""
    section = text[text.index('aria-labelledby="opg-h"'):text.index('aria-labelledby="dom-h"')]
    out = {}
    for card in re.findall(r'<article class="opgave">(.*?)</article>', section, re.S):
        name = html.unescape(re.search(r"<h3>(.*?)</h3>", card).group(1))
        # the card's bullets, not its list of other adverse signals (a list of its own since
        # session 53: 'Andere ongunstige signalen', from three items)
        card = re.sub(r'<ul class="not-shown">.*?</ul>', "", card, flags=re.S)
        out[name] = [_plain(html.unescape(re.sub(r"<[^>]+>", "", li)))
                     for li in re.findall(r"<li>(.*?)</li>", card, re.S)]
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", CITIES)
def test_the_opgave_cards_show_the_reports_glance_bullets(client, warehouse_path, city, lang):
    """Utrecht's Verduurzaming card listed 'Zonnestroominstallaties ... stijgt significant —
    gunstig' and 'Zonnestroominstallaties ... lager dan in het ommeland — ongunstig': the
    cards now hold the report's bullets, label and sentence, in its order."""
    with connect(warehouse_path) as con:
        report = glance(kept_city(con, city), lang)
    cards = _cards(client.get(f"/gemeente/{city}?lang={lang}", headers=HTML).text)
    assert [o["name"] for o in report["opgaven"]] == list(cards)
    ids = [it["sentence"].indicator_id for o in report["opgaven"] for it in o["items"]]
    assert ids and len(ids) == len(set(ids))  # each indicator once, over all opgaven
    for o in report["opgaven"]:
        want = [_plain(" ".join(filter(None, (it["valence_text"], it["sentence"].text))))
                for it in o["items"]]
        assert cards[o["name"]] == want, o["name"]


def test_utrecht_verduurzaming_names_an_indicator_once(client):
    """The case the reviewer saw: two bullets on solar installations, opposite verdicts."""
    bullets = _cards(client.get("/gemeente/GM0344", headers=HTML).text)["Verduurzaming"]
    assert bullets
    assert sum("Zonnestroominstallaties" in b for b in bullets) <= 1, bullets

"""/ranglijst's 404 for a group it does not know reads as a sentence with a hint (real
snapshot; h52d).

Before, its technical line began in lower case, 'onbekende vergelijkingsgroep 'XX' – kies een
groep uit de lijst' (which list?), the JSON twin's 'unknown comparison group 'XX'' likewise,
and the groups meant were bare ids ('G4', 'G40', 'GK1' for 'G41'). Now 'Onbekende
vergelijkingsgroep 'XX'', the lead says what to do with the list as the page labels it, the
technical line links the page without the group, and a group meant is named as the page's
menu names it. The JSON keeps its shape: code, message, hint, suggestions."""

from __future__ import annotations

import html
import re

import pytest

HTML = {"accept": "text/html"}


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_unknown_group_is_a_sentence_with_a_hint(client, wh, lang) -> None:
    ranking = client.get(f"/ranglijst?lang={lang}&indicator=population", headers=HTML).text
    label = _text(re.search(r'<label[^>]*for="rk-group">(.*?)</label>', ranking, re.S)[1])
    menu = {v: _text(t) for v, t in re.findall(r'<option value="([^"]+)"[^>]*>(.*?)</option>',
                                               re.search(r'id="rk-group".*?</select>',
                                                         ranking, re.S)[0])}
    ids = [i for (i,) in wh.execute("SELECT set_id FROM comparison_groups").fetchall()]
    typo = max(ids, key=len) + "9"  # one character more than a group: suggested
    for group in ("XX", typo):
        page = client.get(f"/ranglijst?groep={group}&indicator=population&lang={lang}",
                          headers=HTML)
        assert page.status_code == 404
        lead = _text(re.search(r'<p class="error-message">(.*?)</p>', page.text, re.S)[1])
        assert lead[0].isupper() and lead.endswith(".") and f"‘{label}’" in lead, lead
        detail = _text(re.search(r"<details>.*?</details>", page.text, re.S)[0])
        message = detail.split(")", 1)[1].strip()  # after 'Technische melding (404)'
        assert message[0].isupper() and f"'{group}'" in message, message
        assert "/ranglijst?indicator=population" in message and "groep=" not in \
            message.split(": ")[-1], message  # the page without the group, its indicator kept
        links = re.findall(r'<ul class="results">(.*?)</ul>', page.text, re.S)
        meant = re.findall(r'<a href="([^"]+)">(.*?)</a>', links[0]) if links else []
        assert bool(meant) is (group == typo), meant
        for href, text in meant:
            set_id = re.search(r"groep=([^&]+)", html.unescape(href))[1]
            assert menu[set_id] in _text(text), (set_id, text)  # as the menu names it
            assert set_id in _text(text)  # and the id typed, to compare
        twin = client.get(f"/ranglijst?groep={group}&format=json&lang={lang}")
        assert twin.status_code == 404
        err = twin.json()["error"]
        assert set(err) == {"code", "message", "hint", "suggestions"}, err
        assert err["code"] == "group_not_found" and err["message"][0].isupper(), err
        assert err["hint"] and "/ranglijst" in err["hint"], err
        assert bool(err["suggestions"]) is (group == typo), err

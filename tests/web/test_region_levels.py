"""A province, COROP region or the country asked for as a municipality says what it is,
on the city page and in the search (the real snapshot): '/zoek?q=Nederland' said only
'Niet gevonden.', '/gemeente/Limburg' "'Limburg' is geen huidige gemeente (Limburg)"."""

from __future__ import annotations

import html
import re

import pytest

HTML = {"accept": "text/html"}


def _lead_and_note(page) -> tuple[str, str]:
    lead = re.search(r'class="error-message">(.*?)</p>', page.text, re.S).group(1)
    note = re.search(r'<p class="note">(.*?)</p>', page.text, re.S).group(1)
    return html.unescape(lead), html.unescape(note)


@pytest.mark.parametrize(("query", "words"), [
    ("Limburg", "Limburg (PV31) is een provincie, geen gemeente"),
    ("Nederland", "Nederland (NL01) is het land, geen gemeente"),
    ("Twente", "Twente (CR12) is een COROP-gebied, geen gemeente")])
def test_a_province_or_the_country_says_what_it_is(client, query, words) -> None:
    search = client.get(f"/zoek?q={query}", headers=HTML)
    assert search.status_code == 200
    text = html.unescape(search.text)
    assert words in text and "Niet gevonden" not in text
    if query == "Limburg":  # said, not a jump to the one municipality named after it
        assert "Bergen (Limburg)" in text
    page = client.get(f"/gemeente/{query}", headers=HTML)
    assert page.status_code == 404
    lead, note = _lead_and_note(page)
    assert lead == "Dit is geen gemeente." and words in note, (lead, note)

"""/vergelijk says that a former municipality asked for is shown as its successor, as the
city page and /ranglijst do (:func:`page_parts.former_note`): '?regions=Amersfoort,Appingedam'
showed Eemsdelta (GM1979) for Appingedam without a word. Real snapshot."""

from __future__ import annotations

import html

import pytest

from stadstrends.publish.format import fmt_date

HTML = {"accept": "text/html"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_former_municipality_is_named_with_its_successor(client, wh, lang: str) -> None:
    since, now = wh.execute(
        "SELECT s.since, n.name FROM region_successors s "
        "JOIN current_municipalities n ON n.region_code = s.successor_code "
        "WHERE s.region_code = 'GM0003' AND s.weight = 1").fetchone()
    assert now == "Eemsdelta"
    said = (f"Appingedam valt sinds {fmt_date(since, 'nl')} onder Eemsdelta (GM1979)"
            if lang == "nl" else
            f"Appingedam has been part of Eemsdelta (GM1979) since {fmt_date(since, 'en')}")
    page = client.get(f"/vergelijk?regions=Amersfoort,Appingedam&lang={lang}", headers=HTML)
    assert page.status_code == 200
    assert f'<p class="info-note former-note">{said}.</p>' in html.unescape(page.text)
    body = client.get(f"/vergelijk?regions=Amersfoort,Appingedam&lang={lang}&format=json"
                      ).json()
    assert body["former_notes"] == [said]
    plain = client.get(f"/vergelijk?regions=Amersfoort,Eemsdelta&lang={lang}&format=json")
    assert plain.json()["former_notes"] == []  # asked for by its own name: nothing to say

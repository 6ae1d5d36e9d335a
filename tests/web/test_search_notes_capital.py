"""A search note (the line under a hit saying which former municipality it stands for) is a
sentence: it starts with a capital. 'het Bildt valt sinds 1 januari 2018 onder Waadhoeke'
and 'de Werken en Sleeuwijk bestaat sinds ...' began with the name as CBS writes it (the
real region list: four notes in each language)."""

from __future__ import annotations

import html

from stadstrends.publish.successors import Successors

HTML = {"accept": "text/html"}


def test_every_note_of_a_former_municipality_starts_with_a_capital(wh) -> None:
    successors = Successors(wh)
    formers = [r[0] for r in wh.execute(
        "SELECT DISTINCT region_code FROM regions WHERE level = 'gemeente' "
        "AND valid_to IS NOT NULL").fetchall()]
    notes = [gone[key] for code in formers if (gone := successors.former(code))
             for key in ("note_nl", "note_en")]
    assert len(notes) > 2_000
    assert [n for n in notes if n[0].islower()] == []
    lower_names = {gone["name"] for code in formers if (gone := successors.former(code))
                   and gone["name"][0].islower()}  # the notes that could start small
    assert {"het Bildt", "de Werken en Sleeuwijk"} <= lower_names


def test_the_search_page_and_api_say_het_bildt_with_a_capital(client) -> None:
    page = html.unescape(client.get("/zoek", params={"q": "het Bildt"}, headers=HTML).text)
    assert "Het Bildt valt sinds 1 januari 2018 onder Waadhoeke (GM1949)" in page
    english = html.unescape(client.get("/zoek", params={"q": "het Bildt", "lang": "en"},
                                       headers=HTML).text)
    assert "Het Bildt has been part of Waadhoeke (GM1949) since 1 January 2018" in english
    hit = client.get("/api/v1/regions", params={"q": "de Werken en Sleeuwijk",
                                                "level": "gemeente"}).json()["regions"][0]
    assert hit["note_nl"].startswith("De Werken en Sleeuwijk bestaat sinds")

"""A municipality dissolved and split over several successors (Haaren, 1 January 2021:
Oisterwijk, Vught, Boxtel, Tilburg) is found by name and code, and its page says since when
it no longer exists and where it went, with links; the API search marks it. Dates and
successors from the real snapshot's regions tables; a note says 'valt sinds <dag> onder' or
'is verdeeld over' only when the successors existed on that day (Esch went to Haaren in 1996,
Haaren was split in 2021; St. Anthonis is in Land van Cuijk since 2022, not since 1995)."""

from __future__ import annotations

import re

from stadstrends.publish.format import fmt_date
from stadstrends.publish.successors import Successors

HTML = {"accept": "text/html,application/xhtml+xml"}


def _facts(wh, code: str):
    """The day ``code`` ended and its successors (code, name), largest share first."""
    ended = wh.execute("SELECT max(valid_to) FROM regions WHERE region_code = ?",
                       [code]).fetchone()[0]
    rows = wh.execute(
        "SELECT s.successor_code, r.name, s.since FROM region_successors s "
        "JOIN regions r ON r.region_code = s.successor_code AND r.valid_to IS NULL "
        "WHERE s.region_code = ? ORDER BY s.weight DESC", [code]).fetchall()
    assert rows and all(since == ended for _, _, since in rows)
    return ended, [(c, n) for c, n, _ in rows]


def _day(ended, lang: str) -> str:
    """The day as the pages print it: on one line ('1\u00a0januari\u00a02021')."""
    return fmt_date(ended, lang).replace(" ", "\u00a0")


def _links(successors, lang: str = "nl") -> str:
    suffix = "" if lang == "nl" else f"?lang={lang}"
    links = [f'<a href="/gemeente/{c}{suffix}">{n}</a>' for c, n in successors]
    word = {"nl": "en", "en": "and"}[lang]
    return f"{', '.join(links[:-1])} {word} {links[-1]}"


def test_the_page_of_a_split_municipality_says_where_it_went(client, wh) -> None:
    ended, successors = _facts(wh, "GM0788")
    assert [n for _, n in successors] == ["Oisterwijk", "Vught", "Boxtel", "Tilburg"]
    page = client.get("/gemeente/GM0788", headers=HTML)
    assert page.status_code == 404
    h1 = re.search(r"<h1>(.*?)</h1>", page.text, re.S).group(1)
    assert h1 == (f"Haaren bestaat sinds {_day(ended, 'nl')} niet meer en is verdeeld "
                  f"over {_links(successors)}")
    assert "kennen we niet" not in page.text and "format=json" not in page.text
    english = client.get("/gemeente/haaren?lang=en", headers=HTML).text
    assert (f"<h1>Haaren ceased to exist on {_day(ended, 'en')} and was divided between "
            f"{_links(successors, 'en')}</h1>") in english
    # the JSON twin stays the API's error, suggesting the successors
    body = client.get("/gemeente/GM0788?format=json").json()
    assert body["error"]["suggestions"] == [c for c, _ in successors]


def test_search_finds_a_split_municipality_by_name_and_code(client, wh) -> None:
    ended, successors = _facts(wh, "GM0788")
    sentence = (f"Haaren bestaat sinds {_day(ended, 'nl')} niet meer en is verdeeld over "
                f"{_links(successors)}.")
    for q in ("Haaren", "GM0788", "gm0788"):
        page = client.get(f"/zoek?q={q}", headers=HTML, follow_redirects=False)
        assert page.status_code == 200, q
        assert "Niet gevonden" not in page.text and sentence in page.text, q
    for q in ("Haaren", "GM0788"):
        body = client.get(f"/api/v1/regions?q={q}&level=gemeente").json()
        hit = body["regions"][0]
        assert body["count"] >= 1 and hit["region_code"] == "GM0788" and not hit["current"]
        assert hit["former"] == "GM0788" and hit["ended"] == ended.isoformat()
        assert [(s["region_code"], s["name"]) for s in hit["successors"]] == successors
        assert hit["note_nl"].startswith(f"Haaren bestaat sinds {fmt_date(ended, 'nl')} ")
    # a municipality merged into one keeps answering with its successor, marked the same way
    weesp = client.get("/api/v1/regions?q=Weesp&level=gemeente").json()["regions"][0]
    assert weesp["region_code"] == "GM0363" and weesp["current"]
    assert weesp["former"] == "GM0457" and weesp["successors"][0]["region_code"] == "GM0363"


def test_notes_name_a_day_only_when_the_successors_existed_then(wh) -> None:
    started = dict(wh.execute("SELECT region_code, min(valid_from) FROM regions "
                              "GROUP BY 1").fetchall())
    successors = Successors(wh)
    counts = {"dated": 0, "now": 0}
    for code in successors.rows:
        found = successors.former(code)
        ended = wh.execute("SELECT max(valid_to) FROM regions WHERE region_code = ?",
                           [code]).fetchone()[0]
        assert found["ended"] == ended.isoformat(), code
        day = fmt_date(ended, "nl")
        dated = f"{found['name']} valt sinds {day} onder" in found["note_nl"] or \
            f"{found['name']} bestaat sinds {day} niet meer en is verdeeld" in found["note_nl"]
        if dated:  # every successor named existed on that day
            assert all(started[s["region_code"]] <= ended for s in found["successors"]), code
        else:
            assert "hoort nu bij" in found["note_nl"], code
        counts["dated" if dated else "now"] += 1
    assert counts["dated"] > 250 and counts["now"] > 50  # 318 and 68 on the snapshot
    assert "hoort nu bij Land van Cuijk" in successors.former("GM1691")["note_nl"]
    assert "Esch bestaat sinds 1 januari 1996 niet meer; het gebied hoort nu bij Oisterwijk" \
        in successors.former("GM0776")["note_nl"]

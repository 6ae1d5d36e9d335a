"""A municipality dissolved and split over several successors (Haaren, 1 January 2021:
Oisterwijk, Vught, Boxtel, Tilburg) is found by name and code, and its page says since when
it no longer exists and where it went, with links; the API search marks it. Dates and
successors from the real snapshot's regions tables; a note says 'valt sinds <dag> onder' or
'is verdeeld over' only when the successors existed on that day (Esch went to Haaren in 1996,
Haaren was split in 2021; St. Anthonis is in Land van Cuijk since 2022, not since 1995)."""

from __future__ import annotations

import re

from stadstrends.publish.format import fmt_date
from stadstrends.publish.successors import Successors, upper_first

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


def _register(wh):
    """The register, read here on its own: ``{code: (last day, next code)}`` of every former
    municipality, ``{code: [(recipient, share of inhabitants)]}`` on its last day, largest
    first, and the first day of every region."""
    ends = {c: (e, n) for c, e, n in wh.execute(
        "SELECT code, valid_to, successor FROM region_history WHERE valid_to IS NOT NULL"
    ).fetchall()}
    went: dict = {}
    for donor, day, recipient, share in wh.execute(
            "SELECT donor, date, recipient, share FROM transfer_shares WHERE basis = 'persons' "
            "ORDER BY share DESC, recipient").fetchall():
        if donor in ends and ends[donor][0] == day:
            went.setdefault(donor, []).append((recipient, share))
    started = dict(wh.execute("SELECT region_code, min(valid_from) FROM regions "
                              "GROUP BY 1").fetchall())
    return ends, went, started


def _formers(wh) -> list[str]:
    return [c for (c,) in wh.execute(
        "SELECT DISTINCT region_code FROM regions WHERE level = 'gemeente' AND region_code "
        "NOT IN (SELECT region_code FROM regions WHERE valid_to IS NULL) ORDER BY 1").fetchall()]


def test_the_banner_of_a_renamed_municipality_names_no_false_day(client, wh, web_app) -> None:
    """St. Anthonis (GM1691) became Sint Anthonis (GM1702) on 4 July 1995, which joined Land
    van Cuijk (GM1982) on 1 January 2022: the banner said 'St. Anthonis valt sinds 4 juli 1995
    onder Land van Cuijk', while the API and CLI said it right (Successors.direct)."""
    from stadstrends.publish.web.page_parts import former_note

    ends, _, started = _register(wh)
    assert (ends["GM1691"][1], ends["GM1702"][1]) == ("GM1702", "GM1982")
    assert started["GM1982"] == ends["GM1702"][0] > ends["GM1691"][0]
    moved = client.get("/gemeente/GM1691", headers=HTML, follow_redirects=False)
    assert moved.status_code == 307
    assert moved.headers["location"] == "/gemeente/GM1982?voorheen=GM1691"
    page = client.get(moved.headers["location"], headers=HTML).text
    assert (f"St. Anthonis bestaat sinds {fmt_date(ends['GM1691'][0], 'nl')} niet meer; het "
            "gebied hoort nu bij Land van Cuijk (GM1982)") in page
    assert "onder Land van Cuijk" not in page
    english = client.get("/gemeente/GM1982?voorheen=GM1691&lang=en", headers=HTML).text
    assert (f"St. Anthonis ceased to exist on {fmt_date(ends['GM1691'][0], 'en')}; its area is "
            "now part of Land van Cuijk (GM1982)") in english
    assert (f"Sint Anthonis valt sinds {fmt_date(ends['GM1702'][0], 'nl')} onder Land van "
            "Cuijk (GM1982)") in client.get("/gemeente/GM1702", headers=HTML).text
    # every banner: 'valt sinds <dag> onder X' only when the register went to X that day
    successors, dated = Successors(wh), 0
    for code in _formers(wh):
        try:
            found = successors.of(code)
        except Exception:  # noqa: BLE001 - divided: no banner
            continue
        to = found["successor_code"]
        shown, name = web_app.state.wh.name(code), successors.former(code)["name"]
        for lang in ("nl", "en"):  # the banner says what the API and CLI say
            banner = former_note(web_app.state.wh, code, to, lang)
            assert banner == found[f"note_{lang}"].replace(name, shown, 1), code
        if " valt sinds " in found["note_nl"]:
            dated += 1
            assert ends[code][1] == to and started[to] <= ends[code][0], code
    assert dated > 500  # 530 of 1 078 taken whole on the snapshot


def test_a_municipality_merged_into_one_later_divided_is_told_as_the_chain(client,
                                                                           wh) -> None:
    """Esch went into Haaren in 1996, Haaren was divided in 2021: the pages, the API and
    the notes said Esch's area 'hoort nu bij Oisterwijk, Vught, Boxtel en Tilburg' with
    Haaren's shares (region_successors copies Haaren's rows); which part of Haaren was Esch
    is not known. Every such chain in the register is told step by step."""
    ends, went, _ = _register(wh)
    assert went["GM0776"][0] == ("GM0788", 1.0) and ends["GM0776"][1] == "GM0788"
    haaren_ended, successors = _facts(wh, "GM0788")
    esch_ended = ends["GM0776"][0]
    page = client.get("/gemeente/GM0776", headers=HTML)
    assert page.status_code == 404
    h1 = re.search(r"<h1>(.*?)</h1>", page.text, re.S).group(1)
    assert h1 == (f"Esch ging op {_day(esch_ended, 'nl')} op in Haaren; Haaren is sinds "
                  f"{_day(haaren_ended, 'nl')} verdeeld over {_links(successors)}")
    assert "het gebied van Haaren nu bij hoort" in page.text
    assert "het gebied van Esch" not in page.text and "Esch bestaat" not in page.text
    english = client.get("/gemeente/GM0776?lang=en", headers=HTML).text
    assert (f"<h1>Esch became part of Haaren on {_day(esch_ended, 'en')}; Haaren has been "
            f"divided between {_links(successors, 'en')} since {_day(haaren_ended, 'en')}"
            "</h1>") in english
    hit = client.get("/api/v1/regions?q=Esch&include_former=true").json()["regions"][0]
    haaren = dict(wh.execute("SELECT successor_code, weight FROM region_successors "
                             "WHERE region_code = 'GM0788'").fetchall())
    assert hit["region_code"] == "GM0776" and hit["shares_of"]["region_code"] == "GM0788"
    assert {s["region_code"]: s["share"] for s in hit["successors"]} == haaren
    assert [(s["region_code"], s["into"]) for s in hit["chain"]] == [("GM0776", "GM0788")]
    assert "hoort nu bij" not in hit["note_nl"] and "now part of" not in hit["note_en"]
    # every municipality whose register path goes whole into one later divided
    chains, count = Successors(wh), 0
    current = {c for (c,) in wh.execute("SELECT region_code FROM regions "
                                        "WHERE valid_to IS NULL").fetchall()}

    def to(code):  # where it went, largest first; no transfers listed: whole to the next
        return went.get(code) or ([(ends[code][1], 1.0)] if ends[code][1] else [])

    for code in _formers(wh):
        steps, at = [], code
        while at not in current and to(at) and to(at)[0][1] >= 0.9:
            steps.append((at, to(at)[0][0]))
            at = to(at)[0][0]
        if not steps or at in current or not to(at):
            continue  # none, or whole into a municipality of today
        found = chains.former(code)
        assert found["shares_of"]["region_code"] == at, code
        assert [(s["region_code"], s["into"]) for s in found["chain"]] == steps, code
        assert "hoort nu bij" not in found["note_nl"].split(";")[0], code
        count += 1
    assert count >= 25  # 30 on the snapshot (2 before 1995's crosswalk start: Esch, Helvoirt)


def test_notes_name_a_day_only_when_the_successors_existed_then(wh) -> None:
    started = dict(wh.execute("SELECT region_code, min(valid_from) FROM regions "
                              "GROUP BY 1").fetchall())
    successors = Successors(wh)
    counts = {"dated": 0, "now": 0, "chain": 0, "gone": 0}
    for code in _formers(wh):
        found = successors.former(code)
        ended = wh.execute("SELECT max(valid_to) FROM regions WHERE region_code = ?",
                           [code]).fetchone()[0]
        assert found["ended"] == ended.isoformat(), code
        day = fmt_date(ended, "nl")
        name = upper_first(found["name"])  # the note a sentence: 'Het Bildt valt ...'
        dated = f"{name} valt sinds {day} onder" in found["note_nl"] or \
            f"{name} bestaat sinds {day} niet meer en is verdeeld" in found["note_nl"]
        if dated:  # every successor named existed on that day
            assert all(started[s["region_code"]] <= ended for s in found["successors"]), code
            kind = "dated"
        elif found.get("chain"):
            assert found["note_nl"].startswith(f"{name} ging op {day} o"), code
            kind = "chain"
        elif not found["successors"]:
            assert "noemt geen gemeente" in found["note_nl"], code
            kind = "gone"
        else:
            assert "hoort nu bij" in found["note_nl"], code
            kind = "now"
        counts[kind] += 1
    # 548, 552, 30 and 2 (Elten, Tudderen) of the 1 132 on the snapshot
    assert counts["dated"] > 500 and counts["now"] > 500 and counts["chain"] >= 25
    assert "hoort nu bij Land van Cuijk" in successors.former("GM1691")["note_nl"]
    assert successors.former("GM0776")["note_nl"] == (
        "Esch ging op 1 januari 1996 op in Haaren; Haaren is sinds 1 januari 2021 verdeeld "
        "over Oisterwijk (GM0824), Vught (GM0865), Boxtel (GM0757) en Tilburg (GM0855)")

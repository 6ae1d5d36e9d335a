"""The adverse signals no bullet of 'In een oogopslag' shows, on real reports: each listed
under one opgave only, an indicator whose bullet stands above with another signal saying so
and with which label (so the item does not read as a contradiction of that bullet), under a
heading that claims no more ('Andere ongunstige signalen:'; before session 56 '(zonder eigen
punt hierboven)' over items saying they stood above).

Before session 34: Amersfoort's Economie showed 'GUNSTIGE TREND Netto arbeidsparticipatie
2017-2024: ... een significante stijging' and, below it, 'Ongunstige signalen die hierboven
niet staan: Netto arbeidsparticipatie (ongunstig: voorsprong op het ommeland slinkt).'"""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report.glance import glance
from tests.publish.loaded import kept_city

HERE = {"nl": "; ook hierboven, met het label ‘{label}’)",
        "en": "; also above, labelled ‘{label}’)"}
HEAD = {"nl": "Andere ongunstige signalen: ", "en": "Other adverse signals: "}
ELSEWHERE = {"nl": r"Verder (\d+) ongunstige? signa(?:len|al) (?:die|dat) onder (.+) "
                   r"sta(?:an|at)\.",
             "en": r"Also (\d+) adverse signals? listed under (.+)\."}
AND = {"nl": " en onder ", "en": " and under "}


def _item(line: str, title: str) -> str | None:
    """The item of ``title`` in a line of items ('Titel (labels; ...)'), its brackets whole."""
    at = line.find(f" {title} (")
    if at < 0:
        return None
    start, depth = line.find("(", at + len(title)), 0
    for end in range(start, len(line)):  # its closing bracket: a label may hold one
        depth += {"(": 1, ")": -1}.get(line[end], 0)
        if depth == 0:
            break
    return line[at + 1:end + 1]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", ["Heerlen", "Dijk en Waard", "Baarle-Nassau", "Almere",
                                  "Leeuwarden", "Zwolle"])
def test_an_adverse_signal_is_listed_once_under_one_opgave_and_says_its_bullet(
        wh, city: str, lang: str) -> None:
    """Each adverse signal no bullet shows is listed under one opgave only: the one whose
    bullet shows its indicator (the item names that bullet's label: 'ook hierboven, met het
    label ‘gunstige trend’'), else the indicator's own (its first in the catalogue); the
    other opgaven count it ('Verder 11 ongunstige signalen die onder Economie en onder
    Bestuur en samenspel staan.'), so each opgave's adverse signals add up to page 1's count.
    The heading says no more than that: 'Andere ongunstige signalen:'.

    Before session 56 the heading said '(zonder eigen punt hierboven)' over items saying they
    stood above (655 items in 255 of the 342 reports of the default groups: Heerlen's Wonen,
    Zorg, Economie, Bestuur), and an indicator was listed under each of its opgaven (785
    repeats in 243 reports: Heerlen's Zorg en welzijn listed 9, among them social assistance,
    payment arrears and crimes whose bullets stood under Economie and Bestuur)."""
    data = kept_city(wh, city, None)
    part = glance(data, lang)["opgaven"]
    names = {o["id"]: o["name"] for o in part}
    bullets = {it["sentence"].indicator_id: (o["id"], it["valence_text"], it["kind"])
               for o in part for it in o["items"]}
    titles = {i: m[f"title_{lang}"] for i, m in data.catalogue.items()}
    listed: dict[str, list[str]] = {}
    for o in part:
        line = " " + (o["not_shown"] or "")
        if o["not_shown"]:
            assert line[1:].startswith(HEAD[lang]), line
        for ind, title in titles.items():
            item = _item(line, title)
            if item is None:
                continue
            listed.setdefault(ind, []).append(o["id"])
            if ind in bullets:  # it has a bullet: here, and the item names its label
                assert bullets[ind][0] == o["id"], (o["name"], item)
                assert item.endswith(HERE[lang].format(label=bullets[ind][1])), item
            else:  # its own opgave: the first of the catalogue's under which it counts
                own = [x for x in data.catalogue[ind]["opgaven"] if any(
                    s["opgave_id"] == x and s["indicator_id"] == ind
                    and s["valence"] == "adverse" for s in data.signals)]
                assert own and own[0] == o["id"], (o["name"], item, own)
    assert all(len(v) == 1 for v in listed.values()), {k: v for k, v in listed.items()
                                                        if len(v) > 1}
    for o in part:  # page 1's adverse count: bullets, items here, the rest counted
        mine = [s for s in data.signals if s["opgave_id"] == o["id"]
                and s["valence"] == "adverse"]
        shown = {(it["sentence"].indicator_id, it["kind"]) for it in o["items"]}
        rest = [s for s in mine if (s["indicator_id"], s["kind"]) not in shown
                and o["id"] not in listed.get(s["indicator_id"], [])]
        said = re.fullmatch(ELSEWHERE[lang], o["not_shown_elsewhere"] or "")
        assert (int(said.group(1)) if said else 0) == len(rest), (o["name"],
                                                                   o["not_shown_elsewhere"])
        if said:
            where = {names[bullets[s["indicator_id"]][0] if s["indicator_id"] in bullets
                           else listed[s["indicator_id"]][0]] for s in rest}
            assert set(said.group(2).split(AND[lang])) == where, (o["name"], where)
    if city == "Heerlen":
        zorg = next(o for o in part if o["id"] == "zorg_welzijn")
        crimes = titles["crimes_per_1000"]
        assert crimes not in (zorg["not_shown"] or ""), zorg["not_shown"]
        assert bullets["crimes_per_1000"][0] == "bestuur_samenspel"


def test_a_long_list_is_a_list_and_a_caveat_no_signal(wh) -> None:
    """Vaals's Zorg en welzijn named 9 adverse signals in one sentence of some 200 words, and
    its unemployment read '(ongunstig vergeleken met de groep, ongunstig vergeleken met het
    ommeland, steekproefcijfer, voor kleine gemeenten onnauwkeurig; ...)', the caveat as if a
    third signal (before session 53). From three items the report and the card list them; the
    caveat says what the signals rest on."""
    from stadstrends.publish.report import builder

    data = kept_city(wh, "GM0981", None)
    for lang, caveat in (("nl", ", op een steekproefcijfer, voor kleine gemeenten onnauwkeurig"),
                         ("en", ", on a sample figure, imprecise for small municipalities")):
        part = {o["id"]: o for o in glance(data, lang)["opgaven"]}
        zorg = part["zorg_welzijn"]
        # 3 items since session 56: the others are listed under Economie and Bestuur
        assert len(zorg["not_shown_list"]["items"]) >= 3, zorg["not_shown"]
        assert zorg["not_shown"].endswith("; ".join(zorg["not_shown_list"]["items"]) + ".")
        assert caveat in zorg["not_shown"] and caveat.replace(", op een", ", ").replace(
            ", on a", ", ") not in zorg["not_shown"]
        for o in part.values():  # fewer than three: one sentence (Wonen's two)
            assert o["not_shown_list"] is None or len(o["not_shown_list"]["items"]) >= 3
        assert part["wonen"]["not_shown"] and part["wonen"]["not_shown_list"] is None
    page = builder.render("city.html.j2", builder.city_context(data, "nl", None), pdf=False)
    listed = page[page.index('<ul class="not-shown">'):]
    assert listed[:listed.index("</ul>")].count("<li>") >= 3

"""'Ongunstige signalen die hierboven niet staan' on real reports: an indicator whose bullet
stands above (or under another opgave) with another signal says so and with which label, so
the line does not read as a contradiction of that bullet; and the line's heading does not say
'niet hierboven' of an indicator that stands above (Vlieland's Zorg: 'Ongunstige signalen die
hierboven niet staan: ... Werkloosheid (...; hierboven staat dezelfde indicator met het label
‘gunstige trend’)'): 'Andere ongunstige signalen (zonder eigen punt hierboven)'.

Before: Amersfoort's Economie showed 'GUNSTIGE TREND Netto arbeidsparticipatie 2017-2024:
... een significante stijging' and, below it, 'Ongunstige signalen die hierboven niet staan:
Netto arbeidsparticipatie (ongunstig: voorsprong op het ommeland slinkt).'"""

from __future__ import annotations

import pytest

from stadstrends.publish.report.glance import glance
from tests.publish.loaded import kept_city

HERE = {"nl": "; hierboven staat dezelfde indicator met het label ‘{label}’)",
        "en": "; the same indicator is shown above, labelled ‘{label}’)"}
UNDER = {"nl": "; staat onder {opgave} met het label ‘{label}’)",
         "en": "; listed under {opgave}, labelled ‘{label}’)"}
SAME = {"nl": "; staat ook onder {opgave})", "en": "; also listed under {opgave})"}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", ["Almere", "Leeuwarden", "Zwolle"])
def test_an_adverse_signal_beside_a_bullet_names_the_bullet_and_its_label(wh, city: str,
                                                                          lang: str) -> None:
    data = kept_city(wh, city, None)
    part = glance(data, lang)["opgaven"]
    bullets = {it["sentence"].indicator_id: (o["name"], it["valence_text"])
               for o in part for it in o["items"]}
    titles = {i: m[f"title_{lang}"] for i, m in data.catalogue.items()}
    here = 0
    for o in part:
        line = o["not_shown"] or ""
        if line:
            assert line.startswith({"nl": "Andere ongunstige signalen (zonder eigen punt "
                                          "hierboven): ",
                                    "en": "Other adverse signals (without a bullet of their "
                                          "own above): "}[lang]), line
        for ind, (opgave, label) in bullets.items():
            at = line.find(f" {titles[ind]} (")
            if at < 0:
                continue
            start, depth = line.find("(", at + len(titles[ind])), 0
            for end in range(start, len(line)):  # its closing bracket: a label may hold one
                depth += {"(": 1, ")": -1}.get(line[end], 0)
                if depth == 0:
                    break
            item = line[at:end + 1]
            said = item[len(titles[ind]) + 3:].split(";")[0]  # its own signals' labels
            want = (HERE[lang].format(label=label) if opgave == o["name"]
                    else SAME[lang].format(opgave=opgave) if said == label
                    else UNDER[lang].format(opgave=opgave, label=label))
            assert item.endswith(want), (o["name"], item)
            here += opgave == o["name"]
    if city == "Almere":  # Amersfoort's case until its shrinking lead in labour
        # participation was found not certain within CBS's rounding (session 34)
        assert here >= 1  # Zonnestroominstallaties under Verduurzaming
        (green,) = [o for o in part if o["id"] == "verduurzaming"]
        if lang == "nl":
            assert ("Zonnestroominstallaties per 1 000 inwoners (ongunstig vergeleken met het "
                    "ommeland; hierboven staat dezelfde indicator met het label ‘gunstige "
                    "trend’)" in green["not_shown"]), green["not_shown"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_signal_whose_bullet_has_its_very_label_stands_there_too(wh, lang: str) -> None:
    """Westland's Wonen listed 'Gemiddeld aardgasverbruik per woning (...) (ongunstig
    vergeleken met het ommeland; staat onder Verduurzaming met het label ‘ongunstig
    vergeleken met het ommeland’)', the label said twice: now 'staat ook onder
    Verduurzaming'; no item of the report repeats its own label so."""
    data = kept_city(wh, "Westland", None)
    part = glance(data, lang)["opgaven"]
    bullets = {it["sentence"].indicator_id: (o["name"], it["valence_text"])
               for o in part for it in o["items"]}
    gas = "gas_use_per_dwelling"
    assert gas in data.catalogue, sorted(data.catalogue)
    opgave, label = bullets[gas]
    assert label == {"nl": "ongunstig vergeleken met het ommeland",
                     "en": "adverse compared with the surrounding region"}[lang]
    title = data.catalogue[gas][f"title_{lang}"]
    lines = " ".join(o["not_shown"] or "" for o in part if o["name"] != opgave)
    assert f"{title} ({label}{SAME[lang].format(opgave=opgave)}" in lines, lines
    for o in part:
        for item in (o.get("not_shown_list") or {}).get("items") or []:
            said = item[item.find(" (") + 2:].split(";")[0]
            assert f"‘{said}’" not in item, item


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
        assert len(zorg["not_shown_list"]["items"]) >= 5, zorg["not_shown"]
        assert zorg["not_shown"].endswith("; ".join(zorg["not_shown_list"]["items"]) + ".")
        assert caveat in zorg["not_shown"] and caveat.replace(", op een", ", ").replace(
            ", on a", ", ") not in zorg["not_shown"]
        for o in part.values():  # fewer than three: one sentence (Wonen's two)
            assert o["not_shown_list"] is None or len(o["not_shown_list"]["items"]) >= 3
        assert part["wonen"]["not_shown"] and part["wonen"]["not_shown_list"] is None
    page = builder.render("city.html.j2", builder.city_context(data, "nl", None), pdf=False)
    listed = page[page.index('<ul class="not-shown">'):]
    assert listed[:listed.index("</ul>")].count("<li>") >= 5

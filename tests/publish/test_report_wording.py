"""Wording a reader stumbles over, on real reports: a long size group named in full in
every sentence, and two brackets in a row (publish/groups.py, publish/positions.py,
publish/sentences.py).

Before: Hollands Kroon's nl report named 'de 180 gemeenten met 20.000 tot 50.000 inwoners'
56 times, up to 20 times in one section; Helmond's safety survey read '... naar 20,5% in 2019
(verouderd) (+0,5 procentpunt), geen significante trend'."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.data import fact
from tests.publish.loaded import kept_city

# the size group's label and its short name after it was named, as the reader sees them
FULL = {"nl": "gemeenten met 20.000 tot 50.000 inwoners",
        "en": "municipalities with 20,000 to 50,000 inhabitants"}
SHORT = {"nl": "gemeenten van deze grootte", "en": "municipalities of this size"}
STALE = {"nl": "verouderd", "en": "out of date"}
#: the fields of a trend's change: a difference, a percentage or a multiple in words
CHANGES = ("abs_change", "rel_change", "multiple")


def _sections(ctx: dict) -> list[tuple[str, list[str]]]:
    """(section, its texts in reading order: intro first) of the sections whose sentences
    place the city in its group: 'In een oogopslag', each domain, 'Kies richting'."""
    out = [("glance", [ctx["glance"]["intro"]] + [it["sentence"].text for o in
                                                  ctx["glance"]["opgaven"] for it in o["items"]])]
    for d in ctx["domains"]:
        out.append((d["id"], [d["intro"] or ""] + [s.text for s in d["sentences"]]))
    out.append(("direction", [ctx["direction"]["intro"]] + [
        x for g in ctx["direction"]["groups"] for it in g["items"]
        for x in (it["sentence"].text, it["why"])]))
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_section_names_its_size_group_in_full_once_then_shorter(wh, lang: str) -> None:
    """Within a section the group is named in full once, where it is introduced (the intro,
    else the first sentence placing the city), and 'de 180 gemeenten van deze grootte' after
    it, never before: the short name is unambiguous only once the group was named."""
    data = kept_city(wh, "Hollands Kroon")
    assert data.group["set_id"] == "GK4"
    ctx = builder.city_context(data, lang, None)
    full = short = 0
    for name, texts in _sections(ctx):
        said = " ".join(texts)
        marks = [m.group(0) for m in re.finditer(f"{FULL[lang]}|{SHORT[lang]}", said)]
        if not marks:
            continue
        assert marks[0] == FULL[lang], (name, said[:300])  # introduced before the short name
        assert marks.count(FULL[lang]) == 1, (name, marks.count(FULL[lang]))
        full, short = full + 1, short + marks.count(SHORT[lang])
    assert full >= 5 and short >= 30, (full, short)
    html = builder.render("city.html.j2", ctx, pdf=False)
    assert html.count(FULL[lang]) <= 15, html.count(FULL[lang])  # 56 before
    # over fewer than the members: the short name counts those with a figure (gas: 173)
    assert re.search(rf"de 173 {SHORT[lang]} die cijfers hebben" if lang == "nl" else
                     rf"the 173 {SHORT[lang]} that have figures", html)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", ["Helmond", "Hollands Kroon", "Zwolle"])
def test_an_out_of_date_year_and_its_change_share_one_bracket(wh, city: str, lang: str) -> None:
    """'naar 20,5% in 2019 (verouderd; +0,5 procentpunt)', not '(verouderd) (+0,5
    procentpunt)': the mark and the change in one bracket, the change as cited."""
    data = kept_city(wh, city)
    merged = 0
    said = builder.collect_sentences(builder.city_context(data, lang, None))
    if city == "Helmond":
        # an old figure leads no domain (report/domains.commentary): the sentences on grey
        # pressure and the share of 85-plussers (60039fvw, to 2017) as a domain with nothing
        # newer would write them (the safety survey of 2019, the example before, has no
        # trend since its 2019 break is declared)
        writer = data.writer(lang)
        said += [writer.indicator(fact(data, i, lang)) for i in
                 ("grey_pressure", "share_age_85_plus")]
    for s in said:
        assert not re.search(rf"\({STALE[lang]}\) \(", s.text), s.text
        for m in re.finditer(rf"in (\d{{4}}) \({STALE[lang]}; ([^)]+)\)", s.text):
            merged += 1
            assert int(m.group(1)) < data.fresh_from, s.text
            change = [c.shown for c in s.cites if c.field.endswith(CHANGES)]
            assert change and change[0] in m.group(2), s.text
    if city == "Helmond":  # two trends that end out of date, in 2017
        assert merged >= 2, merged

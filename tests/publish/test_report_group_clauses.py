"""Where a group's name, a unit or a left-out year meets the words around it (publish/groups.py,
positions.py, sentences.py, report/sections.py); on real reports.

Before: Zwolle compared with its peers read 'onder de mediaan van de 9 gemeenten van de 10
gemeenten die qua structuur het meest op deze gemeente lijken die cijfers hebben (mediaan
2,9%; 2 van de 11 zonder cijfers)': 'gemeenten' twice, two relative clauses, and 10 of a
group of 11 (the city is in it); Helmond's safety rating read '(median 7.3 (rating 1-10); 2
of the 41 without figures)'; gas delivered per inhabitant gave the period '2010–2014,
2017–2023' and never said why 2015 and 2016 are not there."""

from __future__ import annotations

import re

import pytest

from stadstrends.indicators.catalogue import load_catalogue
from stadstrends.publish.report import builder, sections
from stadstrends.publish.report.data import fact
from tests.publish.cut_words import SOME_CUT as CUT_WORDS
from tests.publish.cut_words import WITHOUT_CUT
from tests.publish.loaded import kept_city

# the same head twice, or a relative clause ('die ... lijken') before 'die cijfers hebben'
GARBLED = {"nl": re.compile(r"gemeenten van de \d+ gemeenten|\bdie\b[^().;]*\bdie cijfers "
                            r"hebben|deze gemeente"),
           "en": re.compile(r"municipalities of the \d+ municipalities|\b(that|similar to)\b"
                            r"[^().;]*\bthat have figures|this one")}
SOME = {"nl": "die cijfers hebben", "en": "that have figures"}
# members a cut copy of a CBS table left out: the words without the group
SOME_CUT = {lang: words.format(group="").lstrip() for lang, words in CUT_WORDS.items()}
WITHOUT = {"nl": "geen cijfer voor {missing} van de {size}", "en": "no figures for {missing} "
                                                                 "of the {size}"}
PEERS = {"nl": "{city} en de {n} gemeenten die er qua structuur het meest op lijken",
         "en": "{city} and the {n} municipalities structurally most similar to it"}
# in a sentence about the city: its group of 11, the city one of them ('de 11 structureel
# vergelijkbare gemeenten' read as 11 others)
SIMILAR = {"nl": "de {n} gemeenten van de vergelijkingsgroep",
           "en": "the {n} municipalities of the comparison group"}


def _sentences(data, lang: str) -> list:
    return builder.collect_sentences(builder.city_context(data, lang, None))


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", ["Zwolle", "Utrecht"])
def test_peers_are_the_city_and_its_nearest_and_read_as_such(wh, city: str, lang: str) -> None:
    """The peer group holds the city and its 10 nearest (11 members): the cover names it so
    ('Zwolle en de 10 gemeenten die er qua structuur het meest op lijken'); a sentence about
    the city names it without the city, counted once: 'In 2025 zit Zwolle boven de mediaan
    van de 11 gemeenten van de vergelijkingsgroep' (before: '... van Zwolle en de 10
    gemeenten die ...', the city twice; then '... van de 11 structureel vergelijkbare
    gemeenten', read as 11 others), over those with a figure 'de 9 gemeenten van de
    vergelijkingsgroep die cijfers hebben (...; 2 van de 11 zonder cijfers)'."""
    data = kept_city(wh, city, "PEERS")
    members = wh.execute("SELECT list(region_code) FROM comparison_group_members WHERE "
                         "set_id = 'PEERS' AND focal_code = ?", [data.code]).fetchone()[0]
    assert data.code in members and data.group["n"] == len(members) == 11
    assert data.group[f"phrase_{lang}"] == PEERS[lang].format(city=data.name, n=10)
    name = SIMILAR[lang].format(n=11)
    assert data.group[f"mention_{lang}"] == name
    ctx = builder.city_context(data, lang, None)
    intros = [ctx["glance"]["intro"], ctx["direction"]["intro"]] + [
        d["intro"] for d in ctx["domains"] if d["intro"]]
    for text in intros + [s.text for s in builder.collect_sentences(ctx)]:
        for one in re.split(r"(?<=\.) (?=[A-Z])", text):  # the city once a sentence
            assert one.count(data.name) <= 1, one
    some = named = 0
    for s in builder.collect_sentences(ctx):
        assert not GARBLED[lang].search(s.text), s.text
        b = data.latest.get(s.indicator_id or "")
        if not (b and b.get("percentile") is not None
                and re.search(SIMILAR[lang].format(n=r"\d+"), s.text)):
            continue
        n = wh.execute("SELECT n FROM group_benchmarks WHERE set_id = 'PEERS' AND region_code"
                       " = ? AND indicator_id = ? AND year = ?",
                       [data.code, s.indicator_id, b["year"]]).fetchone()[0]
        named += name in s.text
        if n < len(members):
            some += 1
            assert any(f"{SIMILAR[lang].format(n=n)} {w[lang]}" in s.text
                       for w in (SOME, SOME_CUT)), s.text
            assert any(w.format(missing=len(members) - n, size=11) in s.text
                       for w in (WITHOUT[lang], *WITHOUT_CUT[lang])), s.text
    assert some and named > 10  # Zwolle: district heating, 9 of 11; Utrecht: 10 of 11


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_group_kind_garbles_a_position(wh, lang: str) -> None:
    """One group of every kind (size, urbanity, typology, province, COROP, named sets,
    the country, the peers): no position sentence repeats the group's head or stacks two
    relative clauses, and each kind has positions over fewer than its members."""
    cases = [("Zwolle", "GK6"), ("Utrecht", "ST1"), ("Utrecht", "TY1"), ("Eindhoven", "PV30"),
             ("Zwolle", "CR10"), ("Helmond", "G40"), ("Amsterdam", "G4"),
             ("Helmond", "G32_2017"), ("Zwolle", "NL01"), ("Helmond", "PEERS")]
    families = set()
    for city, group in cases:
        data = kept_city(wh, city, group)
        families.add(data.group["family"])
        texts = [s.text for s in _sentences(data, lang)]
        assert texts, (city, group)
        for text in texts:
            assert not GARBLED[lang].search(text), f"{city} {group}: {text}"
    assert families == {"size", "urbanity", "typology", "province", "corop", "named",
                        "country", "peers"}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("group", ["G40", "G32_2017"])
def test_a_scale_in_brackets_is_said_once_and_never_in_a_bracket(wh, group: str,
                                                                  lang: str) -> None:
    """'Safety rating of the neighbourhood: 7.1 (rating 1-10) in 2019 (out of date). ...
    (median 7.3; 2 of the 41 without figures). Trend 2013–2019: from 6.9 in 2013 to 7.1 in
    2019': the scale at the level, not inside the median's bracket nor at every figure."""
    data = kept_city(wh, "Helmond", group)
    seen = 0
    # an old figure leads no domain (report/domains): the survey of 2019's sentence as a
    # domain with nothing newer would write it
    said = _sentences(data, lang) + [
        data.writer(lang).indicator(fact(data, "safety_rating_neighbourhood", lang))]
    for s in said:
        assert not re.search(r"\([^()]*\([^()]*\)", s.text), s.text  # no bracket in a bracket
        if s.indicator_id == "safety_rating_neighbourhood":
            seen += 1
            assert s.text.count("(rating 1-10)") == (lang == "en"), s.text
            if lang == "en":
                # at the first level printed ('from 6.9 (rating 1-10) in 2013 to 7.1')
                assert re.search(r"\d\.\d \(rating 1-10\) in 20\d\d", s.text), s.text
    assert seen


def _gas_left_out() -> tuple[list[int], dict[str, str]]:
    """The catalogue's years left out of gas per inhabitant and the caveat that says why,
    checked against the years its numerator reads."""
    gas = next(i for i in load_catalogue().indicators
               if i.id == "gas_delivered_per_inhabitant")
    caveat = next(c for c in gas.caveats if c.years)
    spans = sorted(p.years for p in gas.numerator)
    between = [y for (_, a), (b, _) in zip(spans, spans[1:], strict=False)
               for y in range(a + 1, b)]
    assert caveat.years == between == [2015, 2016]
    return caveat.years, {"nl": caveat.nl, "en": caveat.en}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("code", ["GM0344", "GM0193", "GM0654"])
def test_left_out_years_say_why_with_the_period_and_in_what_is_missing(
        wh, code: str, lang: str) -> None:
    """Gas per inhabitant leaves out CBS's 2015–2016 totals: the method says why beside the
    period ('2010–2014, 2017–2023. Zonder 2015 en 2016. In die jaren ...'; the PDF's period
    column only which years, eight lines before) and 'Wat ontbreekt'
    lists the two years with that reason; a gap row around them gives its years as runs
    (Borsele, none of its 12 years in the source: '2010–2014, 2017–2023 (12)', not
    '2010–2023 (12)')."""
    years, why = _gas_left_out()
    data = kept_city(wh, code)
    acc = sections.accountability(data, lang)
    title = data.catalogue["gas_delivered_per_inhabitant"][f"title_{lang}"]
    rows = [r for r in acc["missing"]["rows"] if r[0] == title]
    cov = data.coverage.get("gas_delivered_per_inhabitant")
    if cov:  # Utrecht, Zwolle
        assert min(cov["years"]) < min(years) and max(years) < max(cov["years"])
        period = next(r[3] for r in acc["indicators"]["rows"] if r[0] == title)
        assert period == f"2010–2014, 2017–2023. {why[lang]}", period
        # the PDF's narrow period column: the years left out, why in 'Wat ontbreekt' below
        short = next(r[1] for r in acc["periods"]["rows"] if r[0] == title)
        assert short == {"nl": "2010–2014, 2017–2023; zonder 2015–2016 (zie Wat ontbreekt)",
                         "en": "2010–2014, 2017–2023; without 2015–2016 (see What is "
                               "missing)"}[lang], short
    assert [title, why[lang], "2015–2016 (2)"] in rows
    for row in rows:
        assert not re.search(r"20(0\d|1[0-4])[-–]?20(1[7-9]|2\d)", row[2]), row
    if code == "GM0654":
        assert any(r[2] == "2010–2014, 2017–2023 (12)" for r in rows), rows

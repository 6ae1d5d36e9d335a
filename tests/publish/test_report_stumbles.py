"""Wording and layout a council member stumbles over, on real reports (publish/groups.py,
report/sections.py, report/data.py, chart_maps.py, report/static/report.css).

Before: Utrecht compared with its type read '... van de 13 gemeenten van type 1 (veel
inwoners met een migratieachtergrond, groot inwonertal) (mediaan 32,4 duizend euro)': two
brackets in a row; Westerveld and Ameland had a section 'Stad en ommeland' and '... tussen
buurten binnen de stad'; Ameland's read 'groeit het verschil significant bij 0 en krimpt het
bij 3'; the PDF's period of gas filled eight lines of its column; 'Nieuwegein' was dark on
Utrecht's dark fill on Utrecht's cover; Technologie (no figures for Zwolle), Kies richting
(Utrecht within the G4: too small for quarters) and Groningen's last 'Beter bij vergelijkbare
gemeenten' were pages of one or two sentences."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from stadstrends.publish.report import builder, sections
from tests.publish.loaded import kept_city

CITIES = ["Zwolle", "Utrecht", "Nieuwegein", "Westerveld", "Ameland"]


def _texts(ctx: dict) -> list[str]:
    """Every generated sentence of a report and the intros and summaries around them."""
    out = [s.text for s in builder.collect_sentences(ctx) if s is not None]
    out += [ctx["glance"]["intro"], ctx["divide"]["intro"], ctx["direction"]["intro"],
            ctx["divide"]["city_region"]["summary"]]
    return out + [d["intro"] for d in ctx["domains"] if d["intro"]]


def _type_cases(wh) -> list[tuple[str, str]]:
    """One member (the first code) of each type of the typology, compared within it."""
    return [(code, set_id) for set_id, code in wh.execute("""
        SELECT set_id, min(region_code) FROM comparison_group_members
        WHERE set_id LIKE 'TY%' GROUP BY 1 ORDER BY 1""").fetchall()]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_two_brackets_in_a_row(wh, lang: str) -> None:
    """A type's description in brackets never meets the median's bracket: a sentence names
    the type by its number ('de 13 gemeenten van type 1 (mediaan ...)'), the intros in full
    ('... van type 1 (veel inwoners met een migratieachtergrond, groot inwonertal), het
    ommeland'). Over the default groups of five cities, one member of each type and Zwolle
    within its peers."""
    cases = [(c, None) for c in CITIES] + [("Utrecht", "TY1"), ("Zwolle", "PEERS")]
    cases += _type_cases(wh)
    typed = 0
    for city, group in cases:
        data = kept_city(wh, city, group)
        ctx = builder.city_context(data, lang, None)
        texts = _texts(ctx)
        for text in texts:
            assert ") (" not in text, f"{data.name} {group}: {text}"
        if data.group["family"] == "typology":
            label = data.group[f"label_{lang}"]
            assert "(" in label and label in ctx["glance"]["intro"], label  # described once
            typed += sum(bool(re.search(r"(van|of) (type \d|dit type|this type)\b", t))
                         for t in texts)
    assert typed >= 100, typed  # positions within a type: 43 of them had ') (' before


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_only_a_city_of_the_city_networks_has_stad_en_ommeland(wh, lang: str) -> None:
    """'Stad en ommeland' where the municipality is one of the cities of the settings'
    city_set or featured_set (G40, G4: Zwolle, Utrecht); a rural municipality or an island
    (Westerveld, Ameland) and a town outside them (Nieuwegein) get 'Gemeente en ommeland',
    and no 'stad' in the section's intro, summary, sentences or chart axis."""
    city_word = {"nl": r"\bstad\b", "en": r"\bcity\b"}[lang]
    for name in CITIES:
        data = kept_city(wh, name)
        s = data.settings
        member = wh.execute("SELECT count(*) > 0 FROM region_sets WHERE region_code = ? AND "
                            "set_id IN (?, ?)", [data.code, s.city_set, s.featured_set]
                            ).fetchone()[0]
        assert data.is_city == member == (name in ("Zwolle", "Utrecht")), name
        divide = sections.divide(data, lang)
        region = divide["city_region"]
        title = {"nl": ("Stad en ommeland", "Gemeente en ommeland"),
                 "en": ("City and surrounding region",
                        "Municipality and surrounding region")}[lang][not member]
        assert region["title"] == title, (name, region["title"])
        axes = re.findall(r'"title": "([^"]*(?:ommeland|surrounding region) \(%\))"', json.dumps(
            [f["spec"] for f in region["figures"]], ensure_ascii=False))
        assert len(axes) == len(region["figures"]), axes  # the chart's axis title
        said = " ".join([divide["intro"], region["summary"], region["summary_pdf"], *axes]
                        + [x.text for x in region["sentences"]])
        if not member:
            assert not re.search(city_word, said, re.I), (name, said[:400])
        else:
            assert re.search(city_word, divide["intro"]), divide["intro"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_gap_summary_counts_none_in_words(wh, lang: str) -> None:
    """Ameland: no gap of the 26 widens significantly, 3 narrow: 'Bij geen van de 26
    indicatoren ... wordt het verschil significant groter, bij 3 significant kleiner', not
    'groeit het verschil significant bij 0' (read as: grows at zero)."""
    for name in CITIES:
        data = kept_city(wh, name)
        summary = sections.divide(data, lang)["city_region"]["summary"]
        assert not re.search(r"\b(bij|for) 0\b", summary), (name, summary)
        comparable = sections._comparable(data).values()
        widening = sum(g["classification"] == "diverging" for g in comparable)
        if name == "Ameland":
            n = len(comparable)
            assert widening == 0 and n >= 18  # 19 since session 34 (CBS's rounding)
            assert {"nl": f"Bij geen van de {n} indicatoren", "en": f"For none of the {n} "
                    "indicators"}[lang] in summary, summary
        elif widening:
            assert {"nl": f"Bij {widening} van de", "en": f"For {widening} of the"}[lang] \
                in summary, summary


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_pdf_period_column_fits_in_three_lines(wh, lang: str) -> None:
    """The PDF's table of periods has a narrow second column (45% of the page, ~40
    characters a line at 7.5 pt): every cell fits in about three lines. Gas per inhabitant
    said its whole caveat there (330 characters, eight lines); now '2010-2014, 2017-2023;
    zonder 2015-2016 (zie Wat ontbreekt)', the caveat in 'Wat ontbreekt'."""
    for name in ("Zwolle", "Utrecht", "Ameland"):
        acc = sections.accountability(kept_city(wh, name), lang)
        for title, period in acc["periods"]["rows"]:
            assert len(period) <= 80, (name, title, period)


def test_the_cover_maps_names_have_a_halo(wh) -> None:
    """Utrecht's cover map: 'Nieuwegein' reaches into Utrecht's dark fill; each name of a
    neighbour is drawn on a white halo of its own text (stroke), under the dark name."""
    ctx = builder.city_context(kept_city(wh, "Utrecht"), "nl", builder.geometries_for(wh))
    spec = ctx["front"]["figures"][0]["spec"]
    layers = [(lay.get("data", {}).get("name"), lay["mark"]) for lay in spec["layer"]]
    names = [(d, m) for d, m in layers if d == "others"]
    assert len(names) == 2, layers
    (_, halo), (_, text) = names
    assert halo.get("stroke") == "white" and halo.get("strokeWidth", 0) >= 2, halo
    assert "stroke" not in text, text
    assert any(r["name"] == "Nieuwegein" for r in spec["datasets"]["others"])


def _pages(pdf: Path) -> list[str]:
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout.split("\f")


@pytest.mark.parametrize(("city", "group"), [("Zwolle", None), ("Utrecht", "G4"),
                                           ("Groningen", None)])
def test_no_pdf_page_holds_just_a_sentence_or_two(wh, tmp_path: Path, city: str,
                                                  group: str | None) -> None:
    """Every page of the report's own part (after the contents, before the shared appendix)
    holds 100 words or more, or a figure (its caption ends 'Bron: CBS.'). Before: Zwolle's
    Technologie (no figures in this snapshot) 36 words, and its neighbourhood sources 63
    before a forced break to Vooruitblik; Utrecht's Kies richting within the G4 (too few for
    quarters: its intro only) 60; Groningen's last 'Beter bij vergelijkbare gemeenten' 30
    before Verantwoording. The last page, the Verantwoording's end, may be short but never
    holds the closing credit alone (Groningen's page 21 did)."""
    written = builder.write_city(wh, city, tmp_path, "nl", "pdf", group=group)
    pages = _pages(written.paths[0])
    appendix = next(i for i, p in enumerate(pages) if re.search(r"CBS B1$", p, re.M))
    assert appendix > 15
    for i, page in enumerate(pages[2:appendix], start=3):
        words = len(page.split())
        if i == appendix:  # the last page ends the Verantwoording: short, never its credit alone
            alone = page.replace("Bron: CBS (CC BY 4.0), bewerking Stadstrends.", "")
            assert len(alone.split()) > 12, (i, page[:300])
            continue
        assert words >= 100 or re.search(r"Bron: CBS(/PBL)?\.", page), (i, words, page[:300])

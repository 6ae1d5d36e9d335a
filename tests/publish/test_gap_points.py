"""A gap between two percentages (unit '%': shares, participation) is never printed as a
relative percentage alone: '29% hoger' beside 8,9% and 6,9% reads as 29 procentpunt. The
sentence gives the percentage points first and the relative gap (what the verdict is about)
beside it: '2,0 procentpunt (relatief 29%) hoger dan in het ommeland (6,9%)'; so do the gap
table and the city page ('2,0 %-punt (relatief 29%) hoger'). The points are cited as
``gap_first`` / ``gap_last`` (region_gap_trends.first_gap / last_gap: city - ommeland), the
word beside them giving the side. Where the points move against the relative gap
(``region_gap_trends.abs_against``) the sentence says the gap grew relatively and shrank in
percentage points, with both, as for every unit (publish/gap_absolute.py). Other units stay
as they were."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import builder, sections
from stadstrends.publish.sentences import Writer
from stadstrends.publish.web.gap_text import gap_words, relative_gap
from tests.publish.loaded import connect, kept_city
from tests.publish.test_sentences import check_cite, parse

# Súdwest-Fryslân's private rental dwellings (the snapshot's figures): 8,9% against 6,9% in
# 2024, 8,4% against 7,8% in 2017
SUDWEST = {"indicator_id": "private_rental_share", "unit": "%", "decimals": 1,
           "trend": None, "bench": None, "provisional": set(),
           "gap": {"first_year": 2017, "last_year": 2024, "first_gap": 0.5205779636203491,
                   "last_gap": 1.999176406132297, "first_pct": 6.648698578894496,
                   "last_pct": 28.91857431870517, "classification": "diverging",
                   "mk_p": 0.004, "movement": "diverging", "city_last": 8.912298692521034,
                   "omm_last": 6.913122286388737}}
TITLES = {"nl": "Aandeel particuliere huurwoningen",
          "en": "Share of private rental dwellings"}
SAYS = {
    "nl": "in 2024 8,9% in Súdwest-Fryslân, 2,0 procentpunt (relatief 29%) hoger dan in het "
          "ommeland (6,9%); in 2017 was dat 0,5 procentpunt (relatief 6,6%) hoger. Het "
          "verschil wordt significant groter.",
    "en": "in 2024 8.9% in Súdwest-Fryslân, 2.0 percentage points (29% in relative terms) "
          "higher than in the surrounding region (6.9%); in 2017 it was 0.5 percentage points "
          "(6.6% in relative terms) higher. The difference grows significantly.",
}
# Rozendaal's housing association dwellings: 79% lower (23,9 procentpunt) in 2024, 77%
# lower (24,4) in 2017: the relative gap grows as the points shrink
ROZENDAAL = {**SUDWEST, "indicator_id": "social_housing_share",
             "gap": {**SUDWEST["gap"], "first_gap": -24.36517464788502,
                     "last_gap": -23.88069162292981, "first_pct": -77.08237271477539,
                     "last_pct": -78.63586303475391, "city_last": 6.488011283497884,
                     "omm_last": 30.368702906427693, "abs_against": "smaller",
                     "printed_first_gap": -24.4, "printed_last_gap": -23.9}}
AGAINST = {
    "nl": "in 2024 6,5% in Rozendaal, 23,9 procentpunt (relatief 79%) lager dan in het "
          "ommeland (30,4%); in 2017 was dat 24,4 procentpunt (relatief 77%) lager. Het "
          "verschil is relatief significant groter geworden, in absolute zin kleiner: van "
          "−24,4 in 2017 naar −23,9 procentpunt in 2024.",
    "en": "in 2024 6.5% in Rozendaal, 23.9 percentage points (79% in relative terms) lower "
          "than in the surrounding region (30.4%); in 2017 it was 24.4 percentage points "
          "(77% in relative terms) lower. The difference grows significantly in relative "
          "terms, but shrinks in absolute terms: from −24.4 in 2017 to −23.9 percentage "
          "points in 2024.",
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_gap_between_percentages_says_its_points(lang: str) -> None:
    """The points first, the relative gap beside them, both cited; the points of the last
    year the difference of the printed levels (8,9 - 6,9)."""
    s = Writer("GM1900", "Súdwest-Fryslân", lang).indicator(
        {**SUDWEST, "title": TITLES[lang]}, "gap_widening")
    assert s.text == f"{TITLES[lang]}: {SAYS[lang]}"
    assert [(c.field, c.year, c.shown) for c in s.cites][2:] == [
        ("gap_last", 2024, "2.0" if lang == "en" else "2,0"),
        ("gap_last_pct", 2024, "29%"),
        ("gap_first", 2017, "0.5" if lang == "en" else "0,5"),
        ("gap_first_pct", 2017, "6.6%" if lang == "en" else "6,6%")]
    bare = {**SUDWEST, "title": TITLES[lang], "gap": {**SUDWEST["gap"], "city_last": None}}
    text = Writer("GM1900", "Súdwest-Fryslân", lang).indicator(bare, "gap_widening").text
    assert text.startswith(f"{TITLES[lang]}: " + (
        "in 2024 lag Súdwest-Fryslân 2,0 procentpunt (relatief 29%) hoger dan het ommeland;"
        if lang == "nl" else "in 2024 Súdwest-Fryslân was 2.0 percentage points (29% in "
        "relative terms) higher than the surrounding region;")), text
    s = Writer("GM0277", "Rozendaal", lang).indicator(
        {**ROZENDAAL, "title": TITLES[lang]}, "gap_widening")
    assert s.text == f"{TITLES[lang]}: {AGAINST[lang]}"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_percentages_ten_times_as_high_and_other_units(lang: str) -> None:
    """A share ten times its ommeland's: the points, then the multiple ('18,5 procentpunt
    hoger, ruim 13 keer zo hoog als in het ommeland'); a unit that is no percentage keeps the
    relative gap alone."""
    gap = {**SUDWEST["gap"], "first_gap": 14.0, "last_gap": 18.5, "first_pct": 1000.0,
           "last_pct": 1233.3, "city_last": 20.0, "omm_last": 1.5}
    s = Writer("GM1900", "X", lang).indicator({**SUDWEST, "title": "T", "gap": gap},
                                              "gap_widening")
    assert s.text == ("T: in 2024 20,0% in X, 18,5 procentpunt hoger, ruim 13 keer zo hoog als "
                      "in het ommeland (1,5%); in 2017 was dat 14,0 procentpunt hoger, 11 keer "
                      "zo hoog. Het verschil wordt significant groter." if lang == "nl" else
                      "T: in 2024 20.0% in X, 18.5 percentage points higher, over 13 times as "
                      "high as in the surrounding region (1.5%); in 2017 it was 14.0 percentage "
                      "points higher, 11 times as high. The difference grows significantly.")
    other = {**SUDWEST, "unit": "per 1 000 inwoners", "title": "T"}
    text = Writer("GM1900", "X", lang).indicator(other, "gap_widening").text
    assert "punt" not in text and "relati" not in text
    assert ("29% hoger dan in het ommeland" if lang == "nl" else
            "29% higher than in the surrounding region") in text


def test_table_cell_and_city_page_say_the_points() -> None:
    """The gap table's cell and the city page's row: '2,0 %-punt (relatief 29%) hoger',
    '2.0 pp (29% in relative terms) higher'; without points as before."""
    assert sections._pct_cell(28.9, "nl", points="2,0 %-punt") == \
        "2,0 %-punt (relatief 29%) hoger"
    assert sections._pct_cell(-78.6, "en", points="23.9 pp") == \
        "23.9 pp (79% in relative terms) lower"
    assert sections._pct_cell(1233.3, "nl", points="18,5 %-punt") == \
        "18,5 %-punt hoger, ruim 13 keer zo hoog"
    assert sections._pct_cell(28.9, "nl") == "29% hoger"
    row = {"city_value": 8.912, "ommeland_value": 6.913, "unit": "%", "decimals": 1,
           "ratio": 8.912 / 6.913, "signed": False}
    assert gap_words(row, "nl") == "2,0 %-punt (relatief 29%) hoger"
    assert gap_words(row, "en") == "2.0 pp (29% in relative terms) higher"
    assert gap_words({**row, "unit": "km", "decimals": 1}, "nl") == "29% hoger"
    assert relative_gap(1.29, "nl") == "29% hoger"


#: municipalities whose reports print gaps between percentages: Súdwest-Fryslân and
#: Rozendaal (the brief's cases) and the four others whose housing association dwellings'
#: relative gap grows while its points shrink
CODES = ["GM1900", "GM0277", "GM0168", "GM0744", "GM1695", "GM1774"]
POINTS = re.compile(r"([\d.,]+) (?:procentpunt|percentage points?)(?: \(relatief [^)]*\)| "
                    r"\([^)]* in relative terms\))? (hoger|lager|higher|lower)")


@pytest.fixture(scope="module")
def reports(warehouse_path) -> dict[tuple[str, str], tuple[object, dict]]:
    out = {}
    with connect(warehouse_path) as con:
        for code in CODES:
            data = kept_city(con, code)
            for lang in ("nl", "en"):
                out[code, lang] = (data, builder.city_context(data, lang, None))
    return out


def test_real_percentage_gaps_say_their_points(wh, reports) -> None:
    """Every gap sentence of a percentage in these reports cites its points beside each
    relative gap it prints, and they parse back to the warehouse's gap (``check_cite``: the
    size of last_gap / first_gap) on the side the word says; the table cells print the same
    points; a sentence of another unit cites none. The four whose points shrink as the
    relative gap grows say so."""
    n, against = 0, set()
    for (code, lang), (data, ctx) in reports.items():
        region = ctx["divide"]["city_region"]
        rows = {r[0]: r for f in region["figures"] for r in f["table"]["rows"]}
        for s in builder.collect_sentences(ctx):
            # the ends whose relative gap the sentence prints (none beside 'gelijk aan')
            rel = {m.group(1) for c in s.cites
                   if (m := re.fullmatch(r"gap_(first|last)_(pct|multiple)", c.field))}
            if data.gap_trends.get(s.indicator_id, {}).get("ends_level"):
                rel.discard("last")
            points = [c for c in s.cites if c.field in ("gap_first", "gap_last")]
            if data.catalogue[s.indicator_id]["unit"] != "%" or not rel:
                assert not points, s.text
                continue
            n += 1
            assert {c.field[4:] for c in points} == rel, s.text  # never a relative gap alone
            said = POINTS.findall(s.text)
            assert [p[0] for p in said] == [c.shown for c in points], (said, s.text)
            for cite, (_, word) in zip(points, said, strict=True):
                check_cite(wh, cite, lang)
                stored = wh.execute(f"SELECT {cite.field[4:]}_gap FROM region_gap_trends "
                                    "WHERE region_code = ? AND indicator_id = ?",
                                    [code, s.indicator_id]).fetchone()[0]
                assert (stored > 0) == (word in ("hoger", "higher")), (cite, s.text)
                title = data.catalogue[s.indicator_id][f"title_{lang}"]
                if title in rows:  # the table cell says the same points
                    cell = rows[title][1 if cite.field == "gap_first" else 2]
                    assert cell.startswith(f"{cite.year}: {cite.shown} "), (cell, cite)
                    assert parse(cite.shown, lang)[1] > 0
            if "in absolute zin kleiner: van " in s.text \
                    or "shrinks in absolute terms: from " in s.text:
                against.add(code)
    assert n >= 20, n
    assert against == set(CODES[1:]), against

"""The dashboard marks a figure per 1 000 divided from CBS's rounded count (real snapshot):
83648NED publishes no crimes per 1 000 for Schiermonnikoog (GM0088) in any year, so its tile's
latest figure is Stadstrends' quotient, '(2024, berekend door Stadstrends)', and the
ranking of 2024 marks it, Vlieland's and Rozendaal's. Before, neither said so. Until h49e both
said 'berekend uit afgerond aantal', the words of a figure on a count CBS rounds coarsely.
"""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.harmonised import marked_codes, marked_years
from stadstrends.publish.rounding import coarse_years, rounded_zeros
from stadstrends.publish.sentence_words import WORDS

#: a quotient of CBS's count (CBS publishes no rate); a figure on a coarse count (h49e)
WORD = {"nl": "berekend door Stadstrends", "en": "computed by Stadstrends"}
COARSE = {"nl": "berekend uit afgerond aantal", "en": "computed from a rounded count"}
#: a figure on a count CBS rounded to 0: its own mark (session 47), before WORD
ZERO = {"nl": "berekend uit een op 0 afgerond aantal", "en": "computed from a count rounded to 0"}
RANKING = WORD


def _said(lang: str, own: dict, *joined: str) -> re.Pattern:
    """``own``'s words, or a mark joining them with another (h50l: a quotient on a count CBS
    rounded, 'door Stadstrends berekend uit afgerond aantal': 'berekend' once)."""
    return re.compile("|".join(re.escape(w) for w in (
        *(WORDS[lang][f"recomputed_{j}_short"] for j in joined), own[lang])))


def _has(words: re.Pattern, marks: list[str]) -> bool:
    """Whether a tile's ``marks`` (a list) has one of ``words``."""
    return any(words.fullmatch(m) for m in marks)


def _own(lang: str) -> re.Pattern:
    return _said(lang, WORD, "coarse", "zero")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_schiermonnikoogs_crime_tile_says_it_is_computed(client, wh, lang):
    body = client.get(f"/gemeente/GM0088?lang={lang}&format=json").json()
    tiles = {x["indicator_id"]: x for d in body["domains"] for x in d["tiles"]}
    own = marked_years(wh, "GM0088", "recomputed")
    # a figure on a count CBS rounded to 0 (its new dwellings of 2023) has its own words
    # (session 47; in session 46 these)
    zeros = rounded_zeros(wh, "GM0088")
    coarse = coarse_years(wh, "GM0088")  # since session 47 any coarse count (jobs of 2023)
    marked = {i for i, x in tiles.items() if _has(_own(lang), x["marks"])}
    assert marked == {i for i, x in tiles.items() if x["year"] in own.get(i, ())}
    assert "crimes_per_1000" in marked and "population" not in marked
    assert {i for i, x in tiles.items() if _has(_said(lang, COARSE, "coarse"), x["marks"])} == {
        i for i, x in tiles.items()
        if x["year"] in coarse.get(i, ()) and x["year"] not in zeros.get(i, ())}
    zero = {i for i, x in tiles.items() if _has(_said(lang, ZERO, "zero"), x["marks"])}
    assert zero == {i for i, x in tiles.items() if x["year"] in zeros.get(i, ())}
    assert "new_construction_per_1000_dwellings" in zero - marked
    # Zwolle publishes every rate: a tile of it carries the words only on a coarse count
    body = client.get(f"/gemeente/GM0193?lang={lang}&format=json").json()
    zeros, coarse = rounded_zeros(wh, "GM0193"), coarse_years(wh, "GM0193")
    assert all(x["year"] in coarse.get(x["indicator_id"], ()) for d in body["domains"]
               for x in d["tiles"] if COARSE[lang] in x["marks"])
    assert not any(WORD[lang] in x["marks"] for d in body["domains"] for x in d["tiles"])
    assert all(x["year"] in zeros.get(x["indicator_id"], ()) for d in body["domains"]
               for x in d["tiles"] if ZERO[lang] in x["marks"])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_ranking_marks_computed_rates(client, wh, lang):
    """Measured: 3 municipalities' crimes per 1 000 of 2024 are quotients (Schiermonnikoog,
    Vlieland, Rozendaal)."""
    codes = marked_codes(wh, "crimes_per_1000", 2024, "recomputed")
    assert {"GM0088", "GM0096", "GM0277"} <= codes
    page = client.get(f"/ranglijst?indicator=crimes_per_1000&year=2024&lang={lang}"
                      "&format=json").json()
    rows = {r["region_code"]: r for r in page["rows"]}
    assert {c for c, r in rows.items() if r["recomputed"]} == codes & set(rows)
    assert not rows["GM0193"]["recomputed"]
    html = client.get(f"/ranglijst?indicator=crimes_per_1000&year=2024&lang={lang}",
                      headers={"accept": "text/html"}).text
    assert len(_said(lang, RANKING, "coarse", "zero").findall(html)) == len(codes & set(rows))


@pytest.mark.parametrize(("indicator", "year"), [("crimes_per_1000", 2024),
                                                 ("thefts_per_1000", 2024),
                                                 ("new_construction_per_1000_dwellings", 2023)])
def test_the_ranking_marks_a_figure_as_its_tile_does(client, wh, indicator, year):
    """One bracket per figure in the tiles' form and words (h49e): a figure on a count CBS
    rounds coarsely is 'berekend uit afgerond aantal' in the ranking too (before: never;
    Vlieland's thefts of 2024 read '(voorlopig) (berekend door Stadstrends)', its tile
    '(2024, voorlopig, door Stadstrends berekend uit afgerond aantal)')."""
    page = client.get(f"/ranglijst?indicator={indicator}&year={year}&format=json").json()
    rows = [r for r in page["rows"] if r["value"] is not None]
    zeros = {r["region_code"]: rounded_zeros(wh, r["region_code"]) for r in rows}
    coarse = {r["region_code"]: coarse_years(wh, r["region_code"]) for r in rows}
    zero = {c for c, z in zeros.items() if year in z.get(indicator, ())}
    want = {c for c, y in coarse.items() if year in y.get(indicator, ())} - zero
    assert {r["region_code"] for r in rows if COARSE["nl"] in r["marks"]} == want
    assert {r["region_code"] for r in rows if ZERO["nl"] in r["marks"]} == zero
    assert want | zero, "no figure of a coarse count: the test shows nothing"
    every = all(r["provisional"] for r in rows)  # the heading says 'voorlopig' once (h51d)
    assert ("voorlopig" in str(page["year_shown"])) == any(r["provisional"] for r in rows)
    for r in rows:  # one bracket, its marks in the tiles' order
        assert r["marks"].count("(") <= 1 and (r["marks"] == "" or r["marks"].endswith(")"))
        assert ("voorlopig" in r["marks"]) == (r["provisional"] and not every)


def test_the_ranking_csv_has_the_notes_column(client, wh):
    import csv
    import io

    text = client.get("/ranglijst/download.csv?indicator=crimes_per_1000&year=2024"
                      "&variant=plain").text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0])[-1] == "notes"
    noted = {r["region_code"] for r in rows if "recomputed" in r["notes"].split()}
    assert noted == marked_codes(wh, "crimes_per_1000", 2024, "recomputed") & {r["region_code"]
                                                                     for r in rows}
    assert {"GM0088", "GM0096", "GM0277"} <= noted
    # Schiermonnikoog's crimes of 2024 rest on a count CBS rounds coarsely: both codes (h50i)
    assert {r["region_code"]: r["notes"] for r in rows}["GM0088"] == "recomputed rounded_count"

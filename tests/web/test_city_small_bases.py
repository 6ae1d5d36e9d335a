"""Rozendaal's cleared crimes (5,3% of 55 crimes in 2024, CBS's counts rounded to fives): the
report's Kies richting said 'Het CBS berekende dit percentage uit kleine aantallen', the city
page's Waarom and tile and the report's domain sentence stated the figure without it. Now each
says it, in one wording (:mod:`stadstrends.publish.small_base_words`); Zwolle's shares, from
large bases, say nothing of it. Hand-written facts: tests/publish/test_small_base_figures.py."""

from __future__ import annotations

import html
import re
import subprocess

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city

HTML = {"accept": "text/html"}
CAVEAT = {"nl": "Het CBS berekende dit percentage uit kleine aantallen: 55 geregistreerde "
                "misdrijven in 2024 (afgerond op vijftallen). Eén opgehelderd misdrijf meer of "
                "minder verandert het percentage al met ongeveer 1,8 procentpunt.",
          "en": "CBS calculated this percentage from small numbers: 55 registered crimes in "
                "2024 (rounded to the nearest five)."}
BRIEF = "berekend uit ongeveer 55 geregistreerde misdrijven"
# the small base of a percentage CBS published (not the trend's small counts, which follow
# every tested trend on fewer than 30 a year since session 46: 'op kleine aantallen')
SAID = ("uit kleine aantallen", "berekend uit ongeveer", "from small numbers",
        "calculated from about")


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_rozendaals_city_page_says_the_small_base_in_its_waarom_and_tile(client) -> None:
    text = _text(client.get("/gemeente/GM0277", headers=HTML).text)
    assert CAVEAT["nl"] in text
    assert f"5,3% (2024, voorlopig, {BRIEF})" in text  # the tile, as the report's sentence
    assert "Opgehelderde misdrijven: 5,3% in 2024 (voorlopig, " + BRIEF in text  # its opgave


def test_the_profile_api_gives_the_base_and_its_words(client) -> None:
    profile = client.get("/api/v1/profile/GM0277").json()
    row = next(r for r in profile["kies_richting"]["urgent_tasks"]
               if r["indicator_id"] == "crimes_cleared_share")
    assert (row["base_count"], row["base_unit"]) == (55, 5)
    assert row["why_nl"].endswith(". " + CAVEAT["nl"])
    english = _text(client.get("/gemeente/GM0277?lang=en", headers=HTML).text)
    assert CAVEAT["en"] in english and "5.3% (2024, provisional, calculated from about 55 " \
        "registered crimes)" in english


def test_a_municipality_of_large_bases_says_nothing_of_it(client) -> None:
    text = _text(client.get("/gemeente/GM0193", headers=HTML).text)
    assert not any(w in text for w in SAID)
    profile = client.get("/api/v1/profile/GM0193").json()
    rows = [r for key in ("urgent_tasks", "distinctive_strengths")
            for r in profile["kies_richting"][key]]
    assert rows and all(r.get("base_count") is None for r in rows)


def test_rozendaals_pdf_states_the_base_beside_the_figure_and_in_kies_richting(wh, tmp_path):
    written = builder.write_city(wh, "Rozendaal", tmp_path, "nl", "pdf")
    text = " ".join(subprocess.run(["pdftotext", str(written.paths[0]), "-"],
                                   capture_output=True, text=True, check=True).stdout.split())
    # the domain section and the opgave; not in Kies richting's own sentence, whose Waarom
    # says it in full
    assert text.count("Opgehelderde misdrijven: 5,3% in 2024 (voorlopig, " + BRIEF + ")") == 2
    assert text.count("Opgehelderde misdrijven: 5,3% in 2024 (voorlopig).") == 1
    assert CAVEAT["nl"] in text


def test_the_reports_sentences_say_it_for_small_bases_only(wh) -> None:
    """Of the report's sentences (both languages), those of Rozendaal's and Schiermonnikoog's
    cleared crimes say it (their domain section and opgave: 2 each); none of Zwolle's.
    (Vlieland's and Ameland's reports, the others with a small base, state no such figure:
    Ameland's 22,3% of 95 crimes against 31,1% in its ommeland is no deviation since session
    50, one cleared crime more bringing it within a scale of it: signal_kies.one_case.)"""
    for city, base in (("Rozendaal", 55), ("Ameland", None), ("Schiermonnikoog", 20),
                       ("Zwolle", None)):
        for lang in ("nl", "en"):
            ctx = builder.city_context(kept_city(wh, city), lang, None)
            said = [s for s in builder.collect_sentences(ctx) if any(w in s.text for w in SAID)]
            assert all(s.indicator_id == "crimes_cleared_share" for s in said), city
            assert bool(said) == (base is not None), (city, lang)
            assert all(f" {base} " in s.text for s in said), city


def test_the_profiles_domain_row_and_opgave_bullet_state_the_base(client) -> None:
    """The profile (`/api/v1/profile`, the CLI's `profile`) gave 5,3% in its domain row and
    its opgave bullet without the base the report and city page state."""
    profile = client.get("/api/v1/profile/GM0277").json()
    row = next(r for d in profile["domains"] for r in d["indicators"]
               if r["indicator_id"] == "crimes_cleared_share")
    assert (row["year"], row["base_count"], row["base_unit"]) == (2024, 55, 5)
    bullets = [s["text_nl"] for o in profile["opgaven"] for s in o["top_signals"]
               if s["indicator_id"] == "crimes_cleared_share"]
    assert bullets and all(f"5,3% (2024, voorlopig, {BRIEF})" in b for b in bullets)
    zwolle = client.get("/api/v1/profile/GM0193").json()
    assert all(r["base_count"] is None for d in zwolle["domains"] for r in d["indicators"])
    assert not any(w in s["text_nl"] for o in zwolle["opgaven"] for s in o["top_signals"]
                   for w in SAID)


def test_the_ranking_and_indicator_page_state_the_base_beside_the_figure(client) -> None:
    """Rozendaal ranks last of its size class on cleared crimes in 2024, on 5,3% of about 55
    crimes: the ranking and the indicator page's map and table gave the figure bare."""
    ranking = _text(client.get("/ranglijst?indicator=crimes_cleared_share&year=2024&groep=GK1",
                               headers=HTML).text)
    # one bracket, as the tiles (before: '(voorlopig) (berekend uit ...)'); 'voorlopig' once
    # in the heading, every figure of 2024 being provisional (h51d)
    assert "(2024, voorlopig)" in ranking
    assert re.search(r"Rozendaal 5,3% \(" + BRIEF + r"\)", ranking), ranking[:300]
    assert "Zwolle" not in ranking and ranking.count("berekend uit ongeveer") == 4
    page = client.get("/indicator/crimes_cleared_share?year=2024&format=json").json()
    notes = {v["region_code"]: v["note"] for v in page["map_values"]}
    assert BRIEF in notes["GM0277"] and BRIEF not in notes["GM0193"]
    assert sum("berekend uit ongeveer" in n for n in notes.values()) == 4
    text = _text(client.get("/indicator/crimes_cleared_share?year=2024", headers=HTML).text)
    assert f"5,3% ({BRIEF})" in text  # the ranking's one bracket (h50g), its caption 'voorlopig'
    assert f"5,3% (2024, voorlopig, {BRIEF})" in text  # the map's tooltip, with its year (h51d)

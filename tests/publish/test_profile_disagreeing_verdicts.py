"""An opgave's bullet in the profile names both verdicts where the same indicator's signals
in that opgave disagree (:mod:`stadstrends.publish.signal_pairs`), as the report's 'In een
oogopslag' does: Vlieland's unemployment of 2024 read only '— gunstig' (lower than in its
ommeland) beside the report's 'ongunstig vergeleken met de groep'. On the real snapshot,
245 of the 342 municipalities had such a bullet in their default group (808 bullets: most
often a rising solar figure below the group's median). Real snapshot."""

from __future__ import annotations

import re

from rich.console import Console

from stadstrends.publish.groups import resolve_group
from stadstrends.publish.profile import city_profile, render_profile

#: each top bullet's (opgave, indicator) with a signal of the other verdict in that opgave
PAIRS_SQL = """
WITH s AS (SELECT * FROM signals WHERE region_code = ? AND set_id = ?
           AND opgave_id IS NOT NULL),
top AS (SELECT * FROM s QUALIFY row_number() OVER (PARTITION BY opgave_id, indicator_id
        ORDER BY rank_opgave) = 1)
SELECT DISTINCT t.opgave_id, t.indicator_id FROM top t JOIN s o
  ON (o.opgave_id, o.indicator_id) = (t.opgave_id, t.indicator_id)
 AND [t.valence, o.valence] IN (['favourable', 'adverse'], ['adverse', 'favourable'])
"""


def _bullet(profile: dict, opgave: str, indicator: str) -> dict:
    """The profile's bullet of ``indicator`` in ``opgave``."""
    group = next(o for o in profile["opgaven"] if o["id"] == opgave)
    return next(s for s in group["top_signals"] if s["indicator_id"] == indicator)


def test_vlieland_unemployment_names_both_verdicts(wh) -> None:
    sig = _bullet(city_profile(wh, "Vlieland", lang="en"), "zorg_welzijn", "unemployment_rate")
    assert (sig["kind"], sig["valence"]) == ("ommeland_deviation", "favourable")
    assert sig["other_verdict"] == {"kind": "group_deviation", "valence": "adverse"}
    assert sig["text_nl"] == (
        "Werkloosheid: 3,2% (2024, steekproefcijfer, voor kleine gemeenten onnauwkeurig), "
        "lager dan in het ommeland (3,8%) — gunstig; maar boven de mediaan van de 11 "
        "gemeenten met minder dan 10.000 inwoners op 1 januari 2025 (3,0%); plaats 1 van 11 "
        "(1 = hoogste) — ongunstig."), sig["text_nl"]
    assert sig["text_en"].endswith(
        "lower than in the surrounding region (3.8%) — favourable; but above the median of "
        "the 11 municipalities with fewer than 10,000 inhabitants on 1 January 2025 (3.0%); "
        "rank 1 of 11 (1 = highest) — adverse."), sig["text_en"]
    console = Console(record=True, width=400)
    render_profile(city_profile(wh, "Vlieland"), console, "nl")
    text = console.export_text()
    part = text[text.index("Zorg en welzijn:"):text.index("Verduurzaming:")]
    assert "(3,8%) — gunstig; maar boven de mediaan" in part, part


def test_every_disagreeing_bullet_names_both(wh) -> None:
    """Over every 20th municipality in its default group: a bullet names a second verdict
    exactly where its indicator's signals in the opgave disagree; a trend's end said
    before is not said again ('naar 5,2% (2024): ... — gunstig; maar hoger dan in het
    ommeland (3,3%)', Groningen)."""
    codes = [r[0] for r in wh.execute(
        "SELECT DISTINCT region_code FROM signals WHERE region_code LIKE 'GM%' "
        "ORDER BY 1").fetchall()]
    seen = {True: 0, False: 0}
    for code in [*codes[::20], "GM0014", "GM0096"]:
        p = city_profile(wh, code)
        group = resolve_group(wh, code, p["region"]["name"], None)
        pairs = set(wh.execute(PAIRS_SQL, [code, group["set_id"]]).fetchall())
        for o in p["opgaven"]:
            for s in o["top_signals"]:
                both = (o["id"], s["indicator_id"]) in pairs
                text = s["text_nl"]
                assert ("other_verdict" in s) == both, (code, o["id"], s)
                assert (" — gunstig; maar " in text or " — ongunstig; maar " in text) == both
                assert text.count(" — ") == (2 if both else 1), text
                said = text.split("; maar ")[-1]  # a gap said the figures: not again
                if both and s["kind"].startswith("gap_") and s["other_verdict"]["kind"] == (
                        "ommeland_deviation"):
                    assert not re.search(r"\d", said) and " dan in het ommeland — " in said, text
                elif both and s["kind"].startswith("gap_") and s["other_verdict"]["kind"] == (
                        "group_deviation"):
                    assert said.startswith(("boven de mediaan", "onder de mediaan")), text
                seen[both] += 1
    assert seen[True] >= 20 and seen[False] >= 100, seen  # session 56: 25 (30+ before the
    # gaps moving only relatively lost their verdict)
    groningen = next(s for o in city_profile(wh, "GM0014")["opgaven"] if o["id"] == "economie"
                     for s in o["top_signals"] if s["indicator_id"] == "unemployment_rate")
    assert groningen["text_nl"].endswith(
        "naar 5,2% (2024): −3,2 procentpunt, significant — gunstig; maar hoger dan in het "
        "ommeland (3,3%) — ongunstig."), groningen["text_nl"]


def test_after_a_gap_the_ommeland_verdict_says_its_side_alone(wh) -> None:
    """Where the first verdict is a gap's, which said the city's figure, the ommeland's and
    their year, the ommeland's verdict says its side without them, with a verb: Deventer's
    solar installations read '... — gunstig; maar 149,9 per 1 000 inwoners (2023, voorlopig),
    lager dan in het ommeland (247,4 per 1 000 inwoners) — ongunstig.' (every figure twice)."""
    p = city_profile(wh, "Deventer", lang="en")
    sig = _bullet(p, "wonen", "solar_installations_per_1000")
    # since session 56 its solar installations catch up only relatively (the lag grew as
    # printed, region_gap_trends.abs_against): no verdict, so no pair; its thefts still are one
    assert (sig["kind"], sig["movement"], sig["valence"]) == (
        "gap_narrowing", "catching_up_rel", "neutral")
    assert "other_verdict" not in sig and " — gunstig" not in sig["text_nl"], sig["text_nl"]
    thefts = next(s for o in p["opgaven"] for s in o["top_signals"]
                  if s["indicator_id"] == "thefts_per_1000")
    assert thefts["text_nl"].endswith(
        "de stad loopt significant in — gunstig; maar nog altijd hoger dan in het ommeland — "
        "ongunstig."), thefts["text_nl"]
    console = Console(record=True, width=400)
    render_profile(city_profile(wh, "Deventer"), console, "nl")
    text = console.export_text()
    # the solar installations' three bullets said so before session 56; the thefts' still do
    assert text.count("— gunstig; maar nog altijd lager dan in het ommeland — ongunstig.") == 0
    assert "— gunstig; maar nog altijd hoger dan in het ommeland — ongunstig." in text
    assert "lager dan in het ommeland (247,4 per 1 000 inwoners)" not in text, text


def test_figures_a_gap_said_are_not_said_again_either_way(wh) -> None:
    """A group's verdict after a gap leaves out the city's figure the gap said (Emmen's
    crimes: 'maar 36,9 per 1 000 inwoners (2024, voorlopig), onder de mediaan van de G40'),
    and a gap after an ommeland's verdict with the same figures says only how it moves
    (Texel's business establishments: 'maar gemeente 198,6 ..., ommeland 131,2 ... (2025);
    het relatieve verschil ...', every figure twice); nor a trend's end (Harlingen's 'naar
    3,7% (2024, elk jaar een steekproefcijfer, ...) ...; maar 3,7% (2024, steekproefcijfer,
    ...), boven de mediaan')."""
    emmen = next(s for o in city_profile(wh, "Emmen")["opgaven"] for s in o["top_signals"]
                 if s["indicator_id"] == "crimes_per_1000")
    assert emmen["text_nl"].endswith(
        "de stad raakt significant verder achter — ongunstig; maar onder de mediaan van de G40 "
        "(52,8 per 1 000 inwoners); plaats 39 van 41 (1 = hoogste) — gunstig."), emmen["text_nl"]
    texel = next(s for o in city_profile(wh, "Texel", lang="en")["opgaven"]
                 for s in o["top_signals"] if s["indicator_id"] == "establishments_per_1000")
    # since session 56 its lead shrinks only relatively (it grew as printed): no second verdict
    assert texel["text_nl"] == (
        "Bedrijfsvestigingen per 1 000 inwoners: 198,6 per 1 000 inwoners (2025), hoger dan in "
        "het ommeland (131,2 per 1 000 inwoners) — gunstig."), texel["text_nl"]
    # a trend's end said with the marks of its years, the deviation's of one: said once
    harlingen = next(s for o in city_profile(wh, "Harlingen")["opgaven"] for s in o[
        "top_signals"] if s["indicator_id"] == "unemployment_rate")
    assert harlingen["text_nl"].endswith(
        "naar 3,7% (2024, elk jaar een steekproefcijfer, voor kleine gemeenten onnauwkeurig): "
        "−2,9 procentpunt, significant — gunstig; maar boven de mediaan van de 55 gemeenten "
        "met 10.000 tot 20.000 inwoners op 1 januari 2025 (3,0%); plaats 2 van 55 (1 = "
        "hoogste) — ongunstig."), harlingen["text_nl"]
    assert texel["text_en"].endswith(
        "(131.2 per 1,000 inhabitants) — favourable."), texel["text_en"]

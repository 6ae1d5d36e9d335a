"""An opgave's bullet in the profile names both verdicts where the same indicator's signals
in that opgave disagree (:mod:`stadstrends.publish.signal_pairs`), as the report's 'In een
oogopslag' does: Vlieland's unemployment of 2024 read only '— gunstig' (lower than in its
ommeland) beside the report's 'ongunstig vergeleken met de groep'. On the real snapshot,
245 of the 342 municipalities had such a bullet in their default group (808 bullets: most
often a rising solar figure below the group's median). Real snapshot."""

from __future__ import annotations

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


def test_vlieland_unemployment_names_both_verdicts(wh) -> None:
    p = city_profile(wh, "Vlieland", lang="en")
    zorg = next(o for o in p["opgaven"] if o["id"] == "zorg_welzijn")
    sig = next(s for s in zorg["top_signals"] if s["indicator_id"] == "unemployment_rate")
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
                seen[both] += 1
    assert seen[True] >= 30 and seen[False] >= 100, seen
    groningen = next(s for o in city_profile(wh, "GM0014")["opgaven"] if o["id"] == "economie"
                     for s in o["top_signals"] if s["indicator_id"] == "unemployment_rate")
    assert groningen["text_nl"].endswith(
        "naar 5,2% (2024): −3,2 procentpunt, significant — gunstig; maar hoger dan in het "
        "ommeland (3,3%) — ongunstig."), groningen["text_nl"]

"""A member's step of the ommeland (``ommeland_steps``, ``region_gap_trends.no_verdict =
'ommeland_jump'``) in words, real snapshot: 'uitzonderlijk sterk' / 'veel sterker dan
gemeenten gewoonlijk in een jaar doen', never 'abrupt', which the Verantwoording keeps for a
figure that becomes at least ``jump_factor`` times as large or as small (``series_jumps``);
the Verantwoording says the member's rule beside it. Before, the tweedeling called Raalte's
Wmo clients, 37,8 -> 61,1 per 1 000 in 2018 (a factor 1,62), an abrupt change, and Den
Helder's step under Hollands Kroon's housing association dwellings too."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import sections
from stadstrends.settings import default_settings
from tests.publish.loaded import kept_city

USUAL = default_settings().member_step_usual  # a member's exceptional change

ABRUPT = {"nl": "abrupt", "en": "abrupt"}
STRONG = {"nl": "uitzonderlijk sterk", "en": "exceptionally strongly"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_names_a_member_step_as_the_verantwoording_defines_it(wh, lang):
    """Deventer (Raalte's step): the tweedeling's summary calls the member's step
    exceptionally strong, not abrupt, and the Verantwoording says both rules. (Hollands
    Kroon's Den Helder beside its own jump was the second case, until Den Helder's dip,
    undone the next year, no longer counted: tests/analysis/test_gaps.py.)"""
    deventer = kept_city(wh, "Deventer")
    said = sections.divide(deventer, lang)["city_region"]["summary"]
    want = {"nl": "Niet meegeteld: Wmo-cliënten per 1 000 inwoners (Raalte, 2017\u20132018); daar "
                  "verandert het cijfer van een gemeente in het ommeland in de getoetste jaren "
                  "uitzonderlijk sterk, veel sterker dan de cijfers van gemeenten gewoonlijk in "
                  "een jaar veranderen, en dat verschuift het cijfer van het ommeland zo sterk "
                  "dat een groeiend of krimpend verschil daarop kan berusten.",
            "en": "there the figure of a municipality in the rest of the region changes "
                  "exceptionally strongly within the tested years, far more than "
                  "municipalities' figures usually change in a year"}[lang]
    assert want in said, said
    assert ABRUPT[lang] not in said.lower(), said
    intro = sections.accountability(deventer, lang)["intro"]
    rule = {"nl": f"Het cijfer van een gemeente in het ommeland verandert uitzonderlijk sterk "
                  f"als het van het ene jaar op het volgende abrupt verandert of minstens "
                  f"{USUAL:g} keer zo sterk als de cijfers van gemeenten gewoonlijk in een "
                  f"jaar veranderen",
            "en": f"The figure of a municipality in the surrounding region changes "
                  f"exceptionally strongly when from one year to the next it changes abruptly "
                  f"or at least {USUAL:g} times as much as municipalities' figures usually "
                  f"change in a year"}[lang]
    assert rule in intro, intro
    assert intro.index("keer zo groot" if lang == "nl" else "times as large") < intro.index(rule)


def test_no_member_step_is_called_abrupt(wh):
    """Every municipality with a gap left out over a member's step, in both languages: the
    report's item names the step in the Verantwoording's words for it. Most of those steps
    are no jump of ``jump_factor`` (Raalte's: a factor 1,62)."""
    rows = wh.execute("""
        SELECT g.region_code, g.indicator_id, bool_or(s.jump) AS jump, max(s.factor) AS factor
        FROM region_gap_trends g JOIN ommeland_steps s ON s.region_code = g.region_code
         AND s.indicator_id = g.indicator_id AND s.member = g.step_member AND s.year = g.step_year
        WHERE g.no_verdict = 'ommeland_jump' GROUP BY ALL ORDER BY ALL""").fetchall()
    assert len(rows) >= 2 and any(not jump for _, _, jump, _ in rows)
    told = 0
    for code in sorted({r[0] for r in rows}):
        data = kept_city(wh, code)
        left = sections._comparable(data, True)  # the gaps the report says it leaves out
        reasons = {g["no_verdict"] for g in left.values()}
        if "ommeland_jump" not in reasons:
            continue
        told += 1
        for lang in ("nl", "en"):
            said = sections.divide(data, lang)["city_region"]["summary"]
            assert STRONG[lang] in said, (code, lang, said)
            if "city_jump" not in reasons:  # 'abrupt' only for the city's own series
                assert ABRUPT[lang] not in said.lower(), (code, lang, said)
    assert told >= 2


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_dashboard_cell_says_it_too(client, lang):
    """The city page's tweedeling row of Deventer's Wmo clients."""
    page = client.get(f"/gemeente/GM0150?format=json&lang={lang}").json()
    row = next(g for g in page["gaps"] if g["indicator_id"] == "wmo_clients_per_1000")
    want = {"nl": "geen oordeel: het cijfer van Raalte (ommeland) verandert van 2017 op 2018 "
                  "veel sterker dan gemeenten gewoonlijk in een jaar doen, en het verschil kan "
                  "daarop berusten",
            "en": "no verdict: the figure of Raalte (surrounding region) changes from 2017 to "
                  "2018 far more than municipalities' figures usually do in a year, and the "
                  "difference may rest on that"}[lang]
    assert row["trend"] == want, row["trend"]

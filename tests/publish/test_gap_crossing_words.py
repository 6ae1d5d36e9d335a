"""A gap that changes sides (analysis/gap_crossings.py: classification 'crossing') is never
said to grow or shrink, nor the city to fall 'further' behind or pull 'further' ahead, in
any city's signal sentences, in Dutch and English (on the real warehouse). Before, 164 such
gaps with a verdict gave 1 888 signal rows that did: Ede's solar installations, 6,2% above
its ommeland in 2016 and 14,1% below in 2023, 'Ede raakt significant verder achter'; Breda's
mean disposable income, 3,8% below and then level, 'loopt significant verder uit'."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.sentence_signals import signal_sentence
from stadstrends.publish.sentence_words import GAP_MOVES

#: what a sentence may say of a gap that stays on one side only
ONE_SIDE = {"nl": re.compile(r"verder (achter|uit)|significant (groter|kleiner)"),
            "en": re.compile(r"further (behind|ahead)|(grows|shrinks) significantly")}
#: the words of the three crossing movements, as they start (before '{city}' is filled in)
CROSSING = {"overtaking", "overtaken", "crossing"}
#: a gap that changed sides and ends level as printed: parity reached (analysis/gaps.py)
PARITY = {"caught_up", "lead_lost", "level"}


def _gap_signals(wh):
    return wh.execute("""
        SELECT s.*, t.gap_sign_changed, t.first_pct, t.last_pct, i.direction AS ind_direction
        FROM signals s
        JOIN region_gap_trends t USING (region_code, indicator_id)
        JOIN indicators i USING (indicator_id)
        WHERE s.kind IN ('gap_widening', 'gap_narrowing', 'gap_crossing')""").df()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_gap_that_changed_sides_is_said_to_go_further(wh, lang) -> None:
    """Every gap signal of every municipality and group: one whose gap changed sides is of
    kind ``gap_crossing`` and says where the city was and is ('Ede lag voor op het ommeland
    en raakt nu significant achter'), one that stayed on its side still says 'verder'
    where it grows (so the pattern can find it)."""
    rows = _gap_signals(wh).to_dict("records")
    crossed = [r for r in rows if r["gap_sign_changed"]]
    assert len(crossed) >= 1000 and len({(r["region_code"], r["indicator_id"])
                                         for r in crossed}) >= 300
    said = []
    for r in crossed:
        text = signal_sentence(r, lang=lang)
        assert (r["kind"], r["movement"] in CROSSING) == ("gap_crossing", True) or (
            r["kind"], r["movement"] in PARITY) == ("gap_narrowing", True), r
        assert not ONE_SIDE[lang].search(text), text
        city = "de stad" if lang == "nl" else "the city"
        assert GAP_MOVES[lang][r["movement"]].format(city=city) in text, text
        assert (r["first_pct"] > 0) != (r["last_pct"] > 0), r  # it did change sides
        said.append(text)
    stayed = [signal_sentence(r, lang=lang) for r in rows if not r["gap_sign_changed"]
              and r["movement"] in ("pulling_ahead", "falling_behind")]
    assert stayed and all(ONE_SIDE[lang].search(t) for t in stayed)
    if lang == "nl":
        ede = [t for r, t in zip(crossed, said, strict=True) if r["region_code"] == "GM0228"
               and r["indicator_id"] == "solar_installations_per_1000"]
        assert ede and all("de stad lag voor op het ommeland en raakt nu significant achter"
                           in t and "ongunstig" in t for t in ede), ede


def test_a_crossing_is_no_growing_or_shrinking_divide(wh) -> None:
    """The tweedeling counts a gap that changes sides neither as growing nor as shrinking,
    and its way ('doordat Ede verder achterop raakt') never rests on one: no gap trend that
    changed sides is 'diverging' or 'converging'; the neutral ones (Alkmaar's share of
    85-plussers, 1% above and 10% below in 2010-2017, 'wisselt van kant, groeit' before)
    are 'crossing' too."""
    got = dict(wh.execute("""
        SELECT classification, count(*) FROM region_gap_trends WHERE gap_sign_changed
        GROUP BY ALL""").fetchall())
    assert set(got) == {"crossing", "stable", "converging"} and got["crossing"] >= 300
    # 'converging' only where it ends level as printed: parity reached, no side changed
    assert wh.execute("""SELECT count(*) FROM region_gap_trends WHERE gap_sign_changed
        AND classification = 'converging' AND NOT (ends_level AND movement IN
        ('caught_up', 'lead_lost', 'level'))""").fetchone() == (0,)
    alkmaar = wh.execute("""SELECT classification, movement, valence FROM region_gap_trends
        WHERE region_code = 'GM0361' AND indicator_id = 'share_age_85_plus'""").fetchall()
    assert alkmaar == [("crossing", "crossing", "neutral")]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_gap_that_ends_level_as_printed_is_parity_not_overtaking(wh, lang) -> None:
    """Breda's mean disposable income: 3,8% below its ommeland in 2016, 55,6 against 55,6
    thousand euro in 2023 (+0,01%). It said 'Breda lag achter op het ommeland en komt nu
    significant voor te liggen', which the printed figures do not show; now parity reached
    ('is significant ingelopen tot hetzelfde niveau'), favourable, and no gap said to change
    sides ends with two figures that print the same (21 did on the snapshot)."""
    row = wh.execute("""SELECT classification, movement, valence, ends_level
        FROM region_gap_trends WHERE region_code = 'GM0758'
        AND indicator_id = 'income_disposable_mean'""").fetchone()
    assert row == ("converging", "caught_up", "favourable", True)
    sigs = _gap_signals(wh)
    breda = sigs[(sigs.region_code == "GM0758")
                 & (sigs.indicator_id == "income_disposable_mean")].to_dict("records")
    city = "de stad" if lang == "nl" else "the city"
    assert breda and all(
        GAP_MOVES[lang]["caught_up"].format(city=city) in signal_sentence(r, lang=lang)
        and GAP_MOVES[lang]["overtaking"].format(city=city)
        not in signal_sentence(r, lang=lang) for r in breda)
    assert wh.execute("""SELECT count(*) FROM region_gap_trends
        WHERE classification = 'crossing' AND ends_level""").fetchone() == (0,)

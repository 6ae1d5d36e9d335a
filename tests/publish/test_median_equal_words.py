"""'gelijk aan de mediaan' only where the figure prints as the median, even one decimal finer
(real snapshot): Zwolle's population growth of 2025, 0.252%, was 'gelijk aan de mediaan van
de G40 (0,3%)' beside a median of 0.320% (rank 26 of 41) because the two print alike to a
tenth; where the two print alike but differ one decimal finer, it is 'rond de mediaan'
(within the figures' rounding), the median printed alone at the catalogue's decimals as the
tile prints the figure ('(0,3%)'; '(0,25% tegen 0,32%)' until session 54), for every
indicator. Finer is not printed (Arnhem's '8,219% tegen een mediaan van 8,224%'):
tests/publish/test_position_words."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.format import fmt_number
from stadstrends.publish.report import builder
from stadstrends.publish.sentence_numbers import apart_digits, exact_digits
from stadstrends.settings import default_settings
from tests.publish.loaded import kept_city

EQUAL = {"nl": "gelijk aan de mediaan", "en": "equal to the median"}
BESIDE = {"nl": r"\(([^()]+?) tegen ([^();]+)", "en": r"\(([^()]+?) against ([^();]+)"}


def sentences(wh, code: str, lang: str) -> list:
    ctx = builder.city_context(kept_city(wh, code), lang, None)
    return [s for s in builder.collect_sentences(ctx) if s is not None]


def test_apart_digits_prints_two_figures_apart() -> None:
    assert apart_digits(0.25184963754577383, 0.3200381145715736, "%", 1) == 2
    assert apart_digits(970.0, 965.0, "m³", 0) == 0  # apart already
    assert apart_digits(8.9, 8.9, "%", 1) is None  # equal: the middle member's figure
    assert exact_digits(1.0, 2) == 0 and exact_digits(0.95, 2) == 2


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_zwolle_growth_is_close_to_the_median(wh, lang: str) -> None:
    value, median, rank = wh.execute(
        "SELECT value, median, rank FROM group_benchmarks WHERE region_code = 'GM0193' AND "
        "set_id = ? AND indicator_id = 'population_growth_pct' AND year = 2025",
        [default_settings().city_set]).fetchone()
    # rank 20: tied with the members printed '0,3%' (26 on the unrounded figures)
    assert round(value, 3) == 0.252 and round(median, 3) == 0.320 and rank == 20
    text = next(s.text for s in sentences(wh, "GM0193", lang)
                if s.indicator_id == "population_growth_pct")
    assert EQUAL[lang] not in text
    assert not re.search(BESIDE[lang], text), text  # no pair printed finer than the tile
    # within the figures' rounding (a tenth): near the median, as Kies richting has it
    near = {"nl": "rond de mediaan van de G40 (0,3%)",
            "en": "close to the median of the G40 (0.3%)"}[lang]
    assert near in text, text
    assert {"nl": "onder de mediaan", "en": "below the median"}[lang] not in text


def test_equal_to_the_median_only_at_the_median_in_the_city_set(wh) -> None:
    """Every report sentence of the city set's members saying 'gelijk aan de mediaan' is of
    a figure that prints as the group's median at the catalogue's decimals and one more;
    every figure printed beside its median differs from it as printed. Before session 23, 7
    sentences of 6 of these reports said it falsely (Zwolle's growth, Leeuwarden's 75-plus
    and Deventer's 65-plus share, Hengelo's demolitions, and the transport and ICT share of
    Arnhem, Enschede and Hengelo)."""
    decimals = dict(wh.execute("SELECT indicator_id, decimals FROM indicators").fetchall())
    codes = [r[0] for r in wh.execute(
        "SELECT region_code FROM region_sets WHERE set_id = ? ORDER BY 1",
        [default_settings().city_set]).fetchall()]
    assert len(codes) == 41
    said = false = beside = 0
    for code in codes:
        for s in sentences(wh, code, "nl"):
            if EQUAL["nl"] in s.text:
                said += 1
                c = next(c for c in s.cites if c.field == "median")
                value, median = wh.execute(
                    "SELECT value, median FROM group_benchmarks WHERE region_code = ? AND "
                    "set_id = ? AND indicator_id = ? AND year = ?",
                    [c.region_code, c.set_id, c.indicator_id, c.year]).fetchone()
                finer = int(decimals[c.indicator_id]) + 1
                false += fmt_number(value, finer) != fmt_number(median, finer)
            for a, b in re.findall(BESIDE["nl"], s.text):
                beside += 1
                assert a.split()[0] != b.split()[0], s.text
    assert said and false == 0
    assert beside


MIDDLE = {"nl": "precies in het midden van", "en": "exactly in the middle of"}


def test_the_median_member_is_in_the_middle_not_equal_to_the_median(wh) -> None:
    """A city whose figure is the group's median and whose place is the middle one (41
    members: 21st) is 'precies in het midden van de G40', not 'gelijk aan de mediaan' as if
    its figure merely matched the median (Leiden's crimes per 1 000 in 2024, 52,8, 21st of
    41; reviewer). 'gelijk aan de mediaan' stays for a figure printed as the median
    that is not the middle one (tied below it, or apart only finer than printed)."""
    codes = [r[0] for r in wh.execute(
        "SELECT region_code FROM region_sets WHERE set_id = ? ORDER BY 1",
        [default_settings().city_set]).fetchall()]
    middle = equal = 0
    for code in codes[::2]:  # every other member: the rule, not a city
        for s in sentences(wh, code, "nl"):
            for words in (MIDDLE["nl"], EQUAL["nl"]):
                if words not in s.text:
                    continue
                c = next(c for c in s.cites if c.field == "median")
                value, median, n, rank = wh.execute(
                    "SELECT value, median, n, rank FROM group_benchmarks WHERE region_code = ?"
                    " AND set_id = ? AND indicator_id = ? AND year = ?",
                    [c.region_code, c.set_id, c.indicator_id, c.year]).fetchone()
                tied = wh.execute(  # the members' places (an outsider ranks beside them)
                    "SELECT count(*) FROM set_benchmarks WHERE set_id = ? AND "
                    "indicator_id = ? AND year = ? AND rank = ?",
                    [c.set_id, c.indicator_id, c.year, rank]).fetchone()[0] > 1
                is_middle = abs(value - median) <= 1e-12 * max(1, abs(median)) \
                    and rank == (n + 1) // 2 and not tied
                assert is_middle == (words == MIDDLE["nl"]), (s.text, value, median, n, rank)
                middle += words == MIDDLE["nl"]
                equal += words == EQUAL["nl"]
    assert middle >= 3
    nl = " ".join(s.text for s in sentences(wh, "GM0546", "nl")).replace("\xa0", " ")
    assert "Daarmee staat Leiden precies in het midden van de G40 (mediaan 52,8)" in nl
    en = " ".join(s.text for s in sentences(wh, "GM0546", "en")).replace("\xa0", " ")
    assert "Leiden is exactly in the middle of the G40 (median 52.8)" in en
    assert " thus " not in en  # a position is no conclusion (h50h)


def test_a_median_member_tied_with_others_is_equal_to_the_median(wh) -> None:
    """Four municipalities of size group GK5 print 3,3% unemployment in 2024, the group's
    median, sharing the middle place (32nd of 64): each is 'gelijk aan de mediaan', none
    'precies in het midden' (reviewer: Súdwest-Fryslân's sentence said it)."""
    tied = [r[0] for r in wh.execute(
        "SELECT region_code FROM set_benchmarks WHERE set_id = 'GK5' AND indicator_id = "
        "'unemployment_rate' AND year = 2024 AND rank = 32 ORDER BY 1").fetchall()]
    assert len(tied) == 4 and "GM1900" in tied
    for code in tied:
        said = [s.text for s in sentences(wh, code, "nl")
                if s.indicator_id == "unemployment_rate" and "mediaan" in s.text]
        assert said, code
        assert all(MIDDLE["nl"] not in t for t in said), (code, said)
        assert any("gelijk aan de mediaan" in t for t in said), (code, said)


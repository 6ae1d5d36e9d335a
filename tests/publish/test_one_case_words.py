"""Where one case decides: the position sentence and the method texts say the rule Kies
richting's labels and the signals' deviations follow (``signal_kies.one_case``,
``trend_disagrees``; session 50).

Schiermonnikoog's cleared crimes in 2024, 13,6% of about 20 registered crimes, lie under its
size group's p25 (16,0%), but one cleared crime more (5 points) lifts them above it: the
sentence said 'in het laagste kwart'; now 'rond de grens van het laagste kwart', read from
``case_positions``, the table the analysis makes by the one rule. Among all 342
municipalities the same figure stays 'in het laagste kwart' (one case more is under that
p25). The method texts (the report's Kies richting paragraph and appendix, the website's
Kies richting note) did not say that one year's figure of a coarsely rounded count needs its
trend, nor that one case can withhold a label or a deviation."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import sections
from stadstrends.publish.web.i18n import texts
from tests.publish.loaded import kept_city

SAYS = {"nl": ("rond de grens van het laagste kwart", "in het laagste kwart"),
        "en": ("near the edge of the bottom quarter", "in the bottom quarter")}
#: the rules in the method texts (direction_intro, acc_intro, the site's kies_note)
RULES = {"nl": ("berekend uit afgerond aantal", "één geval meer of minder",
                "significant dezelfde kant op", "hooguit een halve afrondingsstap"),
         "en": ("computed from a rounded count", "one case more or fewer",
                "significantly the same way", "at most half a rounding step")}


def _position(data, lang: str) -> str:
    """The position clause of the cleared crimes' sentence in ``data``'s report."""
    from stadstrends.publish.report.builder import city_context

    ctx = repr(city_context(data, lang, None))
    start = ctx.index("13,6%" if lang == "nl" else "13.6%")
    return ctx[start:ctx.index("ommeland" if lang == "nl" else "surrounding", start)]


def case_row(wh, set_id: str, region: str, indicator: str, year: int) -> tuple:
    """(value, p25, p75, case_base, cut, reason) of a ``case_positions`` row with its
    group's benchmarks; fails unless there is exactly one."""
    (row,) = wh.execute("""
        SELECT b.value, b.p25, b.p75, c.case_base, c.cut, c.reason FROM group_benchmarks b
        JOIN case_positions c USING (set_id, region_code, indicator_id, year)
        WHERE set_id = ? AND region_code = ? AND indicator_id = ? AND year = ?""",
                        [set_id, region, indicator, year]).fetchall()
    return row


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_one_case_from_the_cut_is_around_its_edge(wh, lang) -> None:
    # the real figures: under GK1's p25, one cleared crime more above it
    value, p25, _, base, cut, _ = case_row(wh, "GK1", "GM0088", "crimes_cleared_share", 2024)
    assert cut == "p25" and value < p25 <= value + 100 / base
    edge, inside = SAYS[lang]
    default = _position(kept_city(wh, "GM0088"), lang)
    assert edge in default and inside not in default, default
    # among all municipalities one case more stays under the p25: still in the quarter
    (p25_nl,), = wh.execute("""SELECT p25 FROM group_benchmarks WHERE set_id = 'NL01'
        AND region_code = 'GM0088' AND indicator_id = 'crimes_cleared_share'
        AND year = 2024""").fetchall()
    assert value + 100 / base < p25_nl
    nl01 = _position(kept_city(wh, "GM0088", "NL01"), lang)
    assert inside in nl01 and edge not in nl01, nl01


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_method_texts_say_the_one_year_and_one_case_rules(wh, lang) -> None:
    data = kept_city(wh, "GM0088")
    intro = sections.direction(data, lang)["intro"]
    acc = sections.accountability(data, lang)["intro"]
    for words in RULES[lang]:
        assert words in intro, (words, intro)
    for words in RULES[lang][1:]:
        assert words in acc and words in texts(lang)["kies_note"], words
    # what they say holds: no label on a coarse year's figure whose tested trend does not go
    # its way (a task's unfavourable way, a strength's favourable way) ...
    assert wh.execute("""
        SELECT count(*) FROM kies_richting k
        SEMI JOIN coarse_counts USING (region_code, indicator_id, year)
        WHERE NOT coalesce(NOT k.rests_on_rounding AND k.trend = CASE WHEN
            (CASE WHEN k.direction = 'higher_better' THEN 1 ELSE -1 END)
            * (CASE WHEN k.position = 'favourable_quartile' THEN 1 ELSE -1 END) > 0
            THEN 'rising' ELSE 'falling' END, false)""").fetchone()[0] == 0
    # ... and none on a small base's share one case moves to its quarter's or half's cut
    assert wh.execute("""
        SELECT count(*) FROM kies_richting k WHERE k.base_count > 0 AND (
            (k.position = 'favourable_quartile' AND abs(k.value - CASE WHEN
                k.direction = 'higher_better' THEN k.p75 ELSE k.p25 END) <= 100 / k.base_count)
            OR (k.position = 'unfavourable_quartile' AND abs(k.value - CASE WHEN
                k.direction = 'higher_better' THEN k.p25 ELSE k.p75 END) <= 100 / k.base_count)
            OR (k.position = 'unfavourable_half'
                AND abs(k.value - k.median) <= 100 / k.base_count))""").fetchone()[0] == 0

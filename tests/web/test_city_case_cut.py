"""Where one case decides a quarter, the position says where the quarter's cut lies and why
'rond' (``positions.case_words``; session 51). Schiermonnikoog's cleared crimes of 2024,
13,6% of about 20 registered crimes, lie under its size group's p25 of 16,0%, and one cleared
crime more lifts them above it: the sentence said 'rond de grens van het laagste kwart' and
neither where that cut lies nor why 'rond'. Now the report and the city page say 'rond de
grens van het laagste kwart (16,0%) ...' and, after the position, 'Met één opgehelderd
misdrijf meer zou het cijfer op of boven die grens liggen.' (session 52: the case named as
the indicator's, was 'één geval'). Real snapshot; the cut is read from
``group_benchmarks``, the one case from ``case_positions``."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.format import round_half_away
from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city
from tests.publish.test_one_case_words import case_row
from tests.publish.test_sentences import check_cite

HTML = {"accept": "text/html"}
SAYS = {"nl": ("rond de grens van het laagste kwart (16,0%) van de 11 gemeenten",
               "Met één opgehelderd misdrijf meer zou het cijfer op of boven die grens liggen."),
        "en": ("near the edge of the bottom quarter (16.0%) of the 11 municipalities",
               "One more cleared crime would put the figure on or above that edge.")}


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _claims_hold(wh) -> None:
    """The cut is GK1's p25 of 2024, 16,0% as printed, the figure under it, and one case
    more (100 / the base, in points) brings it on or above it."""
    value, p25, _, base, cut, _ = case_row(wh, "GK1", "GM0088", "crimes_cleared_share", 2024)
    assert cut == "p25"
    # 15,95: printed 16,0 (halves away from zero, as every figure), one decimal as catalogued
    assert round_half_away(p25, 1) == 16.0 and value < p25 <= value + 100 / base


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_gives_the_cut_and_why_around_it(wh, lang: str) -> None:
    _claims_hold(wh)
    ctx = builder.city_context(kept_city(wh, "GM0088"), lang, None)
    said = [s for s in builder.collect_sentences(ctx)
            if s.indicator_id == "crimes_cleared_share" and SAYS[lang][0] in s.text]
    assert said  # the domain section and the opgave
    for s in said:
        where, why = SAYS[lang]
        assert s.text.count(why) == 1, s.text
        # the why follows the position's sentence (after its ommeland), not in its bracket
        assert s.text.index(why) > s.text.index(where), s.text
        cuts = [c for c in s.cites if c.field == "p25"]
        assert len(cuts) == 1 and cuts[0].set_id == "GK1", s.cites
        for cite in s.cites:
            check_cite(wh, cite, lang)


def test_the_city_page_says_it_as_the_report(client) -> None:
    for lang, query in (("nl", ""), ("en", "?lang=en")):
        text = _text(client.get(f"/gemeente/GM0088{query}", headers=HTML).text)
        where, why = SAYS[lang]
        assert f"{where}" in text and why in text, lang


def test_a_position_past_the_cut_by_more_than_one_case_says_no_cut(wh) -> None:
    """Among all municipalities one case more stays under the p25: 'in het laagste kwart',
    without a cut's value or the why."""
    ctx = builder.city_context(kept_city(wh, "GM0088", "NL01"), "nl", None)
    said = " ".join(s.text for s in builder.collect_sentences(ctx)
                    if s.indicator_id == "crimes_cleared_share")
    assert "in het laagste kwart" in said and SAYS["nl"][1] not in said, said
    assert "rond de grens" not in said


def test_the_reason_is_the_larger_step_as_for_withheld_labels(wh) -> None:
    """``case_positions.reason``: 'one_case' where one case (100 / the base, in points) is
    the larger step to the cut, 'cbs_rounding' where half CBS's unit is (Ameland's arrears of
    2024 in PV21: 0,6% of 3 167 adults, one person 0,03 point, half the unit 0,05; one more
    from a true 0,55% stays under the p25 of 0,625%): every row of the real warehouse, both
    reasons present, and the reason of each withheld label the same."""
    rows = wh.execute("""SELECT reason, case_base, case_unit FROM case_positions""").fetchall()
    wrong = [r for r in rows if (r[0] == "one_case") != (100 / r[1] >= (r[2] or 0) / 2)]
    assert not wrong and {r[0] for r in rows} == {"one_case", "cbs_rounding"}, wrong[:5]
    assert wh.execute("""SELECT reason FROM case_positions WHERE set_id = 'PV21'
        AND region_code = 'GM0060' AND indicator_id = 'payment_arrears_share'
        AND year = 2024""").fetchall() == [("cbs_rounding",)]
    assert wh.execute("""SELECT count(*) FROM case_positions c JOIN withheld_labels w
        USING (set_id, region_code, indicator_id, year)
        WHERE c.reason <> w.reason""").fetchone() == (0,)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_only_cbss_rounding_near_the_cut_says_so_with_a_finer_cut(wh, lang: str) -> None:
    """Noord-Beveland's payment arrears of 2024: 0,8% of 6 847 adults (one person 0,015
    point) over GK1's p75 of 0,75%: one person fewer stays above it, but CBS's 0,8 is 0,75 to
    0,85: on the cut at most, never past it ('precies op die grens', not 'of aan de andere
    kant ervan'). The sentence gives the cut finer than the figure ('(0,75%)', not '(0,8%)' beside
    0,8%) and says CBS's rounding is why, not one case."""
    value, _, p75, base, _, reason = case_row(wh, "GK1", "GM1695", "payment_arrears_share",
                                              2024)
    assert reason == "cbs_rounding" and value - 100 / base > p75 >= value - 0.05
    ctx = builder.city_context(kept_city(wh, "GM1695"), lang, None)
    said = " ".join(s.text for s in builder.collect_sentences(ctx)
                    if s.indicator_id == "payment_arrears_share")
    cut, why = {"nl": ("rond de grens van het hoogste kwart (0,75%)",
                       "Het CBS rondt het percentage af op 0,8%: het werkelijke percentage kan "
                       "precies op die grens liggen."),
                "en": ("near the edge of the top quarter (0.75%)",
                       "CBS rounds the percentage to 0.8%: the true percentage may lie exactly "
                       "on that edge.")}[lang]
    assert cut in said and why in said, said
    assert SAYS[lang][1] not in said and "One fewer" not in said \
        and "Met één volwassene met een betalingsachterstand minder" not in said


def test_a_figure_that_is_its_cut_is_on_the_edge(wh) -> None:
    """Haarlem's payment arrears of 2024, 1,0%, are the G40's p25 itself (a `case_positions`
    row: no label): 'op de grens van het laagste kwart', not 'rond de grens ... (1,0%)' with
    'Met één geval meer zou het cijfer op of boven die grens liggen' (it is on it)."""
    value, p25, *_ = case_row(wh, "G40", "GM0392", "payment_arrears_share", 2024)
    assert round(value - p25, 9) == 0
    ctx = builder.city_context(kept_city(wh, "GM0392", "G40"), "nl", None)
    said = " ".join(s.text for s in builder.collect_sentences(ctx)
                    if s.indicator_id == "payment_arrears_share")
    assert "zit Haarlem op de grens van het laagste kwart van de G40" in said, said
    assert "rond de grens" not in said and "Met één geval" not in said

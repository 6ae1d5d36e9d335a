"""A series that changes abruptly where no series break is known is told where it is shown:
under the panel's title and in a sentence beside it (rise or fall, no cause claimed), on the
real snapshot (Zwolle's delivered gas: 6 818 -> 471 m³ per inhabitant from 2014 to 2015); a
verdict tested over a jump says so,
with the verdict over the years after it (Hollands Kroon's delivered electricity)."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.data import load_city

GAS = "gas_delivered_per_inhabitant"
ELECTRICITY = "electricity_delivered_per_inhabitant"

WORDS = {
    "nl": {"label": "abrupte daling 2014-2015 (zie tekst)",
           "sentence": "Geleverd aardgas per inwoner (alle sectoren): tussen 2014 en 2015 daalt "
                       "de reeks abrupt van 6.818 m³ per inwoner naar 471 m³ per inwoner, "
                       "zonder bekende reeksbreuk; de oorzaak blijkt niet uit de cijfers. "
                       "Vergelijk de jaren ervoor en erna daarom met zorg."},
    "en": {"label": "abrupt fall 2014-2015 (see text)",
           "sentence": "Natural gas delivered per inhabitant (all sectors): between 2014 and "
                       "2015 the series falls abruptly from 6,818 m³ per inhabitant to 471 m³ "
                       "per inhabitant, with no known series break; the figures themselves do "
                       "not give a cause. Compare the years before and after with care."},
}


def panels_of(ctx: dict) -> list[tuple[dict, dict]]:
    """(figure, panel view) of every small multiple of a report context."""
    return [(fig, view) for d in ctx["domains"] for fig in d["figures"]
            if "concat" in fig["spec"] for view in fig["spec"]["concat"]]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_zwolle_gas_panel_and_sentence_name_the_jump(wh, lang) -> None:
    data = load_city(wh, "Zwolle", None)
    ctx = builder.city_context(data, lang, None)
    labelled = [view["title"]["subtitle"] for _, view in panels_of(ctx)
                if WORDS[lang]["label"] in view["title"]["subtitle"]]
    assert len(labelled) == 1 and labelled[0][2] == WORDS[lang]["label"]
    # beside the panel: in the commentary of the domain whose figure holds it
    domain = next(d for d in ctx["domains"] if WORDS[lang]["label"] in str(d["figures"]))
    said = [s.text for s in domain["sentences"] if s.indicator_id == GAS]
    assert WORDS[lang]["sentence"] in said
    # the numbers the words print are the warehouse's
    jump = wh.execute(f"""SELECT previous_year, year, round(previous_value), round(value)
                          FROM series_jumps WHERE region_code = 'GM0193'
                          AND indicator_id = '{GAS}'""").fetchall()
    assert jump == [(2014, 2015, 6818.0, 471.0)]
    # the trend 2016-2023 is tested after the jump: its verdict is not questioned
    assert data.trends[GAS]["first_year"] == 2016 and "2016-2023" in labelled[0][1]
    inside = {"nl": "in die jaren verandert", "en": "in those years the series"}[lang]
    assert not [s.text for s in builder.collect_sentences(ctx)
                if s.indicator_id == GAS and inside in s.text]


def test_a_smooth_series_gets_no_jump_words(wh) -> None:
    """Zwolle's population (at most 3% a year) and every panel of Zwolle without a jump in
    the warehouse: no third line, no jump sentence."""
    data = load_city(wh, "Zwolle", None)
    ctx = builder.city_context(data, "nl", None)
    lines = [view["title"]["subtitle"][2] for _, view in panels_of(ctx)
             if len(view["title"]["subtitle"]) == 3]
    assert lines.count(WORDS["nl"]["label"]) == 1 and set(lines) <= {"", WORDS["nl"]["label"]}
    assert not data.jumps.get("population")
    said = {s.indicator_id for d in ctx["domains"] for s in d["sentences"] if "abrupt" in s.text}
    assert said == {GAS} and set(data.jumps) == {GAS}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_verdict_tested_over_a_jump_says_so_with_the_verdict_after_it(wh, lang) -> None:
    """Hollands Kroon's delivered electricity: 4 382 -> 27 687 kWh per inhabitant from 2017
    to 2018; over 2016-2023 a significant rise, over 2018-2023 none."""
    ctx = builder.city_context(load_city(wh, "GM1911", None), lang, None)
    clause = {"nl": "een significante stijging; in die jaren verandert de reeks abrupt "
                    "(2017-2018); na de abrupte verandering (2018-2023): van 27.687 kWh per "
                    "inwoner naar 36.699 kWh per inwoner (+33%), geen significante trend.",
              "en": "a significant rise; in those years the series changes abruptly "
                    "(2017-2018); after the abrupt change (2018-2023): from 27,687 kWh per "
                    "inhabitant to 36,699 kWh per inhabitant (+33%), no significant "
                    "trend."}[lang]
    texts = [s.text for s in builder.collect_sentences(ctx) if s.indicator_id == ELECTRICITY]
    verdicts = [t for t in texts if "Trend 2016-2023:" in t]
    assert verdicts and all(clause in t for t in verdicts), texts
    # the verdict after the change, once per section: in the trend sentence when the
    # section has one, else in the sentence about the change
    after = {"nl": "na de abrupte verandering (2018-2023): van 27.687",
             "en": "after the abrupt change (2018-2023): from 27,687"}[lang]
    sections = [[s.text for s in d["sentences"] if s.indicator_id == ELECTRICITY]
                for d in ctx["domains"]]
    told = [sum(after in t for t in texts) for texts in sections if texts]
    assert told and all(n == 1 for n in told), sections
    # the city-ommeland gap, tested over 2016-2023 as well, is told the jump too
    gap = {"nl": "groter. In die jaren verandert de reeks van Hollands Kroon abrupt "
                 "(2017-2018); het verschil kan daarop berusten.",
           "en": "significantly. In those years the series of Hollands Kroon changes abruptly "
                 "(2017-2018); the gap may rest on that."}[lang]
    assert any(t.endswith(gap) for t in texts), texts
    label = {"nl": "abrupte stijging 2017-2018 (zie tekst)",
             "en": "abrupt rise 2017-2018 (see text)"}
    assert [view["title"]["subtitle"][2] for _, view in panels_of(ctx)
            if len(view["title"]["subtitle"]) == 3 and view["title"]["subtitle"][2]] == [
        label[lang]]
    # the verdicts the words give are the warehouse's
    trend, after = wh.execute(f"""
        SELECT t.classification, j.classification FROM trends t
        JOIN jump_trends j USING (indicator_id, region_code)
        WHERE t.region_code = 'GM1911' AND t.indicator_id = '{ELECTRICITY}'
          AND j.first_year = 2018 AND j.last_year = 2023""").fetchall()[0]
    assert (trend, after) == ("rising", "no significant change")


@pytest.mark.parametrize("query", ["Zwolle", "Enschede", "Utrecht"])
def test_a_gap_that_changed_sides_is_not_said_to_grow_further(wh, query) -> None:
    """'raakt verder achter' presumes the city was behind at the window's start: Zwolle's
    solar installations were 0,3% above the ommeland in 2016 and 7% below in 2023, so the
    sentence says 'raakt significant achter' (and the table 'raakt achter')."""
    data = load_city(wh, query, None)
    ctx = builder.city_context(data, "nl", None)
    flipped = {i for i, g in data.gap_trends.items() if g["gap_sign_changed"]}
    said = [(s.indicator_id, s.text) for s in builder.collect_sentences(ctx)]
    further = [(i, t) for i, t in said if "verder achter" in t or "verder uit" in t]
    assert not [(i, t) for i, t in further if i in flipped]
    if query == "Zwolle":
        assert any(i == "solar_installations_per_1000" and "Zwolle raakt significant achter"
                   in t for i, t in said)


@pytest.mark.parametrize("query", ["Elburg", "Lochem"])
def test_a_summary_badge_on_a_gap_that_changed_sides_says_where_it_ended(wh, query) -> None:
    """Elburg's cleared-up crimes: 1,2% above the ommeland in 2017, 19% below later - the
    badge is 'ongunstig: raakt achter op het ommeland', not 'achterstand groeit' (there was
    none); Lochem's net housing growth, 185% above and then 9% below: no 'loopt in'."""
    data = load_city(wh, query, None)
    ctx = builder.city_context(data, "nl", None)
    items = [it for sub in ctx["glance"]["opgaven"] for it in sub["items"]
             if it["kind"] in ("gap_widening", "gap_narrowing")]
    flipped = [it for it in items
               if data.gap_trends[it["sentence"].indicator_id]["gap_sign_changed"]]
    assert flipped, [it["valence_text"] for it in items]
    for it in flipped:
        assert it["valence_text"] in ("gunstig: komt voor te liggen op het ommeland",
                                      "ongunstig: raakt achter op het ommeland"), it
        assert "loopt significant in" not in it["sentence"].text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_change_over_a_jump_is_not_given_as_the_trends_change(wh, lang) -> None:
    """Utrecht's delivered gas: 292 m³ per inhabitant in 2016, 1 711 in 2017 (a jump), 805
    in 2023. 'In een oogopslag' gave '+176%' over 2016-2023, the jump, beside 'geen
    significante trend'; the change it gives is the one after the jump (−53%, a significant
    fall), beside the verdict after it, and no sentence of a series with a jump in its
    tested years gives the change over them (the numbers cited are the warehouse's)."""
    from tests.publish.test_sentences import check_cite

    data = load_city(wh, "GM0344", None)
    ctx = builder.city_context(data, lang, None)
    glance = [it["sentence"] for sub in ctx["glance"]["opgaven"] for it in sub["items"]
              if it["sentence"].indicator_id == GAS]
    assert glance, "Utrecht's gas is not in its glance"
    rest = {"nl": "na de abrupte verandering (2017-2023): van 1.711 m³ per inwoner naar 805 m³ "
                  "per inwoner (−53%), een significante daling",
            "en": "after the abrupt change (2017-2023): from 1,711 m³ per inhabitant to 805 "
                  "m³ per inhabitant (−53%), a significant fall"}[lang]
    for s in glance:
        assert "176" not in s.text and rest in s.text, s.text
    jumped = {i for i, js in data.jumps.items() if any(j["in_tested_years"] for j in js)}
    assert GAS in jumped
    for s in builder.collect_sentences(ctx):
        if s.indicator_id in jumped:
            assert not {c.field for c in s.cites} & {"abs_change", "rel_change"}, s.text
            for cite in s.cites:
                check_cite(wh, cite, lang)
    # the figures are the warehouse's: 292 -> 1 711 in 2017, 805 in 2023, -53% after it
    first, after = wh.execute(f"""
        SELECT t.rel_change, j.rel_change FROM trends t JOIN jump_trends j
        USING (indicator_id, region_code)
        WHERE region_code = 'GM0344' AND indicator_id = '{GAS}'
          AND j.first_year = 2017 AND j.last_year = 2023""").fetchall()[0]
    assert round(first, 2) == 1.76 and round(after, 2) == -0.53

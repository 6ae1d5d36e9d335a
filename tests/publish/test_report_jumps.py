"""A series that changes abruptly where no series break is known is told where it is shown:
under the panel's title and in a sentence beside it (rise or fall, no cause claimed), on the
real snapshot (Ameland's solar capacity: 134 -> 1 833 Wp per inhabitant from 2014 to 2015); a
verdict tested over a jump says so,
with the verdict over the years after it (Hollands Kroon's delivered electricity,
Ooststellingwerf's solar capacity)."""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.panels import panel as city_panel
from tests.publish.loaded import kept_city

SOLAR = "solar_capacity_per_inhabitant"
ELECTRICITY = "electricity_delivered_per_inhabitant"

WORDS = {
    "nl": {"label": "abrupte stijging 2014–2015 (zie tekst)",
           "sentence": "Opgesteld vermogen zonnepanelen per inwoner: tussen 2014 en 2015 stijgt "
                       "de reeks abrupt van 134 Wp per inwoner naar 1.833 Wp per inwoner, "
                       "zonder bekende reeksbreuk; de oorzaak blijkt niet uit de cijfers. "
                       "Vergelijk de jaren ervoor en erna daarom met zorg."},
    "en": {"label": "abrupt rise 2014–2015 (see text)",
           "sentence": "Installed solar panel capacity per inhabitant: between 2014 and 2015 "
                       "the series rises abruptly from 134 Wp per inhabitant to 1,833 Wp per "
                       "inhabitant, with no known series break; the figures themselves do "
                       "not give a cause. Compare the years before and after with care."},
}


def panels_of(ctx: dict) -> list[tuple[dict, dict]]:
    """(figure, panel view) of every small multiple of a report context."""
    return [(fig, view) for d in ctx["domains"] for fig in d["figures"]
            if "concat" in fig["spec"] for view in fig["spec"]["concat"]]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_ameland_solar_panel_and_sentence_name_the_jump(wh, lang) -> None:
    """Ameland's solar capacity jumps before its tested years (2016–2023). Zwolle's delivered
    gas (6 818 -> 492 m³ per inhabitant, 2014 -> 2017) jumps too, but its sustainability
    figure no longer draws gas (a series of 12 years, topped up by longer ones)."""
    data = kept_city(wh, "GM0060", None)
    ctx = builder.city_context(data, lang, None)
    labelled = [view["title"]["subtitle"] for _, view in panels_of(ctx)
                if WORDS[lang]["label"] in view["title"]["subtitle"]]
    assert len(labelled) == 1 and labelled[0][2] == WORDS[lang]["label"]
    # beside the panel: in the commentary of the domain whose figure holds it
    domain = next(d for d in ctx["domains"] if WORDS[lang]["label"] in str(d["figures"]))
    said = [s.text for s in domain["sentences"] if s.indicator_id == SOLAR]
    assert WORDS[lang]["sentence"] in said
    # the numbers the words print are the warehouse's
    jump = wh.execute(f"""SELECT previous_year, year, round(previous_value), round(value)
                          FROM series_jumps WHERE region_code = 'GM0060'
                          AND indicator_id = '{SOLAR}'""").fetchall()
    assert jump == [(2014, 2015, 134.0, 1833.0)]
    # the trend 2016–2023 is tested after the jump: its verdict is not questioned
    assert data.trends[SOLAR]["first_year"] == 2016 and "2016–2023" in labelled[0][1]
    inside = {"nl": "in die jaren verandert", "en": "in those years the series"}[lang]
    assert not [s.text for s in builder.collect_sentences(ctx)
                if s.indicator_id == SOLAR and inside in s.text]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_vlissingen_electricity_panel_marks_the_jump_and_reads_after_it(wh, lang) -> None:
    """Vlissingen's delivered electricity: 68 148, 90 394 and 19 319 kWh per inhabitant in
    2010–2012, 3 783-5 691 from 2013 on. On an axis to 90 000 the years the trend was tested
    over (2016–2023, no significant trend) would be a flat line at its bottom. The axis
    covers the figures from 2013 on and the benchmarks (2 022-5 913 before rounding), a
    solid rule stands between 2012 and 2013, and the figures above the axis are written in
    its top corner, in room the axis keeps free above every line drawn (they lay over the
    city's and the ommeland's lines); the other panels keep their own axes. On the snapshot
    it is the one panel of
    the country's 21 with a jump whose axis is cut (Zwolle's gas, the example until the
    catalogue left out CBS's 2015–2016 gas totals, is no longer among its panels)."""
    from stadstrends.publish import charts
    from stadstrends.publish.chart_panels import PANEL_HEIGHT

    label = {"nl": "abrupte daling 2012–2013 (zie tekst)",
             "en": "abrupt fall 2012–2013 (see text)"}[lang]
    beyond = {"nl": "↑ 2010–2012:\n19.319 tot 90.394", "en": "↑ 2010–2012:\n19,319 to 90,394"}
    ctx = builder.city_context(kept_city(wh, "Vlissingen", None), lang, None)
    fig, i, view = next((fig, i, view) for d in ctx["domains"] for fig in d["figures"]
                        if "concat" in fig["spec"]
                        for i, view in enumerate(fig["spec"]["concat"])
                        if label in view["title"]["subtitle"])
    assert view["title"]["subtitle"][1] == {"nl": "trend 2016–2023: niet significant",
                                            "en": "trend 2016–2023: not significant"}[lang]
    data = fig["spec"]["datasets"]
    assert data[f"p{i}jumps"] == [{"at": 2012.5, "label": label}]
    assert [b["text"] for b in data[f"p{i}beyond"]] == [beyond[lang]]
    lo, hi = next(layer["encoding"]["y"]["scale"]["domain"] for layer in view["layer"]
                  if "domain" in (layer.get("encoding", {}).get("y", {}).get("scale") or {}))
    city = [r for r in data[f"p{i}lines"] if r["series"].startswith("Vlissingen")]
    assert {r["year"] for r in city} == set(range(2010, 2024))
    assert all(lo <= r["value"] <= hi for r in city if r["year"] >= 2013) and hi < 7500
    assert all(r["value"] > hi for r in city if r["year"] < 2013)
    # the two lines of figures (py 13, 11 px each) lie above every line and band drawn
    drawn = [r["value"] for r in data[f"p{i}lines"] if r["year"] >= 2013 or r["series"]
             not in {r["series"] for r in city}] + [r["p75"] for r in data[f"p{i}band"]]
    assert max(drawn) <= hi - (hi - lo) * 26 / PANEL_HEIGHT, (max(drawn), lo, hi)
    others = [v for j, v in enumerate(fig["spec"]["concat"]) if j != i]
    assert not any("domain" in (layer.get("encoding", {}).get("y", {}).get("scale") or {})
                   for v in others for layer in v["layer"])
    assert "<svg" in charts.to_svg(fig["spec"])
    # the jump is the warehouse's
    jump = wh.execute(f"""SELECT previous_year, year, round(previous_value), round(value)
                          FROM series_jumps WHERE region_code = 'GM0718'
                          AND indicator_id = '{ELECTRICITY}'""").fetchall()
    assert jump == [(2012, 2013, 19319.0, 3783.0)]


def test_a_smooth_series_gets_no_jump_words(wh) -> None:
    """Ameland's population and every panel of Ameland without a jump in the warehouse: no
    third line, no jump sentence."""
    data = kept_city(wh, "GM0060", None)
    ctx = builder.city_context(data, "nl", None)
    lines = [view["title"]["subtitle"][2] for _, view in panels_of(ctx)
             if len(view["title"]["subtitle"]) == 3]
    assert lines.count(WORDS["nl"]["label"]) == 1 and set(lines) <= {"", WORDS["nl"]["label"]}
    assert not data.jumps.get("population")
    said = {s.indicator_id for d in ctx["domains"] for s in d["sentences"] if "abrupt" in s.text}
    assert said == {SOLAR} and set(data.jumps) == {SOLAR}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_verdict_tested_over_a_jump_leads_with_the_verdict_after_it(wh, lang) -> None:
    """Hollands Kroon's delivered electricity: 4 382 -> 27 687 kWh per inhabitant from 2017
    to 2018; over 2016–2023 a significant rise, over 2018–2023 none. The sentence leads
    with the years after the jump (what the signals read) and gives the whole window's
    verdict after it, saying the jump is in it; the panel labels and colours the years
    after the jump, not a rise across it."""
    ctx = builder.city_context(kept_city(wh, "GM1911", None), lang, None)
    clause = {"nl": "Trend 2018–2023 (na de abrupte verandering in 2017–2018): van 27.687 kWh "
                    "per inwoner in 2018 naar 36.699 kWh per inwoner in 2023 "
                    "(+33%), geen "
                    "significante trend. Over heel 2016–2023, die verandering meegerekend: "
                    "een significante stijging.",
              "en": "Trend 2018–2023 (after the abrupt change in 2017–2018): from 27,687 kWh "
                    "per inhabitant in 2018 to 36,699 kWh per inhabitant in "
                    "2023 (+33%), no "
                    "significant trend. Over the whole of 2016–2023, that change included: a "
                    "significant rise."}[lang]
    texts = [s.text for s in builder.collect_sentences(ctx) if s.indicator_id == ELECTRICITY]
    assert any(clause in t for t in texts), texts
    # no sentence gives the rise over the jump first ('Trend 2016–2023: ... stijging; ...')
    assert not [t for t in texts if "Trend 2016–2023:" in t], texts
    # the verdict after the change, once per section
    after = {"nl": "(na de abrupte verandering in 2017–2018)",
             "en": "(after the abrupt change in 2017–2018)"}[lang]
    sections = [[s.text for s in d["sentences"] if s.indicator_id == ELECTRICITY]
                for d in ctx["domains"]]
    told = [sum(after in t for t in texts) for texts in sections if texts]
    assert told and all(n == 1 for n in told), sections
    label = {"nl": ["trend 2018–2023: niet significant", "abrupte stijging 2017–2018 (zie tekst)"],
             "en": ["trend 2018–2023: not significant", "abrupt rise 2017–2018 (see text)"]}
    shown = [view["title"]["subtitle"][1:] for _, view in panels_of(ctx)
             if len(view["title"]["subtitle"]) == 3 and view["title"]["subtitle"][2]]
    assert shown == [label[lang]]
    # the city-ommeland gap, 54% -> 1 069% across the jump, is no finding: not in the plot
    # or its table, not counted, named once
    divide = ctx["divide"]["city_region"]
    title = {"nl": "Geleverde elektriciteit aan bedrijven per inwoner",
             "en": "Electricity delivered to businesses per inhabitant"}[lang]
    assert all(row[0] != title for f in divide["figures"] for row in f["table"]["rows"])
    assert not [s.text for s in divide["sentences"] if s.indicator_id == ELECTRICITY]
    # named once, with its reason (Den Helder's dip of 2018, undone in 2019, no longer
    # leaves the housing-association gap without verdict: one reason, one sentence)
    said = divide["summary"]
    opening = {"nl": "Niet meegeteld", "en": "Not counted"}[lang]
    assert said.count(opening) == 1 and said.count(title) == 1, said
    assert "Hollands Kroon" in said[said.index(title):], said
    # the verdicts the words give are the warehouse's
    trend, after = wh.execute(f"""
        SELECT t.classification, j.classification FROM trends t
        JOIN jump_trends j USING (indicator_id, region_code)
        WHERE t.region_code = 'GM1911' AND t.indicator_id = '{ELECTRICITY}'
          AND j.first_year = 2018 AND j.last_year = 2023""").fetchall()[0]
    assert (trend, after) == ("rising", "no significant change")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_badge_sentence_and_panel_judge_the_same_years(wh, lang) -> None:
    """Noordenveld's delivered electricity: 1 964 -> 13 281 kWh per inhabitant in 2016–2017,
    then a significant fall to 4 666 in 2023; over 2016–2023 no significant trend. The
    glance badge rests on 2017–2023: its sentence starts with those years and that verdict,
    and the panel says 'trend 2017–2023: dalend, significant' and colours those years, not
    'trend 2016–2023: niet significant' in grey. (Utrecht's delivered gas was the example
    until the catalogue left out CBS's 2015–2016 gas totals without the energy companies:
    its 2016–2017 'jump', 292 -> 1 711 m³, was that.)"""
    data = kept_city(wh, "GM1699", None)
    ctx = builder.city_context(data, lang, None)
    items = [it for sub in ctx["glance"]["opgaven"] for it in sub["items"]
             if it["sentence"].indicator_id == ELECTRICITY]
    assert len(items) == 1 and items[0]["kind"] == "trend", items
    lead = {"nl": "Geleverde elektriciteit aan bedrijven per inwoner 2017–2023 (na de abrupte "
                  "verandering in 2016–2017): van 13.281 kWh per inwoner in 2017 naar 4.666 kWh "
                  "per inwoner (voorlopig) in 2023 (−65%), een significante daling. Over heel "
                  "2016–2023, "
                  "die verandering meegerekend: geen significante trend. In 2023 zit Noordenveld",
            "en": "Electricity delivered to businesses per inhabitant 2017–2023 (after the "
                  "abrupt change in 2016–2017): from 13,281 kWh per inhabitant in 2017 to 4,666 "
                  "kWh per inhabitant (provisional) in 2023 (−65%), a significant fall. Over the "
                  "whole of "
                  "2016–2023, that change included: no significant trend. In 2023, "
                  "Noordenveld"}[lang]
    assert items[0]["sentence"].text.startswith(lead), items[0]["sentence"].text
    assert items[0]["valence_text"] == {"nl": "trend (geen oordeel)",
                                        "en": "trend (no verdict)"}[lang]
    # the panel (drawn where the domain's figure shows it): its label, and the city line in
    # the significant colour over 2017–2023 only
    panel = city_panel(data, ELECTRICITY, lang)
    assert panel.trend == {"nl": "trend 2017–2023: dalend, significant",
                           "en": "trend 2017–2023: falling, significant"}[lang]
    assert panel.significant and panel.tested == (2017, 2023)
    row = wh.execute(f"""SELECT classification, first_year, last_year FROM jump_trends
                         WHERE region_code = 'GM1699' AND indicator_id = '{ELECTRICITY}'
                         """).fetchone()
    assert row == ("falling", 2017, 2023)


def test_an_indicators_sentences_stand_together(wh) -> None:
    """Hollands Kroon's Duurzaamheid gave its electricity trend first, then gas, then the
    sentence about electricity's jump: a section's sentences about one indicator follow
    each other."""
    for code in ("GM1911", "GM0085", "GM1706", "Zwolle"):
        ctx = builder.city_context(kept_city(wh, code, None), "nl", None)
        for d in ctx["domains"]:
            ids = [s.indicator_id for s in d["sentences"]]
            runs = [i for k, i in enumerate(ids) if k == 0 or ids[k - 1] != i]
            assert len(runs) == len(set(runs)), (code, d["domain"], ids)
    sust = next(d for d in builder.city_context(kept_city(wh, "GM1911", None), "nl", None)[
        "domains"] if any(s.indicator_id == ELECTRICITY for s in d["sentences"]))
    assert [s.indicator_id for s in sust["sentences"]].count(ELECTRICITY) == 2


@pytest.mark.parametrize("query", ["Zwolle", "Renkum", "Enschede", "Utrecht"])
def test_a_gap_that_changed_sides_is_not_said_to_grow_further(wh, query) -> None:
    """'raakt verder achter' presumes the city was behind at the window's start: Renkum's
    solar installations were 23% above the ommeland in 2016 and 2,7% below in 2023, so the
    sentence says 'Renkum lag voor op het ommeland en raakt nu significant achter' (the table
    'lag voor, raakt achter'; analysis/gaps.py: movement 'overtaken'). Zwolle's solar
    installations, 0,3% above in 2016 and 7% below in 2023, were said so too, but
    ln(Zwolle / ommeland) has no significant direction (S = -6, p = 0,55; the size of the
    gap rose while Zwolle was ahead): no sentence claims Zwolle fell behind."""
    data = kept_city(wh, query, None)
    ctx = builder.city_context(data, "nl", None)
    flipped = {i for i, g in data.gap_trends.items() if g["gap_sign_changed"]}
    said = [(s.indicator_id, s.text) for s in builder.collect_sentences(ctx)]
    further = [(i, t) for i, t in said if "verder achter" in t or "verder uit" in t
               or "wordt significant groter" in t or "wordt significant kleiner" in t]
    assert not [(i, t) for i, t in further if i in flipped]
    if query == "Zwolle":
        assert data.gap_trends["solar_installations_per_1000"]["gap_sign_changed"]
        assert [t for i, t in said if i == "solar_installations_per_1000"]
        assert not [t for i, t in said if i == "solar_installations_per_1000"
                    and ("significant achter" in t or "significant voor" in t)]
    if query == "Renkum":
        assert any(i == "solar_installations_per_1000" and "Renkum lag voor op het ommeland "
                   "en raakt nu significant achter" in t and "23% hoger" in t for i, t in said)


@pytest.mark.parametrize("query", ["Hoogeveen", "Veendam"])
def test_a_summary_badge_on_a_gap_that_changed_sides_says_where_it_ended(wh, query) -> None:
    """Hoogeveen's solar capacity: 29% below the ommeland in 2016, 226% above in 2023 - the
    badge is 'gunstig: lag achter en komt voor te liggen op het ommeland', not
    'achterstand krimpt' (a signal of its own kind, ``gap_crossing``);
    Veendam's solar capacity, 340% above and then 53% below: no 'loopt in' (Landgraaf's new
    construction, 163% above and 87% below, until CBS's rounding of its and its ommeland's
    dwellings left it without a verdict in session 34). (Elburg's
    cleared-up crimes, 1,2% above and 19% below, were the first case; with CBS's published
    percentages their gap trend is no longer significant, p = 0,11. Almelo's solar capacity,
    43% below and 10% above, the next: ln(Almelo / ommeland) has no significant direction,
    S = 4, p = 0,72, so no badge claims a side: analysis/gap_crossings.py.)"""
    data = kept_city(wh, query, None)
    ctx = builder.city_context(data, "nl", None)
    items = [it for sub in ctx["glance"]["opgaven"] for it in sub["items"]
             if it["kind"] in ("gap_widening", "gap_narrowing", "gap_crossing")]
    flipped = [it for it in items
               if data.gap_trends[it["sentence"].indicator_id]["gap_sign_changed"]]
    assert flipped, [it["valence_text"] for it in items]
    for it in flipped:
        assert it["kind"] == "gap_crossing", it
        assert it["valence_text"] in (
            "gunstig: lag achter en komt voor te liggen op het ommeland",
            "ongunstig: lag voor en raakt achter op het ommeland",
            "verschil met het ommeland wisselt van kant (geen oordeel)"), it
        assert "loopt significant in" not in it["sentence"].text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_change_over_a_jump_is_not_given_as_the_trends_change(wh, lang) -> None:
    """Ooststellingwerf's solar capacity: 309 Wp per inhabitant in 2017, 1 569 in 2018 (a
    jump), 5 295 in 2023. Over 2016–2023 it rose by 2 271%, mostly the jump; the change the
    glance gives is the one after the jump (+237%, a significant rise), beside the verdict
    after it, and no sentence of a series with a jump in its tested years gives the change
    over them (the numbers cited are the warehouse's). (Utrecht's delivered gas, '+176%'
    over its 2016–2017 'jump', was the example until the catalogue left out CBS's 2015–2016
    gas totals without the energy companies.)"""
    from tests.publish.test_sentences import check_cite

    data = kept_city(wh, "GM0085", None)
    ctx = builder.city_context(data, lang, None)
    glance = [it["sentence"] for sub in ctx["glance"]["opgaven"] for it in sub["items"]
              if it["sentence"].indicator_id == SOLAR]
    assert glance, "Ooststellingwerf's solar capacity is not in its glance"
    rest = {"nl": "2018–2023 (na de abrupte verandering in 2017–2018): van 1.569 Wp per "
                  "inwoner in 2018 naar 5.295 Wp per inwoner (voorlopig) in 2023 (3,4 keer zo "
                  "hoog), een significante "
                  "stijging",
            "en": "2018–2023 (after the abrupt change in 2017–2018): from 1,569 Wp per "
                  "inhabitant in 2018 to 5,295 Wp per inhabitant (provisional) in 2023 (3.4 "
                  "times as high), a significant "
                  "rise"}[lang]
    for s in glance:
        assert "271" not in s.text and rest in s.text, s.text
    jumped = {i for i, js in data.jumps.items() if any(j["in_tested_years"] for j in js)}
    assert SOLAR in jumped
    for s in builder.collect_sentences(ctx):
        if s.indicator_id in jumped:
            assert not {c.field for c in s.cites} & {"abs_change", "rel_change", "multiple"}, \
                s.text
            for cite in s.cites:
                check_cite(wh, cite, lang)
    # the figures are the warehouse's: +2 271% over 2016–2023, +237% after the jump
    first, after = wh.execute(f"""
        SELECT t.rel_change, j.rel_change FROM trends t JOIN jump_trends j
        USING (indicator_id, region_code)
        WHERE region_code = 'GM0085' AND indicator_id = '{SOLAR}'
          AND j.first_year = 2018 AND j.last_year = 2023""").fetchall()[0]
    assert round(first, 2) == 22.71 and round(after, 2) == 2.37


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_accountability_says_what_abrupt_means_with_the_settings_factor(wh, lang) -> None:
    """One plain sentence in the Verantwoording: a change by the settings' ``jump_factor``
    or more from one year to the next within one comparable series, without a known break;
    read from the build's settings (another factor, other words)."""
    from dataclasses import replace

    from stadstrends.publish.report import sections

    data = kept_city(wh, "GM1911", None)
    words = {"nl": "van het ene jaar op het volgende minstens {f} keer zo groot of zo klein "
                   "wordt zonder dat CBS daar een reeksbreuk meldt",
             "en": "becomes at least {f} times as large, or as small, from one year to the "
                   "next where CBS declares no series break"}[lang]
    factor = data.settings.jump_factor
    shown = f"{factor:g}".replace(".", "," if lang == "nl" else ".")
    assert words.format(f=shown) in sections.accountability(data, lang)["intro"]
    other = replace(data, build={**data.build, "jump_factor": 7.5})
    assert other.settings.jump_factor == 7.5
    assert words.format(f="7,5" if lang == "nl" else "7.5") in sections.accountability(
        other, lang)["intro"]



@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_jump_sentence_gives_the_years_after_the_jump_first(wh, lang: str) -> None:
    """Cranendonck's solar capacity, its jump sentence in the domain section: the verdict
    after the jump leads, the whole window's follows, as the glance and the panel do (a
    reviewer read 'De trend over 2016–2023 (geen significante trend) is getoetst met deze
    abrupte verandering erin; na de abrupte verandering ...': the old order, and 'a trend
    that is no trend')."""
    ctx = builder.city_context(kept_city(wh, "GM1706", None), lang, None)
    jump = {"nl": "stijgt de reeks abrupt van", "en": "rises abruptly from"}[lang]
    texts = [s.text for s in builder.collect_sentences(ctx)
             if s.indicator_id == SOLAR and jump in s.text]
    lead = {"nl": "Na de abrupte verandering (2018–2023):", "en": "After the abrupt change"}
    whole = {"nl": "Over heel 2016–2023, die verandering meegerekend: een significante stijging.",
             "en": "Over the whole of 2016–2023, that change included: a significant rise."}
    tested = [t for t in texts if whole[lang] in t]
    assert tested, texts
    assert all(t.index(lead[lang]) < t.index(whole[lang]) for t in tested), tested
    assert not [t for t in texts if "is getoetst met" in t or "was tested with" in t], texts

"""Every number in a generated sentence equals the warehouse value it cites."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.data import load_city
from stadstrends.publish.sentence_numbers import MULTIPLE_FROM, unit_text
from stadstrends.publish.sentence_words import MEASURES
from stadstrends.publish.sentences import Cite, Writer
from tests.publish.multiple_words import multiple_claim, multiple_holds

CITIES = ["Eindhoven", "Deventer", "Zwolle", "Almere", "'s-Hertogenbosch", "Heerlen", "Amsterdam",
          "Hollands Kroon"]  # G40, G4 (ranks among four), a size group

# field -> (SQL returning one value, key order); fresh queries, independent of the report code
SQL = {
    "value": "SELECT value FROM indicator_values WHERE indicator_id = $i AND region_code = $r "
             "AND year = $y",
    "abs_change": "SELECT abs_change FROM trends WHERE indicator_id = $i AND region_code = $r "
                  "AND last_year = $y",
    "rel_change": "SELECT rel_change FROM trends WHERE indicator_id = $i AND region_code = $r "
                  "AND last_year = $y",
    # a rise to ten times as high or more, printed in words ('bijna 12 keer zo hoog')
    "multiple": "SELECT last_value / first_value FROM trends WHERE indicator_id = $i "
                "AND region_code = $r AND last_year = $y AND first_value > 0",
    "mk_p": "SELECT mk_p FROM trends WHERE indicator_id = $i AND region_code = $r "
            "AND last_year = $y",
    "n_points": "SELECT n_points FROM trends WHERE indicator_id = $i AND region_code = $r "
                "AND last_year = $y",
    "n_distinct": "SELECT n_distinct FROM trends WHERE indicator_id = $i AND region_code = $r "
                  "AND last_year = $y",
    "mean_count": "SELECT k.mean_count FROM trend_counts k JOIN trends t "
                  "USING (indicator_id, region_code) WHERE indicator_id = $i "
                  "AND region_code = $r AND t.last_year = $y",
    "median": "SELECT median FROM group_benchmarks WHERE indicator_id = $i "
              "AND region_code = $r AND year = $y AND set_id = $s",
    "n": "SELECT n FROM group_benchmarks WHERE indicator_id = $i AND region_code = $r "
         "AND year = $y AND set_id = $s",
    "rank": "SELECT rank FROM group_benchmarks WHERE indicator_id = $i AND region_code = $r "
            "AND year = $y AND set_id = $s",
    "n_members": "SELECT n_members FROM comparison_groups WHERE set_id = $s "
                 "AND $i IS NOT NULL AND $r IS NOT NULL AND $y IS NOT NULL",
    "n_without": "SELECT g.n_members - b.n FROM group_benchmarks b "
                 "JOIN comparison_groups g USING (set_id) WHERE b.indicator_id = $i "
                 "AND b.region_code = $r AND b.year = $y AND b.set_id = $s",
    # the members a cut copy of a CBS table left out (indicator_gaps: table_cut,
    # predecessor_cut), without a value
    "n_cut": "SELECT count(DISTINCT m.region_code) FROM comparison_group_members m "
             "JOIN indicator_gaps g ON g.region_code = m.region_code AND g.indicator_id = $i "
             "AND g.year = $y AND g.reason IN ('table_cut', 'predecessor_cut') "
             "WHERE m.set_id = $s AND (m.focal_code IS NULL OR m.focal_code = $r) "
             "AND m.region_code <> $r AND NOT EXISTS (SELECT 1 FROM indicator_values v "
             "WHERE v.region_code = m.region_code AND v.indicator_id = $i AND v.year = $y)",
    "jump_n_points": "SELECT n_points FROM jump_trends WHERE indicator_id = $i "
                     "AND region_code = $r AND last_year = $y",
    "jump_abs_change": "SELECT abs_change FROM jump_trends WHERE indicator_id = $i "
                       "AND region_code = $r AND last_year = $y",
    "jump_rel_change": "SELECT rel_change FROM jump_trends WHERE indicator_id = $i "
                       "AND region_code = $r AND last_year = $y",
    "jump_multiple": "SELECT last_value / first_value FROM jump_trends WHERE indicator_id = $i "
                     "AND region_code = $r AND last_year = $y AND first_value > 0",
    "hump_pct": "SELECT abs(ratio - 1) FROM series_humps WHERE indicator_id = $i "
                "AND region_code = $r AND last_year = $y",
    "step_pct": "SELECT abs(ratio - 1) FROM series_steps WHERE indicator_id = $i "
                "AND region_code = $r AND year = $y",
    "step_after_pct": "SELECT greatest(after_max / value - 1, 1 - after_min / value) "
                      "FROM series_steps WHERE indicator_id = $i AND region_code = $r "
                      "AND year = $y",
    "step_own_pct": "SELECT exp(own_change) - 1 FROM series_steps WHERE indicator_id = $i "
                    "AND region_code = $r AND year = $y",
    "ommeland_value": "SELECT ommeland_value FROM benchmarks WHERE indicator_id = $i "
                      "AND region_code = $r AND year = $y",
    "nl_value": "SELECT nl_value FROM benchmarks WHERE indicator_id = $i AND region_code = $r "
                "AND year = $y",
    "gap_first": "SELECT first_gap FROM region_gap_trends WHERE indicator_id = $i "
                 "AND region_code = $r AND first_year = $y",
    "gap_last": "SELECT last_gap FROM region_gap_trends WHERE indicator_id = $i "
                "AND region_code = $r AND last_year = $y",
    "gap_p": "SELECT mk_p FROM region_gap_trends WHERE indicator_id = $i AND region_code = $r "
             "AND last_year = $y",
    "gap_first_pct": "SELECT abs(first_pct) FROM region_gap_trends WHERE indicator_id = $i "
                     "AND region_code = $r AND first_year = $y",
    "gap_last_pct": "SELECT abs(last_pct) FROM region_gap_trends WHERE indicator_id = $i "
                    "AND region_code = $r AND last_year = $y",
    # a city ten times its ommeland's figure or more, in words ('ruim 29 keer zo hoog')
    "gap_first_multiple": "SELECT first_ratio FROM region_gap_trends WHERE indicator_id = $i "
                          "AND region_code = $r AND first_year = $y",
    "gap_last_multiple": "SELECT last_ratio FROM region_gap_trends WHERE indicator_id = $i "
                         "AND region_code = $r AND last_year = $y",
    "ineq_first": "SELECT first_value FROM inequality_trends WHERE measure = $i "
                  "AND region_code = $r AND first_year = $y",
    "ineq_last": "SELECT last_value FROM inequality_trends WHERE measure = $i "
                 "AND region_code = $r AND last_year = $y",
    "ineq_p": "SELECT mk_p FROM inequality_trends WHERE measure = $i AND region_code = $r "
              "AND last_year = $y",
    "ineq_value": "SELECT value FROM inequality WHERE measure = $i AND region_code = $r "
                  "AND year = $y",
}


#: what a rank counts from, in a position among few municipalities ('plaats 2 van 4 (1 =
#: hoogste; ...)')
RANK_NOTES = ("1 = hoogste", "1 = highest")


def parse(shown: str, lang: str) -> tuple[str, float, int]:
    """('<' or '=', number, decimals) of a printed number like '+1.234,5%' or '< 0,001'."""
    op = "<" if shown.startswith("<") else "="
    text = shown.lstrip("< ").rstrip("%").replace("−", "-").replace("+", "")
    if lang == "nl":
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", "")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return op, float(text), decimals


def check_cite(con, cite: Cite, lang: str) -> None:
    params = {"i": cite.indicator_id, "r": cite.region_code, "y": cite.year}
    if "$s" in SQL[cite.field]:
        params["s"] = cite.set_id
    rows = con.execute(SQL[cite.field], params).fetchall()
    assert len(rows) == 1, f"{cite}: {len(rows)} warehouse rows"
    fresh = rows[0][0] * cite.scale
    if cite.field.endswith("multiple"):  # ten times as high or more, in words
        assert fresh >= MULTIPLE_FROM and multiple_holds(fresh, *multiple_claim(
            cite.shown, lang)), (cite, fresh)
        return
    if cite.field.endswith("rel_change"):  # from ten times as high: a multiple, in words
        assert fresh / 100 + 1 < MULTIPLE_FROM, cite
    if cite.field.startswith("gap_") and cite.field.endswith("_pct"):  # a gap likewise, not
        assert fresh / 100 + 1 < MULTIPLE_FROM, cite  # '2.806% hoger dan in het ommeland'
    op, shown, decimals = parse(cite.shown, lang)
    # a change is printed as the difference of the two printed values (33,4 -> 32,5 is
    # -0,9), so it may differ from the exact change by up to one unit of the last decimal
    tolerance = (1.0 if cite.field.endswith("abs_change") else 0.5) * 10 ** -decimals + 1e-9
    # a recalculated count printed to its source's rounding (jobs: hundreds)
    tolerance = max(tolerance, cite.precision / 2 + 1e-9)
    if op == "<":
        assert fresh < shown, cite
    else:
        assert abs(fresh - shown) <= tolerance, (cite, fresh)


def strip_known(text: str, sentence, phrases: list[str]) -> str:
    """The text without its cited numbers, years and number-bearing titles and units."""
    for fixed in RANK_NOTES + tuple(p for p in phrases if re.search(r"\d", p)):
        # first: the '1' of 'per 1 000 inwoners' or '1 = hoogste' is no cited number (a
        # rank of 1 would match it)
        text = text.replace(fixed, " ")
    for cite in sentence.cites:
        # not inside a word either: Zwolle's '40' (solar installations in 2016) is not the
        # '40' of 'G40'
        pattern = rf"(?<![\w.,]){re.escape(cite.shown)}(?![\d]|[.,]\d)"
        assert re.search(pattern, text), (cite.shown, text)
        text = re.sub(pattern, " ", text, count=1)
    for phrase in phrases:
        text = text.replace(phrase, " ")
    for year in sentence.years:
        text = re.sub(rf"(?<!\d){year}(?!\d)", " ", text, count=1)
    return text


@pytest.fixture()
def phrases(wh) -> list[str]:
    titles = [t for row in wh.execute("SELECT title_nl, title_en FROM indicators").fetchall()
              for t in row]
    units = [u for row in wh.execute("SELECT DISTINCT unit FROM indicators").fetchall()
             for u in row]
    extra = [unit_text(u, lang) for u in units for lang in ("nl", "en")] + [
        m for lang in ("nl", "en") for m in MEASURES[lang].values()] + [
        "G40", "G4"] + [  # a cut table is named ('CBS-tabel 85984NED')
        r[0] for r in wh.execute("SELECT DISTINCT table_id FROM sources").fetchall()]
    found = [p for p in titles + units + extra if p]
    found += [p[0].lower() + p[1:] for p in found] + [p[0].upper() + p[1:] for p in found]
    return sorted(set(found), key=len, reverse=True)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", CITIES)
def test_sentence_numbers_match_warehouse(wh, phrases, city: str, lang: str) -> None:
    data = load_city(wh, city)
    ctx = builder.city_context(data, lang, None)
    sentences = builder.collect_sentences(ctx)
    assert len(sentences) >= 10
    n_cites = 0
    for s in sentences:
        for cite in s.cites:
            check_cite(wh, cite, lang)
            n_cites += 1
        # the group's phrase ('de 180 gemeenten met ... op 1 januari 2025': its size and
        # year, see test_group_phrases) is known text
        # and so is its label where the sentence counts fewer ('de 177 gemeenten met ...')
        rest = strip_known(s.text, s, [data.group_phrase(lang), data.group_mention(lang),
                                        data.group_mention(lang, again=True),
                                        data.group[f"label_{lang}"], *phrases])
        assert not re.search(r"\d", rest), (s.text, rest)
    assert n_cites >= 40


def test_dutch_and_english_templates() -> None:
    fact = {"indicator_id": "unemployment_rate", "title": "Werkloosheid", "unit": "%",
            "trend": {"first_year": 2017, "last_year": 2024, "first_value": 6.44,
                      "last_value": 3.96, "abs_change": -2.48, "rel_change": -0.385,
                      "mk_p": 0.0141, "classification": "falling", "indicative": False,
                      "n_points": 8, "window_first_year": 2017},
            "bench": {"year": 2024, "value": 3.96, "median": 3.8, "percentile": 60.0,
                      "ommeland_value": 3.1},
            "gap": None, "provisional": {2024}}
    nl = Writer("GM0772", "Eindhoven", "nl", group="de G40").indicator(fact)
    assert nl.text == (  # the change is the difference of the printed values; no p-value
        "Werkloosheid 2017–2024: van 6,4% in 2017 naar 4,0% (voorlopig) in 2024 "
        "(−2,4 procentpunt), een significante daling. In 2024 zit Eindhoven boven de mediaan "
        "van de G40 (3,8%) en hoger dan het ommeland (3,1%).")  # 'mediaan' said once
    en = Writer("GM0772", "Eindhoven", "en", group="the G40").indicator(
        {**fact, "title": "Unemployment"})
    assert ("Unemployment 2017–2024: from 6.4% in 2017 to 4.0% (provisional) in 2024 "
            "(−2.4 percentage points), a significant fall.") in en.text
    assert [c.field for c in nl.cites] == ["value", "value", "abs_change", "median",
                                           "ommeland_value"]
    big = {**fact, "title": "Inwoners op 1 januari", "unit": "inwoners", "method": "count",
           "provisional": set(),
           "trend": {**fact["trend"], "first_value": 1234.4, "last_value": 120000.0,
                     "rel_change": 0.1234}}
    text = Writer("GM0772", "Eindhoven", "nl").indicator(big).text
    assert "van 1.234 in 2017 naar 120.000 in 2024 (+12%)" in text  # a count: whole
    assert "ommeland" not in text  # a size is never compared with the ommeland
    crossing = {**big, "title": "Groei woningvoorraad", "unit": "per 1 000 woningen",
                "method": "ratio",
                "trend": {**fact["trend"], "first_value": -2.0, "last_value": 6.0,
                          "abs_change": 8.0, "rel_change": 4.0}}
    text = Writer("GM0153", "Enschede", "nl").indicator(crossing).text
    assert "%)" not in text and "(+8" in text  # no "+400,0%" for a series crossing zero
    balance = {**crossing, "title": "Buitenlands migratiesaldo", "unit": "per 1 000 inwoners",
               "signed": True,  # negative in some region: a balance
               "trend": {**fact["trend"], "first_value": 0.51, "last_value": 7.3,
                         "abs_change": 6.79, "rel_change": 13.271}}
    text = Writer("GM0153", "Enschede", "nl").indicator(balance).text
    assert "%)" not in text and "(+6,8 per 1" in text  # not "+1.327,1%"


def test_plain_dutch_rules() -> None:
    w = Writer("GM0193", "Zwolle", "nl", group="de G40")
    base = {"indicator_id": "social_housing_share", "title": "Aandeel corporatiewoningen",
            "unit": "%", "gap": None, "bench": None, "fresh_from": 2021,
            "trend": {"first_year": 2017, "last_year": 2024, "first_value": 33.44,
                      "last_value": 32.46, "abs_change": -0.98, "rel_change": -0.03,
                      "mk_p": 0.03, "classification": "falling", "indicative": False,
                      "n_points": 8, "window_first_year": 2017}}
    assert "(−0,9 procentpunt)" in w.indicator(base).text  # 33,4 -> 32,5 is -0,9
    short = {**base, "trend": {**base["trend"], "first_year": 2021, "n_points": 4,
                               "indicative": True, "classification": "no significant change",
                               "segment_start": 2021, "segment_reason": "break"}}
    text = w.indicator(short).text
    assert text.startswith("Aandeel corporatiewoningen 2021–2024: van 33,4% in 2021")
    assert "te weinig jaren voor een toets (4 jaren met cijfers)" in text
    assert "eerdere jaren zijn niet vergelijkbaar (reeksbreuk)" in text
    assert "p =" not in text and "p <" not in text
    old = {**base, "trend": None, "bench": {"year": 2009, "value": 12.0, "median": 12.04,
                                            "percentile": 50.0}}
    text = w.indicator(old, "group_deviation").text
    # alike as printed, apart one decimal finer: both so, 'mediaan' said once
    assert text == ("Aandeel corporatiewoningen: 12,0% in 2009 (verouderd). Daarmee zit Zwolle "
                    "onder de mediaan van de G40 (12,0% tegen 12,04%).")
    # with the catalogue's decimals, within their rounding: near the median (Kies richting's
    # near_median); a unit or less apart though printed apart; alike one decimal finer:
    # equal, not '(8,957% tegen een mediaan van 8,960%)'; further: below
    tenth = {**old, "decimals": 1}
    for value, median, words in ((12.0, 12.04, "rond de mediaan van de G40 (12,0% tegen 12,04%)"),
                                 (52.9, 52.8, "rond de mediaan van de G40 (52,9% tegen 52,8%)"),
                                 (8.957, 8.96, "gelijk aan de mediaan van de G40 (9,0%)"),
                                 (52.6, 52.8, "onder de mediaan van de G40 (52,8%)")):
        bench = {**old["bench"], "value": value, "median": median}
        assert w.indicator({**tenth, "bench": bench}, "group_deviation").text.endswith(
            f"Daarmee {'is' if 'gelijk' in words else 'zit'} Zwolle {words}.")
    at = {**old, "bench": {**old["bench"], "median": 12.0}}  # the median itself: 'gelijk'
    assert w.indicator(at, "group_deviation").text == (
        "Aandeel corporatiewoningen: 12,0% in 2009 (verouderd). Daarmee is Zwolle "
        "gelijk aan de mediaan van de G40 (12,0%).")
    gas = {**base, "unit": "m3", "title": "Aardgasverbruik", "trend": None,
           "bench": {"year": 2023, "value": 760.0, "median": 800.0, "percentile": 30}}
    assert "760 m³ in 2023" in w.indicator(gas, "group_deviation").text
    proj = w.projection({"indicator_id": "population_projected", "title": "Prognose inwoners",
                         "unit": "inwoners"}, {"indicator_id": "population", "year": 2025,
                                               "value": 128000.0},
                        {"indicator_id": "population_projected", "year": 2050,
                         "value": 140000.0})
    assert proj.text == "Prognose inwoners: van 128.000 in 2025 naar 140.000 in 2050."
    f = {"indicator_id": "population_projected", "title": "Prognose inwoners",
         "unit": "inwoners"}
    start = {"indicator_id": "population_projected", "year": 2026, "value": 138400.0}
    end = {"indicator_id": "population_projected", "year": 2050, "value": 149300.0}
    seen = {"indicator_id": "population", "year": 2026, "value": 134147.0}
    # the projection's own 2026 figure is 3% off the observed one: its path, the observed
    # figure beside its start (not 'van 134.147 naar 149.300', a change 4 000 too large)
    off = w.projection(f, start, end, seen)
    assert off.text == ("Prognose inwoners: van 138.400 in 2026 (waargenomen: 134.147) naar "
                        "149.300 in 2050.")
    assert [(c.indicator_id, c.year) for c in off.cites] == [
        ("population_projected", 2026), ("population", 2026), ("population_projected", 2050)]
    # within 1% (Alkmaar: 113.200 projected, 113.196 observed): still CBS's forecast, with the
    # observed figure beside it (before, the sentence started from the observed figure as if
    # it were the forecast's); a forecast printed as the observed figure has it beside it
    # too: one rule for every line (Deventer's 65-plussers, 19,27 forecast and 19,25
    # observed, both '19,3%', read as if the start were observed)
    near = w.projection(f, {**start, "value": 113200.0}, end, {**seen, "value": 113196.0})
    assert near.text == ("Prognose inwoners: van 113.200 in 2026 (waargenomen: 113.196) naar "
                         "149.300 in 2050.")
    same = w.projection(f, {**start, "value": 113196.0}, end, {**seen, "value": 113196.0})
    assert same.text == ("Prognose inwoners: van 113.196 in 2026 (waargenomen: 113.196) naar "
                         "149.300 in 2050.")
    # the projection starts a year after the last observed one: that year is named
    later = w.projection(f, {**start, "year": 2027}, end, seen)
    assert later.text == ("Prognose inwoners: van 138.400 in 2027 (waargenomen in 2026: "
                          "134.147) naar 149.300 in 2050.")


def test_relative_gap_sentence() -> None:
    fact = {"indicator_id": "solar_installations_per_1000", "unit": "per 1 000 inwoners",
            "title": "Zonnestroominstallaties per 1 000 inwoners",
            "trend": None, "bench": None, "provisional": set(),
            "gap": {"first_year": 2016, "last_year": 2023, "first_pct": -54.0,
                    "last_pct": -47.0, "classification": "converging", "mk_p": 0.01,
                    "movement": "catching_up", "city_last": 150.0, "omm_last": 283.0}}
    s = Writer("GM0153", "Enschede", "nl").indicator(fact, "gap_narrowing")
    assert s.text.startswith(
        "Zonnestroominstallaties per 1 000 inwoners: in 2023 150 in Enschede, 47% lager dan "
        "in het ommeland (283); in 2016 was dat 54% lager. Enschede loopt significant in.")


# each failed before an indicator's figures shared their decimals (real data, 2016-2023):
# solar installations per 1 000 inhabitants 'van 14,5 naar 167 (+1.050,0%)' (Helmond; Zwolle
# 39,9, Vlieland 46,2 beside medians of 151 and 238), demolitions 'van 0,48 naar 5,5'
# (Waalwijk), the migration balance 'van −0,07 naar 10,8' (Peel en Maas); and each had
# changes of 10% or more with a decimal ('+61,6%')
PRECISION_CITIES = ["Helmond", "Waalwijk", "Peel en Maas", "Zwolle", "Vlieland"]
LEVELS = {"value", "median", "ommeland_value", "nl_value", "abs_change"}


@pytest.mark.parametrize("city", PRECISION_CITIES)
def test_figures_of_one_indicator_share_their_decimals(wh, city: str) -> None:
    """In every sentence, an indicator's levels, medians, ommeland figures and absolute
    change show one number of decimals; a relative change of 10% or more none ('+62%'),
    below that one ('+5,2%'), from ten times as high a multiple in words ('bijna 12 keer zo
    hoog', Helmond's solar installations: '+1.050%' before); every figure still equals the
    warehouse value it cites."""
    sentences = builder.collect_sentences(builder.city_context(load_city(wh, city), "nl", None))
    checked = 0
    for s in sentences:
        digits: dict[str, set[int]] = {}
        # a figure and its median printed finer where they would print alike: '(0,25% tegen
        # een mediaan van 0,32%)' beside '0,3% in 2025' (positions.group_clause)
        beside = {x for pair in re.findall(r"\(([^ ()]+)[^()]*? tegen (?:een mediaan van )?"
                                           r"([^ ;()]+)", s.text) for x in pair}
        for cite in s.cites:
            check_cite(wh, cite, "nl")
            if cite.field.endswith("multiple"):  # words, checked above
                continue
            shown = parse(cite.shown, "nl")[2]
            if cite.field in ("value", "median") and cite.shown in beside:
                continue
            if cite.field in LEVELS:
                digits.setdefault(cite.indicator_id, set()).add(shown)
                checked += 1
            elif cite.field == "rel_change":
                assert shown == (0 if abs(cite.value * 100) >= 9.95 else 1), (cite, s.text)
        assert all(len(d) == 1 for d in digits.values()), (digits, s.text)
    assert checked >= 100
    if city == "Helmond":
        assert any("van 14,5 in 2016 naar 166,9 (voorlopig) in 2023 (bijna 12 keer zo hoog; "
                   "2016 en 2023 uit twee CBS-tabellen met dezelfde definitie)" in s.text
                   for s in sentences)  # 85005NED's last year is provisional


# failed before the levels beside a relative change got the decimals it needs (real data):
# Helmond's solar installations 'van 15 in 2016 naar 167 in 2023 (+1.050%)' (167 / 15 is
# +1.013%; now 14,5 -> 166,9)
AGREE_CITIES = ["Helmond", "Zwolle", "Groningen", "Ameland", "Vlieland"]


@pytest.mark.parametrize("city", AGREE_CITIES)
def test_a_relative_change_agrees_with_the_levels_printed_beside_it(wh, city: str) -> None:
    """'van a in y0 naar b in y1 (+x%)' with a change of 10% or more (printed whole): a
    reader who computes b / a - 1 from the printed a and b finds the printed x, within 3% of
    it (or the levels already show two decimals, the most a sentence prints); '(bijna 12
    keer zo hoog)' likewise: b / a within 3% of what the words say (Helmond's 14,5 -> 166,9
    is 11,5). Below 10% the change's own decimal shows it is rounded, and the levels keep
    their decimals."""
    sentences = builder.collect_sentences(builder.city_context(load_city(wh, city), "nl", None))
    checked = 0
    for s in sentences:
        for i, cite in enumerate(s.cites):
            if cite.field not in ("rel_change", "multiple") or i < 2:
                continue
            first, last = s.cites[i - 2], s.cites[i - 1]
            assert first.field == last.field == "value", (s.cites[i - 2:i + 1], s.text)
            _, a, places = parse(first.shown, "nl")
            _, b, _ = parse(last.shown, "nl")
            if cite.field == "multiple":
                claim, n = multiple_claim(cite.shown, "nl")
                low, high = {"=": (n - 0.05, n + 0.05), ">": (n, n + 0.5),
                             "<": (n - 0.55, n)}[claim]
                assert places >= 2 or 0.97 * low <= b / a <= 1.03 * high, (
                    f"{first.shown} -> {last.shown} is {b / a:.2f} times, printed "
                    f"{cite.shown}", s.text)
                checked += 1
                continue
            _, shown, decimals = parse(cite.shown, "nl")
            if places >= 2 or a == 0 or decimals > 0:
                continue
            computed = round((b / a - 1) * 100, decimals)
            assert abs(computed - shown) <= max(2 * 10 ** -decimals, 0.03 * abs(shown)) + 1e-9, (
                f"{first.shown} -> {last.shown} is {computed:+}%, printed {cite.shown}",
                s.text)
            checked += 1
    assert checked >= 8


def test_a_unit_is_left_out_only_when_the_title_names_it_in_whole_words() -> None:
    """'Geboorten per 1 000 inwoners: 8,7' needs no unit after the figure; 'Dwelling stock'
    does ('dwellings' is not a word of it: the old check found 'dwellings' in
    'dwellingstock' and printed 'from 56,595 in 2018')."""
    trend = {"first_year": 2018, "last_year": 2025, "first_value": 56595.0,
             "last_value": 61693.0, "rel_change": 0.09, "abs_change": 5098.0, "mk_p": 0.001,
             "classification": "rising", "n_points": 8, "window_first_year": 2018}
    fact = {"indicator_id": "dwelling_stock", "unit": "woningen", "title": "Dwelling stock",
            "trend": trend, "bench": None, "provisional": set()}
    s = Writer("GM0193", "Zwolle", "en").indicator(fact, "trend")
    assert "from 56,595 dwellings in 2018 to 61,693 dwellings in 2025" in s.text, s.text
    births = {**fact, "unit": "per 1 000 inwoners", "title": "Births per 1,000 inhabitants",
              "trend": {**trend, "first_value": 9.8, "last_value": 8.7, "rel_change": -0.11}}
    s = Writer("GM0193", "Zwolle", "en").indicator(births, "trend")
    assert "from 9.8 in 2018 to 8.7 in 2025" in s.text, s.text

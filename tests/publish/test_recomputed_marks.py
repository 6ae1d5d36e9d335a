"""A figure per 1 000 Stadstrends divided from CBS's rounded count is marked where the report
prints it (real snapshot, Leeuwarden).

83648NED gives no thefts per 1 000 for a municipality-year with few thefts; the build divides
CBS's count (rounded to fives) by the inhabitants there (``recomputed_cells``,
:mod:`stadstrends.indicators.fallback`). Leeuwarden's thefts of 2010-2013 and 2015-2017 are
such quotients (a small part merged into today's Leeuwarden had no published rate), so its
table prints '41,6*°' for 2010 with the legend '° berekend uit het afgeronde aantal: het CBS
publiceert geen cijfer per 1 000 inwoners', its caption names the years and its safety
sentence says it in a note after it, naming the years. Before, nothing marked them.

Vlieland's crimes per 1 000 (CBS publishes no rate for it): the level clause reads '39,8 in
2024 (voorlopig).', the year beside its figure, and the note follows the sentence; before,
'39,8 (voorlopig; berekend uit het afgeronde aantal: het CBS publiceert geen cijfer per 1 000
inwoners) in 2024'.
"""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from stadstrends.publish.harmonised import marked_years
from stadstrends.publish.report import builder
from tests.publish.city_contexts import (
    city_contexts,
    city_points,
    indicator_figure,
    series_tables,
    table_marks,
)

CITY, THEFTS = "GM0080", "thefts_per_1000"
WORD = {"nl": "berekend door Stadstrends uit het aantal: het CBS publiceert geen cijfer per "
              "1 000 inwoners",
        "en": "computed by Stadstrends from the count: CBS publishes no figure per 1,000 "
              "inhabitants"}
CAPTION = {"nl": "Berekend door Stadstrends uit het aantal",
           "en": "Computed by Stadstrends from the count"}


@pytest.fixture(scope="module")
def contexts(warehouse_path):
    return city_contexts(warehouse_path, [CITY], ["nl", "en"])


def test_leeuwardens_thefts_are_quotients_of_the_rounded_count(wh):
    """The premise: seven of Leeuwarden's theft years are recomputed, none after 2017."""
    years = marked_years(wh, CITY, "recomputed")
    assert years[THEFTS] == {2010, 2011, 2012, 2013, 2015, 2016, 2017}
    assert "crimes_per_1000" not in years
    assert marked_years(wh, "GM0088", "recomputed")["crimes_per_1000"] >= set(range(2010, 2025))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_series_table_marks_them_with_a_legend(contexts, wh, lang):
    data, ctx = contexts[CITY, lang]
    quotients = marked_years(wh, CITY, "recomputed")
    seen = table_marks(data, ctx, lang, quotients, "°", f"° {WORD[lang]}")
    years = sorted(quotients.get(THEFTS, ()))
    for fig in series_tables(ctx):
        if seen[fig["id"]]:
            assert CAPTION[lang] in fig["caption"]
            assert data.catalogue[THEFTS][f"title_{lang}"] in fig["caption"].split(
                CAPTION[lang])[1] and years
        else:
            assert CAPTION[lang] not in fig["caption"]
    assert sum(seen.values()) == 7
    html = builder.render("city.html.j2", ctx, pdf=False).replace("\xa0", " ")  # '1 000'
    assert f'<p class="note table-note">{escape("° " + WORD[lang])}</p>' in html


#: the note after a sentence citing such figures (years, then the reason), not a bracket
#: between a figure and its year
NOTE = {"nl": r"(?:Het cijfer|De cijfers) van ([\d–, en]+) (?:is|zijn) berekend door "
              r"Stadstrends uit (?:het aantal|de aantallen); het CBS publiceert geen cijfer per "
              r"1 000 inwoners\.",
        "en": r"The figures? of ([\d–, and]+) (?:is|are) computed by Stadstrends from the "
              r"counts?; CBS publishes no figure per 1,000 inhabitants\."}


def noted_years(text: str, lang: str) -> set[int]:
    """The years a sentence's note names as divided from the rounded count ('2015–2017')."""
    found = re.findall(NOTE[lang], text)
    assert len(found) <= 1, text
    years: set[int] = set()
    for part in re.split(r", | en | and ", found[0]) if found else []:
        a, _, b = part.partition("–")
        years |= set(range(int(a), int(b or a) + 1))
    return years


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_sentence_and_tooltip_say_it(contexts, lang):
    data, ctx = contexts[CITY, lang]
    title = data.catalogue[THEFTS][f"title_{lang}"]
    sentences = [s for d in ctx["domains"] for s in d.get("sentences", [])
                 if s.text.startswith(title)]
    assert sentences
    for s in sentences:  # the note names exactly the recomputed years the sentence cites
        cited = {c.year for c in s.cites if c.field == "value" and c.region_code == CITY}
        assert noted_years(s.text, lang) == cited & {2010, 2011, 2012, 2013, 2015, 2016,
                                                     2017}, s.text
        assert WORD[lang] not in s.text  # no long bracket inside the sentence
    assert any(noted_years(s.text, lang) for s in sentences)
    rows = city_points(indicator_figure(ctx, title), data.name)
    flagged = {r["year"] for r in rows if WORD[lang] in r["who"]}
    assert flagged and flagged <= {2010, 2011, 2012, 2013, 2015, 2016, 2017}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_nederland_without_its_rejected_members_says_so(contexts, lang):
    """Nederland's social housing share is Stadstrends' sum over the municipalities without
    Ameland, Koggenland, Opmeer, Renswoude and Voorne aan Zee (2012-2024) and Terschelling
    (2016-2017): its table cells, tooltip and caption say so (Leeuwarden's report shows
    the indicator in the tweedeling only; its panel is built here as a domain would)."""
    from stadstrends.publish.report.panels import panel, panel_notes, series_table

    data, _ = contexts[CITY, lang]
    without = {"nl": "zonder", "en": "without"}[lang]
    ids = ["social_housing_share", "population"]
    table = series_table(data, ids, lang)
    nl_col = table["columns"].index(table["columns"][-1])
    left = data.nl_left_out["social_housing_share"]
    for row in table["rows"]:
        said = f"({without} " in str(row[nl_col])
        social = row[0].startswith(data.catalogue["social_housing_share"][f"title_{lang}"])
        assert said == (social and row[1] in left and row[nl_col] != "–"), row
        if said:
            assert "Ameland" in row[nl_col] and "Voorne aan Zee" in row[nl_col]
            assert ("Terschelling" in row[nl_col]) == (row[1] in (2016, 2017))
    assert any(f"({without} " in str(r[nl_col]) for r in table["rows"])
    caption = panel_notes(data, ids, lang)
    assert "Koggenland, Opmeer, Renswoude" in caption and "Terschelling (2016" in caption
    p = panel(data, "social_housing_share", lang)
    assert p.nl_notes[2024].startswith(without) and "Terschelling" not in p.nl_notes[2024]
    assert not panel(data, "population", lang).nl_notes


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_map_table_marks_the_other_members_figures(contexts, wh, lang):
    """Leeuwarden's safety map (crimes per 1 000 in Noord-Friesland, 2024): CBS publishes no
    rate for Schiermonnikoog (20,6°) and Vlieland (39,8°); the table marks them with the
    legend, and the members with CBS's rate stay bare."""
    data, ctx = contexts[CITY, lang]
    fig = next(f for d in ctx["domains"] for f in d["figures"] if f["id"] == "fig-map-safety")
    year = int(fig["table"]["columns"][1].rsplit(", ", 1)[1])
    codes = {m["name"]: m["code"] for m in data.members}
    quotients = {c for c, in wh.execute(
        "SELECT region_code FROM recomputed_cells WHERE indicator_id = 'crimes_per_1000' "
        "AND year = ?", [year]).fetchall()}
    marked = {name for name, cell in fig["table"]["rows"] if "°" in cell.split(" (")[0]}
    assert marked == {n for n, c in codes.items() if c in quotients}
    assert {"Schiermonnikoog", "Vlieland"} <= marked
    assert fig["table"]["notes"] == [f"° {WORD[lang]}"]
    assert fig["caption"].endswith(
        {"nl": ": Schiermonnikoog en Vlieland.", "en": ": Schiermonnikoog and Vlieland."}[lang])
    assert CAPTION[lang] in fig["caption"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_vlielands_crimes_give_the_year_beside_the_figure(warehouse_path, wh, lang):
    """The level clause of Vlieland's crimes per 1 000 (2024, provisional, recomputed) reads
    '<figure> in 2024 (voorlopig).' and the note after the sentence names 2024."""
    data, ctx = city_contexts(warehouse_path, ["GM0096"], [lang])["GM0096", lang]
    title = data.catalogue["crimes_per_1000"][f"title_{lang}"]
    quotients = marked_years(wh, "GM0096", "recomputed")["crimes_per_1000"]
    sentences = [s for d in ctx["domains"] for s in d.get("sentences", [])
                 if s.text.startswith(title + ":")]
    assert sentences
    for s in sentences:
        level = s.text.split(". ")[0]
        year = int(re.search(r" in (\d{4})", level).group(1))
        assert year in quotients
        assert re.fullmatch(rf"{re.escape(title)}: [\d.,]+ in {year}"
                            rf"(?: \((?:voorlopig|provisional)\))?", level), level
        assert year in noted_years(s.text, lang)
        assert WORD[lang] not in s.text

"""A change between two CBS tables says so (:mod:`stadstrends.publish.sentence_tables`):
Vlieland's report said 'Aandeel 75-plussers 2017-2024: van 7,5% (voorlopig) in 2017 naar
10,0% in 2024 (+2,5 procentpunt)' with 2017 from the Gemeentefonds table 60039fvw and 2024
from 85383NED, tables the catalogue declares one series (``continuous_sources``); a change
across tables that are not one series is never stated (the trend is cut there). The sentence
says it without table ids ('2017 en 2024 uit twee CBS-tabellen met dezelfde definitie'):
the report's table of used indicators names both tables (and a panel's caption, which year
from which: tests/publish/test_panel_tables.py); before, '2017 uit CBS-tabel 60039fvw, 2024
uit 85383NED' stood in the running text.
"""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report.data import fact
from stadstrends.publish.report.sections import accountability
from stadstrends.publish.sentence_tables import switched
from tests.publish.loaded import kept_city

CODES = ["GM0096", "GM0193", "GM0344"]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("code", CODES)
def test_a_change_across_two_tables_names_both(wh, code, lang) -> None:
    data = kept_city(wh, code).in_language(lang)
    w = data.writer(lang)
    cont = {r[0]: {t.lower() for t in (r[1] or ())} for r in wh.execute(
        "SELECT indicator_id, continuous_sources FROM indicators").fetchall()}
    used = accountability(data, lang)["indicators"]["rows"]
    seen = 0
    for ind, tr in data.trends.items():
        if not tr or not tr.get("first_year"):
            continue
        tables = data.tables.get(ind, {})
        a, b = switched(tables.get(int(tr["first_year"])), tables.get(int(tr["last_year"])))
        if not a or not b:  # the same table(s) or one shared: no tables named
            said = w.indicator(fact(data, ind, lang)).text
            assert not re.search(r"\d{4} (uit CBS-tabel|from CBS table) ", said), (ind, said)
            continue
        # the figure's source changed: the years share no table
        seen += 1  # two tables: declared one series, and the sentence names them
        assert {x.lower() for x in a + b} <= cont[ind], (ind, a, b)
        said = w.indicator(fact(data, ind, lang)).text
        words = {"nl": f"{int(tr['first_year'])} en {int(tr['last_year'])} uit twee "
                       "CBS-tabellen met dezelfde definitie",
                 "en": f"{int(tr['first_year'])} and {int(tr['last_year'])} from two CBS "
                       "tables with the same definition"}[lang]
        assert words in said, (ind, said)
        # no ids in the change's words; the missing years' bracket names the table CBS left
        # empty ('2018–2022 ontbreken in CBS-tabel 60039fvw')
        running = re.sub(r"\([^()]*(ontbre|missing from)[^()]*\)", "", said)
        assert not any(x in running for x in a + b), (ind, said)
        # the report still names both: its table of used indicators (source column)
        row = next(r for r in used if r[0] == data.catalogue[ind][f"title_{lang}"])
        assert all(x.lower() in str(row[2]).lower() for x in a + b), (ind, row)
    assert seen or code == "GM0344"


def test_vlieland_75_plus_says_two_tables_and_why_3_years(wh) -> None:
    """Vlieland's share of 75-plussers 2017-2024: 3 years with figures, as 60039fvw has no
    age figures for 2018-2022 (stored: missing_in_source); the sentence says why, briefly."""
    data = kept_city(wh, "GM0096").in_language("nl")
    said = data.writer("nl").indicator(fact(data, "share_age_75_plus", "nl")).text
    assert {(int(y), r) for y, r in wh.execute(
        "SELECT year, reason FROM indicator_gaps WHERE region_code = 'GM0096' "
        "AND indicator_id = 'share_age_75_plus' AND year BETWEEN 2017 AND 2024").fetchall()} \
        == {(y, "missing_in_source") for y in range(2018, 2023)}
    assert ("van 7,5% in 2017 naar 10,0% in 2024 (+2,5 procentpunt; 2017 en "
            "2024 uit twee CBS-tabellen met dezelfde definitie), te weinig jaren voor een "
            "toets (3 jaren met cijfers; 2018–2022 ontbreken in CBS-tabel 60039fvw)") in said, said
    # the table named is the one the catalogue reads in those years
    assert {t for (t,) in wh.execute(
        "SELECT DISTINCT tables FROM indicator_sources WHERE indicator_id = 'share_age_75_plus' "
        "AND year BETWEEN 2018 AND 2022").fetchall()} == {"60039fvw"}
    assert said.count("60039fvw") == 1 and "85383NED" not in said  # the change names none


def test_a_shared_table_is_no_switch_of_the_figures_source() -> None:
    """crimes_per_1000 stores '37259eng, 83648NED' (CBS's rate from 83648NED, the
    inhabitants that weigh it from 37259eng): in 2024 '03759ned, 83648NED'. The rate came
    from 83648NED both years; naming only the weight's switch said the figure came from
    37259eng. A table both years share: no switch named."""
    assert switched("37259eng, 83648NED", "03759ned, 83648NED") == ([], [])
    assert switched("37259eng, 83648NED", "37259eng, 83648NED") == ([], [])
    assert switched("60039fvw", "85383NED") == (["60039fvw"], ["85383NED"])
    assert switched("84783NED, 37259eng", "85005NED, 03759ned") == (
        ["84783NED", "37259eng"], ["85005NED", "03759ned"])
    assert switched(None, "85383NED") == ([], [])


@pytest.mark.parametrize("code", ["GM0193", "GM0096"])
def test_zwolle_crimes_name_no_table_but_population_names_both(wh, code) -> None:
    """Zwolle's and Vlieland's registered crimes 2017-2024: CBS's own rate of 83648NED in
    both years (the population that weighs it after a merger is no source of theirs, which
    changed no boundary): no tables named. Their population 2019-2026 itself switched
    tables: both named."""
    data = kept_city(wh, code).in_language("nl")
    w = data.writer("nl")
    assert data.tables["crimes_per_1000"][2017] == "83648NED"
    assert data.tables["crimes_per_1000"][2024] == "83648NED"
    for ind in ("crimes_per_1000", "thefts_per_1000"):
        said = w.indicator(fact(data, ind, "nl")).text
        assert "CBS-tabel" not in said and "2017–2024" in said, said
    said = w.indicator(fact(data, "population", "nl")).text
    assert "2019 en 2026 uit twee CBS-tabellen met dezelfde definitie)" in said, said


@pytest.mark.parametrize(("code", "lang", "words"), [
    ("GM0193", "nl", "(3 jaren met cijfers; 2020–2022 niet in het deel van CBS-tabel "
                     "60039fvw dat Stadstrends heeft)"),
    ("GM0299", "en", "(3 years with figures; 2020–2022 not in the Stadstrends copy of CBS "
                     "table 60039fvw)")])
def test_years_missing_from_a_cut_copy_name_its_table(wh, code, lang, words) -> None:
    """Zwolle's and Zevenaar's share of 65-plussers 2019-2024: 2020-2022 are not in the
    snapshot's copy of 60039fvw, cut before them (stored: table_cut / table_cut_within, the
    table in reason_detail); the bracket names that table, as it names the table CBS left
    empty, not 'de CBS-tabel'."""
    stored = wh.execute(
        "SELECT DISTINCT reason, reason_detail FROM indicator_gaps WHERE region_code = ? "
        "AND indicator_id = 'share_age_65_plus' AND year BETWEEN 2020 AND 2022",
        [code]).fetchall()
    assert stored and {r for r, _ in stored} <= {"table_cut", "table_cut_within"}, stored
    assert {d for _, d in stored} == {"60039fvw"}, stored
    data = kept_city(wh, code).in_language(lang)
    said = " ".join(data.writer(lang).indicator(
        fact(data, "share_age_65_plus", lang)).text.split())
    assert words in said, said

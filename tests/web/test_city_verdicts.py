"""A city page's tile judges, colours and marks its figure as the report does
(:mod:`stadstrends.publish.web.tile_verdict`): 3 144 tiles whose trend has too few figures for
a test said 'geen significante verandering' (a test that was never done) where the report says
'te weinig jaren voor een toets (4 jaren met cijfers)'; tiles without a trend gave one reason
for all; the latest figure's 'voorlopig' and 'verouderd' were missing; '→' stood on tiles
without a verdict; an older figure stood as the latest without the report's reason why the
newer ones are missing."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.read import build_info, fresh_from
from stadstrends.publish.report.data import fact
from stadstrends.publish.report.gap_words import indicator_reasons
from stadstrends.publish.report.panels import trend_label
from stadstrends.publish.sentence_verdicts import steps_only
from stadstrends.publish.sentence_words import WORDS
from stadstrends.vocabulary import word
from tests.publish.loaded import connect, kept_city

HTML = {"accept": "text/html"}
#: municipalities of different kinds: G4, a provincial capital, the smallest island, a G40
#: city with a series break in its households, a rural merger with an abrupt change
AUDITED = ["GM0344", "GM0193", "GM0096", "GM0794", "GM1911"]


def _tiles(client, code: str, lang: str = "nl") -> dict[str, dict]:
    page = client.get(f"/gemeente/{code}?format=json&lang={lang}").json()
    return {x["indicator_id"]: x for d in page["domains"] for x in d["tiles"]}


def _said(con, code: str, lang: str) -> tuple:
    """The report's facts of ``code`` in ``lang`` and its writer."""
    data = kept_city(con, code).in_language(lang)
    return data, data.writer(lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_trend_on_too_few_years_says_so_as_the_report(client, wh, lang) -> None:
    """Vlieland's share of 65-plussers has figures for 2017, 2019, 2023 and 2024: the report
    says too few years to test, the tile said 'geen significante verandering'; the report
    also says why the other years are missing."""
    data, w = _said(wh, "GM0096", lang)
    said = w.indicator(fact(data, "share_age_65_plus", lang)).text
    words = {"nl": "te weinig jaren voor een toets (4 jaren met cijfers)",
             "en": "too few years to test (4 years with figures)"}[lang]
    # the report adds why the other years are missing (their stored reason, indicator_gaps)
    why = {"nl": "; 2018, 2020–2022 ontbreken in CBS-tabel 60039fvw)",
           "en": "; 2018, 2020–2022 missing from CBS table 60039fvw)"}[lang]
    assert words[:-1] + why in said, said
    x = _tiles(client, "GM0096", lang)["share_age_65_plus"]
    assert x["status"] == "indicative" and x["status_text"] == words, x
    assert x["arrow"] == "" and x["change"].startswith("+2"), x
    # its 2017 figure (60039fvw) is final, as 37259eng's count: no mark in either, where
    # both said 'van 18,9% (voorlopig) in 2017', '(2017, voorlopig)'
    assert f"({WORDS[lang]['provisional']}) in 2017" not in said and " in 2017 " in said
    assert not x["change"].endswith(")"), x
    text = client.get(f"/gemeente/GM0096?lang={lang}", headers=HTML).text
    assert "st-indicative" in text and words in text


def test_every_trend_on_too_few_years_says_so(client, wh) -> None:
    """Over all 342 municipalities 3 144 trends have fewer figures than a test needs (27
    indicators); one municipality per indicator: the tile gives the report's words with its
    number of years, grey, no arrow."""
    fresh = fresh_from(build_info(wh))
    # per indicator a municipality whose latest figure is fresh (an out-of-date one is
    # grey without verdict by design: test_city_stale_tiles), else the first
    rows = wh.execute("""
        WITH latest AS (SELECT region_code, indicator_id, max(year) AS y FROM indicator_values
                        WHERE value IS NOT NULL GROUP BY ALL)
        SELECT t.indicator_id, coalesce(min(t.region_code) FILTER (l.y >= $1),
                                        min(t.region_code)) AS code, count(*) AS n
        FROM trends t JOIN current_municipalities USING (region_code)
        JOIN indicators i USING (indicator_id) JOIN latest l USING (region_code, indicator_id)
        WHERE t.indicative AND NOT i.projection GROUP BY 1 ORDER BY 1""", [fresh]).fetchall()
    assert sum(n for *_, n in rows) >= 3000 and len(rows) >= 20
    seen = stale = 0
    for ind, code, _ in rows:
        x = _tiles(client, code)[ind]
        if x["status"] == "stale":  # only where no municipality has a fresh figure
            assert x["arrow"] == "" and x["position"] is None, (code, ind, x)
            stale += 1
            continue
        if x["jump"]:  # over an abrupt change: the trend the report leads with
            continue
        n = wh.execute("SELECT n_points FROM trends WHERE region_code = ? AND indicator_id = ?",
                       [code, ind]).fetchone()[0]
        assert x["status"] == "indicative", (code, ind, x)
        # after a series break the report's '; eerdere jaren zijn niet vergelijkbaar'
        assert x["status_text"].split(";")[0] == WORDS["nl"]["indicative"].format(n=n), (
            code, ind, x)
        assert x["arrow"] == "", (code, ind, x)
        seen += 1
    # 18 indicators with a fresh tile; the rest out of date everywhere or over a jump
    assert seen >= 15 and seen + stale >= 20, (seen, stale)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_trend_says_why_as_the_reports_panel(client, wh, lang) -> None:
    """Helmond's households have figures for 2024 after a series break only: the report's
    panel says 'na reeksbreuk 2024: te weinig jaren', the tile said 'te weinig recente,
    vergelijkbare jaren' as for every series without a trend."""
    data, _ = _said(wh, "GM0794", lang)
    why = trend_label(None, lang, data.untested.get("households"))
    assert "2024" in why, why
    x = _tiles(client, "GM0794", lang)["households"]
    assert x["status"] == "none" and x["status_text"].endswith(f"({why})"), x
    assert x["arrow"] == ""


def _provisional_noted(w, ind: str, said: str) -> bool:
    """Whether ``said`` carries the note that all its figures are provisional (the language
    file's ``provisional_why_<indicator>``): its figures then carry no mark of their own."""
    note = w.words.get(f"provisional_why_{ind}")
    return bool(note) and " ".join(note.split()[:4]) in said


@pytest.mark.parametrize("code", AUDITED)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_tiles_mark_their_figures_as_the_report(client, warehouse_path, code, lang) -> None:
    """Each tile's latest figure is 'voorlopig' and 'verouderd' where the report's sentence
    says so after that figure and year, and its change names a provisional first figure as the
    sentence does ('van 10,2% (voorlopig) in 2017'); its year is a year the sentence names."""
    with connect(warehouse_path) as con:
        data, w = _said(con, code, lang)
    prov, stale = WORDS[lang]["provisional"], WORDS[lang]["stale"]
    marked = {"prov": 0, "stale": 0, "first": 0}
    for ind, x in _tiles(client, code, lang).items():
        f = fact(data, ind, lang)
        said = w.indicator(f).text
        year, marks = x["year"], x.get("marks", [])
        assert str(year) in said, (ind, year, said)
        # 'voorlopig' alone or with 'omgerekend' in one bracket: '(voorlopig, omgerekend ...)',
        # before the year in a trend ('naar 4,0 (voorlopig) in 2024'), after it in a level
        # clause ('39,8 in 2024 (voorlopig).')
        # or once, by the note after the sentence ('Dit zijn voorlopige cijfers ...', h51c)
        noted = _provisional_noted(w, ind, said)
        assert (prov in marks) == bool(
            re.search(rf"\({prov}(?:, [^)]*)?\) in {year}\b", said)
            or re.search(rf"\bin {year} \({prov}[,)]", said) or noted), (ind, marks, said)
        # 'in 2017 (verouderd)', with the change in the same bracket: '(verouderd; +3,4%)', or
        # after 'voorlopig' in a level clause: 'in 2017 (voorlopig, verouderd)' (h49e: marks
        # in the words file's one form; the change beside a mark keeps its ';')
        said_stale = bool(re.search(rf"\bin {year} \((?:{prov}, )?{stale}[;,)]", said))
        assert (stale in marks) == said_stale, (ind, marks, said)
        marked["prov"] += prov in marks
        marked["stale"] += stale in marks
        if x["change"]:
            first = int(x["spark_first"])
            says = bool(re.search(rf"\({prov}(?:, [^)]*)?\) in {first}\b", said)) or noted
            assert (f"({first}, {prov}" in x["change"]) == says, (ind, x["change"], said)
            marked["first"] += says
    assert sum(marked.values()) >= 1, marked  # each of the five has a marked figure
    text = client.get(f"/gemeente/{code}?lang={lang}", headers=HTML).text
    if marked["stale"]:
        assert f", {stale})</span>" in text


@pytest.mark.parametrize("code", AUDITED)
def test_colour_and_arrow_follow_the_reports_verdict(client, warehouse_path, code) -> None:
    """A tile is coloured exactly when the report's sentence gives a significant rise or fall
    as the verdict it leads with; it has an arrow exactly when a test gave a verdict ('→':
    no significant change, not 'too few years' or 'no trend')."""
    with connect(warehouse_path) as con:
        data, w = _said(con, code, "nl")
        fresh = fresh_from(build_info(con))
    assert fresh is not None
    words = WORDS["nl"]
    for ind, x in _tiles(client, code).items():
        f = fact(data, ind, "nl")
        lead = w.indicator(f).text.split(". ")[0]  # the trend clause the report leads with
        if int(x["year"]) < fresh:  # out of date: grey, no verdict, arrow or place, whatever
            # the report's sentence says ('Grijze druk 2010-2017: ... een significante
            # stijging'); test_city_stale_tiles
            assert x["status"] == "stale" and x["arrow"] == "" and x["position"] is None, (
                ind, x)
            assert x["status_text"].startswith(f"verouderd cijfer (van vóór {fresh})"), x
            continue
        assert x["status"] != "stale", (ind, x)
        significant = f.get("trend") is not None and (words["rise"] in lead or
                                                       words["fall"] in lead)
        coloured = x["status"] in ("improving", "worsening", "neutral")
        assert coloured == significant, (ind, x["status"], lead)
        # not tested for too few distinct (rounded) values: the report's 'niet getoetst'
        steps = steps_only(f.get("trend"), data.settings.min_distinct_values)
        tested = x["status"] in ("improving", "worsening", "neutral", "stable") and not steps
        assert bool(x["arrow"]) == tested, (ind, x["status"], x["arrow"])
        if x["status"] == "stable" and not steps:
            assert words["none"] in lead, (ind, lead)
        if steps:
            # the sentence's words why, not the panel's bare 'niet getoetst, afgerond'
            assert x["status_text"].startswith("niet getoetst: ") and x["status_text"] in lead


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_values_missing_after_the_latest_figure_say_why(client, wh, lang) -> None:
    """Vlieland's share of 85-plussers stops in 2017: the report's 'Wat ontbreekt' says the
    source lacks 2018-2023; its share of 0-14 year olds stops in 2019 and 2024 is cut from the
    snapshot's copy of 85984NED, 2020-2023 are read from no CBS table. The tiles showed 2017
    and 2019 as if they were the newest."""
    data, _ = _said(wh, "GM0096", lang)
    tiles = _tiles(client, "GM0096", lang)
    old, young = tiles["share_age_85_plus"], tiles["share_age_0_14"]
    why_old = indicator_reasons(data, "share_age_85_plus", lang)
    why_young = indicator_reasons(data, "share_age_0_14", lang)
    assert old.get("missing") == [{"nl": "Geen cijfer voor 2018–2023: {}.",
                                   "en": "No figure for 2018–2023: {}."}[lang].format(
                                       why_old[0])], old
    # 2020-2023: the indicator reads them from no CBS table (stored since schema 22; the tile
    # named only 2024 before, leaving 2020-2023 without a word)
    assert len(young.get("missing", [])) == 2 and "85984NED" in young["missing"][1], young
    assert young["missing"][0] == {"nl": "Geen cijfer voor 2020–2023: {}.",
                                   "en": "No figure for 2020–2023: {}."}[lang].format(
        word(lang, "reasons", "no_source_for_years")), young
    assert any(young["missing"][1].endswith(f"2024: {w}.") for w in why_young), young
    text = client.get(f"/gemeente/GM0096?lang={lang}", headers=HTML).text
    # the page keeps a range's years on one line by a span (publish/nowrap.py)
    text = re.sub(r'<span class="nowrap(?: name)?">([^<]*)</span>', r"\1", text)
    assert f'<p class="pos gap-why">{old["missing"][0]}</p>' in text


@pytest.mark.parametrize("code", AUDITED)
def test_every_missing_note_is_the_reports(client, warehouse_path, code) -> None:
    """A tile names values missing after its latest figure exactly when the warehouse has
    such gaps (``indicator_gaps``), with their years and a reason the report gives for the
    indicator."""
    with connect(warehouse_path) as con:
        data, _ = _said(con, code, "nl")
        after = dict(con.execute("""
            SELECT g.indicator_id, list(DISTINCT g.year ORDER BY g.year) FROM indicator_gaps g
            JOIN (SELECT indicator_id, max(year) AS y FROM indicator_values
                  WHERE region_code = $1 AND value IS NOT NULL GROUP BY 1) v
              USING (indicator_id)
            WHERE g.region_code = $1 AND g.year > v.y GROUP BY 1""", [code]).fetchall())
    noted = 0
    for ind, x in _tiles(client, code).items():
        notes = x.get("missing", [])
        assert bool(notes) == (ind in after), (ind, notes, after.get(ind))
        reasons = indicator_reasons(data, ind, "nl")
        for note in notes:
            assert note.startswith("Geen cijfer voor ") and any(
                note.endswith(f": {r}.") for r in reasons), (ind, note, reasons)
            noted += 1
        if notes:
            named = " ".join(notes)
            assert all(str(y) in named or f"–{y}" in named for y in (after[ind][0],
                                                                     after[ind][-1])), named
    assert noted >= 1


@pytest.mark.parametrize("code", AUDITED)
def test_sparkline_never_joins_across_a_series_break(client, wh, code) -> None:
    """The report's panels never draw a line across a declared series break
    (``chart_panels.joined``); the tiles drew Helmond's households from 2023 across the
    break of 2024 (a tile without a trend shows its last 12 years), later as a line up to
    2023 and a dot for 2024 under the labels '2013 ... 2024'. A tile now shows the
    comparable years only, as the trend does: Helmond's households 2024 alone, its label
    saying why ('reeksbreuk vanaf 2024')."""
    breaks = dict(wh.execute("SELECT indicator_id, break_years FROM indicators").fetchall())
    tiles = _tiles(client, code)
    crossed = [(ind, b) for ind, x in tiles.items() for b in breaks.get(ind) or ()
               if x["spark_first"] < b <= x["spark_last"]]
    assert not crossed, crossed
    if code == "GM0794":
        x = tiles["households"]
        assert (x["spark_first"], x["spark_last"]) == (2024, 2024)
        assert x["spark"] == {"segments": [], "dots": [["108.0", "14.0"]]}
        assert "(reeksbreuk vanaf 2024)" in x["spark_label"], x["spark_label"]

"""The profile on the real snapshot says what the report says: the days the CBS tables were
read (the report's source list: 2022-09-23 to 2026-07-17; the profile said 'opgehaald op 17
juli 2026' for all) and the marks after a latest figure ('voorlopig', 'verouderd', which the
report's sentences and the dashboard's tiles print and the profile left out: Heerlen's grey
pressure '36,6 ... (2017)', the tile '(2017, voorlopig, verouderd)')."""

from __future__ import annotations

import re
from datetime import date

import pytest
from rich.console import Console

from stadstrends.publish.figure_notes import offset_note
from stadstrends.publish.format import fmt_date
from stadstrends.publish.profile import city_profile, render_profile
from stadstrends.publish.report.data import fact
from stadstrends.publish.report.sources import sources_table
from stadstrends.publish.sentence_signals import PROFILE
from stadstrends.publish.sentence_words import WORDS
from stadstrends.vocabulary import word
from tests.publish.loaded import kept_city

#: Heerlen (the reviewer's), a G4 city, the smallest island, a G40 city with a series break
CODES = ["GM0917", "GM0344", "GM0096", "GM0794"]
MONTHS = {fmt_date(date(2000, m, 1), "nl").split(" ")[1]: m for m in range(1, 13)}


def _text(profile: dict, lang: str) -> str:
    console = Console(record=True, width=400)  # no row wraps
    render_profile(profile, console, lang)
    return console.export_text()


def _report_day(cell: str) -> tuple[date, bool]:
    """A date cell of the report's source list ('23 september 2022', 'april 2025') as a
    day, and whether it is a month only."""
    *day, month, year = cell.split(" ")
    return date(int(year), MONTHS[month], int(day[0]) if day else 1), not day


def test_the_profile_names_the_first_and_last_day_of_the_report_s_source_list(wh) -> None:
    """... of the tables retrieved from CBS; those of a copy (the report's 'uiterlijk 23
    september 2022': kwb2019's commit on GitHub) the profile names apart (session 54)."""
    data = kept_city(wh, "GM0917").in_language("nl")
    cells = [row[2] for row in sources_table(data, "nl")["rows"] if row[2] != "–"]
    copied = sorted(_report_day(c.removeprefix("uiterlijk ")) for c in cells
                    if c.startswith("uiterlijk "))
    days = sorted(_report_day(c) for c in cells if not c.startswith("uiterlijk "))
    # six since 85173NED (session 57)
    assert len(copied) == city_profile(wh, "GM0917")["retrieved"]["copies"] == 6
    assert city_profile(wh, "GM0917")["retrieved"]["copied_first"] == copied[0][0].isoformat()
    assert len({d for d, _ in days}) > 1  # the snapshot's tables were read on several days
    first, last = days[0][0], days[-1][0]
    p = city_profile(wh, "GM0917")
    assert (p["retrieved"]["first"], p["retrieved"]["last"]) == (
        first.isoformat()[:7 if days[0][1] else 10], last.isoformat()[:7 if days[-1][1] else 10])
    month = fmt_date(first, "nl").split(" ", 1)[1]  # a documented month: 'april 2025'
    said = (f"CBS-cijfers opgehaald tussen {month if days[0][1] else fmt_date(first, 'nl')} en "
            f"{fmt_date(last, 'nl')} (de datum per tabel")
    assert said in _text(p, "nl")


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_profile_marks_its_figures_as_the_report(wh, code, lang) -> None:
    """Each indicator's latest figure in the profile's table is 'voorlopig' and 'verouderd'
    where the report's sentence says so after that figure and year, its trend's first
    figure 'voorlopig' where the sentence says so (as the tiles, tests/web/
    test_city_verdicts.py); a small base as the sentence gives it."""
    data = kept_city(wh, code).in_language(lang)
    w = data.writer(lang)
    prov, stale = WORDS[lang]["provisional"], WORDS[lang]["stale"]
    profile = city_profile(wh, code, lang=lang)
    text = _text(profile, lang)
    marked = {"prov": 0, "stale": 0, "first": 0}
    for dom in profile["domains"]:
        for ind in dom["indicators"]:
            if ind.get("projection") or ind["indicator_id"] not in data.catalogue:
                continue
            said = w.indicator(fact(data, ind["indicator_id"], lang)).text
            year = ind["year"]
            if str(year) not in said:  # the report leads with another year (after a jump)
                continue
            # or once, by the note after the sentence ('Dit zijn voorlopige cijfers ...', h51c)
            why = w.words.get(f"provisional_why_{ind['indicator_id']}")
            noted = bool(why) and " ".join(why.split()[:4]) in said
            marks = [m for m, says in (
                # '(voorlopig) in 2024', '(voorlopig, berekend uit ongeveer 50 ...) in 2024'
                (prov, noted or re.search(rf"\({prov}(, [^()]*)?\) in {year}", said)
                 is not None),
                # ('verouderd; +9,4%': the mark and the change beside it, delta_stale)
                (stale, any(f"in {year} ({stale}{e}" in said for e in (")", ",", ";"))))
                if says]
            # a small base, as the sentence: '(voorlopig, berekend uit ongeveer 50 ...)'
            base = re.search(rf"\((?:{prov}, )?((?:berekend uit|calculated from) [^()]*)\) "
                             rf"in {year}", said) or re.search(  # a trend's: after the year
                rf"(?:in|to) {year} \([^()]*; ((?:berekend uit|calculated from) [^()]*)\)", said)
            if base and base.group(1) in (WORDS[lang]["coarse_short"],
                                          WORDS[lang]["rounded_zero_short"]):
                base = None  # the coarse count's mark, not a small base
            # a stock on 31 December shown at the next year (payment arrears): the day, which
            # the sentence says too ('2024 is 31 december 2023')
            moved = offset_note("mark", data.catalogue[ind["indicator_id"]].get("year_offset"),
                                lang, year)
            assert " ".join(moved.split()[-3:]) in said
            # in the table the year carries the mark a line below it explains ('2024¹' and
            # '¹ De cijfers van 2024 zijn de stand op 31 december 2023 ...': four lines of the
            # cell at 80 columns before)
            mark = PROFILE[lang]["offset_mark"] if moved else ""
            if moved:
                note = offset_note("one", data.catalogue[ind["indicator_id"]]["year_offset"],
                                   lang, year)
                assert f"{mark} {note}" in " ".join(text.split()), note
            # a figure on a count CBS rounds coarsely (session 47): the sentence and the table
            # say it after each such figure: compared without it
            coarse = WORDS[lang]["coarse_short"]
            shown = ", ".join([f"{year}{mark}", *marks, *([base.group(1)] if base else [])])
            title = ind.get(f"title_{lang}") or ind["title_nl"]
            line = next((x for x in text.splitlines() if x.startswith(title + " ")), None)
            if line is None:  # not one of the domain's shown rows
                continue
            for said_after in (coarse, WORDS[lang]["recomputed_short"],  # the sentence notes
                               WORDS[lang]["rounded_zero_short"],  # these after it (h49e),
                               WORDS[lang]["recomputed_coarse_short"],  # two in one (h50l)
                               WORDS[lang]["recomputed_zero_short"],
                               word(lang, "report", "survey_brief_all"),  # a sample
                               word(lang, "report", "survey_brief")):  # (s. 52, 53)
                line = line.replace(f", {said_after})", ")")
            assert f"({shown})" in line, (ind["indicator_id"], shown, line, said)
            marked["prov"] += prov in marks
            marked["stale"] += stale in marks
            first = ind.get("first_year")
            if stale in marks:  # no trend shown for it (tests/publish/test_profile_stale_trend)
                assert f"{first} ({prov})" not in line.split("│")[2], line
            elif first is not None and ind.get("classification") not in (
                    None, "no significant change", "not tested") and str(first) in said:
                # the trend's first figure: '... sinds 2010 (voorlopig)' as 'van 30,8 per
                # 100 inwoners van 20-64 jaar (voorlopig) in 2010' (grey pressure)
                says = f"({prov}) in {first}" in said or noted
                assert (f"{first} ({prov})" in line) == says, (ind["indicator_id"], line, said)
                marked["first"] += says
    if code == "GM0917":  # grey pressure 2017 both (out of date: no trend from 2010); the
        # safety survey 2019 stale
        assert marked["prov"] >= 1 and marked["stale"] >= 3, marked


def test_english_signal_sentences_use_english_titles(wh) -> None:
    """The ``signals`` view had no ``title_en``: a signal row worded in English fell back to
    its Dutch title ('Aandeel 85-plussers: city …'). Every row of the view carries the
    catalogue's English title, and the English signal sentences of cities with a divide
    signal begin with an English title, never a Dutch one."""
    from stadstrends.publish.sentence_signals import signal_sentence

    assert wh.execute("""SELECT count(*) FROM signals s JOIN indicators i USING (indicator_id)
                         WHERE s.title_en IS DISTINCT FROM i.title_en""").fetchone()[0] == 0
    dutch = [t for (t,) in wh.execute(
        "SELECT title_nl FROM indicators WHERE title_nl <> title_en").fetchall()]
    rows = wh.execute("""SELECT * FROM signals WHERE indicator_id = 'share_age_85_plus'
                         AND kind LIKE 'gap%' ORDER BY region_code LIMIT 1""").df()
    assert len(rows) == 1  # Almere's ageing divide, on the snapshot
    said = signal_sentence(rows.iloc[0].to_dict(), None, "en")
    assert said.startswith("Share of inhabitants aged 85 and over: "), said
    codes = [c for (c,) in wh.execute("""SELECT DISTINCT region_code FROM signals
        WHERE kind LIKE 'gap%' ORDER BY 1 LIMIT 8""").fetchall()]
    texts = [sig["text_en"] for c in codes for o in city_profile(wh, c, lang="en")["opgaven"]
             for sig in o["top_signals"]]
    assert texts and not [t for t in texts if t.startswith(tuple(dutch))]


def test_an_out_of_date_figure_has_no_place_in_the_group(wh) -> None:
    """Zwolle's safety figures of 2019 (out of date) had '28/39 (med. 35,1%)' in the profile
    while their grey tile shows no place: '–' in the place column, as the tile."""
    profile = city_profile(wh, "GM0193", lang="nl")
    text = _text(profile, "nl")
    stale = [x for x in text.splitlines() if "verouderd)" in x and "│" in x]
    assert stale, text
    for line in stale:
        place = line.split("│")[3].strip()
        assert place in ("", "–"), line

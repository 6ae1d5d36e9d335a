"""A stock CBS counts on 31 December that the catalogue shows at the next year
(``year_offset: 1``: payment arrears, CBS table 81064ned 'regio per 31 december') says so
wherever the report shows it (:func:`stadstrends.publish.figure_notes.offset_note`): the
report printed Kerkrade's '17,9 in 2024', CBS's period 2023, and nothing said which day it
is."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish import figure_notes
from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city

MOVED = {"payment_arrears_share", "payment_arrears_per_1000"}


def test_offset_words_on_small_inputs() -> None:
    assert figure_notes.offset_note("one", 1, "nl", 2024) == (
        "De cijfers van 2024 zijn de stand op 31 december 2023 (CBS-periode 2023).")
    assert figure_notes.offset_note("many", 1, "en", 2024) == (
        "Each year stands for the situation on 31 December of the year before: 2024 is "
        "31 December 2023 (CBS period 2023).")
    assert figure_notes.offset_note("one", 0, "nl", 2024) == ""
    assert figure_notes.offset_note("many", None, "nl", 2024) == ""
    assert figure_notes.offset_caption([("A", 1), ("B", 0), ("C", 1)], 2020, "nl") == (
        "Stand op 31 december van het jaar ervoor: A en C (bij 2020 staat 31 december 2019, "
        "CBS-periode 2019).")
    assert figure_notes.offset_caption([("B", 0)], 2020, "nl") == ""
    assert figure_notes.offset_note("mark", 1, "nl", 2024) == "stand op 31 december 2023"
    assert figure_notes.offset_note("mark", 0, "en", 2024) == ""
    assert figure_notes.offset_note("general", 1, "nl") == (
        "Elk jaar staat voor de stand op 31 december van het jaar ervoor; het CBS vermeldt "
        "het cijfer bij dat jaar ervoor.")
    assert figure_notes.offset_note("general", None, "en") == ""


def test_the_warehouse_keeps_the_offset_and_it_is_cbs_period_minus_one(wh) -> None:
    """Only the payment arrears are moved, and their figure at 2024 is CBS's of period
    2023 (Kerkrade's share 2,1%): what the notes say."""
    moved = dict(wh.execute("SELECT indicator_id, year_offset FROM indicators "
                            "WHERE year_offset <> 0").fetchall())
    assert moved == dict.fromkeys(MOVED, 1)
    shown = dict(wh.execute("""SELECT year, value FROM indicator_values
        WHERE indicator_id = 'payment_arrears_share' AND region_code = 'GM0928'""").fetchall())
    cbs = dict(wh.execute("""SELECT year, value FROM raw_observations
        WHERE lower(table_id) = '81064ned' AND region_code = 'GM0928'
          AND measure = 'PersMetBetalingsachterstandRelatief_2'""").fetchall())
    assert shown[2024] == cbs[2023] == pytest.approx(2.1)
    assert {y: v for y, v in shown.items() if v is not None} == {
        y + 1: pytest.approx(v) for y, v in cbs.items() if v is not None}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_kerkrades_report_says_which_day_its_payment_arrears_are(wh, lang) -> None:
    data = kept_city(wh, "GM0928", None)
    ctx = builder.city_context(data, lang, None)
    day = {"nl": "31 december", "en": "31 December"}[lang]
    period = {"nl": "CBS-periode", "en": "CBS period"}[lang]
    said = [s for s in builder.collect_sentences(ctx) if s.indicator_id in MOVED]
    assert said  # the glance and the social domain both name them
    for s in said:
        last = max(int(y) for y in re.findall(r"\b(20\d\d)\b", s.text.split(day)[0]))
        assert f"{day} {last - 1} ({period} {last - 1})." in s.text, s.text
    for s in builder.collect_sentences(ctx):  # no other indicator gets the note
        assert s.indicator_id in MOVED or period not in s.text, s.text
    social = next(d for d in ctx["domains"] if d["domain"] == "social")
    caption = social["figures"][0]["caption"]  # the small multiples: the share is a panel
    title = data.catalogue["payment_arrears_share"][f"title_{lang}"]
    head = {"nl": "Stand op 31 december van het jaar ervoor",
            "en": "Situation on 31 December of the year before"}[lang]
    assert f"{head}: {title} (" in caption and f"{period} 2023)." in caption, caption
    moved = {"nl": "stand op 31 december van het jaar ervoor",
             "en": "situation on 31 December of the year before"}[lang]
    periods = {r[0]: r[-1] for r in ctx["acc"]["periods"]["rows"]}  # the indicator list
    for ind in MOVED:
        assert periods[data.catalogue[ind][f"title_{lang}"]] == f"2011–2024; {moved}"
    assert not [p for t, p in periods.items() if moved in p and "betal" not in t.lower()
                and "arrears" not in t.lower()]

"""Every place that prints a figure with its year marks it as the tiles and the profile's
table do ('(2023, voorlopig)', :func:`~stadstrends.publish.sentence_words.figure_marks`):
the profile's Kies richting lines and opgave bullets (CLI, API ``text_nl``, city page) and
the report's Kies 'Waarom' lines. Before, Oss's gas use read '940 m³ (2023)' beside a table
saying '(2023, voorlopig)'. Real snapshot."""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from stadstrends.publish.figure_notes import offset_note
from stadstrends.publish.harmonised import marked_years
from stadstrends.publish.profile import city_profile, render_profile
from stadstrends.publish.read import build_info, fresh_from
from stadstrends.publish.report.direction_words import why
from stadstrends.publish.rounding import coarse_years
from stadstrends.publish.sentence_words import WORDS
from stadstrends.vocabulary import word
from tests.publish.loaded import kept_city

#: a small municipality's sample figure, of every year shown (s. 53) or of the one
SURVEY = (word("nl", "report", "survey_brief_all"), word("nl", "report", "survey_brief"))

PROV, STALE = WORDS["nl"]["provisional"], WORDS["nl"]["stale"]
#: Oss (the reviewer's), Terschelling (an island), 's-Hertogenbosch (a G40 city)
CODES = ["GM0828", "GM0093", "GM0796"]


def _provisional(wh, code: str) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for ind, year in wh.execute("SELECT indicator_id, year FROM indicator_values "
                                "WHERE region_code = ? AND provisional", [code]).fetchall():
        out.setdefault(ind, set()).add(int(year))
    return out


def _expected(year: int, provisional: set[int], fresh: int | None,
              recalculated: set[int] = frozenset(), recomputed: set[int] = frozenset(),
              offset: int | None = None, coarse: set[int] = frozenset()) -> str:
    marks = ([PROV] if year in provisional else []) + (
        [STALE] if fresh and year < fresh else []) + (
        [WORDS["nl"]["harmonised_short"]] if year in recalculated else []) + (
        [WORDS["nl"]["recomputed_short"]] if year in recomputed - coarse else []) + (
        [WORDS["nl"]["coarse_short"]] if year in coarse - recomputed else []) + (  # h49e
        # both: one mark, 'berekend' once (h50l)
        [WORDS["nl"]["recomputed_coarse_short"]] if year in coarse & recomputed else []) + (
        [offset_note("mark", offset, "nl", year)] if offset else [])  # payment arrears: the day
    return f"({', '.join([str(year), *marks])})"


@pytest.mark.parametrize("code", CODES)
def test_kies_lines_and_opgave_bullets_mark_their_year(wh, code) -> None:
    prov, fresh = _provisional(wh, code), fresh_from(build_info(wh))
    own, quotients = marked_years(wh, code, "harmonised"), marked_years(wh, code, "recomputed")
    coarse = coarse_years(wh, code)  # a count CBS rounds coarsely: its own words (h49e)
    moved = dict(wh.execute("SELECT indicator_id, year_offset FROM indicators").fetchall())
    profile = city_profile(wh, code)
    kies = [k for key in ("distinctive_strengths", "urgent_tasks")
            for k in profile["kies_richting"][key]]
    signals = [s for o in profile["opgaven"] for s in o["top_signals"]]
    assert kies and signals
    marked = 0
    for row in kies + signals:
        ind = row["indicator_id"]  # Terschelling's thefts of 2024: '(2024, berekend uit ...)'
        want = _expected(int(row["year"]), prov.get(ind, set()), fresh, own.get(ind, set()),
                         quotients.get(ind, set()), moved.get(ind), set(coarse.get(ind, ())))
        years = [y.replace(", " + SURVEY[0], "").replace(", " + SURVEY[1], "") for y in
                 re.findall(rf"\({int(row['year'])}[^)]*\)", row["text_nl"])]  # its mark
        assert years and want in years, (row["indicator_id"], want, row["text_nl"])
        marked += want != f"({int(row['year'])})"
    assert marked >= 1  # every municipality here has a provisional latest figure said


def test_oss_and_terschelling_as_the_reviewer_read_them(wh) -> None:
    oss = city_profile(wh, "GM0828")
    text = " ".join(k["text_nl"] for key in ("distinctive_strengths", "urgent_tasks")
                    for k in oss["kies_richting"][key])
    assert ("Gemiddeld aardgasverbruik per woning (ook woningen met stadsverwarming): "
            "940 m³ (2023, voorlopig)") in text
    assert "inkomens: 7% (2023, voorlopig)" in text
    console = Console(record=True, width=400)
    render_profile(oss, console, "nl")
    cli = console.export_text()
    assert "940 m³ (2023, voorlopig)" in cli and "940 m³ (2023)" not in cli
    assert "naar 34,3 duizend euro (2023, voorlopig)" in cli  # an opgave bullet
    ter = city_profile(wh, "GM0093")
    text = " ".join(k["text_nl"] for key in ("distinctive_strengths", "urgent_tasks")
                    for k in ter["kies_richting"][key])
    assert "17% (2023, voorlopig)" in text and "1.120 m³ (2023, voorlopig)" in text


@pytest.mark.parametrize("code", CODES)
def test_the_report_s_kies_why_marks_its_last_figure(wh, code) -> None:
    """'...; van 1.350 m³ in 2019 naar 940 m³ (voorlopig) in 2023' (Oss's gas use), as the
    sentence beside it says '940 m³ (voorlopig)'."""
    data = kept_city(wh, code).in_language("nl")
    prov = _provisional(wh, code)
    seen = 0
    for row in data.kies:
        said = why(data, row, "nl")
        move = re.search(r"naar (.+?) in (\d{4})\.$", said)
        if not move:
            continue
        seen += 1
        year = int(move.group(2))
        assert move.group(1).endswith(f"({PROV})") == (
            year in prov.get(row["indicator_id"], set())), (row["indicator_id"], said)
    if code == "GM0828":
        assert seen >= 2
        gas = next(r for r in data.kies if r["indicator_id"] == "gas_use_per_dwelling")
        assert why(data, gas, "nl").endswith(
            "en verandert niet significant; van 1.350 m³ in 2019 naar 940 m³ (voorlopig) "
            "in 2023.")

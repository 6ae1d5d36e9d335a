"""The front page's 'Signalen per opgave' and 'In een oogopslag' agree with Kies richting, on
the real snapshot. Land van Cuijk (GK5, en): 'Governance and cooperation 0 0 0' stood on page
1 while Kies richting named an urgent governance task (cleared crimes, 20,9% against a median
of 22,9%: the least favourable quarter, no clear deviation, so no signal), and the glance's
governance part did not name it. The table now counts Kies richting's strengths and urgent
tasks per opgave beside the signals, its text says what each counts, and the glance names
them under their opgave."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report import sections
from stadstrends.publish.report.front import front
from stadstrends.publish.report.glance import glance
from stadstrends.publish.report.texts import t
from tests.publish.loaded import connect, kept_city

# (municipality, group): Land van Cuijk, Uitgeest, Alphen aan den Rijn and Waddinxveen have
# Kies richting items in an opgave without any signal in these groups (the four such cases
# of the snapshot); Leeuwarden in its default group; Utrecht among the four largest cities,
# a group too small for quarters
CASES = [("GM1982", None), ("GM0450", "PV27"), ("GM0484", "ST2"), ("GM0627", "ST2"),
         ("GM0080", None), ("GM0344", "G4")]
LANGS = ["nl", "en"]


@pytest.fixture(scope="module")
def reports(warehouse_path):
    with connect(warehouse_path) as con:
        out = {}
        for code, group in CASES:
            data = kept_city(con, code, group)
            for lang in LANGS:
                out[code, lang] = (data, front(data, lang, None),
                                   glance(data, lang), sections.direction(data, lang))
    return out


def named_in_direction(data, direction, opgave_id: str) -> list[list[str]]:
    """Per Kies richting group (strengths, tasks) the indicators of its items that the
    warehouse's opgaven table links to the opgave."""
    linked = next(o["indicators"] for o in data.opgaven if o["opgave_id"] == opgave_id)
    ids = [[it["sentence"].indicator_id for it in g["items"]] for g in direction["groups"]]
    return [[i for i in group if i in linked] for group in ids] if ids else [[], []]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", [c for c, _ in CASES])
def test_the_front_page_and_glance_count_what_kies_richting_names(reports, code, lang):
    data, front, glance, direction = reports[code, lang]
    small = not direction["groups"]  # a group without quarters has no such columns
    columns = front["summary"]["columns"]
    assert len(columns) == (4 if small else 6), columns
    said_kies = t(lang, "direction") in front["summary"]["text"]
    assert said_kies != small, front["summary"]["text"]
    for opgave, row, part in zip(data.opgaven, front["summary"]["rows"], glance["opgaven"],
                                 strict=True):
        strengths, tasks = named_in_direction(data, direction, opgave["opgave_id"])
        if not small and isinstance(row[1], int):
            assert row[4:] == [len(strengths), len(tasks)], (opgave["opgave_id"], row)
        titles = [data.catalogue[i][f"title_{lang}"] for i in strengths + tasks]
        if not titles:
            assert part["kies"] is None
            continue
        # a title with its own bracket takes the notes into it ('(ook woningen met
        # stadsverwarming; staat onder Verduurzaming)')
        assert all(title in part["kies"] or (title.endswith(")") and title[:-1] + "; "
                                             in part["kies"]) for title in titles), part["kies"]
        outside = re.sub(r"\([^()]*(\([^()]*\)[^()]*)*\)", "", part["kies"])  # a title's notes
        assert outside.count(";") == len(titles) - 1 - (bool(strengths) and bool(tasks))


def test_land_van_cuijk_governance_is_no_longer_a_clean_sheet(reports):
    data, front, glance, _ = reports["GM1982", "en"]
    assert data.group["set_id"] == "GK5"
    row = next(r for r in front["summary"]["rows"] if r[0] == "Governance and cooperation")
    # the urgent task stays; the one adverse signal (the cleared crimes' gap changing sides,
    # ahead of the ommeland and then behind: a crossing, analysis/gap_crossings.py) left in
    # session 34: within CBS's rounding of both figures the crossing is not certain
    assert row[1:] == [0, 0, 0, 0, 1]
    part = next(o for o in glance["opgaven"] if o["id"] == "bestuur_samenspel")
    assert part["kies"] == "Urgent task (see ‘Choose a direction’): Cleared crimes."

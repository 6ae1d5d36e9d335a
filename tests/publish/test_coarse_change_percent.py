"""A change that CBS's rounding could undo (``coarse_changes.undoable``) is stated as the
difference of the printed figures, not as a percentage, in the report's sentence and on the
city page's tile (tests/web/test_tile_coarse_change.py); the sentence says the change is
uncertain by the rounding.

Kerkrade's new dwellings per 1 000 (real snapshot): 10 in 2016 and 5 in 2023, which CBS
rounds to fives. The report said 'van 0,4 in 2016 naar 0,2 in 2023 (−50%; ...)' and the tile
'−0,2 (−50%)': the two rounded counts' intervals (7,5-12,5 and 2,5-7,5) touch, and both
figures can print as 0,3. Before, 72 sentences of the 193 changes the rounding could undo
stated a percentage, and 6 of the 31 changes like Kerkrade's (whose ends can print the
same, now undoable: 224); after, none of the 224."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report.data import fact
from tests.publish.loaded import kept_city

KERKRADE, NEW = "GM0928", "new_construction_per_1000_dwellings"
#: Kerkrade; Ameland's self-employed per 1 000 (138 -> 130 said '−6,0%'); Ooststellingwerf's
#: demolition per 1 000 (0,9 -> 1,3 said '+46%')
CITIES = [KERKRADE, "GM0060", "GM0085"]
#: the first figure marked since session 47: it rests on a count CBS rounds coarsely
WORDS = {"nl": ("van 0,4 (berekend uit afgerond aantal) in 2016 naar 0,2 (berekend uit afgerond "
                "aantal) in 2023 (−0,2 per 1 000 woningen;",
                "bij een aantal van deze grootte is de verandering daardoor onzeker"),
         "en": ("from 0.4 (computed from a rounded count) in 2016 to 0.2 (computed from a rounded "
                "count) in 2023 (−0.2 per 1,000 dwellings;",
                "for a count this small the change is therefore uncertain")}


def _bracket(text: str) -> str:
    """What the bracket after the last year of the trend clause says ('−0,2 per ...')."""
    m = re.search(r"\d{4}(?: \([^)]*\))? \(([^;)]*)", text)
    return m.group(1) if m else ""


def test_kerkrades_change_is_within_cbs_rounding(wh) -> None:
    row = wh.execute("SELECT undoable, first_spread, last_spread FROM coarse_changes WHERE "
                     "region_code = ? AND indicator_id = ?", [KERKRADE, NEW]).fetchone()
    assert row[0] is True and row[1] == pytest.approx(0.104, abs=1e-3)
    counts = wh.execute("SELECT year, count, unit FROM rounded_counts WHERE region_code = ? "
                        "AND indicator_id = ? AND year IN (2016, 2023) ORDER BY year",
                        [KERKRADE, NEW]).fetchall()
    assert counts == [(2016, 10.0, 5), (2023, 5.0, 5)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_percentage_for_a_change_the_rounding_could_undo(wh, lang) -> None:
    undone = wh.execute("SELECT region_code, indicator_id FROM coarse_changes WHERE undoable "
                        "AND list_contains(?, region_code)", [CITIES]).fetchall()
    assert len(undone) >= len(CITIES)
    for code in CITIES:
        data = kept_city(wh, code)
        writer = data.writer(lang, named=True)
        for ind in (i for c, i in undone if c == code):
            text = writer.indicator(fact(data, ind, lang), "trend", None).text
            said = _bracket(text)
            assert said and "%" not in said and not re.search("keer|times", said), \
                (code, ind, text)
            if code == KERKRADE and ind == NEW:
                assert all(w in text for w in WORDS[lang]), text

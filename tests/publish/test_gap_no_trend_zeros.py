"""A gap without a trend because of a figure of 0, on the real snapshot: the report said
'Geen trend van het verschil bij Sloop per 1 000 woningen: het cijfer van het ommeland is nul
in 2023; bij een cijfer van nul of lager bestaat geen relatief verschil, ...' (Westland
GM1783), while that 0 sums counts CBS rounded to 0 (Delft's and Midden-Delfland's
demolitions of 2023, rounded to fives in 86054NED) and the profile marks it '0,0 (berekend
uit op 0 afgeronde aantallen)'; Renswoude's own zeros of 2017 and 2019-2022 likewise, which
``show`` marks 'op 0 afgerond'. And 'of lager' of a measure that cannot be negative (a count
per 1 000, a share) was noise: all 210 such sentences said it (session 55)."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.gap_missing import missing_trends, no_trend_reason
from stadstrends.publish.report.gap_verdicts import no_trend_tail
from tests.publish.loaded import kept_city

DEMOLITION = "demolition_per_1000_dwellings"


@pytest.mark.parametrize(("city", "want"), [
    ("Westland", {"nl": "Sloop per 1 000 woningen: het cijfer van het ommeland is nul in 2023 "
                        "(berekend uit op 0 afgeronde aantallen); bij een cijfer van nul "
                        "bestaat geen relatief verschil, en daarom is de reeks niet getoetst.",
                  "en": "the figure of the surrounding region is zero in 2023 (computed from "
                        "counts rounded to 0); with a figure of zero there is no relative gap"}),
    ("Renswoude", {"nl": "Sloop per 1 000 woningen: het cijfer van Renswoude is nul in 2017 en "
                         "2019–2022 (berekend uit op 0 afgeronde aantallen); bij een cijfer "
                         "van nul bestaat geen relatief verschil",
                   "en": "the figure of Renswoude is zero in 2017 and 2019–2022 (computed "
                         "from counts rounded to 0); with a figure of zero there is"})])
def test_report_says_a_zero_rests_on_counts_rounded_to_zero(wh, city: str, want) -> None:
    data = kept_city(wh, city, None)
    code = data.code
    zeros = wh.execute("SELECT ommeland_zeros FROM ommeland WHERE region_code = ? AND "
                       "indicator_id = ? AND year = 2023", [code, DEMOLITION]).fetchone()[0]
    cells = {r[0] for r in wh.execute("SELECT year FROM rounded_zero_cells WHERE region_code = ? "
                                      "AND indicator_id = ?", [code, DEMOLITION]).fetchall()}
    if city == "Westland":  # Delft and Midden-Delfland, both 0 in 86054NED
        assert zeros == 2
    else:
        assert {2017, 2019, 2020, 2021, 2022} <= cells
    for lang in ("nl", "en"):
        tail = " ".join(no_trend_tail(data, lang))
        assert want[lang] in tail, tail
        assert "nul of lager" not in tail and "zero or below" not in tail, tail


def test_every_zero_said_is_marked_as_the_warehouse_marks_it(wh) -> None:
    """Every untested gap of a figure of 0 in the warehouse: a zero year is said to rest on a
    count rounded to 0 exactly where ``rounded_zero_cells`` (the city) or
    ``ommeland.ommeland_zeros`` (the ommeland) records one, in the singular for one count of
    one year (Zaanstad's three years of Wormerland's one count are 'aantallen'), and 'of
    lager' stands only where the measure can be negative or a year is negative."""
    rows = wh.execute("SELECT region_code, list(indicator_id) FROM untested_gaps "
                      "WHERE reason = 'nonpositive' GROUP BY 1 ORDER BY 1").fetchall()
    assert len(rows) > 100
    marked = 0
    for code, inds in rows:
        for ind, reason in missing_trends(wh, code, inds).items():
            text = no_trend_reason(reason, "nl", "STAD")
            cells = {r[0] for r in wh.execute(
                "SELECT year FROM rounded_zero_cells WHERE region_code = ? AND indicator_id = ?",
                [code, ind]).fetchall()}
            omm = dict(wh.execute(
                "SELECT year, ommeland_zeros FROM ommeland WHERE region_code = ? AND "
                "indicator_id = ? AND ommeland_zeros > 0", [code, ind]).fetchall())
            for side, rounded in (("STAD", {y: 1 for y in cells}), ("het ommeland", omm)):
                said = re.search(rf"het cijfer van {side} is (.+?)(?: en het cijfer|;)", text)
                part = said.group(1) if said else ""
                for years, words in re.findall(r"nul in ([\d–, en]+?)(?: \(([^)]*)\))?"
                                               r"(?= en nul in|$| en negatief)", part):
                    ys = sorted(_years(years))  # one count of one year, else counts
                    for y in ys:
                        want = "" if y not in rounded else (
                            "berekend uit een op 0 afgerond aantal" if ys == [y] and
                            rounded[y] == 1 else "berekend uit op 0 afgeronde aantallen")
                        assert words == want, (code, ind, y, text)
                        marked += bool(words)
            signed, lower = wh.execute(
                "SELECT signed FROM indicators WHERE indicator_id = ?", [ind]).fetchone()[0], \
                bool(reason["city_negative"] or reason["ommeland_negative"])
            assert ("nul of lager" in text) == (signed or lower), (code, ind, text)
    assert marked > 500


def _years(text: str) -> set[int]:
    out: set[int] = set()
    for a, b in re.findall(r"(\d{4})(?:–(\d{4}))?", text):
        out |= set(range(int(a), int(b or a) + 1))
    return out

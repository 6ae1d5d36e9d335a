"""The mark '*' / 'omgerekend' on a municipal figure says what the harmonisation did to that
value (real snapshot): it is there exactly where a series the value rests on (its numerator,
its denominator, a change's count of both years) was summed from more than one code or
scaled to a part of one code unequally (``series_parts``), and every unmarked figure is one
code's CBS figure. Before, publish re-derived it from the tables' boundary years: it looked
at the wrong table year for the payment arrears (a stock on 31 December of the year before,
``year_offset``: Groningen 2019, Land van Cuijk 2022 and Voorne aan Zee 2023 summed from
several codes but unmarked, De Fryske Marren 2015 marked though one code's), marked CBS's
own percentages kept as published (Tilburg's share with payment arrears before 2021) and
counts a code that moved no one (Hoorn's households 2000-2006), and left a municipality
that has since lost a part unmarked (Heemskerk's households of 2000, x 0.998)."""

from __future__ import annotations

import csv
import io

import pytest

from stadstrends.publish.harmonised import marked_codes, marked_years
from stadstrends.publish.notes import cell_notes

#: per municipal value, whether it is one code's CBS figure: the numerator's cell of a code
#: the municipality is made of, x scale, over the denominator's cell of such a code (values
#: without a denominator: over 1), to 1e-9; indicators of a change X(t+1) - X(t) left out
OWN_FIGURE_SQL = """
WITH v AS (
    SELECT r.indicator_id, r.region_code, r.year, r.value, i.method, i.scale,
           i.denominator_series AS den_id
    FROM indicator_values r JOIN catalogue_indicators i USING (indicator_id)
    WHERE r.region_code LIKE 'GM%'
      AND r.indicator_id NOT IN (SELECT indicator_id FROM catalogue_changes)),
src AS (SELECT DISTINCT source_code, target_code FROM crosswalk)
SELECT v.indicator_id, v.region_code, v.year, any_value(v.method), any_value(v.value),
       coalesce(bool_or(abs(s.value * v.scale / coalesce(d.value, 1) - v.value)
                        <= 1e-9 * greatest(1, abs(v.value))), false) AS own_figure,
       -- a published mean series_raw holds only times a weight of 0 or none at that code
       coalesce(bool_or(v.method = 'weighted_mean' AND s.region_code IS NOT NULL
                        AND (d.value = 0 OR s.value IS NULL)), false) AS weight_unread
FROM v JOIN src ON src.target_code = v.region_code
LEFT JOIN series_raw s ON s.series_id = v.indicator_id || ':num' AND s.year = v.year
 AND s.region_code = src.source_code
LEFT JOIN src sd ON sd.target_code = v.region_code AND v.den_id IS NOT NULL
LEFT JOIN series_raw d ON d.series_id = v.den_id AND d.year = v.year
 AND d.region_code = sd.source_code
GROUP BY ALL
"""


def _marks(wh) -> set[tuple[str, str, int]]:
    """(indicator, municipality, year) of every figure the website and the downloads mark
    recalculated (``cell_notes``)."""
    out = set()
    for (ind,) in wh.execute("SELECT indicator_id FROM indicators").fetchall():
        out |= {(ind, code, year) for (code, year), (recalculated, *_)
                in cell_notes(wh, ind).items() if recalculated and code.startswith("GM")}
    return out


def _combined(wh) -> set[tuple[str, str, int]]:
    """The municipal values whose series the harmonisation summed from several codes or
    scaled unequally: ``series_parts`` read per value (a value without a denominator is
    divided by an unscaled 1)."""
    parts = {(s, r, int(y)): (int(n), round(float(w), 9))
             for s, r, y, n, w in wh.execute("SELECT * FROM series_parts").fetchall()}
    used: dict[str, list[tuple[str | None, int]]] = {}
    for ind, den in wh.execute(
            "SELECT indicator_id, denominator_series FROM catalogue_indicators").fetchall():
        used[ind] = [(f"{ind}:num", 0), (den, 0)]
    for ind, source in wh.execute(
            "SELECT indicator_id, source_indicator FROM catalogue_changes").fetchall():
        used[ind] += [(f"{source}:num", 0), (f"{source}:num", 1)]
    out = set()
    for ind, code, year in wh.execute("SELECT indicator_id, region_code, year FROM "
                                      "indicator_values WHERE region_code LIKE 'GM%'"
                                      ).fetchall():
        got = [parts.get((s, code, int(year) + k), (1, 1.0)) if s else (1, 1.0)
               for s, k in used[ind]]
        if any(n > 1 for n, _ in got) or len({w for _, w in got}) > 1:
            out.add((ind, code, int(year)))
    return out


def test_mark_is_what_the_harmonisation_did(wh):
    marked, combined = _marks(wh), _combined(wh)
    assert len(combined) > 20_000
    assert marked == combined, (sorted(marked - combined)[:10], sorted(combined - marked)[:10])


def test_unmarked_figures_are_cbs_figures(wh):
    """Every unmarked municipal figure is one code's CBS figure (an independent reading of the
    source rows); every marked count is not, nor is a marked figure of another kind but where
    the merged codes' figures happen to agree (20 of about 19 000, besides zeros)."""
    marked = _marks(wh)
    rows = wh.execute(OWN_FIGURE_SQL).fetchall()
    assert len(rows) > 250_000
    unmarked_not_own = [r[:3] for r in rows if r[:3] not in marked and not r[5] and not r[6]]
    assert unmarked_not_own == []
    # a published mean of one code is CBS's figure whatever its weight (sessions 46-47), which
    # series_raw holds only times its weight: Schiermonnikoog's unemployment (weight 0) and
    # the household waste of six renamed or merged codes whose population CBS gives under
    # the new code only (18 municipality-years), checked against CBS's files in
    # tests/indicators/test_rounded_counts.py and test_published_means.py
    unread = sorted(r[:3] for r in rows if r[:3] not in marked and not r[5] and r[6])
    assert {(i, c) for i, c, _ in unread} == {("unemployment_rate", "GM0088")} | {
        ("household_waste_per_inhabitant", c) for c in (
            "GM1705", "GM1740", "GM1742", "GM1773", "GM1774", "GM1891")}, unread
    assert len(unread) == 15 + 18
    marked_counts_own = [r[:3] for r in rows if r[:3] in marked and r[3] == "count" and r[5]]
    assert marked_counts_own == []
    agree = [r[:3] for r in rows if r[:3] in marked and r[5] and r[4] != 0]
    assert len(agree) < 0.01 * len(marked)


@pytest.mark.parametrize("ind, code, year, mark", [
    ("payment_arrears_per_1000", "GM0014", 2019, True),  # Groningen, Haren, Ten Boer
    ("payment_arrears_per_1000", "GM1982", 2022, True),  # Land van Cuijk's five codes
    ("payment_arrears_per_1000", "GM1992", 2023, True),  # Voorne aan Zee's three
    ("payment_arrears_per_1000", "GM1940", 2015, False),  # De Friese Meren's own, renamed
    ("payment_arrears_share", "GM0363", 2023, False),  # CBS's, on boundaries with Weesp
    ("payment_arrears_share", "GM0855", 2015, False),  # Tilburg's own percentage, kept
    ("households", "GM0405", 2003, False),  # Hoorn's own: Wester-Koggenland moved no one
    ("households", "GM0396", 2000, True),  # Heemskerk's x 0.998: a part is Beverwijk's now
])
def test_named_figures(wh, ind, code, year, mark):
    assert (year in marked_years(wh, code, "harmonised").get(ind, set())) is mark
    assert (code in marked_codes(wh, ind, year, "harmonised")) is mark


def test_show_marks_the_same_years(cli_run, warehouse_path, wh):
    """`stadstrends show` (csv, column ``harmonised``) marks Groningen's payment arrears per
    1 000 in exactly the years the report does."""
    out = cli_run("show", "Groningen", "payment_arrears_per_1000", "--format", "csv", "--db",
                  str(warehouse_path))  # in this process (tests/conftest.py)
    assert out.returncode == 0, out.stderr
    shown = {int(r["year"]) for r in csv.DictReader(io.StringIO(out.stdout))
             if r["harmonised"] == "true"}
    assert shown == marked_years(wh, "GM0014", "harmonised")["payment_arrears_per_1000"]
    assert 2019 in shown

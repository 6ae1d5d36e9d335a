"""A percentage CBS publishes is shown as CBS publishes it, not recomputed from rounded counts.

83648NED publishes the cleared crimes as a percentage of the registered ones
(OpgehelderdeMisdrijvenRelatief_5, from CBS's unrounded counts) beside both counts rounded to
fives. Stadstrends divided the rounded counts: Súdwest-Fryslân 2024 850 / 2 685 = 31,7%
where CBS says 31,6%, and 3 317 of the 4 764 municipality-years with unchanged boundaries
printed another figure than CBS's (Schiermonnikoog 2024: 25,0% against 13,6%). Now
``crimes_cleared_share`` is the published percentage weighted by the registered crimes (the
catalogue's rule for published percentages with their base, as unemployment): CBS's own
figure where the municipality did not change, and one formula for every year and region, so
the series stays one comparable series after a merger.
"""

from __future__ import annotations

import pytest

from tests.indicators.published_figures import cbs_rows, unchanged

SLICE = "Misdrijven, totaal"


def _cbs(statline) -> dict[tuple[str, int], tuple[float, float]]:
    """(label, year) -> (published percentage cleared, registered crimes) of 83648NED."""
    return {(r["RegioS"], int(r["Perioden"])): (float(r["OpgehelderdeMisdrijvenRelatief_5"]),
                                                float(r["TotaalGeregistreerdeMisdrijven_1"]))
            for r in cbs_rows(statline, "83648NED", {"SoortMisdrijf": SLICE})
            if r["OpgehelderdeMisdrijvenRelatief_5"]}


def test_an_unchanged_municipality_shows_cbs_published_percentage(wh, statline):
    cbs = _cbs(statline)
    rows = [r[:3] for r in unchanged(wh, "crimes_cleared_share", "83648NED")]
    assert len(rows) > 4500
    off = [(label, year, value, cbs[label, year][0]) for label, year, value in rows
           if abs(value - cbs[label, year][0]) > 1e-9]
    assert off == []
    figures = {(label, year): value for label, year, value in rows}
    assert figures["Súdwest-Fryslân", 2024] == pytest.approx(31.6)  # 850/2 685 = 31,66
    assert figures["Schiermonnikoog", 2024] == pytest.approx(13.6)  # 5/20 = 25,0


def test_a_merged_municipality_weights_the_published_percentages(wh, statline):
    """Today's Leeuwarden in 2010 (then Leeuwarden, Boarnsterhim, Leeuwarderadeel and
    Littenseradiel, some in part): its parts' published percentages weighted by their
    registered crimes (times the share of each part that went in): the same formula as for
    an unchanged municipality, so one series."""
    cbs = _cbs(statline)
    parts = wh.execute("""
        SELECT DISTINCT o.region_label, c.weight FROM crosswalk c
        JOIN (SELECT DISTINCT year, boundary_year, basis FROM series_raw
              WHERE indicator_id = 'crimes_cleared_share' AND year = 2010) y
          ON y.boundary_year = c.boundary_year AND y.basis = c.basis
        JOIN raw_observations o ON o.table_id = '83648NED' AND o.region_code = c.source_code
        WHERE c.target_code = 'GM0080'""").fetchall()
    assert len(parts) >= 3
    weights = [(cbs[label, 2010], w) for label, w in parts]
    expected = (sum(p * r * w for (p, r), w in weights) / sum(r * w for (p, r), w in weights))
    value = wh.execute("SELECT value FROM indicator_values WHERE indicator_id = "
                       "'crimes_cleared_share' AND region_code = 'GM0080' "
                       "AND year = 2010").fetchone()[0]
    assert value == pytest.approx(expected)
    assert round(value, 1) != cbs["Leeuwarden", 2010][0]  # 36,2 (today's) against 37,0

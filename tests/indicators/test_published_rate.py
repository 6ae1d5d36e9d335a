"""A rate per 1 000 inhabitants CBS publishes is shown as CBS publishes it.

83648NED (crimes) and 83651NED (thefts) publish the registered count per 1 000 inhabitants
on 1 January (GeregistreerdeMisdrijvenPer1000Inw_3, GeregistreerdeDiefstallenPer1000Inw_3),
computed from the unrounded count, beside the count rounded to fives. Stadstrends divided
the rounded count by the inhabitants: of 4 764 municipality-years with unchanged boundaries
1 914 (crimes) and 1 802 (thefts) printed another figure than CBS (Rozendaal 2023: 202,4
crimes per 1 000 against CBS's 201,3). Now the rate is a weighted mean of CBS's rates,
weighted by the inhabitants on 1 January (the denominator CBS uses), so an unchanged
municipality shows CBS's figure and a merged one its parts' figures weighted by their
inhabitants. Where CBS gives no rate (fewer than about 100 cases) the build divides the
rounded count and records the cell in ``recomputed_cells``.
"""

from __future__ import annotations

import pytest

from tests.indicators.published_figures import cbs_rows, unchanged

RATES = {  # indicator -> (file, count, rate, filter)
    "crimes_per_1000": ("83648NED", "TotaalGeregistreerdeMisdrijven_1",
                        "GeregistreerdeMisdrijvenPer1000Inw_3",
                        {"SoortMisdrijf": "Misdrijven, totaal"}),
    "thefts_per_1000": ("83651NED", "TotaalGeregistreerdeDiefstallen_1",
                        "GeregistreerdeDiefstallenPer1000Inw_3",
                        {"GebruikVanGeweld": "Alle diefstallen",
                         "SoortDiefstal": "Alle diefstallen"}),
}


def _cbs(statline, indicator) -> dict[tuple[str, int], tuple[float, float | None]]:
    """(label, year) -> (rounded count, published rate or None) of the indicator's table."""
    table, count, rate, where = RATES[indicator]
    return {(r["RegioS"], int(r["Perioden"])):
            (float(r[count]), float(r[rate]) if r[rate] else None)
            for r in cbs_rows(statline, table, where) if r[count]}


@pytest.mark.parametrize("indicator", sorted(RATES))
def test_an_unchanged_municipality_shows_cbs_published_rate(wh, statline, indicator):
    cbs = _cbs(statline, indicator)
    rows = unchanged(wh, indicator, RATES[indicator][0])
    assert len(rows) > 4500
    published = [(label, year, value) for label, year, value, again, _ in rows
                 if cbs[label, year][1] is not None]
    off = [(label, year, value, cbs[label, year][1]) for label, year, value in published
           if abs(value - cbs[label, year][1]) > 1e-9]
    assert off == [] and len(published) > 4500
    # the recomputed cells are exactly those without CBS's rate: the rounded count divided
    # by the inhabitants on 1 January
    recomputed = [(label, year, value, pop) for label, year, value, again, pop in rows if again]
    assert {(label, year) for label, year, *_ in recomputed} == {
        (label, year) for label, year, *_ in rows if cbs[label, year][1] is None}
    assert recomputed
    for label, year, value, pop in recomputed:
        assert value == pytest.approx(cbs[label, year][0] * 1000 / pop), (label, year)


def test_figures_that_differed_from_cbs_before(wh):
    def figure(indicator, code, year):
        return wh.execute("SELECT value FROM indicator_values WHERE indicator_id = ? AND "
                          "region_code = ? AND year = ?", [indicator, code, year]).fetchone()[0]
    assert figure("crimes_per_1000", "GM0277", 2023) == pytest.approx(201.3)  # 355/1 754: 202,4
    assert figure("thefts_per_1000", "GM0277", 2011) == pytest.approx(68.1)  # 105/1 512: 69,4
    assert figure("crimes_per_1000", "GM0193", 2024) == pytest.approx(52.9)  # rounded: 52,95


def test_a_merged_municipality_weights_the_published_rates_by_inhabitants(wh, statline):
    """Today's Leeuwarden in 2010 (then Leeuwarden, Boarnsterhim, Leeuwarderadeel and
    Littenseradiel, some in part): its parts' published rates weighted by their inhabitants
    on 1 January (times the share of each part that went in)."""
    cbs = _cbs(statline, "crimes_per_1000")
    parts = wh.execute("""
        SELECT DISTINCT o.region_label, c.weight, p.value FROM crosswalk c
        JOIN (SELECT DISTINCT year, boundary_year, basis FROM series_raw
              WHERE indicator_id = 'crimes_per_1000' AND role = 'num' AND year = 2010) y
          ON y.boundary_year = c.boundary_year AND y.basis = c.basis
        JOIN raw_observations o ON o.table_id = '83648NED' AND o.region_code = c.source_code
        JOIN raw_observations p ON p.table_id = '84910NED' AND p.measure =
             'BevolkingOp1Januari_1' AND p.region_code = c.source_code AND p.year = 2010
        WHERE c.target_code = 'GM0080'""").fetchall()
    assert len(parts) >= 3
    weights = [(cbs[label, 2010][1], pop * w) for label, w, pop in parts]
    expected = sum(rate * w for rate, w in weights) / sum(w for _, w in weights)
    value = wh.execute("SELECT value FROM indicator_values WHERE indicator_id = "
                       "'crimes_per_1000' AND region_code = 'GM0080' "
                       "AND year = 2010").fetchone()[0]
    assert value == pytest.approx(expected)
    assert not wh.execute("SELECT count(*) FROM recomputed_cells WHERE region_code = 'GM0080' "
                          "AND indicator_id = 'crimes_per_1000'").fetchone()[0]
    # thefts: Littenseradiel (80 in 2010) has no CBS rate that year, so that part's
    # rounded count goes in and the cell is marked
    assert wh.execute("SELECT count(*) FROM recomputed_cells WHERE region_code = 'GM0080' "
                      "AND indicator_id = 'thefts_per_1000' AND year = 2010").fetchone()[0]

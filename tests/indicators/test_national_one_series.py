"""Nederland's series of a table whose national figure counts more than its municipalities is
one kind of figure: CBS's national figure in every year (real snapshot,
:mod:`stadstrends.indicators.aggregate`, ``CBS_TOTALS_SQL``, reason ``one_series``).

CBS places part of 82538NED's delivered electricity and of 84783NED's and 85005NED's solar
panels in no municipality (the setting ``national_includes_more``), so the municipalities' sum
is below CBS's national figure. Before, Nederland took CBS's figure only in the years whose sum
was incomplete and the sum in the others: electricity delivered to businesses per inhabitant
was CBS's in 2011 and 2013-2021 and the sum, 0.04-0.16 % below it, in 2010, 2012, 2022 and
2023; solar capacity CBS's in 2012-2015 and the sum, 0.02-0.12 % below, in 2016-2023 (its
trend window). A step between the two kinds is no change. A COROP region or province keeps
its mix: there CBS's figure equals the sum of today's members up to their rounding.
"""

from __future__ import annotations

import csv

import duckdb
import pytest

from stadstrends.duck import STEPS_DB
from stadstrends.indicators.aggregate import SAME_AREA_SQL
from stadstrends.settings import default_settings

# (indicator, CBS measure, folder) of the Nederland series that mixed the two kinds
SERIES = [("electricity_delivered_per_inhabitant", "GeleverdeElektriciteit_2"),
          ("solar_capacity_per_inhabitant", "OpgesteldVermogenVanZonnepanelen_2"),
          ("solar_installations_per_1000", "Installaties_1")]
INSTALLATIONS = {"84783NED": "AantalInstallaties_1", "85005NED": "Installaties_1"}


def _national(statline, table: str, measure: str) -> dict[int, float]:
    """CBS's national figure per year of the first (all-activities) slice of ``table``."""
    with open(statline / "municipal_total_slice" / f"{table}.csv", encoding="utf-8-sig",
              newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    first = rows[0][list(rows[0])[1]]
    return {int(r["Perioden"]): float(r[measure]) for r in rows  # '2021 ': provisional
            if r["RegioS"] == "Nederland" and r[list(r)[1]] == first
            and r["Perioden"].strip().isdigit() and r[measure]}


@pytest.mark.parametrize("indicator,measure", SERIES)
def test_nederland_is_cbs_national_figure_in_every_year(wh, statline, indicator, measure):
    rows = wh.execute(
        "SELECT v.year, v.value, v.figure_tables, p.value FROM indicator_values v "
        "JOIN series_all p ON p.series_id = 'population:num' AND p.region_code = 'NL01' "
        "AND p.year = v.year WHERE v.indicator_id = ? AND v.region_code = 'NL01' "
        "AND v.value IS NOT NULL ORDER BY 1", [indicator]).fetchall()
    assert len(rows) >= 12
    factors = {}
    for year, value, table, pop in rows:
        m = INSTALLATIONS.get(table, measure) if measure == "Installaties_1" else measure
        factors[year] = value * pop / _national(statline, table, m)[year]
    # one factor (the catalogue's scale and unit) in every year: each is CBS's figure
    first = factors[rows[0][0]]
    assert all(f == pytest.approx(first, rel=1e-9) for f in factors.values()), factors
    # and every year is CBS's own figure in the warehouse's word
    kinds = dict(wh.execute("SELECT year, reason FROM region_cbs_means WHERE region_code = "
                            "'NL01' AND indicator_id = ?", [indicator]).fetchall())
    assert set(kinds) >= set(factors)
    assert {"region_incomplete", "one_series"} <= set(kinds.values())


def test_electricity_years_whose_sum_is_complete_are_cbs_too(wh):
    """2010, 2012, 2022 and 2023: every municipality has a figure, yet Nederland is CBS's
    national figure (the sum is 0.04-0.16 % below it)."""
    years = [r[0] for r in wh.execute(
        "SELECT year FROM region_cbs_means WHERE region_code = 'NL01' AND indicator_id = "
        "'electricity_delivered_per_inhabitant' AND reason = 'one_series' ORDER BY 1"
    ).fetchall()]
    assert years == [2010, 2012, 2022, 2023]


def test_no_nederland_series_of_such_a_table_mixes_the_two_kinds(wh):
    """Every Nederland series of a count or ratio drawing on a table in
    ``national_includes_more`` is CBS's in all its years or in none."""
    more = [t.lower() for t in default_settings().national_includes_more]
    rows = wh.execute("""
        SELECT v.indicator_id, count(*) FILTER (WHERE m.year IS NOT NULL) AS cbs,
               count(*) FILTER (WHERE m.year IS NULL) AS summed
        FROM indicator_values v JOIN catalogue_indicators c USING (indicator_id)
        LEFT JOIN region_cbs_means m USING (indicator_id, region_code, year)
        WHERE v.region_code = 'NL01' AND v.value IS NOT NULL
          AND c.method IN ('count', 'ratio')
          AND v.indicator_id IN (SELECT indicator_id FROM series_raw
                                 WHERE list_contains(?, lower(table_id)))
        GROUP BY ALL""", [more]).fetchall()
    ids = {r[0] for r in rows}
    assert {"electricity_delivered_per_inhabitant", "gas_delivered_per_inhabitant",
            "solar_capacity_per_inhabitant", "jobs_employees"} <= ids
    assert all(cbs == 0 or summed == 0 for _, cbs, summed in rows), rows


def test_regional_mixes_agree_up_to_rounding(warehouse_path):
    """A COROP region's or province's count that is CBS's in some years and the sum in
    others (97 series; households switch tables, 71486ned/86004NED, a declared break): in
    every year of today's area whose sum is complete, CBS's figure in the tables that give
    its CBS years is within half a rounding unit per member (and its own) of the sum:
    60039fvw's population and 84783NED's installations exactly, 82538NED's deliveries and
    84783NED's capacity within their rounding. So the mix makes no step beyond rounding,
    and it stays (CBS's figure of another area in the other years cannot replace it)."""
    # SAME_AREA_SQL writes into the indicator stage's in-memory steps database, which a
    # read-only connection cannot attach: the warehouse is attached read-only instead
    wh = duckdb.connect()
    wh.execute(f"ATTACH '{warehouse_path}' AS w (READ_ONLY); USE w")
    wh.execute(SAME_AREA_SQL)
    wh.execute(f"SET search_path = 'w.main,{STEPS_DB}.main'")
    rows = wh.execute("""
        WITH mixed AS (
            SELECT v.indicator_id, v.region_code FROM indicator_values v
            JOIN catalogue_indicators c USING (indicator_id)
            LEFT JOIN region_cbs_means m USING (indicator_id, region_code, year)
            WHERE c.method IN ('count', 'ratio') AND v.value IS NOT NULL
              AND (v.region_code LIKE 'CR%' OR v.region_code LIKE 'PV%')
            GROUP BY ALL HAVING bool_or(m.year IS NOT NULL) AND bool_or(m.year IS NULL)),
        cbs_tables AS (  -- the tables that give a mixed series its CBS years
            SELECT DISTINCT r.indicator_id, r.region_code, r.table_id FROM series_raw r
            JOIN region_cbs_means m USING (indicator_id, region_code, year)
            JOIN mixed USING (indicator_id, region_code)),
        n AS (SELECT set_id, count(*) AS n FROM region_sets GROUP BY 1),
        sums AS (
            SELECT a.series_id, s.set_id AS region_code, a.year, fsum(a.value) AS v,
                   count(a.value) AS nv, any_value(n.n) AS n
            FROM series_all a JOIN region_sets s ON s.region_code = a.region_code
            JOIN n USING (set_id) GROUP BY ALL)
        SELECT r.indicator_id, r.region_code, r.year, r.table_id, r.value, s.v, s.n,
               coalesce(u.unit, 1) AS unit
        FROM series_raw r JOIN cbs_tables USING (indicator_id, region_code, table_id)
        JOIN _region_same g ON g.region_code = r.region_code
         AND g.boundary_year = r.boundary_year
        JOIN sums s ON s.series_id = r.series_id AND s.region_code = r.region_code
         AND s.year = r.year
        LEFT JOIN (SELECT indicator_id, year, table_id, max(unit) AS unit
                   FROM numerator_rounding GROUP BY ALL) u
          ON u.indicator_id = r.indicator_id AND u.year = r.year AND u.table_id = r.table_id
        WHERE s.nv = s.n AND r.value IS NOT NULL""").fetchall()
    assert len(rows) > 100
    assert {r[0] for r in rows} >= {"solar_capacity_per_inhabitant", "share_age_65_plus",
                                    "electricity_delivered_per_inhabitant"}
    far = [r for r in rows if abs(r[4] - r[5]) > (r[6] + 1) * r[7] / 2 + 1e-6]
    assert not far, far[:10]

"""A hand-made mini warehouse in the shape of the real one, with answers known by hand.

Cities (G40) A-E; COROP CR01 = A, X1, X2; CR02 = B, Y1; CR03 = C alone; CR04 = D, E, Z1.
"""

from __future__ import annotations

import math

import duckdb
import pandas as pd

from stadstrends.analysis.gaps import build_region_gaps
from stadstrends.analysis.jumps import build_jumps
from stadstrends.analysis.ommeland import build_ommeland
from stadstrends.analysis.trends import build_trends
from stadstrends.indicators.build import VALUES_SQL

CITIES = {"A": "GM0001", "B": "GM0002", "C": "GM0003", "D": "GM0004", "E": "GM0005"}
OTHERS = {"X1": "GM0011", "X2": "GM0012", "Y1": "GM0021", "Z1": "GM0041"}
CODE = {**CITIES, **OTHERS}
SETS = {
    "G40": ["A", "B", "C", "D", "E"],
    "CR01": ["A", "X1", "X2"], "CR02": ["B", "Y1"], "CR03": ["C"], "CR04": ["D", "E", "Z1"],
    "PV01": ["A", "X1", "X2", "B", "Y1"], "PV02": ["C", "D", "E", "Z1"],
    "NL01": list(CODE),
}
YEARS = range(2015, 2021)
POPULATION = {"A": 1000, "B": 2000, "C": 3000, "D": 4000, "E": 5000,
              "X1": 100, "X2": 200, "Y1": 300, "Z1": 400}
CATALOGUE = [  # indicator_id, method, scale, denominator_series, direction
    ("population", "count", 1.0, None, "neutral"),
    ("rat", "ratio", 100.0, "rat:den", "higher_better"),
    ("pc", "ratio", 1000.0, "population:num", "higher_worse"),
    ("lvl", "level", 1.0, None, "neutral"),
]


def rat_parts(region: str, year: int) -> tuple[float | None, float]:
    """Numerator and denominator of 'rat' (a share in %): see the expected values in tests."""
    k = year - 2015
    if region == "X2" and year == 2015:
        return None, 50.0
    num = {"A": 10, "B": 10 + 2 * k, "C": 30, "D": 40, "E": 100,
           "X1": 5 + 2 * k, "X2": 15 + 2 * k, "Y1": 30, "Z1": 10}[region]
    return float(num), 50.0 if region in ("X1", "X2") else 100.0


def mini_series() -> pd.DataFrame:
    rows = []
    for name in CODE:
        for year in YEARS:
            num, den = rat_parts(name, year)
            pop = POPULATION[name] + 10 * (year - 2015)
            rows += [("population:num", name, year, float(pop)), ("rat:num", name, year, num),
                     ("rat:den", name, year, den),
                     ("pc:num", name, year, float(len(name) + year - 2015)),
                     ("lvl:num", name, year, float(POPULATION[name] % 7 + year - 2015))]
    frame = pd.DataFrame(rows, columns=["series_id", "name", "year", "value"])
    frame["region_code"] = frame.pop("name").map(CODE)
    return frame


def make_mini_warehouse(con: duckdb.DuckDBPyConnection) -> None:
    """Tables in the shape of the real warehouse: regions (the municipalities, current),
    region_sets, series_all (with COROP, province and NL sums when all members have a
    value), catalogue_indicators, indicators, indicator_results and the view
    indicator_values (its rows with a value)."""
    sets = pd.DataFrame([(s, CODE[m]) for s, members in SETS.items() for m in members],
                        columns=["set_id", "region_code"])
    cat = pd.DataFrame(CATALOGUE, columns=["indicator_id", "method", "scale",
                                           "denominator_series", "direction"])
    series = mini_series()
    con.register("sets_df", sets)
    con.register("cat_df", cat)
    con.register("series_df", series)
    con.execute("CREATE TABLE region_sets AS SELECT * FROM sets_df")
    con.execute("CREATE TABLE catalogue_indicators AS "
                "SELECT indicator_id, method, scale, denominator_series FROM cat_df")
    con.execute("CREATE TABLE indicators AS SELECT indicator_id, method, direction, "
                "false AS projection, false AS signed, false AS current_prices, "
                "NULL::INTEGER AS decimals FROM cat_df")
    con.execute("CREATE TABLE regions AS SELECT DISTINCT region_code, 'gemeente' AS level, "
                "region_code AS name, NULL::DATE AS valid_to FROM sets_df")
    con.execute("""
        CREATE TABLE series_all AS
        SELECT series_id, region_code, year, value,
               CASE WHEN value IS NULL THEN 'missing_in_source' END AS reason,
               NULL AS reason_detail FROM series_df
        UNION ALL
        SELECT s.series_id, r.set_id, s.year,
               CASE WHEN count(s.value) = count(*) THEN sum(s.value) END, NULL, NULL
        FROM series_df s JOIN region_sets r USING (region_code)
        WHERE r.set_id <> 'G40' AND s.series_id NOT LIKE 'lvl:%'
        GROUP BY ALL
    """)
    for name in ("sets_df", "cat_df", "series_df"):
        con.unregister(name)
    # VALUES_SQL leaves out a municipality's rounded 0 (numerator_, denominator_rounding):
    # none rounded here
    for table in ("numerator_rounding", "denominator_rounding"):
        con.execute(f"CREATE TABLE {table} (indicator_id VARCHAR, year BIGINT, unit INTEGER)")
    con.execute("CREATE TABLE catalogue_unusable (indicator_id VARCHAR, region_code VARCHAR, "
                "year_from BIGINT, year_to BIGINT, reason VARCHAR)")
    # VALUES_SQL takes a municipality's own published mean from _own_means: none here
    con.execute("CREATE TEMP TABLE _own_means (indicator_id VARCHAR, region_code VARCHAR, "
                "year BIGINT, value DOUBLE)")
    con.execute(VALUES_SQL)
    # a view, as in the real warehouse (steps read indicator_results' rows with a value too)
    con.execute("CREATE VIEW indicator_values AS "
                "SELECT * EXCLUDE (reason, reason_detail) FROM indicator_results "
                "WHERE value IS NOT NULL")


def build_gap_logs(mini, logs: list[float]) -> None:
    """City A's 'rat' set to ln(city / its ommeland's trend line) = ``logs`` in 2016-2020,
    then the analysis steps up to ``region_gap_trends`` built on the mini warehouse."""
    for year, lr in zip(range(2016, 2016 + len(logs)), logs, strict=True):
        mini.execute("UPDATE indicator_results SET value = ? WHERE indicator_id = 'rat' "
                     "AND region_code = 'GM0001' AND year = ?",
                     [(20 + 4 * (year - 2015)) * math.exp(lr), year])
    build_ommeland(mini)
    build_trends(mini)
    build_jumps(mini)
    build_region_gaps(mini, window=8)

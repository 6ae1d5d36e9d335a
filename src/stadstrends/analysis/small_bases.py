"""Percentages CBS computes from small numbers: the base of a published share (catalogue
method ``weighted_mean``, unit '%') that CBS counts and publishes rounded
(``denominator_rounding``) and that is under the build's ``small_base`` cases (settings.yaml,
recorded in ``build_info``: 100).

CBS computes such a share from its unrounded counts (83648NED: Rozendaal's cleared crimes
in 2024, 5,3% of 55 registered crimes, both counts published rounded to fives, 5 of 55), so
its rounding cannot move the share past a cut: the published share holds to its tenth. But
each case weighs heavily: one crime cleared more or fewer moves Rozendaal's share by 1,8
points. Kies richting keeps such a label where one case more or less cannot move the share
to its quarter's or half's cut (``signal_kies.ONE_CASE``: Schiermonnikoog's 13,6% of 20
crimes in 2024, under GK1's p25 of 16,0%, is no urgent task) and gives it the base
(``kies_richting.base_count``, ``base_unit``), which the report words as a caveat ('berekend
uit kleine aantallen'); the
table ``small_bases`` holds every municipality's and year's, for the figures the report and
the website state elsewhere ('5,3% in 2024 (berekend uit ongeveer 55 ...)').
The same test weighs one person of a percentage of persons CBS publishes with their count
(:data:`PERSONS_SQL`, the view ``_sig_case_bases``), or half CBS's unit of the share where
that is more (one person under 0,05 point): Schiermonnikoog's payment arrears of 2024 (one
person 0,1 point), Ameland's (0,03 point; CBS's 0,6 is 0,55 to 0,65).
"""

from __future__ import annotations

import duckdb

# The fewest cases of a base under which a share is 'computed from small numbers' is the
# setting ``small_base`` (settings.yaml: 100, one case moves the share by a point or more).
# The rounded base counts as under it only where its rounding cannot lift it there: 95
# rounded to fives (at most 97,5); not 0 rounded to thousands (Schiermonnikoog's labour
# force, 2003-2016: under 500, perhaps not under 100)

#: the tables :func:`small_bases_view` reads
TABLES = {"catalogue_indicators", "indicators", "series_all", "denominator_rounding"}

SMALL_BASES_SQL = """
SELECT d.region_code, c.indicator_id, d.year, d.value AS base_count, r.unit AS base_unit
FROM catalogue_indicators c JOIN indicators i USING (indicator_id)
JOIN (SELECT indicator_id, year, max(unit) AS unit FROM denominator_rounding GROUP BY ALL) r
  USING (indicator_id)
JOIN series_all d ON d.series_id = c.denominator_series AND d.year = r.year
WHERE c.method = 'weighted_mean' AND i.unit = '%' AND d.region_code LIKE 'GM%'
  AND d.value > 0 AND d.value + r.unit / 2 <= {small_base}"""

EMPTY_SQL = ("SELECT NULL::VARCHAR AS region_code, NULL::VARCHAR AS indicator_id, "
             "NULL::BIGINT AS year, NULL::DOUBLE AS base_count, NULL::INTEGER AS base_unit "
             "WHERE false")


def _select(con: duckdb.DuckDBPyConnection, small_base: int) -> str:
    """:data:`SMALL_BASES_SQL` with the setting ``small_base`` (cases), or no rows in a
    warehouse without :data:`TABLES`."""
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables"
                                      ).fetchall()}
    return SMALL_BASES_SQL.format(small_base=int(small_base)) if TABLES <= have else EMPTY_SQL


#: CBS's unit of a share per indicator and year (``published_rounding``), the coarsest
UNITS_SQL = "(SELECT indicator_id, year, max(unit) AS unit FROM published_rounding GROUP BY ALL)"

#: The persons behind a percentage CBS publishes (the catalogue's ``counts_from``: payment
#: arrears, of the adults) with CBS's unit of it (``published_rounding``): ``case_base`` the
#: persons the share is of (the catalogue's ``persons_base``, series ``base_series``: the
#: adults), in a year without them the inhabitants (the denominator of the count's
#: indicator), more than the adults, so that ``100 / case_base`` points is at most what one
#: person moves the share. Every municipality's: where one person is under CBS's unit, half
#: that unit is the step (:func:`~.signal_kies.one_case`). Schiermonnikoog's 0,8% of 2024
#: (stand 31 December 2023): 864 adults on 1 January 2024 (972 inhabitants, 85383NED), one
#: person 0,116 point, CBS's unit 0,1; Vlieland's 1 255 inhabitants: 0,08 at most.
PERSONS_SQL = """
SELECT d.region_code, c.indicator_id, d.year, coalesce(a.value, d.value) AS case_base,
       r.unit AS case_unit
FROM catalogue_indicators c JOIN indicators i USING (indicator_id)
JOIN catalogue_indicators n ON n.indicator_id || ':num' = c.count_series
JOIN series_all d ON d.series_id = n.denominator_series
JOIN {units} r
  ON r.indicator_id = c.indicator_id AND r.year = d.year
LEFT JOIN series_all a ON a.series_id = {base} AND a.region_code = d.region_code
 AND a.year = d.year AND a.value > 0
WHERE i.unit = '%' AND d.region_code LIKE 'GM%' AND d.value > 0"""


def case_bases_view(con: duckdb.DuckDBPyConnection, small_base: int) -> str:
    """The statement making ``_sig_case_bases`` (``region_code, indicator_id, year,
    case_base, case_unit``): the cases a share is computed from and CBS's unit of the share
    (``published_rounding``; NULL: none known), the step toward a cut that
    :func:`~.signal_kies.one_case` weighs: the small bases (``base_count``) and, where the
    warehouse has ``published_rounding`` and the catalogue's ``count_series``,
    :data:`PERSONS_SQL`'s."""
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables"
                                      ).fetchall()}
    columns = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                         "WHERE table_name = 'catalogue_indicators'"
                                         ).fetchall()}
    small = ("SELECT region_code, indicator_id, year, base_count AS case_base "
             f"FROM ({_select(con, small_base)})")
    if "published_rounding" not in have:
        return ("CREATE OR REPLACE TEMP VIEW _sig_case_bases AS SELECT *, NULL::DOUBLE AS "
                f"case_unit FROM ({small})")
    sql = (f"SELECT s.*, r.unit AS case_unit FROM ({small}) s LEFT JOIN {UNITS_SQL} r "
           "USING (indicator_id, year)")
    if "count_series" in columns and TABLES <= have:
        base = "c.base_series" if "base_series" in columns else "NULL"  # before schema 58
        sql += f" UNION ALL {PERSONS_SQL.format(base=base, units=UNITS_SQL)}"
    return f"CREATE OR REPLACE TEMP VIEW _sig_case_bases AS {sql}"


def small_bases_view(con: duckdb.DuckDBPyConnection, small_base: int) -> str:
    """The statement making ``_sig_small_bases`` (``region_code, indicator_id, year,
    base_count, base_unit``): the municipal shares CBS computes from a base of fewer than
    ``small_base`` cases (the setting) that it publishes rounded to ``base_unit``; empty in
    a warehouse without :data:`TABLES`."""
    return f"CREATE OR REPLACE TEMP VIEW _sig_small_bases AS {_select(con, small_base)}"


def build_small_bases(con: duckdb.DuckDBPyConnection, small_base: int) -> dict[str, int]:
    """Create ``small_bases``, the rows of :func:`small_bases_view` (bases under the setting
    ``small_base`` cases) as a table: every municipality's and year's, for the figures the
    publish layer states."""
    from stadstrends.analysis.trends import row_count

    con.execute(f"CREATE OR REPLACE TABLE small_bases AS {_select(con, small_base)} "
                "ORDER BY ALL")
    return {"small_bases": row_count(con, "small_bases")}


def step_reason(base: str = "case_base", unit: str = "case_unit") -> str:
    """SQL, why a figure counts as near its cut (``signal_kies.one_case``): 'one_case' where
    one case more or less (``100 / base`` points) is the larger step, 'cbs_rounding' where
    half CBS's unit of the share (``unit``) is: Ameland's payment arrears of 2024, 0,6% of
    3 167 adults (one person 0,03 point, half CBS's 0,1 is 0,05), 'cbs_rounding'."""
    return (f"CASE WHEN 100 / {base} >= coalesce({unit}, 0) / 2 THEN 'one_case' "
            "ELSE 'cbs_rounding' END")

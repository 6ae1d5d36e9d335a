"""Sample figures of small municipalities: the municipal figures of an indicator the
catalogue marks as a survey's (``survey: EBB``, CBS's Labour Force Survey: unemployment and
net labour participation, 86088NED/85230NED) whose base, the indicator's denominator as CBS
publishes it (the labour force, the population of 15-75, in thousands), is under the build's
``survey_small_base`` people (``build_info``; settings.yaml).

CBS says of these tables 'Steekproefcijfers (Enquête beroepsbevolking) - voor kleine
gemeenten onnauwkeurig' and publishes no margin per municipality, so no figure here says how
imprecise: the table ``survey_estimates`` only tells the publish layer where a verdict or a
label on the figure must say it is a 'steekproefcijfer' (Vlieland's unemployment of 2024,
3,2%, labour force 1 000: 'ongunstig vergeleken met de groep' said nothing of it).
"""

from __future__ import annotations

import duckdb

#: the tables :func:`build_survey_estimates` reads
TABLES = {"catalogue_indicators", "series_all"}

SURVEY_SQL = """
SELECT d.region_code, c.indicator_id, d.year, c.survey, d.value AS base
FROM catalogue_indicators c JOIN series_all d ON d.series_id = c.denominator_series
WHERE c.survey IS NOT NULL AND d.region_code LIKE 'GM%' AND d.value < $1"""

EMPTY_SQL = ("SELECT NULL::VARCHAR AS region_code, NULL::VARCHAR AS indicator_id, "
             "NULL::BIGINT AS year, NULL::VARCHAR AS survey, NULL::DOUBLE AS base WHERE false")


def build_survey_estimates(con: duckdb.DuckDBPyConnection, small_base: float
                           ) -> dict[str, int]:
    """Create ``survey_estimates`` (``region_code, indicator_id, year, survey, base``): the
    municipalities' sample figures whose base is under ``small_base`` people; no rows in a
    warehouse without :data:`TABLES` or the catalogue's ``survey`` column."""
    from stadstrends.analysis.trends import row_count

    columns = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                         "WHERE table_name = 'catalogue_indicators'"
                                         ).fetchall()}
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables"
                                      ).fetchall()}
    if TABLES <= have and "survey" in columns:
        con.execute(f"CREATE OR REPLACE TABLE survey_estimates AS {SURVEY_SQL} ORDER BY ALL",
                    [small_base])
    else:
        con.execute(f"CREATE OR REPLACE TABLE survey_estimates AS {EMPTY_SQL}")
    return {"survey_estimates": row_count(con, "survey_estimates")}

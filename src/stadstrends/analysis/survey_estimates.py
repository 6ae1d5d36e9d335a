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


def _survey_sql(con: duckdb.DuckDBPyConnection) -> str:
    """:data:`SURVEY_SQL` where the warehouse has :data:`TABLES` and the catalogue's
    ``survey`` column, else :data:`EMPTY_SQL`."""
    columns = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                         "WHERE table_name = 'catalogue_indicators'"
                                         ).fetchall()}
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables"
                                      ).fetchall()}
    return SURVEY_SQL if TABLES <= have and "survey" in columns else EMPTY_SQL


def build_survey_estimates(con: duckdb.DuckDBPyConnection, small_base: float
                           ) -> dict[str, int]:
    """Create ``survey_estimates`` (``region_code, indicator_id, year, survey, base``): the
    municipalities' sample figures whose base is under ``small_base`` people; no rows in a
    warehouse without :data:`TABLES` or the catalogue's ``survey`` column."""
    from stadstrends.analysis.trends import row_count

    sql = _survey_sql(con)
    con.execute(f"CREATE OR REPLACE TABLE survey_estimates AS {sql} ORDER BY ALL",
                [small_base] if sql is SURVEY_SQL else [])
    return {"survey_estimates": row_count(con, "survey_estimates")}


def survey_view(con: duckdb.DuckDBPyConnection, small_base: float) -> str:
    """The statement making ``_sig_survey`` (``region_code, indicator_id, year``): the rows
    ``survey_estimates`` will hold, for Kies richting, which runs before that table is made
    and gives no label on such a figure (``withheld_labels`` reason 'survey': CBS calls it
    imprecise and publishes no margin, so no quarter of it is sure). Vlieland's
    unemployment of 2024, 3,2% (labour force 1 000) beside GK1's p75 of 3,0%, was an 'urgent
    task'."""
    sql = _survey_sql(con).replace("$1", repr(float(small_base)))
    return ("CREATE OR REPLACE TEMP VIEW _sig_survey AS SELECT region_code, indicator_id, "
            f"year FROM ({sql})")

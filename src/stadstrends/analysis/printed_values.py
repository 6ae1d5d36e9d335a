"""The municipalities' figures as printed: the key the positions rank them on and tie them by
(``set_positions``, ``peer_benchmarks``, ``outsider_benchmarks``: :mod:`.set_benchmarks`).

A figure is printed to the catalogue's decimals (:func:`printed`), halves away from zero. A
figure Stadstrends recalculated for today's boundaries (``harmonised_cells``) is printed no
finer than the CBS figures it is made of (:data:`STEPS_SQL`): Westerwolde's gas use per
dwelling of 2015, 1 851,04 m³ from figures CBS publishes in tens, is printed '1.850 m³', as
Borger-Odoorn's 1 850 m³, and the two share a place (7th of all municipalities; ranked at the
catalogue's decimals, Westerwolde was 7th and Borger-Odoorn 8th, while the ranking page gave
both the 7th place). The rule is publish's ``harmonised.recalculated_rounding`` (its
``round_computed``, then the catalogue's decimals), read here from the same tables of the
earlier stages: ``numerator_rounding``, ``mean_rounding``, ``indicators``, and CBS's unit of
the published means (:data:`~.coarse_trends.PUBLISHED_UNITS`, the rows of
``published_rounding``, which the other chain of the analysis makes: grouped here for the
recalculated figures' indicator-years only).
"""

from __future__ import annotations

import duckdb


#: A value ``v.value`` as printed, in units of its last printed digit (``d.decimals``, the
#: catalogue's: 49,7 -> 497), the key positions are ranked on: halves away from zero on the
#: decimal value, as the reports round (``publish.format.round_half_away``: the value to 15
#: decimals first, so 49,699999999999996 and 28,749999999999996 print as the reports print
#: them, 49,7 and 28,7; the same key as Python's for all 190 930 distinct values of the
#: positions in the snapshot build); the value itself without decimals. Within a position's
#: group all figures are of one indicator: one scale.
def printed(value: str, decimals: str) -> str:
    """The SQL of the printed key of the column ``value`` with ``decimals``."""
    return (f"coalesce(round({value}::DECIMAL(38, 15) * (10 ^ {decimals})::DECIMAL(38, 0))"
            f"::DOUBLE, {value})")


def decimals_relation(con: duckdb.DuckDBPyConnection) -> str:
    """A relation ``indicator_id, decimals``: the catalogue's (``indicators``), an empty one
    in a warehouse without them (a test's mini warehouse: positions of the values)."""
    have = con.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = "
                       "'indicators' AND column_name = 'decimals'").fetchone()[0]
    return ("(SELECT indicator_id, decimals FROM indicators)" if have else
            "(SELECT NULL::VARCHAR AS indicator_id, NULL::INTEGER AS decimals WHERE false)")


#: The unit each municipal figure recalculated for today's boundaries is printed to
#: (``region_code, indicator_id, year, step``), the largest of ``{parts}``: a count summed
#: over codes, CBS's rounding of the count (``numerator_rounding``, jobs to hundreds); a mean
#: weighted from published means, CBS's unit of them (``mean_rounding``, gas use to tens;
#: the published unit where coarser than the catalogue's decimals, district heating of 2010
#: to whole percents). Figures without a step: the catalogue's decimals, as every figure.
STEPS_SQL = """
SELECT h.region_code, h.indicator_id, h.year, s.step
FROM harmonised_cells h
JOIN (SELECT indicator_id, year, max(unit)::DOUBLE AS step FROM ({parts}) GROUP BY ALL) s
    USING (indicator_id, year)
WHERE h.region_code LIKE 'GM%' AND s.step > 0
"""

#: the parts of :data:`STEPS_SQL` with the tables each needs
COUNT_STEPS = ("SELECT n.indicator_id, n.year, n.unit::DOUBLE AS unit FROM numerator_rounding n "
               "JOIN indicators i USING (indicator_id) WHERE i.method = 'count'",
               {"numerator_rounding", "indicators"})
MEAN_STEPS = ("SELECT indicator_id, year, unit::DOUBLE AS unit FROM mean_rounding",
              {"mean_rounding"})
#: CBS's unit of the published means of a ``weighted_mean``, where coarser than the printed
#: decimals (publish's ``PUBLISHED_STEPS_SQL``); ``{values}``: those of the indicator-years
#: with a recalculated figure (each year's unit is grouped from all that year's figures)
PUBLISHED_STEPS = """
SELECT p.indicator_id, p.year, p.unit FROM ({units}) p JOIN indicators i USING (indicator_id)
WHERE i.method = 'weighted_mean' AND p.unit > 1.5 * power(10, -coalesce(i.decimals,
    CASE WHEN i.unit IN ('%', 'rapportcijfer') THEN 1 ELSE 0 END))"""
PUBLISHED_VALUES = """(SELECT * FROM {values} WHERE (indicator_id, year) IN (
    SELECT h.indicator_id, h.year FROM harmonised_cells h JOIN indicators i USING (indicator_id)
    WHERE i.method = 'weighted_mean'))"""


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                      "WHERE table_schema = current_schema()").fetchall()}


def steps_sql(con: duckdb.DuckDBPyConnection, values: str) -> str | None:
    """:data:`STEPS_SQL` from the tables ``con`` holds (``values``: the municipalities'
    values, :func:`~.trends.values_relation`); None without ``harmonised_cells`` or any
    rounding table (a test's mini warehouse: every figure at the catalogue's decimals)."""
    from stadstrends.analysis.coarse_trends import PUBLISHED_UNITS  # it imports this module

    have = _tables(con)
    parts = [sql for sql, need in (COUNT_STEPS, MEAN_STEPS) if need <= have]
    if {"indicators", "catalogue_indicators"} <= have:
        parts.append(PUBLISHED_STEPS.format(units=PUBLISHED_UNITS.format(
            values=PUBLISHED_VALUES.format(values=values))))
    if "harmonised_cells" not in have or not parts:
        return None
    return STEPS_SQL.format(parts=" UNION ALL ".join(parts))


#: A recalculated figure ``v.value`` rounded to its step ``r.step`` (halves away from zero on
#: the decimal value, as publish's ``round_computed``), else the figure
SHOWN = ("CASE WHEN r.step IS NULL THEN v.value "
         "ELSE round((v.value / r.step)::DECIMAL(38, 15))::DOUBLE * r.step END")

#: The municipalities' values with their printed key (``region_code, indicator_id, year,
#: value, printed``)
VALUES_SQL = """
SELECT v.region_code, v.indicator_id, v.year, v.value, {printed} AS printed
FROM {values} v LEFT JOIN {decimals} d USING (indicator_id) {steps}
WHERE v.region_code LIKE 'GM%'
"""


#: the temporary table of :data:`STEPS_SQL` :func:`make_steps` makes on a cursor, for the
#: positions' steps after it (``set_benchmarks``, then ``outsider_benchmarks``, which drops it)
STEPS_TABLE = "_printed_steps"


def make_steps(con: duckdb.DuckDBPyConnection, values: str) -> None:
    """Create :data:`STEPS_TABLE` on ``con`` (:func:`steps_sql`; no rows without its
    tables): grouped once for the two steps that read it (0.02 s of CPU each)."""
    steps = steps_sql(con, values) or ("SELECT NULL::VARCHAR AS region_code, NULL::VARCHAR "
                                       "AS indicator_id, NULL::BIGINT AS year, "
                                       "NULL::DOUBLE AS step WHERE false")
    con.execute(f"CREATE OR REPLACE TEMP TABLE {STEPS_TABLE} AS {steps}")


def has_steps(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether ``con`` holds :data:`STEPS_TABLE` (a temporary table: its own)."""
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary "
                            "AND table_name = ?", [STEPS_TABLE]).fetchone()[0])


def printed_values_sql(con: duckdb.DuckDBPyConnection, values: str) -> str:
    """:data:`VALUES_SQL` of ``values`` (:func:`~.trends.values_relation`): each
    municipality's figure and its key as printed, recalculated figures to their step (from
    :data:`STEPS_TABLE` where ``con`` holds it, else grouped in the statement)."""
    steps = STEPS_TABLE if has_steps(con) else steps_sql(con, values)
    if steps is None:
        return VALUES_SQL.format(printed=printed("v.value", "d.decimals"), values=values,
                                 decimals=decimals_relation(con), steps="")
    return VALUES_SQL.format(
        printed=printed(f"({SHOWN})", "d.decimals"), values=values,
        decimals=decimals_relation(con),
        steps=f"LEFT JOIN {steps if steps == STEPS_TABLE else f'({steps})'} r "
              "USING (region_code, indicator_id, year)")

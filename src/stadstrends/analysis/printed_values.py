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

The steps are stored (:data:`STEPS_TABLE`) and every municipal figure with its key is a view
over them (:data:`VIEW`): the one rule the positions rank by, the rounding tests of
``coarse_positions`` and of the claims compare by (a figure moved by CBS's rounding too:
:func:`printed_key`) and the ranking page ranks a PEERS group by (no place is stored for
each of its members), instead of copies of it.
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
    """The tables and views of ``con``'s database (not its temporary ones)."""
    return {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = "
        "current_schema() AND table_catalog = current_database()").fetchall()}


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


def shown(value: str, step: str) -> str:
    """The SQL of the figure ``value`` rounded to its ``step`` (a figure recalculated for
    today's boundaries: halves away from zero on the decimal value, as publish's
    ``round_computed``), else ``value`` (``step`` NULL)."""
    return (f"CASE WHEN {step} IS NULL THEN {value} "
            f"ELSE round(({value} / {step})::DECIMAL(38, 15))::DOUBLE * {step} END")


def printed_key(value: str, decimals: str, step: str) -> str:
    """The SQL of the printed key (:func:`printed`) of the figure ``value`` of a
    municipality-year with ``decimals`` and ``step`` (the columns of :data:`VIEW`): the one
    rule of what is printed, for a figure and for a figure moved by CBS's rounding (the
    rounding tests of ``coarse_positions`` and of the claims)."""
    return printed(shown(value, step), decimals)


#: The municipalities' values with their printed key (``region_code, indicator_id, year,
#: value, decimals, step, printed``): the view :data:`VIEW`
VALUES_SQL = """
SELECT v.region_code, v.indicator_id, v.year, v.value, d.decimals, r.step,
       {printed} AS printed
FROM {values} v LEFT JOIN {decimals} d USING (indicator_id)
LEFT JOIN {steps} r USING (region_code, indicator_id, year)
WHERE v.region_code LIKE 'GM%'
"""

#: the warehouse table of :data:`STEPS_SQL` (``region_code, indicator_id, year, step``: 1 702
#: rows on the snapshot), made once (:func:`make_printed`; no more CPU than the temporary
#: table it was: 0.025-0.027 s each), read by the positions, ``coarse_positions``, the claims
#: and, through :data:`VIEW`, the ranking page
STEPS_TABLE = "printed_steps"
#: the warehouse view of every municipal figure with its printed key (:data:`VALUES_SQL` over
#: :data:`STEPS_TABLE`): what the positions rank on, and what the ranking page ranks a
#: PEERS group on (no place is stored for each of its members): one rule, no copy of it
VIEW = "printed_figures"
#: no steps (a relation): a warehouse without the tables of :func:`steps_sql`
NO_STEPS = ("(SELECT NULL::VARCHAR AS region_code, NULL::VARCHAR AS indicator_id, "
            "NULL::BIGINT AS year, NULL::DOUBLE AS step WHERE false)")


def make_printed(con: duckdb.DuckDBPyConnection, values: str) -> None:
    """Create :data:`STEPS_TABLE` (:func:`steps_sql`; no rows without its tables) and the
    view :data:`VIEW` of ``values`` (:func:`~.trends.values_relation`) on it."""
    steps = steps_sql(con, values) or f"SELECT * FROM {NO_STEPS}"
    con.execute(f"CREATE OR REPLACE TABLE {STEPS_TABLE} AS {steps}")
    con.execute(f"CREATE OR REPLACE VIEW {VIEW} AS " + VALUES_SQL.format(
        printed=printed_key("v.value", "d.decimals", "r.step"), values=values,
        decimals=decimals_relation(con), steps=STEPS_TABLE))


def steps_relation(con: duckdb.DuckDBPyConnection, values: str) -> str:
    """:data:`STEPS_TABLE` where ``con`` holds it, else its rows grouped in the statement
    (:func:`steps_sql`, a test's mini warehouse), else none (:data:`NO_STEPS`)."""
    if STEPS_TABLE in _tables(con):
        return STEPS_TABLE
    steps = steps_sql(con, values)
    return NO_STEPS if steps is None else f"({steps})"


def printed_rows_sql(con: duckdb.DuckDBPyConnection, values: str) -> str:
    """:data:`VALUES_SQL` of ``values`` on :func:`steps_relation`: the rows of :data:`VIEW`
    of ``values`` only, a relation of municipal figures of whole indicator-years (the
    ``coarse_positions``' of its candidates: keyed after the filter, not before, as a
    join on the view does: that statement 0.46 -> 0.40 s of CPU, mins of 15 on a copy)."""
    return VALUES_SQL.format(printed=printed_key("v.value", "d.decimals", "r.step"),
                             values=values, decimals=decimals_relation(con),
                             steps=steps_relation(con, values))


def printed_values_sql(con: duckdb.DuckDBPyConnection, values: str) -> str:
    """The municipalities' figures with their printed key (the columns of :data:`VIEW`):
    the view where ``con`` holds it, else :func:`printed_rows_sql` of ``values``
    (:func:`~.trends.values_relation`)."""
    if VIEW in _tables(con):
        return f"SELECT * FROM {VIEW}"
    return printed_rows_sql(con, values)

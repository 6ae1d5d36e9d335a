"""Which counts CBS publishes rounded: :data:`ROUNDING_SQL` and :data:`DEN_ROUNDING_SQL`
make ``numerator_rounding`` and ``denominator_rounding``, :data:`MEAN_ROUNDING_SQL`
``mean_rounding`` (indicator_id, year, table_id,
measure, unit, n_values, n_zero), read by the indicator values (a rounded count of 0 is
fewer than half the unit, not none). Run while ``_picked`` and ``_part_info`` exist."""

from __future__ import annotations

# CBS rounds some counts (bijstand in 80860ned and 85383NED, persons in 80860ned, payment
# arrears in 81064ned: to tens; jobs in 83582NED, self-employed in 86043NED: to hundreds;
# new construction, demolition and the stock's balance in 84903NED/86054NED: to fives).
# A (series, year) counts as rounded when every municipal value of its best source is a
# multiple of 5 (at least 20 of them not zero): unit 5, 10, 100 or 1000, the largest that
# divides them all. numerator_rounding: the numerators of counts and ratios (published means
# are not counts); denominator_rounding: every denominator (the labour force of 85230NED and
# 86088NED is published in thousands: Schiermonnikoog's rounds to 0 in 15 years)
# ({parts}) in brackets: the municipalities-only and figure conditions hold for every part
# (without them, an OR in parts let the numerators' NL, COROP and province rows and their
# empty cells into n_values: 468 instead of 415 for demolitions in 2012)
_ROUNDING_SQL = """
CREATE OR REPLACE TABLE {table} AS
WITH v AS (
    SELECT i.indicator_id, p.year, p.table_id, coalesce(p.measure, i.measure) AS measure,
           CASE WHEN i.role = 'fb' THEN p.value / t.scale ELSE p.value END AS value
    FROM _picked p JOIN _part_info i USING (part_no)
    JOIN (SELECT DISTINCT part_no, scale FROM _terms) t USING (part_no)  -- fb: the count
    WHERE ({parts}) AND p.region_code LIKE 'GM%' AND p.value IS NOT NULL
)
SELECT indicator_id, year, any_value(table_id) AS table_id, any_value(measure) AS measure,
       CASE WHEN bool_and(abs(value / 1000 - round(value / 1000)) < 1e-6) THEN 1000
            WHEN bool_and(abs(value / 100 - round(value / 100)) < 1e-6) THEN 100
            WHEN bool_and(abs(value / 10 - round(value / 10)) < 1e-6) THEN 10
            ELSE 5 END AS unit,
       count(*) AS n_values, count(*) FILTER (WHERE value = 0) AS n_zero
FROM v GROUP BY indicator_id, year
HAVING count(*) FILTER (WHERE value <> 0) >= 20
   AND bool_and(abs(value / 5 - round(value / 5)) < 1e-6)
"""
ROUNDING_SQL = _ROUNDING_SQL.format(
    table="numerator_rounding",  # and a published rate's count_fallback (83648NED: fives)
    parts="(i.role = 'num' AND i.additive AND NOT i.weighted) OR i.role = 'fb'")
DEN_ROUNDING_SQL = _ROUNDING_SQL.format(table="denominator_rounding", parts="i.role = 'den'")
# mean_rounding: the published means CBS rounds (gas and electricity use per dwelling of
# 81528NED: to tens, 1 340 m3), the precision of a mean Stadstrends computes from them (an
# ommeland) is no finer than
MEAN_ROUNDING_SQL = _ROUNDING_SQL.format(table="mean_rounding",
                                         parts="i.role = 'num' AND i.weighted")

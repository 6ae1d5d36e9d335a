"""Whether a city-ommeland gap trend rests on small counts (``region_gap_trends.no_verdict``
``small_counts``): a rate whose city numerator averages fewer than the setting
``small_count`` (30) a year over the gap trend's years. One event more or less then moves
the rate by several per cent, and a single year's spike can carry the whole verdict:
Vlieland's deaths per 1 000, 24 in 2016 against 8-13 a year in 2017-2023 (12 a year on
average; 37259eng), read '136% hoger' in 2016 and '24% lager' in 2023, a 'significant switch
of sides' that is the spike of 2016 at the window's start. Such a growing, shrinking or
crossing gap gives no verdict; a stable one keeps its (absent) claim.

The counts: ``series_all`` series ``<indicator>:num`` (the catalogue's numerator, a count
of people or events: births, crimes, dwellings) of ``catalogue_indicators`` with
method ``ratio``; shares, averages and published percentages without a count are never
judged here. CBS's own rates with a ``count_fallback`` (deaths, births and crimes per
1 000) hold rate x inhabitants in that series: divided by the fallback's scale, the count
(:data:`DIVISORS`). A city-year without a count is left out of the average; the average is stored
(``region_gap_trends.city_mean_count``, NULL for a measure without a count) and the report
says it ('gemiddeld 12 per jaar').
"""

from __future__ import annotations

import duckdb

#: what turns an indicator's numerator series into its count (SQL relation: indicator_id,
#: divisor): 1 for a rate Stadstrends divides (method ``ratio``); a CBS rate with a
#: ``count_fallback`` (births, deaths and crimes per 1 000: ``weighted_mean``) holds rate x
#: inhabitants, the count x the fallback's scale (Vlieland's deaths of 2023: 7,9 per 1 000
#: of 1 135 inhabitants on average, 9 deaths)
DIVISORS = """(SELECT indicator_id, 1.0 AS divisor FROM catalogue_indicators
    WHERE method = 'ratio'{fallback})"""
FALLBACK_DIVISORS = """
    UNION ALL
    SELECT c.indicator_id, max(p.scale) FROM catalogue_indicators c
    JOIN catalogue_parts p USING (indicator_id)
    WHERE c.method = 'weighted_mean' AND p.role = 'fb' GROUP BY ALL"""

#: the city's mean numerator count a year over each gap trend's years (``_gap_stats``:
#: ``first_year``, ``last_year``), of the rates with a count (SQL relation: region_code,
#: indicator_id, city_mean_count)
MEAN_COUNTS = """(SELECT g.region_code, g.indicator_id, favg(s.value / d.divisor) AS city_mean_count
    FROM _gap_stats g JOIN {divisors} d ON d.indicator_id = g.indicator_id
    JOIN series_all s ON s.series_id = g.indicator_id || ':num'
     AND s.region_code = g.region_code AND s.year BETWEEN g.first_year AND g.last_year
    WHERE s.value IS NOT NULL GROUP BY ALL)"""

#: ``MEAN_COUNTS`` of a warehouse without ``series_all`` or ``catalogue_indicators``
NO_COUNTS = ("(SELECT NULL::VARCHAR AS region_code, NULL::VARCHAR AS indicator_id, "
             "NULL::DOUBLE AS city_mean_count WHERE false)")


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_name IN "
        "('series_all', 'catalogue_indicators', 'catalogue_parts')").fetchall()}


def divisors_sql(con: duckdb.DuckDBPyConnection) -> str:
    """:data:`DIVISORS`, with the CBS rates' fallbacks where ``catalogue_parts`` exists."""
    return DIVISORS.format(fallback=FALLBACK_DIVISORS if "catalogue_parts" in _tables(con)
                           else "")


def mean_counts_sql(con: duckdb.DuckDBPyConnection) -> str:
    """:data:`MEAN_COUNTS`, or :data:`NO_COUNTS` in a warehouse without ``series_all`` or
    ``catalogue_indicators`` (a unit test's small one)."""
    if not {"series_all", "catalogue_indicators"} <= _tables(con):
        return NO_COUNTS
    return MEAN_COUNTS.format(divisors=divisors_sql(con))


#: the counts behind each municipality-year of an indicator (SQL relation: indicator_id,
#: region_code, year, value): a rate's numerator (catalogue method ``ratio``: series
#: ``<indicator>:num``), a count's own figure (method ``count``), the people another
#: indicator counts behind a percentage CBS publishes (the catalogue's ``counts_from``,
#: ``count_series``: Schiermonnikoog's adults with payment arrears, 0,8% of 10 persons in
#: 2024); none for shares, averages and published percentages without a count
YEAR_COUNTS = """(SELECT d.indicator_id, a.region_code, a.year, a.value / d.divisor AS value
    FROM {divisors} d JOIN series_all a ON a.series_id = d.indicator_id || ':num'
    WHERE a.value IS NOT NULL
    UNION ALL
    SELECT c.indicator_id, a.region_code, a.year, a.value
    FROM catalogue_indicators c JOIN series_all a ON a.series_id = c.count_series
    WHERE c.indicator_id NOT IN (SELECT indicator_id FROM {divisors})
      AND a.value IS NOT NULL
    UNION ALL
    SELECT v.indicator_id, v.region_code, v.year, v.value
    FROM {values} v JOIN catalogue_indicators c USING (indicator_id)
    WHERE c.method = 'count' AND v.value IS NOT NULL)"""

#: ``YEAR_COUNTS`` of a warehouse without ``series_all`` or ``catalogue_indicators``
NO_YEAR_COUNTS = ("(SELECT NULL::VARCHAR AS indicator_id, NULL::VARCHAR AS region_code, "
                  "NULL::INTEGER AS year, NULL::DOUBLE AS value WHERE false)")


def year_counts_sql(con: duckdb.DuckDBPyConnection, values: str) -> str:
    """:data:`YEAR_COUNTS` over the relation ``values`` (``indicator_values``' rows), or
    :data:`NO_YEAR_COUNTS` in a warehouse without ``series_all`` or
    ``catalogue_indicators``. A step or hump whose counts average fewer than
    the setting ``small_count`` (30) a year is chance (:mod:`.steps`, :mod:`.humps`)."""
    if mean_counts_sql(con) is NO_COUNTS:
        return NO_YEAR_COUNTS
    have = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'catalogue_indicators'").fetchall()}
    counts = YEAR_COUNTS if "count_series" in have else YEAR_COUNTS.replace(
        "c.count_series", "NULL::VARCHAR")  # a warehouse before schema 46
    return counts.format(values=values, divisors=divisors_sql(con))


#: every municipality's trend over a rate or count with counts behind it: the mean count a
#: year over the trend's years (``first_year`` .. ``last_year``). The report words a tested
#: trend on fewer than the setting ``small_count`` a year ('op kleine aantallen: gemiddeld
#: 12 per jaar'). A balance (``signed``: a net migration, population or dwelling growth)
#: counts its net, in size (``abs``): the figure it states and tests is the net, one person
#: or dwelling more or less moves it by one, and its chance variation (about the root of
#: the flows in plus out, at least the root of the net) is at least that of a count of its
#: size, so a net of under 30 a year rests on as few as a flagged rate does, however large
#: the flows. Rozendaal's net international migration of 2016-2023 (85451NED: 2 in 2016,
#: 51 in 2023, 65 in and 14 out): 12 a year, 'een significante stijging' on small counts.
TREND_COUNTS_SQL = """
CREATE OR REPLACE TABLE trend_counts AS
SELECT t.indicator_id, t.region_code,
       favg(CASE WHEN b.indicator_id IS NULL THEN k.value ELSE abs(k.value) END) AS mean_count,
       count(*) AS n_years
FROM trends t
JOIN {counts} k ON k.indicator_id = t.indicator_id AND k.region_code = t.region_code
 AND k.year BETWEEN t.first_year AND t.last_year
LEFT JOIN (SELECT indicator_id FROM indicators WHERE {signed}) b
  ON b.indicator_id = t.indicator_id
WHERE t.region_code LIKE 'GM%'
GROUP BY ALL
"""


def build_trend_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Create ``trend_counts`` (indicator_id, region_code, mean_count, n_years) from
    ``trends`` and the counts of :data:`YEAR_COUNTS` (numerators of ``series_all``, counts
    of ``indicator_results``): a warehouse without them gets an empty table. Returns its row
    count by name."""
    from stadstrends.analysis.humps import signed_sql
    from stadstrends.analysis.trends import row_count, values_relation

    con.execute(TREND_COUNTS_SQL.format(
        counts=year_counts_sql(con, values_relation(con)), signed=signed_sql(con)))
    return {"trend_counts": row_count(con, "trend_counts")}

"""The check that every count CBS publishes per municipality adds up to CBS's national figure
in the same table (:func:`counts_add_up`): a wrong digit in a damaged copy of a source file
(86054NED with Maashorst's new dwellings 2022 as 970 for 170) makes its table-year's sum
depart from the national row.

Which figures: the cells of every additive catalogue part (a count; the numerator of a
published mean is a product, not a cell) whose table has a national (NL01) row, in the
table-years where every municipality of the year's boundaries has a figure (a cut table or a
cell CBS suppressed makes the sum incomplete: that table-year is skipped, not failed).

Tolerance, from the table's rounding: CBS rounds each municipal figure (to a unit such as 1, 5,
10, 100 or 1000: the largest that divides every municipal figure of the table-year) and the
national figure separately, so the sum of n figures departs from it by up to n half units,
typically by unit x sqrt(n / 12) (independent rounding errors). The tolerance is
:data:`SPREADS` times that spread, never more than the n half units: for 345 figures rounded
to fives 268 (a wrong digit adding fewer goes unseen), for 345 unrounded counts 54.
On the real snapshot the largest departure is 6.6 spreads (80860ned, inhabitants of
45-64 in 2003, all of its figures rounded to tens, the sum 400 above the national figure).

Tables whose national figure counts what no municipality has (:data:`NATIONAL_INCLUDES_MORE`:
the sum is below it beyond rounding in the years checked) are checked on one side only: the
municipalities may not add up to more than the national figure.
"""

from __future__ import annotations

import duckdb

from stadstrends.duck import rows_as_dicts

# the tolerance in spreads of independent rounding (unit x sqrt(n / 12)); the real snapshot's
# largest departure is 6.6 (80860ned 2003: its sums are all above the national figure)
SPREADS = 10.0
#: tables whose national figure is above the municipalities' sum (beyond rounding) in every
#: table-year the check reads on the real snapshot (83582NED: in 2012-2018): it counts crimes,
#: installations, deliveries and jobs CBS placed in no municipality. Checked on one side only
NATIONAL_INCLUDES_MORE = ("82538ned", "83582ned", "83648ned", "84783ned", "85005ned")

# a figure's rounding unit: the largest of these that divides it (each divides the ones before
# it, so a table-year's unit is the smallest of its figures'); 1e-6: the float of a x 1 000
UNIT = " ".join(f"WHEN abs(value / {u} - round(value / {u})) < 1e-6 THEN {u}"
                for u in (5000, 1000, 500, 100, 50, 10, 5, 1, 0.5, 0.1, 0.05))

COUNTS_SQL = """
WITH parts AS (  -- the additive parts; a weighted mean's numerator is mean x base, no cell
    SELECT series_id, lower(table_id) AS t, year_from, year_to, year_offset, scale,
           where_list, any_value(n_terms) AS n_terms,
           string_agg(measure, ' + ' ORDER BY measure) AS measure
    FROM catalogue_parts
    WHERE additive AND role IN ('num', 'den') AND NOT (role = 'num' AND weighted)
    GROUP BY series_id, rank, lower(table_id), year_from, year_to, year_offset, scale,
             where_list
),
picked AS (  -- one series per CBS cell (the population of 37259eng is the base of many)
    SELECT min(series_id) AS series_id, t, measure, where_list, year_from, year_to,
           year_offset, scale, n_terms
    FROM parts GROUP BY ALL
),
by_series AS (  -- per series and table-year (no join of its 700 000 rows)
    SELECT series_id, table_id, year,
           count(*) FILTER (WHERE region_code LIKE 'GM%') AS n,
           sum(value) FILTER (WHERE region_code LIKE 'GM%') AS municipalities,
           any_value(value) FILTER (WHERE region_code = 'NL01') AS national,
           min(boundary_year) FILTER (WHERE region_code LIKE 'GM%') AS boundary_year,
           max(boundary_year) FILTER (WHERE region_code LIKE 'GM%') AS last_boundaries,
           sum(hash(region_code)) FILTER (WHERE region_code LIKE 'GM%') AS codes,
           min(CASE {unit} ELSE 0.01 END) FILTER (WHERE region_code LIKE 'GM%') AS unit
    FROM series_raw
    WHERE series_id IN (SELECT series_id FROM picked) AND value IS NOT NULL
      AND (region_code LIKE 'GM%' OR region_code = 'NL01')
    GROUP BY ALL
),
sums AS (  -- in CBS's units (a x 1 000 measure's scale undone)
    SELECT p.t, p.measure, p.where_list, s.year - p.year_offset AS year, p.n_terms,
           s.table_id, s.n, s.municipalities / p.scale AS municipalities,
           s.national / p.scale AS national, s.boundary_year, s.last_boundaries, s.codes,
           s.unit / p.scale AS unit
    FROM by_series s
    JOIN picked p ON p.series_id = s.series_id AND p.t = lower(s.table_id)
     AND (p.year_from IS NULL OR s.year - p.year_offset BETWEEN p.year_from AND p.year_to)
),
members AS (SELECT year AS boundary_year, count(*) AS expected, sum(hash(gm_code)) AS codes
            FROM membership GROUP BY ALL),
checked AS (  -- complete table-years: every municipality of the boundaries, no other
    SELECT DISTINCT ON (s.t, s.measure, s.where_list, s.year) s.*,
           s.municipalities - s.national AS difference,
           least(s.n * s.n_terms * s.unit / 2,
                 $spreads * s.unit * sqrt(s.n * s.n_terms / 12)) AS tolerance,
           s.t IN (SELECT unnest($more)) AS one_sided
    FROM sums s JOIN members e USING (boundary_year, codes)
    WHERE s.national IS NOT NULL AND s.last_boundaries = s.boundary_year
      AND s.n = e.expected
)
""".replace("{unit}", UNIT)

FAILING_SQL = COUNTS_SQL + """,
failing AS (
    SELECT * FROM checked
    WHERE difference > tolerance + 1e-6 * abs(national)
       OR (NOT one_sided AND -difference > tolerance + 1e-6 * abs(national))
)
"""

# the likely damaged cell of each failing table-year (run only when one fails): of its
# municipalities whose figure departs from their own years before and after in the direction
# of the difference by at least the difference less the tolerance (one wrong cell must have
# moved that far), the one departing most per inhabitant (Maashorst's 970 new dwellings for
# 300 the year after outweighs Amsterdam's 6 915 for 5 498: 0.011 against 0.002 a head)
DEPARTING_SQL = FAILING_SQL + """,
cells AS (
    SELECT p.t, p.measure, p.where_list, r.year - p.year_offset AS year, r.region_code,
           r.boundary_year, r.value / p.scale AS value
    FROM series_raw r
    JOIN picked p ON p.series_id = r.series_id AND p.t = lower(r.table_id)
     AND (p.year_from IS NULL OR r.year - p.year_offset BETWEEN p.year_from AND p.year_to)
    SEMI JOIN failing f ON f.t = p.t AND f.measure = p.measure
     AND f.where_list = p.where_list
    WHERE r.value IS NOT NULL AND r.region_code LIKE 'GM%'
),
around AS (
    SELECT f.t, f.measure, f.where_list, f.year, c.region_code, c.value,
           (coalesce(b.value, a.value) + coalesce(a.value, b.value)) / 2 AS mean,
           (c.value - (coalesce(b.value, a.value) + coalesce(a.value, b.value)) / 2)
               * sign(f.difference) AS off,
           abs(f.difference) - f.tolerance AS least_off, m.inhabitants
    FROM failing f
    JOIN cells c USING (t, measure, where_list, year)
    LEFT JOIN membership m ON m.year = c.boundary_year AND m.gm_code = c.region_code
    LEFT JOIN cells b ON b.t = c.t AND b.measure = c.measure AND b.where_list = c.where_list
     AND b.region_code = c.region_code AND b.year = c.year - 1
    LEFT JOIN cells a ON a.t = c.t AND a.measure = c.measure AND a.where_list = c.where_list
     AND a.region_code = c.region_code AND a.year = c.year + 1
),
departing AS (
    SELECT t, measure, where_list, year,
           arg_max(region_code, off / greatest(inhabitants, 1)) AS code,
           arg_max(value, off / greatest(inhabitants, 1)) AS departing_value,
           arg_max(mean, off / greatest(inhabitants, 1)) AS neighbouring_years
    FROM around WHERE off >= least_off AND off > 0 GROUP BY ALL
)
SELECT f.table_id, f.measure, f.year, f.municipalities, f.national,
       f.n AS n_municipalities, f.difference, f.tolerance, f.unit::DOUBLE AS rounded_to,
       h.name || ' (' || d.code || ')' AS departing_per_inhabitant, d.departing_value,
       d.neighbouring_years
FROM failing f
LEFT JOIN departing d USING (t, measure, where_list, year)
LEFT JOIN (SELECT code, any_value(name) AS name FROM region_history GROUP BY code) h
  ON h.code = d.code
ORDER BY f.t, f.measure, f.year
"""


def counts_add_up(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Table-years whose municipal counts do not add up to CBS's national figure in the
    same table beyond its rounding (module docstring): a row per CBS table (``table_id``),
    ``measure`` (its column; 'A + B' for a sum of columns) and ``year`` (the table's
    period), with the sum (``municipalities``), ``national``, ``n_municipalities``,
    ``difference``, ``tolerance`` and the unit the municipal figures are rounded to
    (``rounded_to``). ``departing_per_inhabitant`` names the likely damaged cell as the CBS
    file does ('Maashorst (GM1991)'): of that table-year's municipalities whose figure departs
    from their own years before and after, in the direction of the difference, by at least
    the difference less the tolerance, the one departing most per inhabitant;
    ``departing_value`` is its figure, ``neighbouring_years`` the mean of its
    figures the year before and after (None when no municipality departs that way)."""
    params = {"spreads": SPREADS, "more": list(NATIONAL_INCLUDES_MORE)}
    if not con.execute(FAILING_SQL + "SELECT count(*) FROM failing", params).fetchone()[0]:
        return []
    return rows_as_dicts(con.execute(DEPARTING_SQL, params))


def checked_counts(con: duckdb.DuckDBPyConnection) -> dict:
    """What :func:`counts_add_up` reads: ``cells`` (table, column and filter), ``table_years``
    (complete table-years with a national figure) and ``one_sided`` (of those, the ones of
    :data:`NATIONAL_INCLUDES_MORE`)."""
    row = con.execute(COUNTS_SQL + """
        SELECT count(DISTINCT (t, measure, where_list)) AS cells, count(*) AS table_years,
               count(*) FILTER (WHERE one_sided) AS one_sided,
               count(DISTINCT t) AS tables FROM checked
        """, {"spreads": SPREADS, "more": list(NATIONAL_INCLUDES_MORE)})
    return rows_as_dicts(row)[0]

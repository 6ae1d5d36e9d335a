"""The check that every count CBS publishes per municipality adds up to CBS's national figure
in the same table (:func:`counts_add_up`): a wrong digit in a damaged copy of a source file
(86054NED with Maashorst's new dwellings 2022 as 970 for 170; 80860ned with Zutphen's
population 2003 as 95 880 for 45 880) makes its table-year's sum depart from the national row.
The only sum check of a build: population is one of its counts (80860ned, 84910ned, 37259eng
and 03759ned, every year 1999-2026).

Which figures: the cells of every additive catalogue part (a count; the numerator of a
published mean is a product, not a cell) whose table has a national (NL01) row, in the
table-years where every municipality of the year's boundaries has a figure (a cut table or a
cell CBS suppressed makes the sum incomplete: that table-year is skipped, not failed).

Tolerance, from the table's rounding: CBS rounds each municipal figure (to a unit such as 1, 5,
10, 100 or 1000: the largest that divides every municipal figure of the table-year) and the
national figure separately, so the sum of n figures departs from it by up to n half units,
typically by unit x sqrt(n / 12) (independent rounding errors). The tolerance is the setting
``sum_spreads`` (settings.yaml, where its measured justification is) times that spread, never
more than the n half units: for 345 figures rounded to fives 268 (a wrong digit adding fewer
goes unseen), for 345 unrounded counts 54.

Tables that add up exactly where their figures are unrounded (the setting
``exact_sum_tables``: the population tables 84910ned, 37259eng, 03759ned and 85383ned among
them, measured in settings.yaml) get half a unit in those table-years: 0.5 for whole numbers,
0.25 for 03759ned's average population (``M000365``, (1 January + 31 December) / 2 in halves:
the base of the rates per 1 000 from 2019), which until session 54 got the rounding spread
(27) as a figure rounded to halves; a population's wrong last digit in one municipality is
refused, where 54 (27) would let it pass.

Tables whose national figure counts what no municipality has (the setting
``national_includes_more``: the sum is below it beyond rounding in the years checked) are
checked on one side only: the municipalities may not add up to more than the national figure.

Why this rule and not the population check it replaced (``municipalities_add_up``, until
session 45: today's municipalities' population against the national figure, exact unless
every municipal figure of the year is a multiple of ten, then 5 per municipality):
- exact for whole numbers is false on the real snapshot: 70262ned's land use, 85230ned's and
  86088ned's labour force are whole numbers rounded from more precise ones, the national
  figure rounded on its own (-11 to +14); only CBS's rounding spread fits every table;
- 5 per municipality for tens allowed 2 205 of 441 figures where the real departures are at
  most 400 (6.6 spreads): a wrong digit adding 1 000 went unseen; 10 spreads allow 606;
- the file's own boundaries, not today's: a former municipality's cell is summed as filed
  (Haaren 2003), no apportioning between the figure and the sum; the damaged cell is named
  as the file has it, with today's municipality it is now (partly) in;
- a table-year without a figure for every municipality of its boundaries (a cut table, a
  suppressed cell) is skipped: its sum is not the country's (the old check failed it).
"""

from __future__ import annotations

import duckdb

from stadstrends.duck import rows_as_dicts
from stadstrends.settings import BuildSettings, default_settings

# a figure's rounding unit: the largest of these that divides it (each divides the ones before
# it, so a table-year's unit is the smallest of its figures'); 1e-6: the float of a x 1 000
UNIT = " ".join(f"WHEN abs(value / {u} - round(value / {u})) < 1e-6 THEN {u}"
                for u in (5000, 1000, 500, 100, 50, 10, 5, 1, 0.5, 0.1, 0.05))

#: the additive parts the sum checks read (this one and check_conserved's); a weighted
#: mean's numerator is mean x base, no cell
PARTS_SQL = """
parts AS (
    SELECT series_id, lower(table_id) AS t, year_from, year_to, year_offset, scale,
           where_list, any_value(n_terms) AS n_terms,
           string_agg(measure, ' + ' ORDER BY measure) AS measure
    FROM catalogue_parts
    WHERE additive AND role IN ('num', 'den') AND NOT (role = 'num' AND weighted)
    GROUP BY series_id, rank, lower(table_id), year_from, year_to, year_offset, scale,
             where_list
)"""

COUNTS_SQL = "WITH " + PARTS_SQL + """,
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
           -- exact_sum_tables: half a unit in unrounded years (whole numbers: 0.5; halves,
           -- 03759ned's average population M000365, (1 January + 31 December) / 2: 0.25),
           -- and no float slack (whole numbers and halves add up exactly as doubles; 1e-6
           -- of 17 million would allow 17)
           CASE WHEN s.unit IN (1, 0.5) AND s.t IN (SELECT unnest($exact)) THEN s.unit / 2
                ELSE least(s.n * s.n_terms * s.unit / 2,
                           $spreads * s.unit * sqrt(s.n * s.n_terms / 12)) END AS tolerance,
           CASE WHEN s.unit IN (1, 0.5) AND s.t IN (SELECT unnest($exact)) THEN 0
                ELSE 1e-6 * abs(s.national) END AS slack,
           s.t IN (SELECT unnest($more)) AS one_sided
    FROM sums s JOIN members e USING (boundary_year, codes)
    WHERE s.national IS NOT NULL AND s.last_boundaries = s.boundary_year
      AND s.n = e.expected
)
""".replace("{unit}", UNIT)

FAILING_SQL = COUNTS_SQL + """,
failing AS (
    SELECT * FROM checked
    WHERE difference > tolerance + slack OR (NOT one_sided AND -difference > tolerance + slack)
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
           r.boundary_year, r.basis, r.value / p.scale AS value
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
           abs(f.difference) - f.tolerance AS least_off, m.inhabitants, c.boundary_year,
           c.basis
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
           arg_max(mean, off / greatest(inhabitants, 1)) AS neighbouring_years,
           arg_max(boundary_year, off / greatest(inhabitants, 1)) AS boundary_year,
           arg_max(basis, off / greatest(inhabitants, 1)) AS basis
    FROM around WHERE off >= least_off AND off > 0 GROUP BY ALL
),
now_in AS (  -- where a former municipality's cell is now: today's code taking most of it
    SELECT d.t, d.measure, d.where_list, d.year, arg_max(c.target_code, c.weight) AS today,
           max(c.weight) AS weight
    FROM departing d
    JOIN crosswalk c ON c.source_code = d.code AND c.boundary_year = d.boundary_year
     AND c.basis = d.basis AND c.weight > 0
    GROUP BY ALL
)
SELECT f.table_id, f.measure, f.year, f.municipalities, f.national,
       f.n AS n_municipalities, f.difference, f.tolerance, f.unit::DOUBLE AS rounded_to,
       h.name || ' (' || d.code || ')' AS departing_per_inhabitant,
       CASE WHEN w.today <> d.code AND w.weight >= 1 THEN g.name || ' (' || w.today || ')'
            END AS now_part_of,
       CASE WHEN w.today <> d.code AND w.weight < 1 THEN g.name || ' (' || w.today || ')'
            END AS now_partly_in,
       d.departing_value, d.neighbouring_years
FROM failing f
LEFT JOIN departing d USING (t, measure, where_list, year)
LEFT JOIN now_in w USING (t, measure, where_list, year)
LEFT JOIN (SELECT code, any_value(name) AS name FROM region_history GROUP BY code) h
  ON h.code = d.code
LEFT JOIN (SELECT code, any_value(name) AS name FROM region_history GROUP BY code) g
  ON g.code = w.today
ORDER BY f.t, f.measure, f.year
"""


def _params(settings: BuildSettings | None) -> dict:
    settings = settings or default_settings()
    return {"spreads": settings.sum_spreads, "more": list(settings.national_includes_more),
            "exact": list(settings.exact_sum_tables)}


def counts_add_up(con: duckdb.DuckDBPyConnection, settings: BuildSettings | None = None
                  ) -> list[dict]:
    """Table-years whose municipal counts do not add up to CBS's national figure in the
    same table beyond its rounding (module docstring; ``settings``: the build's, default the
    packaged ones, give ``sum_spreads`` and ``national_includes_more``): a row per CBS table
    (``table_id``), ``measure`` (its column; 'A + B' for a sum of columns) and ``year`` (the
    table's period), with the sum (``municipalities``), ``national``, ``n_municipalities``,
    ``difference``, ``tolerance`` and the unit the municipal figures are rounded to
    (``rounded_to``). ``departing_per_inhabitant`` names the likely damaged cell as the CBS
    file does ('Maashorst (GM1991)', 'Haaren (GM0788)'): of that table-year's municipalities
    whose figure departs from their own years before and after, in the direction of the
    difference, by at least the difference less the tolerance, the one departing most per
    inhabitant; a former municipality's row also names today's municipality it is now part
    of (``now_part_of``, all of it went there) or partly in (``now_partly_in``, split: the
    one that took most); ``departing_value`` is its figure, ``neighbouring_years`` the mean
    of its figures the year before and after (None when no municipality departs that
    way)."""
    params = _params(settings)
    if not con.execute(FAILING_SQL + "SELECT count(*) FROM failing", params).fetchone()[0]:
        return []
    return [{k: v for k, v in row.items()  # today's municipality only for a former one
             if not (k in ("now_part_of", "now_partly_in") and v is None)}
            for row in rows_as_dicts(con.execute(DEPARTING_SQL, params))]


def checked_counts(con: duckdb.DuckDBPyConnection, settings: BuildSettings | None = None
                   ) -> dict:
    """What :func:`counts_add_up` reads: ``cells`` (table, column and filter), ``table_years``
    (complete table-years with a national figure) and ``one_sided`` (of those, the ones of
    the setting ``national_includes_more``)."""
    row = con.execute(COUNTS_SQL + """
        SELECT count(DISTINCT (t, measure, where_list)) AS cells, count(*) AS table_years,
               count(*) FILTER (WHERE one_sided) AS one_sided,
               count(DISTINCT t) AS tables FROM checked
        """, _params(settings))
    return rows_as_dicts(row)[0]

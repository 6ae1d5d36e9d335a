"""A published rate where CBS gives one; the count behind it where CBS gives none.

A ``weighted_mean`` of a published rate (83648NED ``GeregistreerdeMisdrijvenPer1000Inw_3``:
crimes per 1 000 inhabitants on 1 January, from CBS's unrounded count) becomes rate x base
(inhabitants) before the harmonisation, so an unchanged municipality shows CBS's own figure
and a merged one its parts' rates weighted by their inhabitants. CBS leaves the rate empty
for a municipality-year with few cases (Schiermonnikoog every year, Rozendaal 2024: 55
crimes) while it publishes the count, rounded to fives. The catalogue's ``count_fallback``
names that count (x scale, e.g. 1 000): :data:`FALLBACK_SQL` puts count x scale in place of
rate x base for exactly those municipality-years, so the series has no hole, and keeps them
in ``recomputed_raw`` (with ``count`` and ``scale``: CBS's rounding of such a count is
coarse; ``numerator_rounding`` and :mod:`stadstrends.analysis.coarse` read them).
:data:`RECOMPUTED_CELLS_SQL` gives ``recomputed_cells(indicator_id, region_code, year)``:
today's municipalities whose value is (partly) Stadstrends' quotient of the rounded count,
not CBS's figure.

A ``count_is_exact`` indicator's count is CBS's unrounded count and its base the rate's own
(births and deaths per 1 000 of the average population, 37259eng): :func:`exact_sql` puts
count x scale in place of rate x base wherever count / base rounds to CBS's rate at the
indicator's decimals, so the value is CBS's figure unrounded (Zwolle's births of 2023:
1 411 / 132 776 x 1 000 = 10,627, CBS's 10,6; a code that ended during the year without a
count of its own adds its base to its successor's, as CBS's rate counts it: Amsterdam 2022,
9 894 / (900 375 + Weesp's 10 383) = 10,863, CBS's 10,9), and keeps them in ``exact_rates``
(indicator_id, region_code, year, published: CBS's rate, value: the quotient). CBS's rate
stays where the quotient would round otherwise (no municipality, province or Nederland of
the snapshot). Such a figure is CBS's, not recomputed; the analysis finds no rounding unit
in it (:data:`~stadstrends.analysis.coarse_trends.PUBLISHED_UNITS`), so its trends and gaps
need not allow for CBS's 0,1.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from stadstrends.indicators.provisional import TODAY_CELLS_SQL

if TYPE_CHECKING:
    from stadstrends.indicators.catalogue import Indicator

# run after SERIES_RAW_FINAL_SQL, while _picked and _part_info exist: the fallback's rows
# (role 'fb') of the municipality-years whose published rate is absent replace that row
FALLBACK_SQL = """
CREATE OR REPLACE TABLE recomputed_raw AS
SELECT i.indicator_id, f.region_code, f.year, f.boundary_year, f.value, f.status,
       f.table_id, i.timing, i.basis, t.scale, f.value / t.scale AS count
FROM _picked f JOIN _part_info i USING (part_no)
JOIN (SELECT DISTINCT part_no, scale FROM _terms) t USING (part_no)
WHERE i.role = 'fb' AND f.value IS NOT NULL AND f.region_code LIKE 'GM%'
  AND NOT EXISTS (SELECT 1 FROM series_raw s
                  WHERE s.series_id = i.indicator_id || ':num' AND s.value IS NOT NULL
                    AND s.region_code = f.region_code AND s.year = f.year);
DELETE FROM series_raw s USING recomputed_raw r
WHERE s.series_id = r.indicator_id || ':num' AND s.region_code = r.region_code
  AND s.year = r.year;
INSERT INTO series_raw BY NAME
SELECT indicator_id || ':num' AS series_id, region_code, year, boundary_year, value,
       true AS additive, status, table_id, indicator_id, 'num' AS role, timing, basis
FROM recomputed_raw;
"""

# run after the harmonisation: the municipalities of today a recomputed row went into
RECOMPUTED_CELLS_SQL = TODAY_CELLS_SQL.format(table="recomputed_cells", source="recomputed_raw",
                                              where="")

# run after RAW_MEANS_SQL, while _picked, _part_info and _raw_means exist; {halves}: the
# indicators with half their printed unit (VALUES rows). Every region: a COROP region's,
# a province's and Nederland's CBS rate too (aggregate's region_cbs_means)
_EXACT_SQL = """
CREATE OR REPLACE TABLE exact_rates AS
WITH part AS (
    SELECT i.indicator_id, i.role, p.region_code, p.year, p.value
    FROM _picked p JOIN _part_info i USING (part_no)
    JOIN (VALUES {halves}) h(indicator_id, half) USING (indicator_id)
    WHERE i.role IN ('num', 'fb', 'den') AND p.value IS NOT NULL
),
-- a code that ended during the year without a count of its own (Weesp, merged into
-- Amsterdam on 24 March 2022: CBS books its births at Amsterdam) gives its base to its
-- successor, as CBS's rate of the successor counts it (Amsterdam's 10,9 births of 2022 are
-- 9 894 over 900 375 + Weesp's 10 383; over Amsterdam's alone they round to 11,0)
base AS (
    SELECT d.indicator_id, coalesce(h.successor, d.region_code) AS region_code, d.year,
           sum(d.value) AS value
    FROM part d
    LEFT JOIN region_history h ON h.code = d.region_code AND h.successor IS NOT NULL
     AND h.valid_to > make_date(d.year::INTEGER, 1, 1)
     AND h.valid_to <= make_date(d.year::INTEGER, 12, 31)
     AND NOT EXISTS (SELECT 1 FROM part f WHERE f.role = 'fb' AND f.indicator_id = d.indicator_id
                     AND f.region_code = d.region_code AND f.year = d.year)
    WHERE d.role = 'den'
    GROUP BY ALL
),
q AS (
    SELECT n.indicator_id, n.region_code, n.year, n.value AS published,
           f.value / d.value AS value, f.value AS scaled
    FROM part n
    JOIN part f ON f.role = 'fb' AND f.indicator_id = n.indicator_id
     AND f.region_code = n.region_code AND f.year = n.year
    JOIN base d ON d.indicator_id = n.indicator_id
     AND d.region_code = n.region_code AND d.year = n.year AND d.value > 0
    WHERE n.role = 'num'
)
SELECT q.indicator_id, q.region_code, q.year, q.published, q.value, q.scaled
FROM q JOIN (VALUES {halves}) h(indicator_id, half) USING (indicator_id)
WHERE abs(q.value - q.published) <= h.half + 1e-9
ORDER BY ALL;
UPDATE series_raw s SET value = e.scaled FROM exact_rates e
WHERE s.series_id = e.indicator_id || ':num' AND s.region_code = e.region_code
  AND s.year = e.year;
UPDATE _raw_means m SET value = e.value FROM exact_rates e
WHERE m.series_id = e.indicator_id || ':mean' AND m.region_code = e.region_code
  AND m.year = e.year;
ALTER TABLE exact_rates DROP COLUMN scaled;
"""


#: ``exact_rates`` of a catalogue without a ``count_is_exact`` indicator (a test's)
NO_EXACT_SQL = ("CREATE OR REPLACE TABLE exact_rates (indicator_id VARCHAR, region_code "
                "VARCHAR, year BIGINT, published DOUBLE, value DOUBLE)")


def exact_sql(indicators: Iterable[Indicator]) -> str:
    """The statements that put the exact quotients of the ``count_is_exact`` indicators in
    place of CBS's rates where they round to them (at the indicator's decimals: half a unit
    0,05 for one decimal) and store ``exact_rates`` (empty without such indicators)."""
    rows = ", ".join(f"('{i.id}', {0.5 * 10 ** -i.decimals!r})" for i in indicators
                     if i.count_is_exact)
    return _EXACT_SQL.format(halves=rows) if rows else NO_EXACT_SQL

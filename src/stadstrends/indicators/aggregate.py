"""COROP regions, provinces and Nederland from their municipalities' harmonised series.

An additive series of a region is the sum over its members (``region_sets``), complete
only when every member has a value (else NULL, reason ``region_incomplete``). A member
whose figure the catalogue declares untrue for that year (``catalogue_unusable``: e.g.
Opmeer's 82900NED housing-association dwellings filed as 'other') is left out of the sums
of both the numerator and the denominator of that indicator, as CBS and Platform31 compute
a regional share over the members with usable counts: the region's figure is then the
share of the other members, and ``region_left_out`` says which members it leaves out.
Non-additive series take CBS's own regional figure (``series_raw``). So does a region of a
published mean (``weighted_mean``: gas use, income, WOZ value, unemployment %) in every year
whose source table has CBS's mean and base for it: Nederland (NL01) always, a COROP region
(CR) or province (PV) when CBS's base equals the sum of today's members' bases up to their
rounding (members x the base's unit, ``denominator_rounding``), i.e. when CBS's region of that
year is today's (86004NED's COROP regions 2011-2023 are; 37610's WOZ COROP regions of the
2010s and the provinces before Vijfheerenlanden moved to Utrecht in 2019 are not, and stay
sums). The weighted mean of the municipalities differs from CBS's figure (gas use per
dwelling 2012, Nederland: 1 524.6 against CBS's 1 500 of 81528NED), and CBS publishes the
region where a suppressed member leaves the sum empty: 86004NED's income 2023 of
Noord-Friesland (CR04, 48.2) and Fryslân (PV21, 50.4), where Ameland, Schiermonnikoog and
Vlieland have none.
The ommeland (:mod:`stadstrends.analysis.ommeland`: COROP total minus the city) stays the
sum over the other members where they all have a figure (``member_num``, ``member_den``:
CBS rounds its regional figures, 86004NED's low-income share to whole per cents, and an
ommeland derived from them made Zwijndrecht's gap exactly 0 in 2018-2023); where
one is missing it is derived from CBS's COROP mean x base minus the city's, only where both
bases are known: Leeuwarden 2023 (151 900 x 48.2 - 64 200 x 45.1) / 87 700
= 50.5. A count or ratio whose sum is incomplete takes CBS's own figure of Nederland, and of
a COROP region or province only in the years whose boundaries give it today's area
(``SAME_AREA_SQL``: Utrecht from 2019, when Vijfheerenlanden joined it); its ommeland stays
the sum over the other members. Which regions and years are CBS's: ``region_cbs_means``.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from stadstrends.duck import ATTACH_STEPS_SQL, STEPS_DB
from stadstrends.settings import default_settings

# the unusable rows matched per series (split_part on the ~150 series, not on the 1.4 million
# member rows) and before each member is repeated for its three regions: 0.39 instead of
# 0.58 s of CPU (medians of 4, alternating, on a copy of a warehouse; the same rows)
SUMS_SQL = """
CREATE OR REPLACE TEMP TABLE _region_sums AS
WITH additive AS (SELECT DISTINCT series_id, additive FROM series_raw),
agg_sets AS (
    SELECT set_id AS region_code, region_code AS member FROM region_sets
    WHERE set_id = 'NL01' OR set_id LIKE 'CR%' OR set_id LIKE 'PV%'
),
set_size AS (SELECT region_code, count(*) AS n FROM agg_sets GROUP BY region_code),
unusable AS (  -- the catalogue's rejected figures per additive series
    SELECT s.series_id, u.region_code, u.year_from, u.year_to
    FROM (SELECT DISTINCT series_id FROM additive WHERE additive) s
    JOIN catalogue_unusable u ON u.indicator_id = split_part(s.series_id, ':', 1)
),
flagged AS (  -- every additive harmonised row, flagged when the catalogue rejects it
    SELECT h.series_id, h.region_code, h.year, h.value, u.series_id IS NOT NULL AS left_out
    FROM series_harmonised h
    SEMI JOIN additive ON additive.series_id = h.series_id AND additive.additive
    LEFT JOIN unusable u
      ON u.series_id = h.series_id AND u.region_code = h.region_code
     AND h.year BETWEEN u.year_from AND u.year_to
),
members AS (
    SELECT f.series_id, a.region_code, f.year, f.value, f.left_out
    FROM flagged f JOIN agg_sets a ON a.member = f.region_code
)
SELECT series_id, region_code, year, z.n,
       fsum(value) FILTER (WHERE NOT left_out) AS value,
       count(value) FILTER (WHERE NOT left_out) AS n_valid,
       count(*) FILTER (WHERE left_out) AS n_left_out
FROM members JOIN set_size z USING (region_code) GROUP BY ALL
"""

# the regions and years of a published mean whose figure is CBS's own (see above)
CBS_MEANS_SQL = """
CREATE OR REPLACE TABLE region_cbs_means AS
WITH pub AS (  -- the regions and years whose mean and base the source table publishes
    SELECT r.indicator_id, r.region_code, r.year,
           max(r.value) FILTER (WHERE r.role = 'den') AS den
    FROM series_raw r
    JOIN catalogue_indicators c USING (indicator_id)
    WHERE c.method = 'weighted_mean' AND (r.region_code = 'NL01' OR r.region_code LIKE 'CR%'
                                          OR r.region_code LIKE 'PV%')
    GROUP BY ALL HAVING count(r.value) FILTER (WHERE r.role = 'num') = 1
                    AND count(r.value) FILTER (WHERE r.role = 'den') = 1
)
SELECT p.indicator_id, p.region_code, p.year,
       -- today's members' sums where every member has both (else NULL): an ommeland is
       -- their sum without the city, derived from CBS's figure only where one is missing
       CASE WHEN sn.n_valid = sn.n AND sn.n_left_out = 0 AND s.n_valid = s.n
            THEN sn.value END AS member_num,
       CASE WHEN sn.n_valid = sn.n AND sn.n_left_out = 0 AND s.n_valid = s.n
            THEN s.value END AS member_den,
       'published_mean' AS reason
FROM pub p
LEFT JOIN _region_sums s ON s.series_id = p.indicator_id || ':den'
 AND s.region_code = p.region_code AND s.year = p.year
LEFT JOIN _region_sums sn ON sn.series_id = p.indicator_id || ':num'
 AND sn.region_code = p.region_code AND sn.year = p.year
LEFT JOIN (SELECT indicator_id, year, max(unit) AS unit FROM denominator_rounding
           GROUP BY ALL) u ON u.indicator_id = p.indicator_id AND u.year = p.year
WHERE p.region_code = 'NL01'  -- a COROP region or province: today's (all bases known)
   OR (s.n_valid = s.n AND s.n_left_out = 0
       AND abs(p.den - s.value) <= s.n * coalesce(u.unit, 1))
"""

# the COROP regions and provinces whose area in a boundary year is today's (region_sets):
# every municipality of that year's Gebieden in Nederland edition (membership) goes, by the
# crosswalk, only into today's members of its region of that year and each of today's
# members only takes from that region's municipalities, and no transfer of CBS's register
# since (the crosswalk leaves out corrections below 0.1 % of the donor) crosses a border of
# it. Vijfheerenlanden (Leerdam and Zederik from Zuid-Holland, Vianen of Utrecht, 2019)
# keeps Utrecht (PV26) and Zuid-Holland (PV28) apart from today's before 2019.
SAME_AREA_SQL = f"""
{ATTACH_STEPS_SQL};
CREATE OR REPLACE TABLE {STEPS_DB}._region_same AS
WITH today AS (SELECT set_id AS region, region_code AS gm FROM region_sets
               WHERE set_id LIKE 'CR%' OR set_id LIKE 'PV%'),
back AS (SELECT year, gm_code AS gm, corop_code AS region FROM membership
         UNION ALL SELECT year, gm_code, province_code FROM membership),
years AS (SELECT DISTINCT year FROM membership),
edges AS (  -- each municipality of a year into today's (any weight, any basis)
    SELECT DISTINCT c.boundary_year AS year, c.source_code AS s, c.target_code AS t
    FROM crosswalk c SEMI JOIN membership m ON m.year = c.boundary_year
     AND m.gm_code = c.source_code WHERE c.weight > 0
),
crossing AS (  -- a register transfer between regions: the donor's region the day before,
    -- the recipient's in the first edition after (an unknown one counts as another)
    SELECT t.date, a.region AS a, b.region AS b
    FROM boundary_transfers t
    JOIN back a ON a.gm = t.donor AND a.year = year(t.date - INTERVAL 1 DAY)
    LEFT JOIN back b ON b.gm = t.recipient AND b.year = year(t.date - INTERVAL 1 DAY) + 1
     AND left(b.region, 2) = left(a.region, 2)
    WHERE t.date <= (SELECT make_date(max(year)::INT, 1, 1) FROM membership)
      AND a.region IS DISTINCT FROM b.region
),
changed AS (
    SELECT e.year, a.region FROM edges e JOIN back a ON a.year = e.year AND a.gm = e.s
    LEFT JOIN today b ON b.gm = e.t AND left(b.region, 2) = left(a.region, 2)
    WHERE a.region IS DISTINCT FROM b.region
    UNION
    SELECT e.year, b.region FROM edges e JOIN today b ON b.gm = e.t
    LEFT JOIN back a ON a.year = e.year AND a.gm = e.s AND left(a.region, 2) = left(b.region, 2)
    WHERE a.region IS DISTINCT FROM b.region
    UNION  -- a municipality of that year the crosswalk does not carry
    SELECT a.year, a.region FROM back a ANTI JOIN edges e ON e.year = a.year AND e.s = a.gm
    UNION  -- one of today's members no municipality of that year goes into
    SELECT y.year, b.region FROM today b CROSS JOIN years y
    ANTI JOIN edges e ON e.year = y.year AND e.t = b.gm
    UNION
    SELECT y.year, x.region FROM crossing c, unnest([c.a, c.b]) x(region)
    JOIN years y ON make_date(y.year::INT, 1, 1) < c.date WHERE x.region IS NOT NULL
)
SELECT DISTINCT t.region AS region_code, y.year AS boundary_year FROM today t, years y
ANTI JOIN changed c ON c.region = t.region AND c.year = y.year
"""

# Nederland, a COROP region or a province of a count or ratio whose sum over the
# municipalities is incomplete (a member cut from the copy or suppressed): CBS's own figure
# of that region, where the source table has
# every part of that year for Nederland (a ratio's numerator and its own denominator; a
# denominator of another indicator, the population, stays its own series) and the sum
# leaves no member out on the catalogue's word (CBS's total counts that member's figure),
# and for a COROP region or province only where every part's boundary year has today's area
# (_region_same). 71486ned is cut after 'Moerdijk', its Nederland, COROP and province rows
# are complete: one-person households 2000-2024 are CBS's shares of those regions.
# One comparable series: Nederland of a table whose national figure counts more than its
# municipalities (the setting national_includes_more, $more) takes CBS's figure in every
# year when it does so in one and CBS has it in every year whose sum is complete (reason
# one_series): before, 82538NED's electricity delivered to businesses was CBS's in 2011 and
# 2013-2021 and the sum (0.04-0.16 % below it) in 2010, 2012, 2022 and 2023, and solar
# capacity CBS's in 2012-2015 and the sum (0.02-0.12 % below) in 2016-2023. Elsewhere
# CBS's figure and the sum agree up to rounding (the check counts_add_up): a region's mix
# stays, measured on the real snapshot no step beyond the rounding of the figures.
CBS_TOTALS_SQL = """
INSERT INTO region_cbs_means
WITH cand AS (  -- the region-years CBS has every part of (incomplete: the sum is)
    SELECT r.indicator_id, r.region_code, r.year,
           bool_or(s.n_valid + s.n_left_out < s.n OR s.n_valid = 0) AS incomplete,
           bool_or(list_contains($more, lower(r.table_id))) AS more
    FROM series_raw r
    JOIN catalogue_indicators c USING (indicator_id)
    LEFT JOIN _region_sums s ON s.series_id = r.series_id AND s.region_code = r.region_code
     AND s.year = r.year
    LEFT JOIN _region_same g ON g.region_code = r.region_code
     AND g.boundary_year = r.boundary_year
    WHERE (r.region_code = 'NL01' OR r.region_code LIKE 'CR%' OR r.region_code LIKE 'PV%')
      AND c.method IN ('count', 'ratio')
    GROUP BY r.indicator_id, r.region_code, r.year, c.method, c.denominator_series
    HAVING count(r.value) = count(*) AND bool_and(r.additive)
       AND (r.region_code = 'NL01' OR bool_and(g.region_code IS NOT NULL))
       AND count(*) FILTER (WHERE r.role = 'num') = 1
       AND (c.denominator_series IS DISTINCT FROM r.indicator_id || ':den'
            OR count(*) FILTER (WHERE r.role = 'den') = 1)
       AND NOT bool_or(coalesce(s.n_left_out, 0) > 0)
),
summed AS (  -- Nederland's years whose figure would be the sum: every part's sum complete
    SELECT r.indicator_id, r.year FROM series_raw r
    JOIN _region_sums s ON s.series_id = r.series_id AND s.region_code = r.region_code
     AND s.year = r.year
    WHERE r.region_code = 'NL01' AND r.additive GROUP BY ALL
    HAVING bool_and(s.n_valid + s.n_left_out = s.n AND s.n_valid > 0)
),
whole AS (  -- CBS's in one year, of a table counting more, and CBS's in every summed year
    SELECT c.indicator_id FROM cand c WHERE c.region_code = 'NL01' GROUP BY ALL
    HAVING bool_or(c.incomplete) AND bool_or(c.more)
       AND (SELECT count(*) FROM summed m WHERE m.indicator_id = c.indicator_id)
           = count(*) FILTER (WHERE NOT c.incomplete)
)
SELECT indicator_id, region_code, year, NULL, NULL,
       CASE WHEN incomplete THEN 'region_incomplete' ELSE 'one_series' END
FROM cand
WHERE incomplete OR (region_code = 'NL01' AND indicator_id IN (SELECT indicator_id FROM whole))
"""

# region_cbs_means holds regions only (NL01, COROP, provinces): the municipalities' 750 000
# rows of series_raw are left out before its joins (the query 0.097 -> 0.071 s of CPU,
# medians of 5, one thread, the same rows)
AGGREGATE_SQL = """
CREATE OR REPLACE TABLE series_all AS
SELECT series_id, region_code, year, value, reason, reason_detail FROM series_harmonised
UNION ALL
SELECT s.series_id, s.region_code, s.year,
       CASE WHEN s.n_valid + s.n_left_out = s.n AND s.n_valid > 0 THEN s.value END,
       CASE WHEN s.n_valid + s.n_left_out < s.n OR s.n_valid = 0
            THEN 'region_incomplete' END, NULL
FROM _region_sums s
WHERE NOT EXISTS (
    SELECT 1 FROM series_raw r JOIN region_cbs_means USING (indicator_id, region_code, year)
    WHERE r.region_code = s.region_code AND r.series_id = s.series_id AND r.year = s.year
      AND (r.region_code = 'NL01' OR r.region_code LIKE 'CR%' OR r.region_code LIKE 'PV%'))
UNION ALL
SELECT r.series_id, r.region_code, r.year, r.value, NULL, NULL
FROM series_raw r JOIN region_cbs_means USING (indicator_id, region_code, year)
WHERE r.value IS NOT NULL
  AND (r.region_code = 'NL01' OR r.region_code LIKE 'CR%' OR r.region_code LIKE 'PV%')
UNION ALL
SELECT r.series_id, r.region_code, r.year, r.value,
       CASE WHEN r.value IS NULL AND r.status = 'geheim' THEN 'suppressed_in_source'
            WHEN r.value IS NULL THEN 'missing_in_source' END, NULL
FROM series_raw r
WHERE NOT r.additive AND (r.region_code = 'NL01' OR r.region_code LIKE 'CR%'
                          OR r.region_code LIKE 'PV%')
"""

# the members each region's sums leave out, per indicator and year, with the catalogue's
# reason: what the report and the API can say beside a regional figure
LEFT_OUT_SQL = """
CREATE OR REPLACE TABLE region_left_out AS
SELECT u.indicator_id, s.set_id AS region_code, y.year,
       list(u.region_code ORDER BY u.region_code) AS members,
       string_agg(DISTINCT u.reason, ', ' ORDER BY u.reason) AS reason
FROM catalogue_unusable u
JOIN range(u.year_from, u.year_to + 1) y(year) ON TRUE
JOIN region_sets s ON s.region_code = u.region_code
 AND (s.set_id = 'NL01' OR s.set_id LIKE 'CR%' OR s.set_id LIKE 'PV%')
JOIN catalogue_indicators c ON c.indicator_id = u.indicator_id AND c.method <> 'level'
GROUP BY ALL
"""


def aggregate_regions(con: duckdb.DuckDBPyConnection,
                      more: Sequence[str] | None = None) -> None:
    """Create ``series_all(series_id, region_code, year, value, reason, reason_detail)``
    (the municipalities' harmonised rows and the regions') and ``region_cbs_means
    (indicator_id, region_code, year, member_num, member_den, reason)`` (the regions'
    figures that are CBS's: published means, with today's members' complete sums, reason
    ``published_mean``; counts and ratios whose sum is incomplete, ``region_incomplete``,
    and Nederland's other years of such a series of a table in ``more``, the settings'
    ``national_includes_more``: ``one_series``) from
    ``series_harmonised``, ``series_raw``, ``region_sets``, ``catalogue_unusable``,
    ``catalogue_indicators``, ``denominator_rounding`` and ``_region_same``
    (:func:`build_region_areas`, which ``region_left_out (indicator_id, region_code, year,
    members, reason)`` comes from)."""
    con.execute(SUMS_SQL)
    con.execute(CBS_MEANS_SQL)
    if more is None:  # the packaged settings' tables whose national figure counts more
        more = default_settings().national_includes_more
    con.execute(CBS_TOTALS_SQL, {"more": [t.lower() for t in more]})
    con.execute("DROP TABLE _region_same")
    con.execute(AGGREGATE_SQL)
    con.execute("DROP TABLE _region_sums")


def build_region_areas(con: duckdb.DuckDBPyConnection) -> None:
    """Before :func:`aggregate_regions` (they read no series; the indicator stage runs them
    beside the harmonisation): ``_region_same`` (:data:`SAME_AREA_SQL`, in
    :data:`~stadstrends.duck.STEPS_DB`, which the connection's search path must name) and
    ``region_left_out`` (:data:`LEFT_OUT_SQL`)."""
    con.execute(SAME_AREA_SQL)
    con.execute(LEFT_OUT_SQL)

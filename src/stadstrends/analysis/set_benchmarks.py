"""Benchmarks of every current municipality within each comparison group it belongs to.

``build_set_benchmarks(con)`` reads ``comparison_group_members`` (see
:mod:`stadstrends.analysis.groups`) and the values (:func:`~.trends.values_relation`: the rows
of the view ``indicator_values`` without its sources) and creates

* ``set_distributions``: ``set_id, indicator_id, year, n, median, p25, p75, mad,
  distribution_no``: one row per
  shared group x indicator x year with a value; ``n`` counts the group's members with a value
  that year;
* ``set_positions``: ``distribution_no, region_code, value, rank, percentile``: one
  row per municipality x shared group it is in x indicator x year with a value, its group,
  indicator and year those of its distribution (``distribution_no``); ``rank`` 1 =
  highest value; ``percentile`` 0 = lowest, 100 = highest, the mid-rank percent rank
  100 x (below + (ties - 1) / 2) / (n - 1), ``below`` the members with a lower value and
  ``ties`` those with the same value (itself included): tied members share the middle of
  their places, not the lowest (Ameland's 0,6 on the zorgpremie arrears in GK1, 2024, five
  of ten tied at the median: 44, not 22; see docs/analysis.md). NULL in a group of one,
  which has no quartiles: no 'favourable quarter' of one municipality. Ranks and ties are
  of the values as printed (:mod:`.printed_values`: the catalogue's decimals, halves away
  from zero), so figures that print the same share a place: Helmond's and Alkmaar's crimes
  per 1 000 in 2024, 49,699999999999996 and 49,70000000000001, both '49,7', were 25th and
  24th of their 41; Roosendaal's and Apeldoorn's deaths per 1 000 in 2022, 11,03 and 11,02,
  both '11,0', 4th and 5th. A figure recalculated for today's boundaries is printed no
  finer than the CBS figures it is made of, and ranked so: Westerwolde's gas use per
  dwelling of 2015, 1 851,04 m³, '1.850 m³', shares the 7th place of all municipalities
  with Borger-Odoorn's 1 850 m³ (it was 7th, Borger-Odoorn 8th, while the ranking page
  gave both the 7th: 2 716 positions in 525 group x indicator x year rankings differed);
  the percentile, a position too, follows the same printed figures;
* ``peer_benchmarks``: the columns of ``set_benchmarks`` for ``PEERS``, where the group is
  the municipality itself and its structurally nearest others, compared in the
  municipality's latest year of each indicator only (a peer group is a view of where a
  municipality stands now; the shared groups have every year, for charts over time);
* view ``set_benchmarks``: ``set_id, region_code, indicator_id, year, value, n, median, p25,
  p75, mad, rank, percentile, robust_z``, the positions with their group's distribution and
  the peer rows; ``robust_z`` = (value - median) / (1.4826 x MAD), NULL when the MAD is 0.

The distribution (``n``, ``median``, ``p25``, ``p75``, ``mad``, ``robust_z``) stays of the
exact values: it describes the group's figures, not a printed list, and the reports round the
median where they print it (beside the municipality's figure: publish's ``round_median``). A
place is a statement about the printed list (a reader counts the figures above it), so it
and the tie it shares are of the printed figures; the median of exact figures cannot put a
member on the wrong side of a printed tie (a tie at the median is ``at_median``, claim 6 of
docs/analysis.md).

A group's distribution is stored once, not beside each of its members: writing the five
figures into every member's row (1,9 million rows) took more CPU than computing them; so
are its group, indicator and year (a position carries the distribution's number: writing
the group's and the indicator's ids into every row cost 0,28 s of the build's CPU).
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.benchmarks import MAD_SCALE
from stadstrends.analysis.printed_values import make_printed, printed_values_sql
from stadstrends.analysis.trends import row_count, values_relation

#: The numbers of the shared groups and of the indicators, and the municipalities' values
#: with their indicator's number: temporary tables, made once per step. A position's and a
#: distribution's key is one integer per (group, indicator, year), the same in every batch
#: (groups and indicators numbered over all of them). Windows and groups on it need half
#: the work of ones on the two strings and the year, and it is the ``distribution_no`` that
#: ties a position to its distribution. (Made in every statement, the numbering read the
#: values' view again, and the indicators' numbers were joined to the million member rows
#: of a batch: 0.05-0.1 s of CPU per batch.) Both read ``indicator_results``' rows with a
#: value (:func:`~.trends.values_relation`): the view ``indicator_values`` is those rows with
#: two joins that add their sources (on unique keys: the same rows), 0.06 s of CPU a scan
#: (the step 2.49 -> 2.37 s of CPU, medians of 3 x 5 alternated runs; the same tables).
NUMBERS_SQL = """
SELECT 'set' AS kind, set_id AS id, (row_number() OVER (ORDER BY set_id))::BIGINT AS no
FROM (SELECT DISTINCT set_id FROM comparison_group_members WHERE focal_code IS NULL)
UNION ALL
SELECT 'indicator', indicator_id, (row_number() OVER (ORDER BY indicator_id))::BIGINT
FROM (SELECT DISTINCT indicator_id FROM {values} WHERE region_code LIKE 'GM%')
UNION ALL
SELECT 'region', region_code, (row_number() OVER (ORDER BY region_code))::BIGINT
FROM (SELECT DISTINCT region_code FROM {values})
"""
#: The values with their indicator's and region's numbers (``i``, ``r``): the positions'
#: window carries the region's number, not its code, and the code is joined back to its
#: rows after it (both batches 0.748 -> 0.691 s of CPU, medians of 7 alternated runs on a
#: warehouse copy, one DuckDB thread; the same rows), and the PEERS groups key on it
#: without numbering the regions again
VALUES_SQL = """
SELECT v.region_code, g.no AS r, n.no AS i, v.year, v.value, v.printed
FROM ({printed_values}) v JOIN _set_numbers n ON n.kind = 'indicator' AND n.id = v.indicator_id
JOIN _set_numbers g ON g.kind = 'region' AND g.id = v.region_code
"""

#: The members' positions in one batch of shared groups (``$sets``). Each batch is a
#: statement of its own: a window over every group at once held the whole table's sort in
#: memory. With C = cume_dist x n = above + ties and rank = above + 1: below = n - C, and the
#: mid-rank below + (ties - 1) / 2 = n - (C + rank) / 2. ``n`` is counted in the same
#: window (the whole partition as its frame: once per group), not joined from the batch's
#: distributions: the positions come first, and the distributions are grouped from them
#: (below). Together 1.77 -> 1.45 s of CPU for the step (median of 8 alternating runs on
#: a warehouse copy; the same rows).
POSITIONS_SQL = """
WITH keyed AS (
    SELECT (sn.no * 100000 + v.i) * 10000 + v.year AS pk, v.r, v.value, v.printed
    FROM comparison_group_members m
    JOIN _set_numbers sn ON sn.kind = 'set' AND sn.id = m.set_id
    JOIN _set_values v USING (region_code)
    WHERE m.focal_code IS NULL AND list_contains($sets, m.set_id)
),
ranked AS (
    SELECT pk, r, value, rank() OVER w AS rank, cume_dist() OVER w AS cd,
           count(*) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS n
    FROM keyed WINDOW w AS (PARTITION BY pk ORDER BY printed DESC)
)
SELECT pk AS distribution_no, g.id AS region_code, value, rank::INTEGER AS rank,
       CASE WHEN n > 1 THEN 100.0 * (n - (round(cd * n) + rank) / 2) / (n - 1)
            END AS percentile
FROM ranked JOIN _set_numbers g ON g.kind = 'region' AND g.no = ranked.r
"""

#: The distributions of one batch of shared groups, grouped from the batch's positions
#: just written (``distribution_no >= $first``, the batch's first group number: the batches
#: go in group order): a scan of them instead of joining the members with the values again
#: (0.27 -> 0.11 s of CPU for the larger batch). A grouping holds every value of its groups
#: (twice: the quantiles and the MAD), so all groups at once ran out of the build's 1 GB at
#: eight times today's catalogue (bench/scale.py, k = 8): one batch at a time.
DISTRIBUTIONS_SQL = """
WITH stats AS (  -- DuckDB's mad(): median(abs(value - median)), equal to the two passes it
                 -- replaces in all 74 157 groups
    SELECT distribution_no AS pk, count(*) AS n, quantile_cont(value, [0.5, 0.25, 0.75]) AS q,
           mad(value) AS mad
    FROM set_positions WHERE distribution_no >= $first GROUP BY distribution_no
)
SELECT sn.id AS set_id, i.id AS indicator_id, (s.pk % 10000)::INTEGER AS year,
       s.n::INTEGER AS n, s.q[1] AS median, s.q[2] AS p25, s.q[3] AS p75, s.mad,
       s.pk AS distribution_no
FROM stats s
JOIN _set_numbers sn ON sn.kind = 'set' AND sn.no = s.pk // 1000000000
JOIN _set_numbers i ON i.kind = 'indicator' AND i.no = (s.pk // 10000) % 100000
"""

#: The PEERS groups: one of its own per municipality (its focal_code), in the municipality's
#: latest year of each indicator. Keyed by integers (municipality and indicator numbers): the
#: groupings on the four strings took twice the CPU, in one thread.
FOCAL_SQL = """
WITH reg AS (SELECT id AS region_code, no AS r FROM _set_numbers WHERE kind = 'region'),
nv AS (SELECT r, i, year, value, printed FROM _set_values),
latest AS (SELECT r, i, max(year) AS year FROM nv GROUP BY r, i),
own AS (SELECT nv.* FROM nv SEMI JOIN latest USING (r, i, year)),
members AS (SELECT m.set_id, f.r AS f, g.r AS m FROM comparison_group_members m
            JOIN reg f ON f.region_code = m.focal_code
            JOIN reg g ON g.region_code = m.region_code
            WHERE m.focal_code IS NOT NULL),
focal AS (  -- k: the focal municipality and the indicator, in the focal's latest year
    SELECT p.set_id, p.f * 100000 + o.i AS k, o.year, o.value AS own, v.value,
           o.printed AS own_printed, v.printed
    FROM members p
    JOIN own o ON o.r = p.f
    JOIN nv v ON v.r = p.m AND v.i = o.i AND v.year = o.year
),
focal_stats AS (
    SELECT set_id, k, any_value(year) AS year, any_value(own) AS value, count(*) AS n,
           quantile_cont(value, [0.5, 0.25, 0.75]) AS q, mad(value) AS mad,
           1 + count(*) FILTER (WHERE printed > own_printed) AS rank,  -- as printed
           CASE WHEN count(*) > 1
                THEN 100.0 * (count(*) FILTER (WHERE printed < own_printed)
                              + (count(*) FILTER (WHERE printed = own_printed) - 1) / 2)
                     / (count(*) - 1)
                END AS percentile
    FROM focal GROUP BY set_id, k
),
joined AS (
    SELECT s.set_id, g.region_code, n.id AS indicator_id, s.year, s.value, s.n,
           s.q[1] AS median, s.q[2] AS p25, s.q[3] AS p75, s.mad, s.rank, s.percentile
    FROM focal_stats s
    JOIN reg g ON g.r = s.k // 100000
    JOIN _set_numbers n ON n.kind = 'indicator' AND n.no = s.k % 100000
)"""

_ROWS = f"""
SELECT set_id, region_code, indicator_id, year::INTEGER AS year, value, n::INTEGER AS n,
       median, p25, p75, mad, rank::INTEGER AS rank, percentile,
       CASE WHEN mad > 0 THEN (value - median) / ({MAD_SCALE} * mad) END AS robust_z
FROM joined
"""

VIEW_SQL = f"""
CREATE OR REPLACE VIEW set_benchmarks AS
SELECT d.set_id, p.region_code, d.indicator_id, d.year, p.value, d.n, d.median, d.p25,
       d.p75, d.mad, p.rank, p.percentile,
       CASE WHEN d.mad > 0 THEN (p.value - d.median) / ({MAD_SCALE} * d.mad) END AS robust_z
FROM set_positions p JOIN set_distributions d USING (distribution_no)
UNION ALL
SELECT * FROM peer_benchmarks
"""

#: Members per batch of shared groups: a few batches (today two). One statement over every
#: group held its whole sort in memory (+500 MiB). Each batch is appended to
#: ``set_positions``, and DuckDB rewrites the appended row groups at the next checkpoint:
#: with 600 members (five batches) the step and its checkpoint took 1.26 + 0.14-0.31 s,
#: with 1 200 (two) 0.98 + 0.05 s (2.1 -> 1.65 s of CPU). In session 11, 1 200 had set the
#: build's peak (799-860 MiB); after the later savings whole builds peak at 647-676 MiB with
#: 1 200 against 631-650 with 600 (3 alternating builds each), and eight times the catalogue
#: at 1 378 MiB (bench/scale.py --k 8; 1 296 with 600), see bench/README.md.
BATCH_MEMBERS = 1200


def _batches(con: duckdb.DuckDBPyConnection) -> list[list[str]]:
    """The shared groups in batches of at most :data:`BATCH_MEMBERS` members (a larger
    group alone), in set order."""
    sizes = con.execute("SELECT set_id, count(*) FROM comparison_group_members "
                        "WHERE focal_code IS NULL GROUP BY set_id ORDER BY set_id").fetchall()
    batches: list[list[str]] = []
    total = BATCH_MEMBERS
    for set_id, n in sizes:
        if total + n > BATCH_MEMBERS:
            batches.append([])
            total = 0
        batches[-1].append(set_id)
        total += n
    return batches


def build_set_benchmarks(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Create ``set_distributions``, ``set_positions``, ``peer_benchmarks`` and the view
    ``set_benchmarks`` (see the module docstring); returns their row counts."""
    batches = _batches(con) or [[]]
    values = values_relation(con)
    con.execute("CREATE OR REPLACE TEMP TABLE _set_numbers AS "
                + NUMBERS_SQL.format(values=values))
    make_printed(con, values)  # the view the outsiders, the rounding tests and the page read
    con.execute("CREATE OR REPLACE TEMP TABLE _set_values AS " + VALUES_SQL.format(
        printed_values=printed_values_sql(con, values)))
    for i, sets in enumerate(batches):  # a batch's positions, then its distributions
        into = ("CREATE OR REPLACE TABLE {} AS" if i == 0 else "INSERT INTO {}").format
        con.execute(f"{into('set_positions')} {POSITIONS_SQL}", {"sets": sets})
        first = con.execute("SELECT coalesce(min(no), 0) * 1000000000 FROM _set_numbers "
                            "WHERE kind = 'set' AND list_contains(?, id)", [sets]).fetchall()
        con.execute(f"{into('set_distributions')} {DISTRIBUTIONS_SQL}", {"first": first[0][0]})
    con.execute(f"CREATE OR REPLACE TABLE peer_benchmarks AS {FOCAL_SQL} {_ROWS}")
    con.execute("DROP TABLE _set_numbers")
    con.execute("DROP TABLE _set_values")
    con.execute(VIEW_SQL)
    counts = {t: row_count(con, t) for t in ("set_distributions", "set_positions",
                                            "peer_benchmarks")}
    # every position has its group's distribution (made from the same rows): no count of
    # the view's join needed
    return {**counts, "set_benchmarks": counts["set_positions"] + counts["peer_benchmarks"]}

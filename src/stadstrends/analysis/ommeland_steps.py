"""Abrupt steps of the ommeland's members: a member municipality's figure that changes from
one year to the next far more than the indicator's figures usually do, and by how much
that step alone moves the ommeland's figure (``ommeland``) of every city in its COROP
region. A city-ommeland gap trend over such a step may rest on it
(:mod:`stadstrends.analysis.gaps`, ``no_verdict = 'ommeland_jump'``).

Deventer's ommeland (Raalte and Olst-Wijhe, 86050NED): Raalte's Wmo clients go from 1 395
in 2017 to 2 270 in 2018, 37,8 -> 61,1 per 1 000 (a factor 1,62, where the municipalities'
usual year-on-year factor is 1,03); that step alone moves the ommeland's figure by
ln 1,35 = 0,30, most of the gap's fall from 73% to 8% above the ommeland in 2017-2023.

``ommeland_steps``: region_code (the city), indicator_id, member, previous_year, year,
factor (the member's figure of ``year`` over that of ``previous_year``, or its inverse:
>= 1; the two figures are ``indicator_values``' rows, and no reader took them from here:
left out since schema 68, the statement 0.39 -> 0.30 s of CPU), usual_factor (the
indicator's median factor over all municipalities' year-on-year changes, as
``series_jumps`` counts it), shift (ln of the ommeland's figure over what it would be with
the member's figure of ``previous_year``: its numerator at last year's rate, its
denominator as it is) and jump (a ``series_jumps`` row: a factor of at least
``jump_factor``). Only abrupt steps: a jump, or a factor whose log is at least the
settings' ``member_step_usual`` (10) times the usual one's (Raalte's Wmo clients 37,8 ->
61,1 per 1 000: log 0,48, 14 times the usual 0,034). Ratios and weighted means only (what
the gaps compare), not balances (``indicators.signed``), consecutive years with a value
inside one comparable segment (``series_segments``).
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.trends import row_count

STEPS_SQL = """
CREATE OR REPLACE TABLE ommeland_steps AS
WITH members AS (
    SELECT o.region_code, m.region_code AS member
    FROM (SELECT DISTINCT region_code, corop_code FROM ommeland
          WHERE corop_code IS NOT NULL) o
    JOIN region_sets m ON m.set_id = o.corop_code AND m.region_code <> o.region_code
),
parts AS (  -- each municipality's numerator and denominator, with its year before
    SELECT c.indicator_id, n.region_code, n.year, n.value AS num, d.value AS den,
           g.segment_start, lag(n.year) OVER w AS previous_year,
           lag(n.value) OVER w AS previous_num, lag(d.value) OVER w AS previous_den
    FROM catalogue_indicators c
    JOIN indicators i USING (indicator_id)
    JOIN series_all n ON n.series_id = c.indicator_id || ':num'
    JOIN series_all d ON d.series_id = c.denominator_series AND d.region_code = n.region_code
     AND d.year = n.year
    JOIN series_segments g ON g.indicator_id = c.indicator_id AND g.year = n.year
    WHERE c.method IN ('ratio', 'weighted_mean') AND NOT coalesce({signed}, false)
      AND n.region_code LIKE 'GM%' AND n.value IS NOT NULL AND d.value > 0
      -- the denominators' scan cut to municipalities too, as their join to n does (DuckDB
      -- read all 531 953 positive rows: 0.94 -> 0.85 s of CPU, medians of 8 alternated)
      AND d.region_code LIKE 'GM%'
    WINDOW w AS (PARTITION BY c.indicator_id, n.region_code ORDER BY n.year)
),
changes AS (  -- comparable pairs of positive rates
    SELECT *, abs(ln(num / den * previous_den / previous_num)) AS log_factor FROM parts
    WHERE previous_year IS NOT NULL AND segment_start <= previous_year
      AND previous_den > 0 AND previous_num > 0 AND num > 0
),
usual AS (
    SELECT indicator_id, median(log_factor) AS usual_log FROM changes GROUP BY ALL
),
abrupt AS (  -- a member's abrupt steps, before they meet the cities whose ommeland it is in
    SELECT c.*, u.usual_log, j.year IS NOT NULL AS jump
    FROM changes c
    JOIN usual u USING (indicator_id)
    LEFT JOIN {jumps} j ON j.region_code = c.region_code AND j.indicator_id = c.indicator_id
     AND j.year = c.year
    WHERE j.year IS NOT NULL OR (u.usual_log > 0 AND c.log_factor >= {usual} * u.usual_log)
),
stepped AS (
    SELECT m.region_code, a.* EXCLUDE (region_code), a.region_code AS member
    FROM abrupt a JOIN members m ON m.member = a.region_code
),
totals AS (  -- the ommeland's numerator, its members' sum, in the years with a step only;
    -- parts cut to those members and years before the join (DuckDB otherwise summed all its
    -- 213 242 rows per key first)
    SELECT k.region_code, k.indicator_id, k.year, fsum(p.num) AS total
    FROM (SELECT DISTINCT region_code, indicator_id, year FROM stepped) k
    JOIN members m ON m.region_code = k.region_code
    JOIN (FROM parts SEMI JOIN (SELECT DISTINCT m.member, s.indicator_id, s.year
                                FROM stepped s JOIN members m USING (region_code)) q
            ON q.member = parts.region_code AND q.indicator_id = parts.indicator_id
           AND q.year = parts.year) p
      ON p.region_code = m.member AND p.indicator_id = k.indicator_id AND p.year = k.year
    GROUP BY ALL
)
SELECT c.region_code, c.indicator_id, c.member, c.previous_year::INTEGER AS previous_year,
       c.year::INTEGER AS year, exp(c.log_factor) AS factor, exp(c.usual_log) AS usual_factor,
       ln(t.total / (t.total - c.num + c.previous_num * c.den / c.previous_den)) AS shift,
       c.jump
FROM stepped c
JOIN totals t ON t.region_code = c.region_code AND t.indicator_id = c.indicator_id
 AND t.year = c.year
WHERE t.total - c.num + c.previous_num * c.den / c.previous_den > 0
ORDER BY c.indicator_id, c.region_code, c.year, c.member
"""

#: ``series_jumps`` of a warehouse without it (a test's mini one)
NO_JUMPS = ("(SELECT NULL::VARCHAR AS region_code, NULL::VARCHAR AS indicator_id, "
            "NULL::INTEGER AS year WHERE false)")


def build_ommeland_steps(con: duckdb.DuckDBPyConnection, step_usual: float = 10.0
                         ) -> dict[str, int]:
    """Create ``ommeland_steps`` from ``ommeland``, ``region_sets``, ``series_all``,
    ``catalogue_indicators``, ``indicators``, ``series_segments`` and ``series_jumps`` (none
    where it is missing). Returns its row count."""
    have = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    jumps = "series_jumps" if "series_jumps" in have else NO_JUMPS
    columns = {d[0] for d in con.execute("SELECT * FROM indicators LIMIT 0").description}
    signed = "i.signed" if "signed" in columns else (  # as build_jumps decides it
        "i.indicator_id IN (SELECT indicator_id FROM indicator_values WHERE value < 0)")
    con.execute(STEPS_SQL.format(jumps=jumps, usual=float(step_usual), signed=signed))
    return {"ommeland_steps": row_count(con, "ommeland_steps")}

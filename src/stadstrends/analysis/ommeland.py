"""The ommeland of every current municipality: its COROP region without it.

``build_ommeland(con)`` reads ``region_sets``, ``series_all``, ``catalogue_indicators``,
``indicator_values`` (and for the rounding ``region_cbs_means``, ``indicators``,
``mean_rounding``, ``denominator_rounding``) and creates ``ommeland``: ``region_code,
indicator_id, year, province_code, corop_code, ommeland_value, ommeland_note,
ommeland_rounding, ommeland_zeros``, one row per municipality x indicator x year with a value.
The ommeland value is computed from the harmonised numerators and denominators in
``series_all``: the COROP total (complete only when every member has a value) minus the
municipality, ratios as sum(num) / sum(den) x scale. The COROP total of a published mean is
CBS's mean x base where CBS publishes it for today's region (``region_cbs_means``,
indicators/aggregate.py): the ommeland stays the sum over the other members where all have a
figure, and is derived from CBS's figure and the municipality's where one is missing
(Leeuwarden's income 2023: (151 900 x 48.2 - 64 200 x 45.1) / 87 700 = 50.5).
A count's or ratio's gap where CBS's COROP figure is its own is filled from CBS's COROP
and city figures of one table (:mod:`.ommeland_cbs`: 8 289 values in the snapshot, with their
``ommeland_rounding``). ``ommeland_note`` says why it is NULL: a non-additive (level)
indicator, a COROP region of one municipality, or a member without a value.
``ommeland_rounding`` (a count's or ratio's from CBS's COROP figure: :mod:`.ommeland_cbs`):
how far an ommeland derived from CBS's COROP mean can be off by CBS's
rounding alone, in the indicator's unit (NULL for a sum over the members): both means are
rounded to half a printed unit h (the catalogue's decimals, or ``mean_rounding``) and both
bases to half their unit (``denominator_rounding``), so with B the COROP's base, b the
city's and O the ommeland, (B x h + b x h + |M - O| x hB + |O - m| x hB) / (B - b).
Leeuwarden's income 2023: (151 900 + 64 200) x 0.05 / 87 700 plus the bases' 0.005 = 0.128,
more than the 0.05 its one decimal claims; every derived ommeland is (B + b > B - b):
1 767 of them in the snapshot (WOZ value 1 407, low-income share 312, income 48). The city
set's benchmarks read their ommeland from here; before they summed the other members, which
gave the same figures up to floating-point rounding (1e-9 relative, all 39 948 rows of the
default city set).
``ommeland_zeros`` (:data:`ZEROS_SQL`): of an ommeland of 0 whose members' counts CBS all
rounded to 0 (``rounded_counts``), how many those counts are; NULL otherwise. Such a 0 is
'berekend uit een op 0 afgerond aantal' (one member) or '... afgeronde aantallen', as the
city's own figure on a count rounded to 0: Zaanstad's demolitions of 2018, 2019 and 2023
(Wormerland's 0 in 86054NED, rounded to fives: 0 to 2 dwellings). An ommeland of 0 summed
from nonzero counts (a balance: Schagen's net growth of dwellings 2017, +30 -20 +0 -10) is
no such figure. 7 of the 14 ommeland figures of 0 in the snapshot.
``ommeland_dominant``, ``ommeland_dominant_share``: the member carrying more than the
settings' ``ommeland_dominant_share`` of the ommeland's numerator (:mod:`.ommeland_dominant`).
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.benchmarks import NOTE_ALONE, NOTE_LEVEL, NOTE_MISSING
from stadstrends.analysis.ommeland_cbs import derive_cbs_ommeland
from stadstrends.analysis.ommeland_dominant import build_ommeland_dominant
from stadstrends.analysis.trends import row_count, values_relation
from stadstrends.settings import default_settings

OMMELAND_SQL = """
CREATE OR REPLACE TABLE ommeland AS
WITH geo AS (
    SELECT m.region_code, max(p.set_id) AS province_code, max(c.set_id) AS corop_code
    FROM region_sets m  -- NL01: the municipalities of the reference year
    LEFT JOIN region_sets p ON p.region_code = m.region_code AND p.set_id LIKE 'PV%'
    LEFT JOIN region_sets c ON c.region_code = m.region_code AND c.set_id LIKE 'CR%'
    WHERE m.set_id = 'NL01' GROUP BY m.region_code
),
corop_size AS (SELECT set_id AS corop_code, count(*) AS n FROM region_sets
               WHERE set_id LIKE 'CR%' GROUP BY 1),
ind AS (SELECT * FROM catalogue_indicators WHERE method <> 'level'),
corop_totals AS ({corop_totals}),
series AS (  -- the series the ommeland divides, numbered
    SELECT series_id, row_number() OVER () AS no FROM (
        SELECT indicator_id || ':num' AS series_id FROM ind
        UNION SELECT denominator_series FROM ind WHERE denominator_series IS NOT NULL)
),
corops AS (SELECT corop_code, row_number() OVER () AS no
           FROM (SELECT DISTINCT corop_code FROM geo WHERE corop_code IS NOT NULL)),
places AS (  -- numbered, as their COROP regions (below 10 000 of each)
    SELECT g.*, row_number() OVER () AS no, c.no AS corop_no
    FROM geo g LEFT JOIN corops c USING (corop_code)
),
totals AS (
    SELECT (s.no * 10000 + c.no) * 10000 + t.year AS key, t.value
    FROM corop_totals t
    JOIN series s USING (series_id)
    JOIN corops c ON c.corop_code = t.region_code
),
rest AS (  -- the COROP total minus the municipality, once per series the ommeland divides,
    -- looked up below for an indicator's numerator and denominator by one number (series,
    -- municipality, year), as the COROP totals are: before, by three keys, two of them
    -- strings (the statement 1.55 -> 0.98 s of CPU, medians of 6 alternated; the same rows)
    SELECT (s.no * 10000 + g.no) * 10000 + own.year AS key, tot.value - own.value AS rest
    FROM series_all own
    JOIN series s USING (series_id)
    JOIN places g ON g.region_code = own.region_code
    JOIN totals tot ON tot.key = (s.no * 10000 + g.corop_no) * 10000 + own.year
    WHERE own.region_code LIKE 'GM%'
)
SELECT v.region_code, v.indicator_id, v.year, g.province_code, g.corop_code,
       CASE WHEN i.indicator_id IS NULL OR n.rest IS NULL THEN NULL  -- a level; no total
            WHEN z.n = 1 THEN NULL  -- the COROP region is this municipality alone
            WHEN i.denominator_series IS NULL THEN n.rest * i.scale
            WHEN d.rest IS NULL OR d.rest = 0 THEN NULL
            ELSE n.rest / d.rest * i.scale END AS ommeland_value,
       CASE WHEN ommeland_value IS NOT NULL THEN NULL
            WHEN c.method = 'level' THEN '{level}'
            WHEN z.n = 1 THEN '{alone}'
            ELSE '{missing}' END AS ommeland_note
FROM {values} v
JOIN places g USING (region_code)
LEFT JOIN catalogue_indicators c USING (indicator_id)
LEFT JOIN corop_size z USING (corop_code)
LEFT JOIN ind i USING (indicator_id)
LEFT JOIN series sn ON sn.series_id = v.indicator_id || ':num'
LEFT JOIN series sd ON sd.series_id = i.denominator_series
LEFT JOIN rest n ON n.key = (sn.no * 10000 + g.no) * 10000 + v.year
LEFT JOIN rest d ON d.key = (sd.no * 10000 + g.no) * 10000 + v.year
"""


# the COROP regions' totals: a published mean's COROP figure that is CBS's
# (indicators/aggregate.py) is replaced by the members' sums where they are complete; a
# count's or ratio's CBS figure (taken only where the members' sum is incomplete) gives no
# total: the ommeland stays the sum over the other members
COROP_TOTALS_SQL = """
    SELECT a.series_id, a.region_code, a.year, CASE
               WHEN c.method IN ('count', 'ratio') THEN NULL
               WHEN m.member_num IS NULL THEN a.value
               WHEN a.series_id = m.indicator_id || ':num' THEN m.member_num
               WHEN a.series_id = m.indicator_id || ':den' THEN m.member_den
               ELSE a.value END AS value
    FROM series_all a
    LEFT JOIN region_cbs_means m ON m.region_code = a.region_code AND m.year = a.year
     AND a.series_id IN (m.indicator_id || ':num', m.indicator_id || ':den')
    LEFT JOIN catalogue_indicators c ON c.indicator_id = m.indicator_id
    WHERE a.region_code LIKE 'CR%'
"""


# the rounding of an ommeland derived from CBS's COROP mean (see the module docstring), for
# the cells whose COROP total is CBS's; set into the table by ROUNDING_SET_SQL
ROUNDING_SQL = """
CREATE OR REPLACE TEMP TABLE _ommeland_rounding AS
WITH derived AS (  -- the COROP regions and years whose total is CBS's mean x base
    SELECT indicator_id, region_code AS corop_code, year FROM region_cbs_means
    WHERE region_code LIKE 'CR%' AND member_num IS NULL
),
cells AS (
    SELECT o.region_code, o.indicator_id, o.year, o.corop_code, o.ommeland_value AS omm
    FROM ommeland o JOIN derived USING (indicator_id, corop_code, year)
    WHERE o.ommeland_value IS NOT NULL
),
keys AS (  -- the numerator and denominator series of the cells' cities and COROP regions
    SELECT DISTINCT k.indicator_id, k.region_code, k.year, s.series_id,
           s.series_id = k.indicator_id || ':num' AS num
    FROM (SELECT indicator_id, region_code, year FROM cells
          UNION SELECT indicator_id, corop_code, year FROM cells) k
    JOIN (SELECT indicator_id, indicator_id || ':num' AS series_id FROM catalogue_indicators
          UNION ALL SELECT indicator_id, denominator_series FROM catalogue_indicators
          WHERE denominator_series IS NOT NULL) s USING (indicator_id)
),
parts AS (  -- their values: series_all probed with the 4 190 keys (a hash table of all the
    -- regions' 285 520 rows of series_all cost 0.09 of the statement's 0.2 s)
    SELECT k.indicator_id, k.region_code, k.year, k.num, a.value
    FROM keys k JOIN series_all a USING (series_id, region_code, year)
),
vals AS (  -- num (mean x base) and den (base) of the COROP region (c) and the city (m)
    SELECT c.region_code, c.indicator_id, c.year,
           max(p.value) FILTER (WHERE p.num) AS cn, max(p.value) FILTER (WHERE NOT p.num) AS cd,
           max(q.value) FILTER (WHERE q.num) AS mn, max(q.value) FILTER (WHERE NOT q.num) AS md
    FROM cells c
    JOIN parts p ON p.indicator_id = c.indicator_id AND p.year = c.year
     AND p.region_code = c.corop_code
    JOIN parts q ON q.indicator_id = c.indicator_id AND q.year = c.year
     AND q.region_code = c.region_code
    GROUP BY ALL
),
halves AS (
    SELECT c.*, v.cn, v.cd, v.mn, v.md,
           greatest(0.5 * pow(10, -coalesce(i.decimals, 0)), coalesce(mr.unit, 0) / 2) AS h,
           coalesce(dr.unit, 1) / 2 AS hb
    FROM cells c JOIN vals v USING (region_code, indicator_id, year)
    LEFT JOIN indicators i USING (indicator_id)
    LEFT JOIN (SELECT indicator_id, year, max(unit) AS unit FROM mean_rounding GROUP BY ALL)
      mr USING (indicator_id, year)
    LEFT JOIN (SELECT indicator_id, year, max(unit) AS unit FROM denominator_rounding
               GROUP BY ALL) dr USING (indicator_id, year)
),
rounding AS (
    SELECT region_code, indicator_id, year,
           (cd * h + md * h + abs(cn / cd - omm) * hb + abs(omm - mn / md) * hb) / (cd - md)
               AS ommeland_rounding
    FROM halves WHERE cd > md AND md > 0
)
SELECT region_code, indicator_id, year, ommeland_rounding FROM rounding
"""

# the column added and its 1 767 cells set: writing the table of 298 200 rows again with
# the column joined in cost 0.29-0.36 s of CPU, this 0.13 s (equal rows)
ROUNDING_SET_SQL = """
ALTER TABLE ommeland ADD COLUMN ommeland_rounding DOUBLE;
UPDATE ommeland o SET ommeland_rounding = r.ommeland_rounding FROM _ommeland_rounding r
WHERE o.region_code = r.region_code AND o.indicator_id = r.indicator_id AND o.year = r.year;
DROP TABLE _ommeland_rounding;
"""

#: ``ommeland_zeros`` (see the module docstring), set where every member of the ommeland has
#: a count CBS rounded to 0 (a member without a rounded count, or with a nonzero one, none)
ZEROS_SQL = """
ALTER TABLE ommeland ADD COLUMN ommeland_zeros INTEGER;
UPDATE ommeland o SET ommeland_zeros = z.n FROM (
    SELECT o.region_code, o.indicator_id, o.year, count(*) AS n
    FROM ommeland o
    JOIN region_sets s ON s.set_id = o.corop_code AND s.region_code <> o.region_code
    LEFT JOIN rounded_counts r ON r.region_code = s.region_code
     AND r.indicator_id = o.indicator_id AND r.year = o.year
    WHERE o.ommeland_value = 0
    GROUP BY ALL HAVING count(*) = count(*) FILTER (WHERE r.count = 0)
) z
WHERE o.region_code = z.region_code AND o.indicator_id = z.indicator_id AND o.year = z.year;
"""

ROUNDING_TABLES = ("region_cbs_means", "indicators", "mean_rounding", "denominator_rounding")


def build_ommeland(con: duckdb.DuckDBPyConnection, dominant_share: float | None = None
                   ) -> dict[str, int]:
    """Create ``ommeland`` (see the module docstring); returns its row count.
    ``dominant_share``: the member's share of the ommeland's numerator above which
    ``ommeland_dominant`` names it (:mod:`.ommeland_dominant`; None: settings.yaml's). Without
    ``region_cbs_means`` (a warehouse of before it) the COROP totals are ``series_all``'s
    and ``ommeland_rounding`` is NULL."""
    has_cbs = con.execute("SELECT count(*) FROM information_schema.tables "
                          "WHERE table_name = 'region_cbs_means'").fetchone()[0] > 0
    totals = COROP_TOTALS_SQL if has_cbs else (
        "SELECT series_id, region_code, year, value FROM series_all "
        "WHERE region_code LIKE 'CR%'")
    con.execute(OMMELAND_SQL.format(level=NOTE_LEVEL, alone=NOTE_ALONE, missing=NOTE_MISSING,
                                    corop_totals=totals, values=values_relation(con)))
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables")
            .fetchall()}
    if set(ROUNDING_TABLES) <= have:
        con.execute(ROUNDING_SQL)
        con.execute(ROUNDING_SET_SQL)
    else:
        con.execute("ALTER TABLE ommeland ADD COLUMN ommeland_rounding DOUBLE")
    derive_cbs_ommeland(con)  # a count's or ratio's gap: CBS's COROP figure minus the city's
    con.execute(ZEROS_SQL if "rounded_counts" in have else
                "ALTER TABLE ommeland ADD COLUMN ommeland_zeros INTEGER")
    if dominant_share is None:  # the settings' (settings.yaml), as a build reads them
        dominant_share = default_settings().ommeland_dominant_share
    build_ommeland_dominant(con, dominant_share)  # the member carrying most of it
    return {"ommeland": row_count(con, "ommeland")}

"""A published mean is CBS's figure where it rests on one code; weights only combine codes.

A ``weighted_mean`` (unemployment %, income, WOZ value) is CBS's own figure, weighted by a
base (the labour force, households, dwellings) only where figures must be combined: a merged
or split municipality from its codes' figures (the harmonisation sums mean x base and base,
:data:`~stadstrends.indicators.build.SERIES_RAW_FINAL_SQL`), COROP regions, provinces and
Nederland (:mod:`.aggregate`). The means themselves go through the same harmonisation
(:data:`RAW_MEANS_SQL`, :func:`harmonise_means`): where today's municipality's mean rests on
one code with all of its weight (no row of ``series_parts`` would name it: not summed from
several codes, no part of one; a code CBS renamed counts as one), the value is that code's
published mean (``_own_means``, which :data:`~stadstrends.indicators.build.VALUES_SQL`
reads); elsewhere it is the quotient of the harmonised sums, as before.

So a base CBS rounds to 0 no longer loses CBS's figure: 85230NED and 86088NED give the labour
force in thousands, Schiermonnikoog's (some 500 people) is 0 in 2003-2016 and 2021, and mean x
0 / 0 has no value while CBS publishes one every year (2021: 3,2%). Nor does a base CBS leaves
empty, or one on other boundaries than the mean: Amsterdam's district heating 2022 is CBS's
16,7 %, not 16,7 x Amsterdam's dwellings / those of Amsterdam and Weesp. A merged or split
municipality whose every part's weight is 0 stays without a figure, with the reason
``weight_rounded_to_zero`` (:data:`~stadstrends.indicators.build.VALUES_SQL`): its parts'
means cannot be weighed. A part of weight 0 beside others with a weight counts with weight 0;
its true weight, under half the unit, is as uncertain as every other part's (each +- half the
unit). The regions around Schiermonnikoog (Noord-Friesland, Fryslân, Nederland) are CBS's own
figures (``region_cbs_means``) in every year; an ommeland summed over its other members takes
the island at weight 0, at most 0,013 points from any weight under 500 (half a printed unit
is 0,05).
"""

from __future__ import annotations

import duckdb

from stadstrends.duck import ATTACH_STEPS_SQL, STEPS_DB
from stadstrends.harmonise.apply import COMBINED, HARMONISE_SQL

# run after SERIES_RAW_FINAL_SQL, while _picked and _part_info exist: the municipalities'
# published means as CBS gives them (series '<indicator>:mean'), with the numerator's timing
RAW_MEANS_SQL = f"""
{ATTACH_STEPS_SQL};
CREATE OR REPLACE TABLE {STEPS_DB}._raw_means AS
SELECT i.indicator_id || ':mean' AS series_id, n.region_code, n.year, n.boundary_year,
       n.value, true AS additive, n.status, n.table_id, i.indicator_id, 'mean' AS role,
       i.timing, i.basis
FROM _picked n JOIN _part_info i USING (part_no)
WHERE i.role = 'num' AND i.weighted AND n.region_code LIKE 'GM%'
"""

_HARMONISED = f"{STEPS_DB}._harmonised_means"

# the means that rest on one code with all its weight: PARTS_SQL's rows are the others
OWN_MEANS_SQL = f"""
CREATE OR REPLACE TEMP TABLE _own_means AS
SELECT split_part(series_id, ':', 1) AS indicator_id, region_code, year, value
FROM {_HARMONISED}
WHERE value IS NOT NULL AND NOT {COMBINED};
DROP TABLE {_HARMONISED};
DROP TABLE {STEPS_DB}._raw_means
"""


def harmonise_means(con: duckdb.DuckDBPyConnection) -> None:
    """``_own_means(indicator_id, region_code, year, value)``, a temporary table of ``con``:
    today's municipalities whose published mean rests on one code, from ``_raw_means``
    (:data:`RAW_MEANS_SQL`) by the harmonisation of every series
    (:data:`~stadstrends.harmonise.apply.HARMONISE_SQL`)."""
    con.execute(ATTACH_STEPS_SQL)
    con.execute(HARMONISE_SQL.format(source=f"{STEPS_DB}._raw_means", table=_HARMONISED,
                                     part="TRUE"))
    con.execute(OWN_MEANS_SQL)

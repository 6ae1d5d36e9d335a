"""Compute every catalogue indicator for today's municipalities, COROP, provinces and NL.

Set-based: the catalogue becomes a table of source parts, joined once with the raw
observations; harmonisation and aggregation are single SQL statements over all indicators.
Harmonise before dividing: numerators and denominators go to today's boundaries first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress

import duckdb
import pandas as pd

from stadstrends.duck import beside, detach_steps, store_frame
from stadstrends.errors import CatalogueError
from stadstrends.harmonise.apply import drop_harmonised, harmonise_series
from stadstrends.harmonise.boundaries import detect_boundary_years
from stadstrends.indicators.aggregate import aggregate_regions, build_region_areas
from stadstrends.indicators.catalogue import Catalogue, Indicator, SourcePart
from stadstrends.indicators.cbs_rounding import DEN_ROUNDING_SQL, MEAN_ROUNDING_SQL, ROUNDING_SQL
from stadstrends.indicators.cut_gaps import explain_cut_gaps
from stadstrends.indicators.empty_tables import EMPTY_CELLS_SQL, EMPTY_TABLES_SQL
from stadstrends.indicators.fallback import FALLBACK_SQL, RECOMPUTED_CELLS_SQL, exact_sql
from stadstrends.indicators.harmonised_cells import HARMONISED_CELLS_SQL
from stadstrends.indicators.level_gaps import explain_level_gaps
from stadstrends.indicators.matching import AMBIGUOUS_SQL, SERIES_RAW_SQL, UNIQUE_SQL
from stadstrends.indicators.measure_types import MeasureTypes, load_measure_types
from stadstrends.indicators.provisional import CELLS_SQL, CONFIRM_SQL, mark_latest
from stadstrends.indicators.published_means import RAW_MEANS_SQL, harmonise_means
from stadstrends.indicators.region_fallback import FILL_SQL, REGIONS_SQL
from stadstrends.indicators.span_gaps import explain_span_gaps
from stadstrends.indicators.survey_gaps import explain_survey_gaps

DEFAULT_TYPE = ("stock_start", "persons")  # for a table missing from measures.yaml


def _part_rows(ind: Indicator, role: str, rank: int, part: SourcePart,
               types: MeasureTypes) -> list[dict]:
    timing, basis = types.of(part.table, part.terms[0][0]) or DEFAULT_TYPE
    common = {
        "series_id": f"{ind.id}:{role}", "indicator_id": ind.id, "role": role, "rank": rank,
        "table_id": part.table.lower(), "n_terms": len(part.terms),
        "where_list": list(part.where), "period_type": part.period, "part": part.part,
        "year_from": part.years[0] if part.years else None,
        "year_to": part.years[1] if part.years else None,
        "boundary_year": part.boundary_year, "scale": part.scale,
        # a persons_base: a count, in the years shown (indicator_sources leaves it out)
        "year_offset": 0 if role == "base" else ind.year_offset,
        "additive": ind.method != "level" or role == "base",
        "weighted": ind.method == "weighted_mean" and role in ("num", "den"),
        "timing": timing, "basis": basis,
    }
    return [{**common, "measure": measure, "coef": coef,
             "final": types.is_final(part.table, measure)} for measure, coef in part.terms]


def catalogue_parts(catalogue: Catalogue, types: MeasureTypes | None = None) -> pd.DataFrame:
    """One row per source term: which table/measure feeds which series, with priority, and
    the measure's timing and basis and whether its figures are final whatever the table's
    status says (``final``; all three from ``measures.yaml``)."""
    types = types or load_measure_types()
    rows = [
        row
        for ind in catalogue.indicators
        for role, parts in (("num", ind.numerator), ("den", ind.denominator or []),
                            ("fb", [ind.count_fallback] if ind.count_fallback else []),
                            ("rf", ind.region_fallback), ("base", ind.persons_base or []))
        for rank, part in enumerate(parts)
        for row in _part_rows(ind, role, rank, part, types)
    ]
    frame = pd.DataFrame(rows)
    frame["where_list"] = frame["where_list"].astype(object)
    for col in ("part", "year_from", "year_to", "boundary_year"):
        frame[col] = frame[col].astype("Int64")
    return frame


# the 1 600 distinct parts, years and tables first, then the words: 0.09 instead of 0.16 s of
# CPU (medians of 4) for the same rows
SOURCES_SQL = """
CREATE OR REPLACE TABLE indicator_sources AS
WITH p AS (
    SELECT part_no, year, table_id, measure,
           bool_or(status IN ('voorlopig', 'nader voorlopig')) AS provisional
    FROM _picked GROUP BY ALL
)
SELECT i.indicator_id, p.year, string_agg(DISTINCT p.table_id, ', ' ORDER BY p.table_id) AS tables,
       string_agg(DISTINCT coalesce(p.measure, i.measure), ', '
                  ORDER BY coalesce(p.measure, i.measure)) AS measures,
       bool_or(p.provisional) AS provisional,
       -- by role: the figure's (a rate, a count, a published mean), its denominator's (a
       -- weighted mean's weights) and its count_fallback's (view indicator_values names those
       -- of each figure: a published mean kept as CBS gives it is its own table's alone)
       string_agg(DISTINCT p.table_id, ', ' ORDER BY p.table_id) FILTER (i.role = 'num')
           AS num_tables,
       string_agg(DISTINCT p.table_id, ', ' ORDER BY p.table_id) FILTER (i.role = 'den')
           AS den_tables,
       string_agg(DISTINCT p.table_id, ', ' ORDER BY p.table_id) FILTER (i.role = 'fb')
           AS fb_tables,
       -- and so their measures (view indicator_values' source_measures, as source_tables)
       string_agg(DISTINCT coalesce(p.measure, i.measure), ', ' ORDER BY
                  coalesce(p.measure, i.measure)) FILTER (i.role = 'num') AS num_measures,
       string_agg(DISTINCT coalesce(p.measure, i.measure), ', ' ORDER BY
                  coalesce(p.measure, i.measure)) FILTER (i.role = 'den') AS den_measures,
       string_agg(DISTINCT coalesce(p.measure, i.measure), ', ' ORDER BY
                  coalesce(p.measure, i.measure)) FILTER (i.role = 'fb') AS fb_measures
FROM p JOIN _part_info i USING (part_no)
WHERE i.role <> 'base'  -- a share's persons (persons_base): no source of its figure
GROUP BY i.indicator_id, p.year
"""

# weighted means become additive products (mean x base) before harmonisation
SERIES_RAW_FINAL_SQL = """
CREATE OR REPLACE TABLE series_raw AS
WITH den AS (  -- the bases of the weighted means
    SELECT i.indicator_no, p.region_code, p.year, p.value
    FROM _picked p JOIN _part_info i USING (part_no)
    WHERE i.role = 'den' AND i.weighted
)
SELECT i.series_id, n.region_code, n.year, n.boundary_year,
       CASE WHEN i.weighted AND i.role = 'num' THEN n.value * d.value ELSE n.value END AS value,
       i.additive, n.status, n.table_id, i.indicator_id, i.role, i.timing, i.basis
FROM _picked n
JOIN _part_info i USING (part_no)
LEFT JOIN den d
  ON i.weighted AND i.role = 'num' AND d.indicator_no = i.indicator_no
 AND d.region_code = n.region_code AND d.year = n.year
WHERE i.role NOT IN ('fb', 'rf')  -- through FALLBACK_SQL and region_fallback.FILL_SQL
"""

# a balance (migration balance, growth): some region has a value below zero somewhere; its
# relative change means nothing (0,5 -> 7,3 is not "+1 327 %"), so texts give the absolute one
SIGNED_SQL = """
CREATE OR REPLACE TABLE indicators AS
SELECT i.*, coalesce(s.signed, false) AS signed
FROM indicators i
LEFT JOIN (SELECT indicator_id, bool_or(value < 0) AS signed FROM indicator_results
           GROUP BY indicator_id) s USING (indicator_id)
"""

# used_tables: the catalogue's tables (source_tables, its parts') and those its values came
# from in the years with a value: the numerator's (indicator_sources, as the view
# indicator_values shows them) and a denominator indicator's of the same year. A change_of
# or denominator_indicator reads another indicator's tables (Bevolkingsgroei 2024-2025 from
# 03759ned, the catalogue naming only 37259eng); the sources list names every one
USED_TABLES_SQL = """
CREATE OR REPLACE TABLE indicators AS
WITH vals AS (SELECT DISTINCT indicator_id, year FROM indicator_results
              WHERE value IS NOT NULL),
used AS (
    SELECT v.indicator_id, s.tables FROM vals v JOIN indicator_sources s USING (indicator_id, year)
    UNION
    SELECT v.indicator_id, s.tables FROM vals v
    JOIN catalogue_indicators c USING (indicator_id)
    JOIN indicator_sources s ON s.indicator_id = split_part(c.denominator_series, ':', 1)
     AND s.year = v.year
    WHERE c.denominator_series LIKE '%:num'
),
tabled AS (SELECT indicator_id, list(DISTINCT trim(t)) AS tables
           FROM used, unnest(string_split(used.tables, ',')) AS x(t)
           WHERE trim(t) <> '' GROUP BY indicator_id)
SELECT i.*, list_sort(list_distinct(list_concat(i.source_tables,
                coalesce(u.tables, []::VARCHAR[])))) AS used_tables
FROM indicators i LEFT JOIN tabled u USING (indicator_id)
ORDER BY i.rowid  -- the catalogue's order, which the report's panels and lists keep
"""

# change_of: the numerator of these years is X(t+1) - X(t) of a count's harmonised series
# (every region level of series_all); a row only where both years have one. Its sources
# are the count's of both years
CHANGE_SQL = """
INSERT INTO series_all
SELECT c.indicator_id || ':num', a.region_code, a.year, b.value - a.value,
       CASE WHEN a.value IS NULL THEN a.reason WHEN b.value IS NULL THEN b.reason END,
       CASE WHEN a.value IS NULL THEN a.reason_detail
            WHEN b.value IS NULL THEN b.reason_detail END
FROM catalogue_changes c
JOIN series_all a ON a.series_id = c.source_indicator || ':num'
                 AND a.year BETWEEN c.year_from AND c.year_to
JOIN series_all b ON b.series_id = a.series_id AND b.region_code = a.region_code
                 AND b.year = a.year + 1;
INSERT INTO indicator_sources
SELECT c.indicator_id, y.year,
       string_agg(DISTINCT t.tab, ', ' ORDER BY t.tab) AS tables,
       string_agg(DISTINCT m.meas, ', ' ORDER BY m.meas) AS measures, bool_or(s.provisional),
       string_agg(DISTINCT t.tab, ', ' ORDER BY t.tab) AS num_tables, NULL AS den_tables,
       NULL AS fb_tables, string_agg(DISTINCT m.meas, ', ' ORDER BY m.meas) AS num_measures,
       NULL AS den_measures, NULL AS fb_measures
FROM catalogue_changes c
JOIN range(c.year_from, c.year_to + 1) y(year) ON TRUE
JOIN indicator_sources s ON s.indicator_id = c.source_indicator
                        AND s.year IN (y.year, y.year + 1)
CROSS JOIN unnest(string_split(s.tables, ', ')) t(tab)
CROSS JOIN unnest(string_split(s.measures, ', ')) m(meas)
GROUP BY c.indicator_id, y.year
HAVING count(DISTINCT s.year) = 2
"""

# a published mean (weighted_mean) of a municipality is its one code's (_own_means, see
# published_means); the quotient of the harmonised sums where codes are combined
VALUES_SQL = """
CREATE OR REPLACE TABLE indicator_results AS
WITH ind AS (SELECT * FROM catalogue_indicators),
num AS (SELECT * FROM series_all WHERE series_id LIKE '%:num'),
den AS (  -- the series that are some indicator's denominator: a small hash table
    SELECT * FROM series_all
    WHERE series_id IN (SELECT denominator_series FROM catalogue_indicators)
),
joined AS (
    SELECT i.indicator_id, i.method, i.scale, n.region_code, n.year,
           n.value AS num, n.reason AS num_reason, n.reason_detail AS num_detail,
           d.value AS den, d.reason AS den_reason, d.reason_detail AS den_detail,
           m.value AS mean, (i.denominator_series IS NOT NULL) AS needs_den,
           -- a municipality's rounded count of 0: fewer than half the unit, not none. Not for
           -- fives (84903NED/86054NED): a 0 there is 0-2 dwellings built or demolished or a
           -- balance of -2..2, kept as 0 (the report's rounding caveat says it is uncertain)
           (n.value = 0 AND r.unit >= 10 AND n.region_code LIKE 'GM%') AS rounded_zero,
           r.unit, u.reason AS unusable,
           -- a municipality's denominator rounded to 0 (fewer than half its unit), not none
           (d.value = 0 AND dr.unit IS NOT NULL AND n.region_code LIKE 'GM%') AS den_rounded,
           dr.unit AS den_unit
    FROM ind i
    JOIN num n ON n.series_id = i.indicator_id || ':num'
    LEFT JOIN den d ON d.series_id = i.denominator_series
                   AND d.region_code = n.region_code AND d.year = n.year
    LEFT JOIN _own_means m ON m.indicator_id = i.indicator_id
                          AND m.region_code = n.region_code AND m.year = n.year
    LEFT JOIN numerator_rounding r ON r.indicator_id = i.indicator_id AND r.year = n.year
    LEFT JOIN denominator_rounding dr ON dr.indicator_id = i.indicator_id AND dr.year = n.year
    LEFT JOIN catalogue_unusable u  -- a CBS figure the catalogue declares untrue
      ON u.indicator_id = i.indicator_id AND u.region_code = n.region_code
     AND n.year BETWEEN u.year_from AND u.year_to
)
SELECT indicator_id, region_code, year,
       CASE
           WHEN rounded_zero OR unusable IS NOT NULL THEN NULL
           WHEN mean IS NOT NULL THEN mean * scale
           WHEN NOT needs_den THEN num * scale
           WHEN den IS NULL OR den = 0 THEN NULL
           ELSE num / den * scale
       END AS value,
       CASE
           WHEN num IS NULL AND mean IS NULL THEN num_reason
           WHEN unusable IS NOT NULL THEN unusable
           WHEN mean IS NOT NULL THEN NULL
           WHEN rounded_zero THEN 'rounded_to_zero'
           WHEN needs_den AND den IS NULL THEN coalesce(den_reason, 'no_denominator')
           -- the weights of a merged municipality's published means
           WHEN needs_den AND den_rounded AND method = 'weighted_mean'
           THEN 'weight_rounded_to_zero'
           WHEN needs_den AND den_rounded THEN 'denominator_rounded_to_zero'
           WHEN needs_den AND den = 0 THEN 'denominator_zero'
       END AS reason,
       CASE
           WHEN num IS NULL AND mean IS NULL THEN num_detail
           WHEN mean IS NOT NULL THEN NULL
           WHEN rounded_zero THEN (unit // 2)::VARCHAR  -- the count is below this
           WHEN needs_den AND den IS NULL THEN den_detail
           WHEN needs_den AND den_rounded THEN (den_unit // 2)::VARCHAR
       END AS reason_detail
FROM joined
"""


def _indicator_table(catalogue: Catalogue) -> pd.DataFrame:
    rows = []
    for ind in catalogue.indicators:
        if ind.denominator:
            den = f"{ind.id}:den"
        elif ind.denominator_indicator:
            den = f"{ind.denominator_indicator}:num"
        else:
            den = None
        rows.append({"indicator_id": ind.id, "method": ind.method, "scale": ind.scale,
                     "denominator_series": den,
                     "count_series": f"{ind.counts_from}:num" if ind.counts_from else None,
                     "base_series": f"{ind.id}:base" if ind.persons_base else None,
                     "survey": ind.survey})
    return pd.DataFrame(rows)


def _change_table(catalogue: Catalogue) -> pd.DataFrame:
    rows = [{"indicator_id": i.id, "source_indicator": i.change_of.indicator,
             "year_from": i.change_of.years[0], "year_to": i.change_of.years[1]}
            for i in catalogue.indicators if i.change_of]
    return pd.DataFrame(rows, columns=["indicator_id", "source_indicator", "year_from",
                                       "year_to"]).astype({"year_from": "int64",
                                                           "year_to": "int64"})


def build_indicators(con: duckdb.DuckDBPyConnection, catalogue: Catalogue,
                     more: Sequence[str] | None = None,
                     aggregated: Callable[[], object] | None = None) -> None:
    """Fill ``indicator_results(indicator_id, region_code, year, value, reason,
    reason_detail)`` (``reason``: a code, see ``reasons`` in the language files), ``gap_tables``
    (see :mod:`.empty_tables`), ``indicator_sources``, ``provisional_cells`` (see
    :mod:`.provisional`), ``recomputed_cells`` and ``exact_rates`` (see :mod:`.fallback`),
    ``fallback_cells`` (:mod:`.region_fallback`), ``harmonised_cells`` (see
    :mod:`.harmonised_cells`),
    ``numerator_rounding``, ``denominator_rounding`` and ``mean_rounding`` (indicator_id,
    year, table_id, measure, unit, n_values, n_zero: CBS's rounding, :mod:`.cbs_rounding`),
    and the columns ``signed`` and ``used_tables`` of ``indicators`` (:data:`USED_TABLES_SQL`),
    from
    ``raw_observations``, ``crosswalk``, ``region_history`` and ``region_sets``; ``more``:
    the tables whose national figure counts more than the municipalities
    (:func:`~stadstrends.indicators.aggregate.aggregate_regions`). ``aggregated``: called
    once the series are harmonised and aggregated, where the stage's statements leave a core
    partly idle (the build starts its early analysis there)."""
    parts = catalogue_parts(catalogue)
    indicators = _indicator_table(catalogue)
    store_frame(con, "catalogue_parts", parts)
    store_frame(con, "catalogue_indicators", indicators)
    store_frame(con, "catalogue_changes", _change_table(catalogue))
    store_frame(con, "catalogue_unusable", pd.DataFrame(
        catalogue.unusable_rows(), columns=["indicator_id", "region_code", "year_from",
                                            "year_to", "reason"]).astype(
        {"indicator_id": str, "region_code": str, "year_from": "int64", "year_to": "int64",
         "reason": str}))
    if "table_boundaries" not in {r[0] for r in con.execute("SHOW TABLES").fetchall()}:
        detect_boundary_years(con)
    try:
        _steps(con, catalogue, more, aggregated)
    except BaseException:
        with suppress(duckdb.Error):  # the error above is the one to see
            detach_steps(con)
        raise
    detach_steps(con)


def _picked_checks(cur: duckdb.DuckDBPyConnection) -> None:
    """What reads only the matched steps: one row per part, region and year (else the
    catalogue error), the sources of each indicator-year and CBS's rounding."""
    unique = cur.execute(UNIQUE_SQL).fetchall()[0][0]
    ambiguous = [] if unique else cur.execute(AMBIGUOUS_SQL).fetchall()
    if ambiguous:
        raise CatalogueError.worded("parts_ambiguous", rows=", ".join(
            "(" + ", ".join(map(str, row)) + ")" for row in ambiguous[:5]), details=ambiguous)
    cur.execute(SOURCES_SQL)
    cur.execute(ROUNDING_SQL)
    cur.execute(DEN_ROUNDING_SQL)
    cur.execute(MEAN_ROUNDING_SQL)


def _beside_harmonisation(cur: duckdb.DuckDBPyConnection) -> None:
    """What reads no harmonised series: today's cells of the provisional and the recomputed
    figures, the regions' areas and the members their sums leave out."""
    cur.execute(CELLS_SQL)
    cur.execute(RECOMPUTED_CELLS_SQL)
    build_region_areas(cur)


def _after_values(cur: duckdb.DuckDBPyConnection) -> None:
    """What reads only the values (rows with a value, which the gaps' steps do not add or
    change) and the sources."""
    cur.execute(HARMONISED_CELLS_SQL)
    if "indicators" in {r[0] for r in cur.execute("SHOW TABLES").fetchall()}:
        cur.execute(SIGNED_SQL)
        cur.execute(USED_TABLES_SQL)


def _steps(con: duckdb.DuckDBPyConnection, catalogue: Catalogue,
           more: Sequence[str] | None, aggregated: Callable[[], object] | None = None) -> None:
    # the stage's statements in order; where one leaves a core partly idle, what reads
    # nothing it writes runs beside it on a second cursor (stadstrends.duck.beside)
    con.execute(SERIES_RAW_SQL)
    con.execute(CONFIRM_SQL)  # a provisional figure a later source has as definitive
    con.execute("DROP TABLE _later")
    with beside(con, _picked_checks) as checks:
        con.execute(SERIES_RAW_FINAL_SQL)
        con.execute(FALLBACK_SQL)
        con.execute(FILL_SQL)  # region_fallback: another table's figure, cited per cell
        con.execute(RAW_MEANS_SQL)
        con.execute(exact_sql(catalogue.indicators))  # count_is_exact: CBS's rates unrounded
        checks()
    mark_latest(con, [i.id for i in catalogue.indicators if i.provisional_latest])
    con.execute(EMPTY_CELLS_SQL)
    # the steps, before the harmonisation needs their memory (series_matched: the checks)
    con.execute("DROP TABLE _picked; DROP TABLE _part_info; DROP TABLE _terms; "
                "DROP TABLE _part_dims")
    with beside(con, _beside_harmonisation) as other:
        harmonise_series(con)
        harmonise_means(con)
        other()
    aggregate_regions(con, more)  # series_all
    if aggregated is not None:
        aggregated()
    con.execute(CHANGE_SQL)
    drop_harmonised(con)
    con.execute(VALUES_SQL)
    con.execute(REGIONS_SQL)  # a region's sum over members of a region_fallback's table
    con.execute("DROP TABLE _own_means")
    with beside(con, _after_values) as after_values:
        explain_cut_gaps(con)
        explain_survey_gaps(con)
        explain_level_gaps(con)  # after both: the boundary change before what a table lacks
        explain_span_gaps(con)  # last: every other year's row sets the spans
        con.execute(EMPTY_TABLES_SQL)  # the reasons settled
        after_values()

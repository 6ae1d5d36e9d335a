"""'Kies richting' in SQL: per municipality and comparison group, the indicators that are a
distinctive strength or an urgent task (see :mod:`stadstrends.analysis.signals`).

Run by ``build_signals`` after its setup (tables ``_signals.bench`` and ``_signals.latest``,
temporary views ``_sig_ind``, ``_sig_opgave_ind``, ``_sig_scope``, ``_sig_trends``: the
trends with the one after a jump where the series jumps), on a cursor of its own while
the signals are ranked. A row's better-doing peers are its municipality's peers within the
group where ``peers`` lists them (``peer_set`` = the group), else its structurally nearest
among all (``peer_set`` 'all').

A position among fewer than :data:`KIES_MIN_N` municipalities with a figure (``n``) gets no
label: its 'quarter' is the one municipality at the end (or two of five), so 'distinctive
strength' would rest on being first of two (Amsterdam among the four largest cities on
establishments in transport and ICT, which two of the four have). Such indicators are left
out, as stale ones.

Ties share the middle of their places (the mid-rank ``percentile`` of
:mod:`.set_benchmarks`), and a value equal to the group's median is in no quarter and no
half (position ``at_median``, no label): Ameland's 0,6 on the zorgpremie arrears in GK1,
2024, equal to the median with five of ten, was a 'distinctive strength' while two do
better.

Nor does a position that the members the snapshot lacks could change: a copy of a CBS table
cut at 10 000 rows (``indicator_gaps.reason`` 'table_cut', 'predecessor_cut') leaves out the
municipalities after a name (85984NED: after Maasdriel), which have CBS figures. A label holds
only if it would hold whatever their figures: a quarter if all of them were more favourable
than the city, an unfavourable half if all were less. Enschede's 'urgent task' on
establishments in transport and ICT (2024) was the lowest quarter of the 30 {group} members in
the snapshot; with the 11 cut ones it could be the 15th of 41, above that quarter. In the
snapshot build this withholds 2 277 of the 2 650 labels that rest on a cut table (of 20 670).

A quarter that CBS's rounding alone could change gets no label either (the table
``coarse_positions`` of :mod:`stadstrends.analysis.coarse`, made in the setup; the report's
sentence says such a position is uncertain): Vlieland's net growth of its dwelling stock in
2023, 0 dwellings in 86054NED (rounded to fives: -2 to 2, +-3,9 per 1 000), was an 'urgent task'
in the lowest quarter of GK1 under a p25 of 1,7. Nor does a trend that may rest on CBS's
rounding of its years (``rests_on_rounding``: ``coarse_trends`` of
:mod:`stadstrends.analysis.coarse`) count as improving or worsening (``momentum`` 'none').
Nor does a value no further from the group's median than the figures' rounding unit (the
catalogue's decimals, or CBS's unit of a published mean, ``mean_rounding``; view
``_sig_print_units``): two figures each rounded to half a unit can be a unit apart while
equal, so such a value is ``near_median``, in no half and no quarter. Zwolle's crimes per
1 000 in 2024, 52,9 (provisional) against its default group's median of 52,8 and rising, was an
'urgent task' in the unfavourable half. (A quarter is a rank with ties at the middle of their
places, inclusive at its cut: a value at p25 or p75 keeps it.) Nor does a quarter whose
figure, as printed, the municipality shares with members on both sides of the quarter's cut:
their places could be in any order (CBS publishes unemployment rounded to 0,1), so the
figures do not tell on which side it is. Almere's unemployment in 2024, 4,2% as Arnhem's,
Heerlen's and Schiedam's, shared places 9 to 12 of the 41 of its city set (percent ranks 80
down to 72,5; its own, the middle, 76,25), and was an 'urgent task' in the highest quarter.
In the snapshot build this withholds 660 of 18 173 labels.
Nor does one year's figure of a count CBS rounds coarsely for the municipality
(``coarse_counts`` of :mod:`stadstrends.analysis.coarse`: a count rounded to 0, or half CBS's
unit more than ``coarse_share`` of the count; the report marks such a figure 'berekend uit
afgerond aantal') carry a label by itself: only where the trend tested over the fixed window
agrees (a strength improving, a task worsening), as a trend that may rest on rounding carries
none. Schiermonnikoog's new dwellings of 2023, 0 of 615 (rounded to fives: 0 to 2; 15 in
2022, 0 in five of the eight years), were an 'urgent task' in the lowest quarter of GK1 (p25
7,5 per 1 000, beyond the rounding), its trend no significant change. Nor does a share CBS
computes from a small base (``base_count``, :mod:`.small_bases`) that one case more or less
moves to its quarter's or half's cut, nor a share of persons (``small_bases.PERSONS_SQL``)
whose cut lies within the larger of one person and half CBS's unit of it (:data:`ONE_CASE`).
Nor does the trend of an amount in euro in current prices (``indicators.current_prices``:
incomes, wealth, WOZ values, house prices), part of whose rise is inflation: ``momentum``
'neutral' (significant, no verdict), reason ``..._no_verdict``; its position in the group
(same year, same prices) keeps its label. Nor does a small municipality's sample figure
(``_sig_survey``, :func:`~.survey_estimates.survey_view`): CBS calls it imprecise.
"""

from __future__ import annotations

import duckdb

from stadstrends.analysis.small_bases import case_bases_view, small_bases_view, step_reason

#: Fewest municipalities with a figure for a label: the least for which the settings'
#: quarter holds at least two and at most a third of them (publish.positions.MIN_QUARTER_N,
#: which words such a position as a rank; a test holds the two equal).
KIES_MIN_N = 6

#: The joins that give a row with ``indicator_id`` and ``year`` its figures' rounding units
#: (``_sig_print_units``: ``d.unit`` the catalogue's decimals, ``r.unit`` CBS's unit of a
#: published mean that year), and :data:`TOL`, the larger of the two with a margin for the
#: floats (NULL without either): a value no further than that from its group's median is
#: ``near_median`` here and no ``group_deviation`` signal (:mod:`.signals`).
UNIT_JOINS = """LEFT JOIN (SELECT indicator_id, max(unit) AS unit FROM _sig_print_units
               WHERE year IS NULL GROUP BY ALL) d USING (indicator_id)
    LEFT JOIN (SELECT indicator_id, year, max(unit) AS unit FROM _sig_print_units
               WHERE year IS NOT NULL GROUP BY ALL) r USING (indicator_id, year)"""
TOL = "greatest(d.unit, r.unit) * (1 + 1e-6)"

#: When a peer does better (``better_peers``): by more than the two figures' rounding can
#: make, each figure's spread the larger of its count's (``rounded_counts``) and half CBS's
#: unit of the published figure (``published_rounding``), the rule of the trends' changes
#: (``coarse_changes``), and by more than the figures' rounding unit (``tol``, as
#: ``near_median``); none where a spread is unknown. Súdwest-Fryslân's standardised median
#: income 2022, 32,8 against Waadhoeke's 32,9 thousand euro (CBS: tenths), listed Waadhoeke.
BETTER_BY = """NOT coalesce(sm.unknown OR sp.unknown, false)
    AND round(m.dir * (pv.value - m.value) - greatest(coalesce(m.tol, 0),
        coalesce(sm.spread, 0) + coalesce(sp.spread, 0)), 9) > 0"""

def one_case(side: str, cut: str, value: str = "value", base: str = "case_base",
             unit: str = "case_unit") -> str:
    """SQL, true where ``cut`` lies within the larger of one case, ``100 / base`` points, and
    half CBS's published unit of the share (``unit``, NULL: none) from ``value``, a share of
    counted cases (``case_base``, :mod:`.small_bases`), toward the other side, or past it:
    ``side`` +1 where the claim has the figure above the cut (a task's figure one case more
    favourable, a strength's one case less). The one rule of Kies richting's labels
    (:data:`ONE_CASE`), the signals' deviations (:mod:`.signal_rows`) and ``case_positions``:
    Schiermonnikoog's cleared crimes in 2024, 13,6% of 20 crimes, an 'urgent task' in GK1's
    lowest quarter under a p25 of 16,0%: one more is 18,6%. Ameland's arrears of 2024, 0,6% of
    3 167 adults, a 'distinctive strength' in PV21 under a p25 of 0,625: CBS's 0,6 is 0,55 to
    0,65. Rounded to 9 decimals: half a unit from its cut is at it."""
    step = f"greatest(100 / {base}, coalesce({unit}, 0) / 2)"
    return f"round(({side}) * ({value} - ({side}) * {step} - ({cut})), 9) <= 0"


def trend_disagrees(side: str, trend: str = "trend",
                    rests: str = "rests_on_rounding") -> str:
    """SQL, true where the trend tested over the fixed window (``trend``, its classification;
    ``rests``: whether CBS's rounding could undo it) does not go the way of a claim on one
    year's figure: ``side`` +1 where the claim has the figure high (above its quarter's or
    half's cut, the group's median, the ommeland), rising; -1, falling. A claim on one year's
    figure of a count CBS rounds coarsely (``coarse_counts``, 'berekend uit afgerond
    aantal') stands only where it does not: the one rule of Kies richting's labels and the
    signals' deviations. Schiermonnikoog's new dwellings of 2023, 0 of 615 (rounded to
    fives), no significant change over the window: no 'urgent task'."""
    return (f"NOT coalesce(NOT {rests} AND {trend} = CASE WHEN ({side}) > 0 THEN 'rising' "
            "ELSE 'falling' END, false)")


#: The side of a labelled position's figure from its cut (:func:`one_case`): a strength's
#: figure beyond its favourable quarter's cut, a task's on the unfavourable side.
KIES_SIDE = "CASE WHEN position = 'favourable_quartile' THEN dir ELSE -dir END"

#: A labelled position of a share CBS computes from a small base that one case more or less
#: moves to the cut of its quarter (p25, p75) or half (the median) or past it
#: (:func:`one_case`); NULL for a position without a label.
ONE_CASE = one_case(KIES_SIDE, """CASE position
    WHEN 'favourable_quartile' THEN CASE WHEN dir > 0 THEN p75 ELSE p25 END
    WHEN 'unfavourable_quartile' THEN CASE WHEN dir > 0 THEN p25 ELSE p75 END
    WHEN 'unfavourable_half' THEN median END""")

#: ``case_positions``: positions in a group at or beyond its quarter's cut ('p75', 'p25')
#: that :func:`one_case` moves to it, ``reason`` its larger step, as ``withheld_labels``:
#: 'one_case' or 'cbs_rounding' (half ``case_unit``): the sentence says 'rond de grens' and why.
#: The indicators and years with a case base (29 indicator x year), as a constant (a
#: variable, as the signals' years): a filter on them reaches the shared groups'
#: distributions inside the view ``group_benchmarks`` before the 1.9 M positions are joined
#: to them (joined to the bases after that join: 0.136 -> 0.096 s of CPU, medians of 7 on a
#: warehouse copy; the same rows).
_CASE = ("b.value", "c.case_base", "c.case_unit")
_CASE_KEYS = "stadstrends_case_keys"
CASE_POSITIONS_SQL = f"""
SET VARIABLE {_CASE_KEYS} = (SELECT list(DISTINCT indicator_id || '|' || year)
                             FROM _sig_case_bases WHERE case_base > 0);
CREATE OR REPLACE TABLE case_positions AS
SELECT b.set_id, b.region_code, b.indicator_id, b.year, c.case_base, c.case_unit,
       CASE WHEN b.value >= b.p75 AND {one_case("1", "b.p75", *_CASE)} THEN 'p75'
            WHEN b.value <= b.p25 AND {one_case("-1", "b.p25", *_CASE)} THEN 'p25'
            END AS cut,
       {step_reason("c.case_base", "c.case_unit")} AS reason
FROM (FROM group_benchmarks
      WHERE list_contains(getvariable('{_CASE_KEYS}'), indicator_id || '|' || year)) b
JOIN _sig_case_bases c USING (region_code, indicator_id, year)
WHERE c.case_base > 0 AND cut IS NOT NULL ORDER BY ALL;
RESET VARIABLE {_CASE_KEYS}"""

KIES_SQL = """
CREATE OR REPLACE TABLE kies_richting AS
WITH pos AS (
    SELECT b.*, i.domain, i.title_nl, i.unit, i.direction, i.dir,
           CASE WHEN i.dir > 0 THEN b.percentile ELSE 100 - b.percentile END
               AS favourable_percentile
    FROM _signals.bench b
    JOIN _sig_ind i USING (indicator_id)
    CROSS JOIN _signals.latest l
    WHERE b.latest AND i.dir <> 0 AND i.method <> 'count' AND NOT i.projection
      AND b.year >= l.fresh_from AND b.percentile IS NOT NULL
),
cut_members AS (  -- per group (and focal municipality of a PEERS group), indicator and
                  -- year: its members without a figure because a copy of a table is cut
    SELECT m.set_id, m.focal_code, g.indicator_id, g.year,
           count(DISTINCT m.region_code) AS n_cut
    FROM comparison_group_members m
    JOIN _sig_cut_gaps g ON g.region_code = m.region_code
    -- only a group's indicators and years with a position (cut joins no others): 223 000
    -- member x gap rows -> 9 400; with the test below on indicator_results' rows with a value
    -- (trends.values_relation) this statement 0.56 -> 0.40 s of CPU (medians of 10)
    SEMI JOIN (SELECT DISTINCT set_id, indicator_id, year FROM pos) q
      ON q.set_id = m.set_id AND q.indicator_id = g.indicator_id AND q.year = g.year
    -- a figure: a row of the values (indicator_values adds sources this test does not need)
    ANTI JOIN {values} v
      ON v.region_code = m.region_code AND v.indicator_id = g.indicator_id AND v.year = g.year
    GROUP BY ALL
),
cut AS (  -- a position's group members the cut left out (it has a figure: not one of them)
    SELECT p.set_id, p.region_code, p.indicator_id, sum(c.n_cut)::BIGINT AS n_cut
    FROM pos p
    JOIN cut_members c ON c.set_id = p.set_id AND c.indicator_id = p.indicator_id
     AND c.year = p.year AND (c.focal_code IS NULL OR c.focal_code = p.region_code)
    GROUP BY ALL
),
classed AS (
    SELECT p.set_id, p.region_code, p.indicator_id, p.domain, p.title_nl, p.unit,
           p.direction, p.dir, p.year, p.value, p.median, p.p25, p.p75, p.n, p.rank,
           p.percentile, p.favourable_percentile, p.robust_z,
           -- the others with a figure (an outsider's n counts the members only: its
           -- percentile is over them), those less favourable (ties half), the cut ones
           p.n - 1 + (e.region_code IS NOT NULL)::INT AS others,
           p.favourable_percentile / 100 * (p.n - 1 + (e.region_code IS NOT NULL)::INT)
               AS below, coalesce(c.n_cut, 0) AS n_cut,
           {tol} AS tol,  -- the figures' rounding unit
           CASE WHEN p.value = p.median THEN 'at_median'  -- in neither quarter nor half
                -- no further from the median than the figures' rounding: not past it
                WHEN abs(p.value - p.median) <= tol THEN 'near_median'
                WHEN p.favourable_percentile >= {top} THEN 'favourable_quartile'
                WHEN p.favourable_percentile <= {bottom} THEN 'unfavourable_quartile'
                WHEN p.favourable_percentile < 50 THEN 'unfavourable_half'
                ELSE 'favourable_half' END AS position,
           -- the favourable percent ranks of the lowest and highest of the places its tie
           -- (members printing the same figure) shares: the highest place's percent rank
           -- over the others (a member's n - 1, an outsider's n), the lowest as far below
           -- the tie's mid-rank percentile as that is above it
           100.0 * (p.n + (e.region_code IS NOT NULL)::INT - p.rank)
               / nullif(p.n - 1 + (e.region_code IS NOT NULL)::INT, 0) AS span_hi,
           2 * p.percentile - span_hi AS span_lo,
           CASE WHEN p.dir > 0 THEN span_lo ELSE 100 - span_hi END AS fav_lo,
           CASE WHEN p.dir > 0 THEN span_hi ELSE 100 - span_lo END AS fav_hi,
           (k.region_code IS NOT NULL) AS coarse,
           (ck.region_code IS NOT NULL) AS coarse_count,  -- 'berekend uit afgerond aantal'
           t.classification AS trend, coalesce(t.rests_on_rounding, false) AS rests_on_rounding,
           CASE WHEN t.rests_on_rounding THEN 'none'  -- CBS's rounding could undo it
                ELSE coalesce(t.direction_label, 'none') END AS momentum,
           t.first_year, t.first_value, t.abs_change AS change, t.theil_sen_slope AS slope,
           t.sen_slope_rel AS slope_rel, t.mk_p AS p_value, t.n_points, t.indicative,
           sb.base_count, sb.base_unit,  -- a share CBS computes from small numbers
           cb.case_base, cb.case_unit, (sv.region_code IS NOT NULL) AS sample_figure
    FROM pos p
    LEFT JOIN cut c USING (set_id, region_code, indicator_id)
    LEFT JOIN comparison_extra e USING (set_id, region_code)
    LEFT JOIN _sig_trends t USING (region_code, indicator_id)
    LEFT JOIN coarse_positions k USING (set_id, region_code, indicator_id, year)
    LEFT JOIN coarse_counts ck USING (region_code, indicator_id, year)
    LEFT JOIN _sig_small_bases sb USING (region_code, indicator_id, year)
    LEFT JOIN _sig_case_bases cb USING (region_code, indicator_id, year)  -- one case's
    LEFT JOIN _sig_survey sv USING (region_code, indicator_id, year)  -- a small town's sample
    {unit_joins}
),
labelled AS (
    SELECT *,
           CASE WHEN n < {min_n} THEN NULL  -- no quarter of fewer: no verdict
                WHEN coarse THEN NULL  -- CBS's rounding alone could change its quarter
                -- tied (as printed) with members on both sides of its quarter's cut: the
                -- figures do not tell on which side it is
                WHEN position = 'favourable_quartile' AND fav_lo < {top} - 1e-9 THEN NULL
                WHEN position = 'unfavourable_quartile' AND fav_hi > {bottom} + 1e-9 THEN NULL
                -- the members a cut copy of a table left out could move it out of its
                -- quarter (all of them more favourable) or half (all less favourable)
                WHEN n_cut > 0 AND CASE position
                    WHEN 'favourable_quartile' THEN 100 * below / (others + n_cut) < {top}
                    WHEN 'unfavourable_quartile'
                        THEN 100 * (below + n_cut) / (others + n_cut) > {bottom}
                    WHEN 'unfavourable_half'
                        THEN 100 * (below + n_cut) / (others + n_cut) >= 50
                    ELSE false END THEN NULL
                -- one year's figure on a count CBS rounds coarsely for it: a label needs
                -- the trend tested over the fixed window to agree (see the docstring)
                WHEN coarse_count AND {coarse_year} THEN NULL
                -- a share CBS computes from a small base, or of few persons, that one case
                -- more or less (100 / the base, in points) moves to its quarter's or half's
                -- cut or past it
                WHEN case_base > 0 AND {one_case} THEN NULL
                WHEN sample_figure THEN NULL  -- CBS: imprecise for a small municipality
                WHEN position = 'favourable_quartile' AND momentum <> 'worsening'
                    THEN 'distinctive strength'
                WHEN position = 'unfavourable_quartile' AND momentum <> 'improving'
                    THEN 'urgent task'
                WHEN position = 'unfavourable_half' AND momentum = 'worsening'
                    THEN 'urgent task' END AS label,
           position || '_' || CASE momentum WHEN 'none' THEN 'no_trend'
                                            WHEN 'improving' THEN 'improving'
                                            WHEN 'worsening' THEN 'worsening'
                                            -- significant, no verdict: euro in current prices
                                            WHEN 'neutral' THEN 'no_verdict'
                                            ELSE 'no_trend' END AS reason
    FROM classed
),
moving AS (SELECT * FROM labelled WHERE label IS NOT NULL),
peer_lists AS (SELECT DISTINCT region_code, peer_set FROM peers),
peer_choice AS (  -- the group's own peer list where there is one, else the nearest of all
    SELECT DISTINCT m.set_id, m.region_code,
           CASE WHEN l.peer_set IS NOT NULL THEN m.set_id ELSE 'all' END AS peer_set
    FROM moving m
    LEFT JOIN peer_lists l ON l.region_code = m.region_code AND l.peer_set = m.set_id
),
-- the figures whose spreads BETTER_BY reads: the labelled ones' and their peers' (every
-- municipal figure's spread grouped, then probed by these: this statement 0.93-0.98 ->
-- 0.86 s of CPU, one DuckDB thread on a warehouse copy, 2 x 2 alternated; the same rows)
spread_keys AS (
    SELECT region_code, indicator_id, year FROM moving
    UNION
    SELECT p.peer_code, m.indicator_id, m.year
    FROM moving m
    JOIN peer_choice c USING (set_id, region_code)
    JOIN peers p ON p.region_code = m.region_code AND p.peer_set = c.peer_set
),
spreads AS ({spreads}),
better AS (
    SELECT m.set_id, m.region_code, m.indicator_id, count(pv.value) AS n_peers_compared,
           -- in peer_rank order (unique in a list): sorted by it after the grouping, not
           -- by an ordered aggregate, which sorts each group's few rows on its own
           list_transform(list_sort(list({{'k': p.peer_rank, 'peer': {{
                   'region_code': p.peer_code, 'name': p.peer_name, 'value': pv.value,
                   'peer_rank': p.peer_rank}}}})
               FILTER (WHERE {better_by})), lambda x: x.peer)
               AS better_peers
    FROM moving m
    JOIN peer_choice c USING (set_id, region_code)
    JOIN peers p ON p.region_code = m.region_code AND p.peer_set = c.peer_set
    JOIN {values} pv  -- indicator_results' rows with a value (values_relation): the view's
      -- joins to the sources cost 0.06 s of CPU here (0.99 -> 0.93 s, medians of 7 alternated)
      ON pv.region_code = p.peer_code AND pv.indicator_id = m.indicator_id
     AND pv.year = m.year
    -- better: by more than the figures' rounding (BETTER_BY)
    LEFT JOIN spreads sm ON sm.region_code = m.region_code
     AND sm.indicator_id = m.indicator_id AND sm.year = m.year
    LEFT JOIN spreads sp ON sp.region_code = p.peer_code
     AND sp.indicator_id = m.indicator_id AND sp.year = m.year
    GROUP BY ALL
),
opg AS (SELECT indicator_id, list(opgave_id ORDER BY opgave_id) AS opgaven
        FROM _sig_opgave_ind GROUP BY ALL)
SELECT m.set_id, m.region_code, sc.region_name, m.label, r.rank,
       m.* EXCLUDE (set_id, region_code, label, dir, rank, coarse, coarse_count, others, below,
                   n_cut, tol, span_hi, span_lo, fav_lo, fav_hi, case_base,
                   case_unit, sample_figure),
       m.rank AS rank_in_group,
       coalesce(o.opgaven, []) AS opgaven,
       c.peer_set,
       coalesce(b.n_peers_compared, 0) AS n_peers_compared,
       coalesce(b.better_peers, []) AS better_peers
FROM moving m
JOIN _sig_scope sc USING (region_code)
LEFT JOIN peer_choice c USING (set_id, region_code)
LEFT JOIN better b USING (set_id, region_code, indicator_id)
LEFT JOIN opg o USING (indicator_id)
-- ranked on the keys only: a window over the finished rows sorted their lists too (with
-- the sorted lists above, 0.49 -> 0.41 s of CPU, medians of 5 alternated; the same rows)
JOIN (SELECT set_id, region_code, indicator_id,
             row_number() OVER (PARTITION BY set_id, region_code, label
                                ORDER BY momentum = 'worsening' DESC,
                                         abs(robust_z) DESC NULLS LAST, indicator_id) AS rank
      FROM moving) r USING (set_id, region_code, indicator_id)
ORDER BY m.set_id, m.region_code, m.label, r.rank
""".replace("{unit_joins}", UNIT_JOINS).replace("{tol}", TOL).replace(
    "{better_by}", BETTER_BY).replace("{one_case}", ONE_CASE).replace(
    "{coarse_year}", trend_disagrees(KIES_SIDE))


def kies_views(con: duckdb.DuckDBPyConnection, small_base: int) -> list[str]:
    """The statements making the views Kies richting reads besides the signals' setup:
    ``_sig_cut_gaps`` (:func:`cut_gaps_view`), ``_sig_print_units`` (:func:`units_view`) and
    ``_sig_small_bases`` (:func:`~.small_bases.small_bases_view`: bases under the setting
    ``small_base`` cases). The figures' spreads are part of the query
    (:func:`~.withheld.kies_statements`)."""
    return [cut_gaps_view(con), units_view(con), small_bases_view(con, small_base),
            case_bases_view(con, small_base)]


def units_view(con: duckdb.DuckDBPyConnection) -> str:
    """The statement making ``_sig_print_units`` (``indicator_id, year, unit``; ``year``
    NULL: every year): the unit an indicator's figures are rounded to, from the catalogue's
    decimals (``indicators.decimals``; none without them), coarser where CBS rounds a
    published mean (``mean_rounding``: gas use per dwelling to tens, per year)."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables"
                                        ).fetchall()}
    columns = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                         "WHERE table_name = 'indicators'").fetchall()}
    sql = ("SELECT indicator_id, NULL::BIGINT AS year, pow(10, -decimals) AS unit "
           "FROM indicators WHERE decimals IS NOT NULL" if "decimals" in columns else
           "SELECT NULL::VARCHAR AS indicator_id, NULL::BIGINT AS year, NULL::DOUBLE AS unit "
           "WHERE false")
    if "mean_rounding" in tables:
        sql += (" UNION ALL SELECT indicator_id, year, max(unit)::DOUBLE FROM mean_rounding "
                "GROUP BY ALL")
    return f"CREATE OR REPLACE TEMP VIEW _sig_print_units AS {sql}"


def cut_gaps_view(con: duckdb.DuckDBPyConnection) -> str:
    """The statement making ``_sig_cut_gaps`` (``region_code, indicator_id, year``): the
    municipalities a cut copy of a CBS table left out (``indicator_gaps``), none in a
    warehouse without that table."""
    have = con.execute("SELECT count(*) FROM information_schema.tables "
                       "WHERE table_name = 'indicator_gaps'").fetchone()[0]
    source = ("SELECT region_code, indicator_id, year FROM indicator_gaps "
              "WHERE reason IN ('table_cut', 'predecessor_cut')" if have else
              "SELECT NULL::VARCHAR AS region_code, NULL::VARCHAR AS indicator_id, "
              "NULL::BIGINT AS year WHERE false")
    return f"CREATE OR REPLACE TEMP VIEW _sig_cut_gaps AS {source}"

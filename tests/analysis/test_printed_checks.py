"""The rounding tests of the claims (``claims._member_counts``: a strength beyond its quarter,
a label on a tie across its cut; ``label_within_a_counts_rounding``) and ``coarse_positions``
compare the figures a reader sees: as printed, a figure recalculated for today's boundaries
to its step first (the view ``printed_figures`` and ``printed_values.printed_key``, the rule
the positions rank by), not at the catalogue's decimals. A hand-made warehouse where the two
disagree: municipality GM0001's figures are recalculated from means CBS publishes in tens,
1 851,04 printed '1.850' (tied with a CBS figure of 1 850, no longer above it) and 1 853
printed '1.850', which CBS's rounding of its count could move to 1 856,09, printed '1.860':
above a member's 1 858, not below it. On the snapshot no checked row lies in a year with such
a figure (they end in 2022): the counts stay 0 and ``coarse_positions`` keeps its 3 832 rows.
"""

from __future__ import annotations

import duckdb
import pytest

from stadstrends.analysis.claims import CHECKS
from stadstrends.analysis.coarse import build_coarse_positions
from stadstrends.analysis.printed_values import make_printed
from stadstrends.settings import default_settings

A = "GM0001"
#: indicator x, group G1: A's 1 851,04 among eight others (higher is better)
X = {A: 1851.04, "GM0002": 1850.0, "GM0003": 1900.0, "GM0004": 1860.0, "GM0005": 1800.0,
     "GM0006": 1790.0, "GM0007": 1780.0, "GM0008": 1770.0, "GM0009": 1760.0}
#: indicator y, group G2: A's 3 000 (rounded to tens) per 1 619 x 1 000, 1 853,0 +-3,09
DEN, COUNT = 1619.0, 3000.0
Y = {A: COUNT * 1000 / DEN, "GM0012": 1858.0, "GM0013": 1900.0,
     **{f"GM001{i}": 1800.0 for i in range(4, 9)}}


def _warehouse(recalculated: bool) -> duckdb.DuckDBPyConnection:
    """The hand-made warehouse; ``recalculated``: A's figures are Stadstrends' recalculation
    (``harmonised_cells``) of means CBS publishes in tens (``mean_rounding``), else CBS's."""
    con = duckdb.connect()
    values = [(c, "x", v) for c, v in X.items()] + [(c, "y", v) for c, v in Y.items()]
    con.execute("CREATE TABLE indicator_values AS SELECT unnest(?) AS region_code, "
                "unnest(?) AS indicator_id, 2024::BIGINT AS year, unnest(?) AS value",
                [[r[0] for r in values], [r[1] for r in values], [r[2] for r in values]])
    # the view indicator_values' base, which rounded_zero_cells reads (session 54)
    con.execute("CREATE TABLE indicator_results AS SELECT * FROM indicator_values")
    con.execute("CREATE TABLE indicators AS SELECT * FROM (VALUES ('x', 0, 'weighted_mean', "
                "'m3'), ('y', 0, 'ratio', 'per 1000')) t(indicator_id, decimals, method, unit)")
    con.execute("CREATE TABLE catalogue_indicators AS SELECT * FROM (VALUES "
                "('x', 'weighted_mean', 1.0, NULL), ('y', 'ratio', 1000.0, 'den')) "
                "t(indicator_id, method, scale, denominator_series)")
    con.execute("CREATE TABLE mean_rounding AS SELECT unnest(['x', 'y']) AS indicator_id, "
                "2024 AS year, 10 AS unit")
    con.execute("CREATE TABLE harmonised_cells AS SELECT ? AS region_code, unnest(['x', 'y']) "
                "AS indicator_id, 2024::BIGINT AS year WHERE ?", [A, recalculated])
    con.execute("CREATE TABLE numerator_rounding AS SELECT 'y' AS indicator_id, "
                "2024::BIGINT AS year, 10 AS unit")
    con.execute("CREATE TABLE series_all AS SELECT * FROM (VALUES ('y:num', ?, 2024, ?), "
                "('den', ?, 2024, ?)) t(series_id, region_code, year, value)",
                [A, COUNT, A, DEN])
    con.execute("CREATE TABLE series_parts (series_id VARCHAR, region_code VARCHAR, "
                "year BIGINT, weight DOUBLE)")
    con.execute("CREATE TABLE comparison_group_members AS SELECT 'G1' AS set_id, "
                "unnest(?) AS region_code, NULL::VARCHAR AS focal_code UNION ALL "
                "SELECT 'G2', unnest(?), NULL", [list(X), list(Y)])
    con.execute("CREATE TABLE build_info AS SELECT 75.0 AS top_percentile, "
                "25.0 AS bottom_percentile")
    con.execute("CREATE TABLE set_benchmarks AS SELECT m.set_id, v.* FROM indicator_values v "
                "JOIN comparison_group_members m ON m.region_code = v.region_code "
                "AND m.set_id = CASE v.indicator_id WHEN 'x' THEN 'G1' ELSE 'G2' END")
    # A's labels: a strength in x's highest quarter (2 of 8 others print higher); an urgent
    # task in y (whose quarter the rounding tests judge, not its words)
    con.execute("CREATE TABLE kies_richting AS SELECT * FROM (VALUES "
                "('G1', ?, 'x', 2024, 'distinctive strength', 'favourable_quartile', 9, "
                "'higher_better', ?), "
                "('G2', ?, 'y', 2024, 'urgent task', 'unfavourable_half', 8, 'higher_better', ?)"
                ") t(set_id, region_code, indicator_id, year, label, position, n, direction, "
                "value)", [A, X[A], A, Y[A]])
    make_printed(con, "indicator_values")
    return con


@pytest.mark.parametrize("check", ["strength_beyond_its_quarter",
                                   "label_on_a_tie_across_its_cut"])
def test_a_strength_tied_as_printed_is_counted_at_its_printed_figure(check: str) -> None:
    """A's 1 851,04 prints '1.850' as GM0002's 1 850: tied, with two printed higher, its
    lowest place (4th of 9) is outside the highest quarter and more than a quarter of the
    others are better or half-tied (2 + 1/2 > 8 / 4). At the catalogue's decimals, 1 851 was
    alone in 3rd place and the claim held."""
    got = _warehouse(recalculated=True).execute(CHECKS[check]).fetchall()
    assert [(r[0], r[1], r[2]) for r in got] == [("G1", A, "x")]
    assert _warehouse(recalculated=False).execute(CHECKS[check]).fetchall() == []


def test_a_label_whose_printed_figure_rounding_could_move_past_a_member() -> None:
    """A's 1 853,0 +-3,09 per 1 000 (3 000 rounded to tens): at its lower end 1 849,9 prints
    '1.850' (5 of 7 others lower: 71,4%, below the highest quarter), at its upper end 1 856,1
    prints '1.860' (above GM0012's 1 858: 85,7%, in it). As CBS's own figure, 1 856 stays
    below 1 858 at both ends: 71,4% either way, and no rounding decides the quarter."""
    got = _warehouse(recalculated=True).execute(
        CHECKS["label_within_a_counts_rounding"]).df()
    assert got[["set_id", "region_code", "indicator_id"]].values.tolist() == [["G2", A, "y"]]
    assert (round(got.pct_lo[0], 1), round(got.pct_hi[0], 1)) == (71.4, 85.7)
    assert _warehouse(recalculated=False).execute(
        CHECKS["label_within_a_counts_rounding"]).fetchall() == []


def test_a_coarse_position_is_judged_on_the_printed_figures() -> None:
    """``coarse_positions``: the same figure, with its group's quartiles, crosses p75 as
    printed; as CBS's own figure it stays in one quarter."""
    rows = ("(SELECT set_id, region_code, indicator_id, year, value, "
            "quantile_cont(value, 0.25) OVER w AS p25, median(value) OVER w AS median, "
            "quantile_cont(value, 0.75) OVER w AS p75 FROM set_benchmarks "
            "WINDOW w AS (PARTITION BY set_id))")
    got = {}
    for recalculated in (True, False):
        con = _warehouse(recalculated)
        build_coarse_positions(con, default_settings(), rows=rows)
        got[recalculated] = con.execute("SELECT set_id, region_code, indicator_id, reason "
                                        "FROM coarse_positions").fetchall()
    assert got == {True: [("G2", A, "y", "crosses_p75")], False: []}

"""A trend no test was run on has no slope (analysis/trends.py SLOPES_SQL): a slope along a
trend line is a trend claim, and the report, the tiles and the API's profile gave one where
the sentence said 'niet getoetst' (Boekel's demolitions per 1 000 dwellings 2016-2023, 2
distinct counts rounded to fives: 'langs die lijn −0,02 per 1 000 woningen per jaar' on the
tile, slope −0,023 in the API). Before, 3 979 untested trends on the 2025 snapshot kept
one (504 on too few distinct values, 3 475 on too few years)."""

from __future__ import annotations

from stadstrends.analysis.trends import NOT_TESTED, build_trends
from stadstrends.settings import default_settings

UNTESTED = """(n_distinct < {m} OR coalesce(n_counts, {m}) < {m} OR indicative)"""


def test_a_hand_made_series_of_two_levels_is_not_tested_and_has_no_slope(mini):
    """City A's 'rat' at two levels (10% and 12%) in 2015-2020: 'not tested'
    (test_untested_classification.py), no slope; city B's rising share keeps its verdict and
    slope."""
    for year in range(2015, 2021):
        mini.execute("UPDATE indicator_results SET value = ? WHERE indicator_id = 'rat' "
                     "AND region_code = 'GM0001' AND year = ?", [10.0 if year < 2018 else 12.0,
                                                                  year])
    build_trends(mini)
    rows = dict(mini.execute(
        "SELECT region_code, (n_distinct, theil_sen_slope, sen_slope_rel, classification) "
        "FROM trends WHERE indicator_id = 'rat' AND region_code IN ('GM0001', 'GM0002')"
    ).fetchall())
    assert rows["GM0001"] == (2, None, None, NOT_TESTED)
    assert rows["GM0002"][1] is not None and rows["GM0002"][1] > 0
    assert rows["GM0002"][3] == "rising"


def test_no_untested_trend_on_the_real_warehouse_has_a_slope(analysed):
    con, _ = analysed
    m = default_settings().min_distinct_values
    for table in ("trends", "jump_trends"):
        untested, sloped = con.execute(
            f"SELECT count(*), count(theil_sen_slope) + count(sen_slope_rel) FROM {table} "
            f"WHERE {UNTESTED.format(m=m)}").fetchone()
        assert sloped == 0, table
        assert table == "jump_trends" or untested > 3000  # the rule has cases to hold on
    # tested trends keep theirs
    assert con.execute("SELECT count(*) FROM trends WHERE NOT " + UNTESTED.format(m=m)
                       + " AND theil_sen_slope IS NULL").fetchone()[0] == 0
    boekel = con.execute(
        "SELECT t.n_counts, t.theil_sen_slope FROM trends t JOIN regions r USING (region_code) "
        "WHERE r.name = 'Boekel' AND t.indicator_id = 'demolition_per_1000_dwellings'"
    ).fetchone()
    assert boekel[0] < m and boekel[1] is None


def test_the_slopes_and_the_classification_read_one_rule_at_its_edges():
    """One rule (TESTED_SQL) decides both: at each edge of the points and distinct values a
    trend is 'not tested' exactly where it has no slope; a missing row (jump_trends' LEFT
    JOIN of too few years after a jump) keeps a NULL classification, not 'not tested'."""
    import duckdb

    from stadstrends.analysis.trends import classification_sql, slopes_sql

    con = duckdb.connect()
    rows = con.execute(
        f"SELECT t.n_points, t.n_distinct, {slopes_sql(6, 3)}, {classification_sql(6, 3)} "
        "FROM (VALUES (5, 5), (6, 2), (6, 3), (9, 3), (NULL, NULL)) v(n, d) "
        "LEFT JOIN (SELECT *, 0.5 AS theil_sen_slope, 2.0 AS mean_value, 'rising' AS trend "
        "FROM (VALUES (5, 5), (6, 2), (6, 3), (9, 3)) x(n_points, n_distinct)) t "
        "ON t.n_points = v.n AND t.n_distinct = v.d ORDER BY ALL").fetchall()
    assert rows == [(5, 5, None, None, NOT_TESTED), (6, 2, None, None, NOT_TESTED),
                    (6, 3, 0.5, 0.25, "rising"), (9, 3, 0.5, 0.25, "rising"),
                    (None, None, None, None, None)]

"""A trend no Mann-Kendall test was run on is classified 'not tested', not 'no significant
change' (analysis/trends.py CLASSIFICATION_SQL, COUNT_STEPS_SQL): a reader takes 'no
significant change' for a test's result, and the API's profile gave it beside ``tested:
false``. On the 2025 snapshot 4 562 trends changed code (3 996 on too few years, 566 on too
few distinct values or counts; 3 981 of them municipal) and 4 rows of ``jump_trends``; no
signal, claim or summary moved (bench/identity.py: only the classifications, kies_richting's
copy of them and two labels)."""

from __future__ import annotations

from stadstrends.analysis.trends import NOT_TESTED
from stadstrends.settings import default_settings

#: no test was run: too few points, too few distinct values of the figure or of its count
#: (the hand-made case, a series of two levels, is in test_untested_slopes.py)
UNTESTED = """(indicative OR n_distinct < {m} OR coalesce(n_counts, {m}) < {m})"""


def test_on_the_real_warehouse_no_significant_change_means_a_test_ran(analysed):
    con, _ = analysed
    s = default_settings()
    m = s.min_distinct_values
    for table in ("trends", "jump_trends"):
        untested, wrong = con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE classification <> '{NOT_TESTED}') "
            f"FROM {table} WHERE {UNTESTED.format(m=m)}").fetchone()
        assert wrong == 0, table
        assert untested > (4000 if table == "trends" else 0), (table, untested)
        # 'no significant change' only where a test ran: enough points and values, p >= alpha
        bad = con.execute(
            f"SELECT count(*) FROM {table} WHERE classification = 'no significant change' "
            f"AND ({UNTESTED.format(m=m)} OR mk_p < {s.significance} OR mk_p IS NULL)"
        ).fetchone()[0]
        assert bad == 0, table
        # and every tested trend has a verdict of the test
        assert con.execute(
            f"SELECT count(*) FROM {table} WHERE NOT {UNTESTED.format(m=m)} AND "
            f"classification NOT IN ('rising', 'falling', 'no significant change')"
        ).fetchone()[0] == 0, table
    # Kies richting's copy of the trend (its ``trend``) says so too
    assert con.execute(
        f"SELECT count(*) FROM kies_richting k JOIN trends t USING (indicator_id, region_code) "
        f"WHERE t.classification = '{NOT_TESTED}' AND k.trend = 'no significant change' "
        f"AND NOT EXISTS (SELECT 1 FROM jump_trends j WHERE j.indicator_id = k.indicator_id "
        f"AND j.region_code = k.region_code)").fetchone()[0] == 0
    # the labels give the code its words, as the others
    assert dict(con.execute(f"SELECT lang, text FROM labels WHERE kind = 'trend' "
                            f"AND code = '{NOT_TESTED}'").fetchall()) == {
        "nl": "niet getoetst", "en": "not tested"}

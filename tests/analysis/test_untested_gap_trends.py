"""A city-ommeland gap trend no Mann-Kendall test could give a verdict on (fewer years than a
test needs: ``indicative``, 3-4 years) is classified 'not tested', movement 'not tested', not
'stable' (analysis/gaps.py): a reader of the API's ``tweedeling`` and of the downloads takes
'stable' for a test's result. On the 2025 snapshot 2 971 gap trends in 341 municipalities
changed code; no signal, claim, verdict count or sentence moved (bench/identity.py: only
``region_gap_trends``)."""

from __future__ import annotations

from stadstrends.analysis.claims import CHECKS
from stadstrends.analysis.trends import NOT_TESTED

MOVING = ("diverging", "converging", "crossing")


def test_on_the_real_warehouse_stable_means_a_gap_test_ran(analysed):
    con, _ = analysed
    untested, wrong_class, wrong_move, valence = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE classification <> '{NOT_TESTED}'), "
        f"count(*) FILTER (WHERE movement <> '{NOT_TESTED}'), "
        "count(*) FILTER (WHERE valence <> 'neutral') "
        "FROM region_gap_trends WHERE indicative").fetchone()
    assert untested > 2000
    assert (wrong_class, wrong_move, valence) == (0, 0, 0)
    # 'stable' only where a test ran on enough years and found no verdict of a move
    assert con.execute(
        "SELECT count(*) FROM region_gap_trends WHERE classification = 'stable' "
        "AND (indicative OR mk_p IS NULL)").fetchone()[0] == 0
    assert con.execute(
        f"SELECT count(*) FROM region_gap_trends WHERE NOT indicative AND classification "
        f"NOT IN ('stable', {', '.join(repr(m) for m in MOVING)})").fetchone()[0] == 0
    # an untested gap gives no signal, and the claim check of crossings does not flag it
    assert con.execute(
        "SELECT count(*) FROM signals s JOIN region_gap_trends t USING (region_code, "
        f"indicator_id) WHERE s.kind LIKE 'gap_%' AND t.classification = '{NOT_TESTED}'"
    ).fetchone()[0] == 0
    assert con.execute(CHECKS["crossing_called_growing_or_shrinking"]).fetchall() == []
    # the code has its words, as a trend not tested (labels: kind 'trend')
    assert dict(con.execute(f"SELECT lang, text FROM labels WHERE kind = 'trend' "
                            f"AND code = '{NOT_TESTED}'").fetchall()) == {
        "nl": "niet getoetst", "en": "not tested"}

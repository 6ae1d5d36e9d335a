"""A value CBS gives without its base (a mean, median or survey share) of a municipality whose
boundaries changed too much is never made, whatever the table holds: the boundary change is
its reason (``level_boundary_change``), not the part of it the table lacks (real warehouse,
:mod:`stadstrends.indicators.level_gaps`). Amsterdam's safety survey shares 2013-2019 said
'geen cijfers voor Weesp' (``predecessor_missing``); a live build said the predecessor it
lacked where a snapshot build said the boundary change (tests/ingest/test_live_build.py)."""

from __future__ import annotations

from stadstrends.indicators.level_gaps import TABLE_REASONS


def test_no_value_without_its_base_blames_a_table_in_a_year_its_municipality_did_not_exist(
        wh) -> None:
    """Not one such row of a non-additive series where the municipality's own code began
    after the year. A municipality of which CBS publishes no part (Land van Cuijk in the
    safety survey, 2012-2019) keeps its reason: no value of the former municipalities
    exists to recompute."""
    blamed = wh.execute(f"""
        SELECT r.indicator_id, r.region_code, r.year, r.reason FROM indicator_results r
        SEMI JOIN series_raw s ON s.indicator_id = r.indicator_id AND NOT s.additive
        JOIN region_history h ON h.code = r.region_code
        WHERE r.value IS NULL AND r.reason IN {TABLE_REASONS}
          AND h.valid_from >= make_date(r.year::INTEGER + 1, 1, 1)
          -- but the table's own reason in a year it gives no municipality a value
          -- (the survey of 2012: Nissewaard's 'waarde ontbreekt in de bron')
          AND EXISTS (SELECT 1 FROM series_raw v WHERE v.indicator_id = r.indicator_id
                      AND v.year = r.year AND NOT v.additive AND v.value IS NOT NULL
                      AND v.region_code LIKE 'GM%')""").fetchall()
    assert blamed == [], blamed[:5]
    kept = wh.execute("""
        SELECT DISTINCT reason FROM indicator_results WHERE region_code = 'GM1982'
        AND indicator_id = 'feels_unsafe_share' AND year < 2020""").fetchall()
    assert kept == [("predecessors_never_in_table",)]


def test_a_predecessor_lacking_in_the_survey_is_not_why_amsterdam_has_no_share(wh) -> None:
    """Weesp gave Amsterdam over 2 % of its inhabitants (2022): Amsterdam's survey shares of
    2013-2019 (Weesp's missing row) cannot be made even if CBS had published Weesp. 2018 CBS
    did not survey, and in 2012 its table gives no municipality a value (every cell empty,
    Amsterdam's too): those reasons stay (session 50's tester: '2012: de gemeentegrenzen
    zijn veranderd; deze waarde van de oude gemeenten is niet op te tellen' named a value
    that never was)."""
    weesp, amsterdam = (wh.execute("SELECT inhabitants FROM membership WHERE year = 2013 "
                                   "AND gm_code = ?", [c]).fetchone()[0]
                        for c in ("GM0457", "GM0363"))
    assert weesp > 0.02 * amsterdam
    got = dict(wh.execute("""
        SELECT year, reason FROM indicator_gaps WHERE region_code = 'GM0363'
        AND indicator_id = 'feels_unsafe_share' AND year BETWEEN 2012 AND 2019""").fetchall())
    assert got == {**{y: "level_boundary_change" for y in (2013, 2014, 2015, 2016, 2017,
                                                           2019)}, 2012: "missing_in_source",
                   2018: "not_surveyed"}, got


def test_the_boundary_change_is_said_only_in_a_year_with_municipal_values(wh) -> None:
    """``level_boundary_change`` says the former municipalities' values cannot be summed: not
    in a year in which the table gives no municipality a value (the safety survey of 2012:
    33 such rows, 11 municipalities x 3 shares, before session 50's fix)."""
    empty_years = wh.execute("""
        SELECT r.indicator_id, r.region_code, r.year FROM indicator_results r
        WHERE r.reason = 'level_boundary_change' AND NOT EXISTS (
            SELECT 1 FROM series_raw s WHERE s.indicator_id = r.indicator_id
            AND s.year = r.year AND NOT s.additive AND s.value IS NOT NULL
            AND s.region_code LIKE 'GM%')""").fetchall()
    assert empty_years == [], empty_years[:5]
    assert wh.execute("SELECT count(*) FROM indicator_results WHERE reason = "
                      "'level_boundary_change'").fetchone()[0] > 3000

"""A stock at the end of a year with a mid-year merger, on the real warehouse: which codes
the table is on decides which cells make today's figure (CBS's classification, not ours).

Weesp merged into Amsterdam on 24 March 2022, Rozenburg into Rotterdam on 18 March 2010.
"""

from __future__ import annotations

import pytest


def _raw(wh, table: str, measure: str, code: str, year: int) -> float | None:
    rows = wh.execute(
        "SELECT value FROM raw_observations WHERE lower(table_id) = ? AND measure = ? "
        "AND region_code = ? AND year = ?", [table, measure, code, year]).fetchall()
    assert len(rows) == 1, (table, measure, code, year)
    return rows[0][0]


def _value(wh, indicator: str, code: str, year: int) -> float | None:
    rows = wh.execute("SELECT value FROM indicator_values WHERE indicator_id = ? "
                      "AND region_code = ? AND year = ?", [indicator, code, year]).fetchall()
    return rows[0][0] if rows else None


def test_a_table_on_the_codes_of_31_december_gives_the_merged_municipalitys_level(wh):
    # 81064ned on 31 December 2022 (shown as 2023): Weesp's cells are empty, Amsterdam's
    # cover the merged municipality; its published percentage is Amsterdam's figure, not a
    # value 'dropped because the boundaries changed'
    table, measure = "81064ned", "PersMetBetalingsachterstandRelatief_2"
    assert _raw(wh, table, measure, "GM0457", 2022) is None
    published = _raw(wh, table, measure, "GM0363", 2022)
    assert published is not None
    assert _value(wh, "payment_arrears_share", "GM0363", 2023) == published
    gaps = wh.execute("SELECT reason FROM indicator_gaps WHERE indicator_id = "
                      "'payment_arrears_share' AND region_code = 'GM0363' AND year = 2023"
                      ).fetchall()
    assert gaps == []
    # the year before (31 December 2021) Amsterdam was still without Weesp: no level
    assert _value(wh, "payment_arrears_share", "GM0363", 2022) is None


@pytest.mark.parametrize(("indicator", "table", "measure", "scale", "city", "merged", "year"), [
    # jobs in December 2022: CBS gives Weesp 9.0 thousand beside Amsterdam's 702.1
    ("jobs_employees", "83582ned", "BanenVanWerknemersInDecember_1", 1000, "GM0363", "GM0457",
     2022),
    ("jobs_employees", "83582ned", "BanenVanWerknemersInDecember_1", 1000, "GM0599", "GM0600",
     2010),
])
def test_a_table_on_the_codes_of_1_january_counts_the_merged_code_at_the_years_end(
        wh, indicator, table, measure, scale, city, merged, year):
    own = _raw(wh, table, measure, city, year)
    other = _raw(wh, table, measure, merged, year)
    assert own and other  # the premise: the table keeps the code that ended in the year
    assert _value(wh, indicator, city, year) == pytest.approx((own + other) * scale)


def test_noord_hollands_jobs_of_december_2022_add_up_to_cbss_own_figure(wh):
    # the province's jobs are the sum of today's municipalities: with Weesp's 9.0 thousand
    # they equal CBS's figure for Noord-Holland (1 642.3 thousand), without them they did not
    published = _raw(wh, "83582ned", "BanenVanWerknemersInDecember_1", "PV27", 2022)
    assert _value(wh, "jobs_employees", "PV27", 2022) == pytest.approx(published * 1000)


def test_no_code_that_ended_during_a_year_holds_a_zero_in_a_year_end_stock(wh):
    """The rule reads a 0 there as an empty cell (a table on the codes of 31 December;
    tests/harmonise/test_apply.py): true while CBS writes 0 only for a code without a
    figure in the table's classification. The snapshot's 20 such cells (Weesp 2022,
    Rozenburg 2010, De Friese Meren 2015, Groenlo 2006) hold values or nothing; a 0 in a
    new snapshot needs a look at what it means before it is read either way."""
    cells = wh.execute("""
        SELECT s.series_id, s.region_code, s.year, s.value
        FROM series_raw s JOIN region_history h ON h.code = s.region_code
        WHERE s.timing = 'stock_end' AND s.region_code LIKE 'GM%'
          AND h.valid_to > make_date(s.boundary_year, 1, 1)
          AND h.valid_to <= make_date(s.boundary_year, 12, 31)
          AND strftime(h.valid_to, '%m-%d') <> '01-01'""").fetchall()
    assert len(cells) == 20
    assert {c[1] for c in cells} == {"GM0457", "GM0600", "GM1921", "GM0240"}
    assert [c for c in cells if c[3] == 0] == []

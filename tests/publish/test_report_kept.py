"""A report's reads kept per read-only connection (``publish/report/kept.py``, the COROP
region's map figures, the sources, the catalogue; a region's year reasons): each report gets
what a fresh read gives, even after an earlier report on the same connection changed its
copy (``report --all`` writes ~170 reports on one connection)."""

from __future__ import annotations

import duckdb

from stadstrends.publish.read import open_warehouse
from stadstrends.publish.report.data import load_city
from stadstrends.publish.year_reasons import of_years


def _corop_pair(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """Two current municipalities of one COROP region."""
    a, b = con.execute("""
        SELECT list(s.region_code ORDER BY s.region_code)[1:2] FROM region_sets s
        JOIN regions r ON r.region_code = s.region_code AND r.valid_to IS NULL
        WHERE s.set_id LIKE 'CR%' AND s.region_code LIKE 'GM%'
        GROUP BY s.set_id HAVING count(*) > 1 ORDER BY s.set_id LIMIT 1""").fetchone()[0]
    return a, b


def test_kept_reads_are_each_report_s_own_and_what_a_fresh_read_gives(synthetic_path) -> None:
    kept = open_warehouse(synthetic_path)  # remembered: reads kept
    fresh = duckdb.connect(str(synthetic_path), read_only=True)  # asked every time
    try:
        a, b = _corop_pair(fresh)
        first = load_city(kept, a)
        assert first.region_values and first.sources and first.members
        # a report changes its copy (the map table's rows are marked, sources localised)
        first.region_values[0]["value"] = -1.0
        first.region_values.clear()
        first.sources[0]["title"] = "changed"
        next(iter(first.catalogue.values()))["title_nl"] = "changed"
        first.members.append({"code": "GM9999", "name": "changed"})
        for code in (a, b, a):
            assert load_city(kept, code) == load_city(fresh, code), code
        assert load_city(kept, b).region_values == load_city(kept, a).region_values
    finally:
        kept.close()
        fresh.close()


def test_a_region_s_year_reasons_are_what_a_fresh_read_gives(synthetic_path) -> None:
    """The reasons of a region's years without a figure (:func:`of_years`) are the same on
    a connection that keeps reads and a fresh one, and name every year asked for."""
    kept = open_warehouse(synthetic_path)
    fresh = duckdb.connect(str(synthetic_path), read_only=True)
    try:
        rows = fresh.execute("""
            SELECT region_code, indicator_id, list(year ORDER BY year) FROM indicator_results
            WHERE reason IS NOT NULL GROUP BY ALL ORDER BY ALL""").fetchall()
        assert rows, "the synthetic warehouse has result rows with a reason"
        for code, ind, years in rows:
            span = list(range(min(years) - 1, max(years) + 2))
            got = of_years(kept, code, ind, span)
            assert got == of_years(fresh, code, ind, span)
            assert sorted(y for r in got for y in r["years"]) == span
    finally:
        kept.close()
        fresh.close()

"""What the analysis claims holds on the real snapshot (issue 10's counts must be 0)."""

from __future__ import annotations

import pytest

from stadstrends.analysis.claims import CHECKS, claim_problems


@pytest.fixture(scope="module")
def problems(warehouse_path):
    import duckdb

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        return claim_problems(con)


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_claim_holds_on_the_snapshot(problems, check):
    rows = problems[check]
    assert rows.empty, f"{check}: {len(rows)} rows, e.g.\n{rows.head(5)}"


def test_every_source_switch_is_declared(wh):
    """Each change of source tables within a series is declared in the catalogue, either
    as one series (continuous_sources) or as a break; none is left to chance."""
    undeclared = wh.execute("""SELECT indicator_id, year, source_key FROM series_segments
                               WHERE segment_reason = 'source_switch'""").fetchall()
    assert undeclared == []
    breaks = dict(wh.execute("""SELECT indicator_id, break_years FROM indicators
                                WHERE len(break_years) > 0""").fetchall())
    assert breaks["households"] == [2011, 2024]
    assert breaks["private_rental_share"] == breaks["social_housing_share"] == [2012]
    assert 2024 in breaks["share_non_western_background"]


def test_settings_are_recorded(wh):
    info = wh.execute("SELECT * FROM build_info").df().iloc[0]
    assert (info["window"], info["min_significant_points"], info["stale_after_years"]) == (
        8, 5, 4)
    assert (info["top_percentile"], info["bottom_percentile"]) == (75.0, 25.0)
    latest = wh.execute("SELECT max(year) FROM indicator_values "
                        "WHERE indicator_id NOT LIKE '%projected%'").fetchall()[0][0]
    assert info["latest_data_year"] == latest >= 2025


def test_known_cases(wh):
    # Maastricht households: the 2024 jump (+15 %) is a break, no trend across it
    row = wh.execute("""SELECT t.* FROM trends t JOIN current_municipalities m
                        USING (region_code) WHERE m.name = 'Maastricht'
                        AND indicator_id = 'households'""").df()
    assert row.empty or (row["first_year"] >= 2024).all()
    # Enschede's bijstand (2008, 2009-2014, 2024) gives no 'significant trend since 2008'
    row = wh.execute("""SELECT t.* FROM trends t JOIN current_municipalities m
                        USING (region_code) WHERE m.name = 'Enschede'
                        AND indicator_id = 'social_assistance_per_1000'""").df()
    assert row.empty or (row["first_year"] >= 2017).all()

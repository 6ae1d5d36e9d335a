"""The synthetic warehouse of the publish tests: the real build's schema, known results."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.fixtures.synthetic_warehouse import FORMER, MUNICIPALITIES, population

COLUMNS = ("SELECT table_name, column_name, data_type FROM information_schema.columns "
           "ORDER BY ALL")


def test_same_tables_columns_and_types_as_the_real_build(synthetic_path: Path,
                                                         warehouse_path: Path) -> None:
    """Every table and view of a real build, with the same columns and types (a column that
    is NULL in every synthetic row has DuckDB's type NULL there: only its name counts)."""
    with duckdb.connect(str(warehouse_path), read_only=True) as real, \
            duckdb.connect(str(synthetic_path), read_only=True) as syn:
        want = {(t, c): d for t, c, d in real.execute(COLUMNS).fetchall()}
        got = {(t, c): d for t, c, d in syn.execute(COLUMNS).fetchall()}
    assert sorted(set(want) - set(got)) == []
    assert sorted(set(got) - set(want)) == []
    differ = {k: (want[k], got[k]) for k in want
              if got[k] != want[k] and "NULL" not in got[k]}
    assert differ == {}


def _value(con, indicator: str, region: str, year: int):
    row = con.execute("SELECT value FROM indicator_values WHERE indicator_id = ? AND "
                      "region_code = ? AND year = ?", [indicator, region, year]).fetchone()
    return row and row[0]


def test_hand_made_values_come_through_the_real_stages(syn) -> None:
    assert _value(syn, "population", "GM0193", 2013) == 120_000
    assert _value(syn, "population", "GM0193", 2025) == 132_000  # from 03759ned (v4)
    # Weesp (18 000 in 2013) is part of today's Amsterdam, also before the merger
    assert _value(syn, "population", "GM0363", 2013) == 800_000 + 18_000
    # NL01, COROP and province are sums of today's municipalities for a count
    nl = sum(population(c, 2020) for c in [*MUNICIPALITIES, *FORMER])
    assert _value(syn, "population", "NL01", 2020) == nl
    assert _value(syn, "population", "CR10", 2020) == 127_000 + 29_100 + 54_800
    assert _value(syn, "unemployment_rate", "GM0193", 2024) == pytest.approx(3.8)
    assert _value(syn, "crimes_per_1000", "GM0153", 2024) == pytest.approx(62.0)


def test_gap_with_reason_and_provisional_value(syn) -> None:
    gaps = syn.execute("SELECT indicator_id, region_code, year, reason FROM indicator_gaps "
                       "WHERE region_code LIKE 'GM%' AND indicator_id = 'unemployment_rate'"
                       ).fetchall()
    assert gaps == [("unemployment_rate", "GM0415", 2019, "suppressed_in_source")]
    provisional = syn.execute("SELECT DISTINCT indicator_id, year FROM indicator_values "
                              "WHERE provisional").fetchall()
    # crimes 2024 by the period's status; the income and solar tables' last year by the real
    # catalogue's provisional_latest (86004NED, 85005NED carry no status in the snapshot either)
    assert set(provisional) == {("crimes_per_1000", 2024), ("income_disposable_mean", 2023),
                                ("income_standardised_median", 2023),
                                ("solar_installations_per_1000", 2023)}


def test_trends_known_by_hand(syn) -> None:
    rows = syn.execute("SELECT indicator_id, region_code, classification, direction_label "
                       "FROM trends WHERE region_code IN ('GM0193', 'GM0153')").fetchall()
    got = {(i, r): (c, d) for i, r, c, d in rows}
    assert got["population", "GM0193"] == ("rising", "neutral")  # +1 000 a year
    assert got["population", "GM0153"] == ("not tested", None)  # flat: one value, no test
    assert got["unemployment_rate", "GM0193"] == ("falling", "improving")
    assert got["unemployment_rate", "GM0153"] == ("not tested", None)  # 7 +-0,1: 2 values
    assert got["crimes_per_1000", "GM0153"] == ("rising", "worsening")
    # an amount in current prices: rising, but no verdict (part of the rise is inflation)
    assert got["income_standardised_median", "GM0193"] == ("rising", "neutral")


def test_region_sets_cut_to_the_synthetic_municipalities(syn) -> None:
    sets = dict(syn.execute("SELECT set_id, list(region_code ORDER BY region_code) "
                            "FROM region_sets WHERE set_id IN ('G40', 'G4', 'CR10') "
                            "GROUP BY set_id").fetchall())
    assert sets == {"G40": ["GM0080", "GM0153", "GM0164", "GM0193", "GM0796"],
                    "G4": ["GM0363", "GM0518"],
                    "CR10": ["GM0148", "GM0166", "GM0193"]}

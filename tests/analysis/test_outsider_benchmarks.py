"""Positions outside a group (a G4 city within the G40): a hand-made group with known
answers, and the real warehouse against an independent computation."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

from stadstrends.analysis.outsider_benchmarks import build_outsider_benchmarks
from stadstrends.analysis.set_benchmarks import build_set_benchmarks
from stadstrends.publish.format import round_half_away


def _con(values: dict[str, float], outsider: float | None) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    rows = [(code, "x", 2020, v) for code, v in values.items()]
    if outsider is not None:
        rows.append(("GM0900", "x", 2020, outsider))
    con.register("_v", pd.DataFrame(rows, columns=["region_code", "indicator_id", "year",
                                                   "value"]))
    con.execute("CREATE TABLE indicator_results AS SELECT * FROM _v")  # as the warehouse:
    con.execute("CREATE VIEW indicator_values AS FROM indicator_results WHERE value IS NOT NULL")
    con.execute("CREATE TABLE comparison_group_members AS SELECT 'G40' AS set_id, "
                "NULL::VARCHAR AS focal_code, region_code FROM _v "
                "WHERE region_code <> 'GM0900'")
    con.execute("CREATE TABLE comparison_extra AS SELECT 'GM0900' AS region_code, "
                "'G40' AS set_id")
    build_set_benchmarks(con)  # the members' own positions and the group's figures
    build_outsider_benchmarks(con)
    return con


def test_an_outsider_is_placed_among_the_members_without_changing_them() -> None:
    members = {"GM0001": 10.0, "GM0002": 20.0, "GM0003": 30.0, "GM0004": 40.0}
    con = _con(members, 35.0)
    row = con.execute("SELECT * FROM outsider_benchmarks").df().iloc[0]
    assert (row.set_id, row.region_code, row.n) == ("G40", "GM0900", 4)  # members only
    assert (row["median"], row.p25, row.p75) == (25.0, 17.5, 32.5)
    assert row.mad == 10.0 and row["rank"] == 2  # one member (40) is higher
    assert row.percentile == 75.0  # three of the four members are lower
    assert row.robust_z == pytest.approx(10 / (1.4826 * 10))
    both = con.execute("SELECT region_code FROM group_benchmarks ORDER BY 1").df()
    assert both.region_code.tolist() == [*members, "GM0900"]


def test_an_outsider_tied_with_members_shares_the_middle_of_their_places() -> None:
    con = _con({"GM0001": 10.0, "GM0002": 20.0, "GM0003": 20.0, "GM0004": 40.0}, 20.0)
    row = con.execute("SELECT * FROM outsider_benchmarks").df().iloc[0]
    assert row["rank"] == 2 and row.percentile == 50.0  # one below, two tied: (1 + 1) / 4


def test_no_value_no_row() -> None:
    con = _con({"GM0001": 1.0, "GM0002": 2.0}, None)
    assert con.execute("SELECT count(*) FROM outsider_benchmarks").fetchone()[0] == 0


@pytest.mark.parametrize("code", ["GM0363", "GM0599"])  # Amsterdam, Rotterdam
def test_real_g4_city_within_the_g40_against_pandas(analysed, code: str) -> None:
    con, _ = analysed
    assert (code, "G40") in set(con.execute(
        "SELECT region_code, set_id FROM comparison_extra").fetchall())
    vals = con.execute("SELECT region_code, indicator_id, year, value, decimals "
                       "FROM indicator_values JOIN indicators USING (indicator_id) "
                       "WHERE value IS NOT NULL").df()
    g40 = {r[0] for r in con.execute("SELECT region_code FROM region_sets "
                                     "WHERE set_id = 'G40'").fetchall()}
    got = con.execute("SELECT * FROM group_benchmarks WHERE set_id = 'G40' "
                      "AND region_code = ?", [code]).df()
    assert len(got) > 500
    for ind in ("unemployment_rate", "share_age_65_plus", "woz_mean"):
        row = got[got.indicator_id == ind].sort_values("year").iloc[-1]
        v = vals[(vals.indicator_id == ind) & (vals.year == row.year)]
        members = v[v.region_code.isin(g40)].value.to_numpy()
        own = v.loc[v.region_code == code, "value"].item()
        assert row.n == len(members) and row["median"] == pytest.approx(np.median(members))
        assert row.p25 == pytest.approx(np.percentile(members, 25))
        assert row.p75 == pytest.approx(np.percentile(members, 75))
        # places of the figures as printed (the catalogue's decimals)
        d = int(v["decimals"].iloc[0])
        shown = np.array([round_half_away(x, d) for x in members])
        mine = round_half_away(own, d)
        assert row["rank"] == 1 + (shown > mine).sum()
        assert row.percentile == pytest.approx(
            100 * ((shown < mine).sum() + (shown == mine).sum() / 2) / len(members))

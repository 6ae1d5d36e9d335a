"""Benchmarks per comparison group: hand-made
warehouse with known answers; the real warehouse against an independent computation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stadstrends.analysis.benchmarks import build_benchmarks
from stadstrends.analysis.ommeland import build_ommeland
from stadstrends.analysis.set_benchmarks import build_set_benchmarks

from .mini_warehouse import CODE

NAME = {v: k for k, v in CODE.items()}


def _with_groups(con) -> pd.DataFrame:
    """Shared groups from region_sets; a PEERS group for A = {A, X1, X2} and B = {B, Y1}."""
    con.execute("""
        CREATE TABLE comparison_group_members AS
        SELECT set_id, NULL::VARCHAR AS focal_code, region_code FROM region_sets
        UNION ALL SELECT 'PEERS', 'GM0001', unnest(['GM0001', 'GM0011', 'GM0012'])
        UNION ALL SELECT 'PEERS', 'GM0002', unnest(['GM0002', 'GM0021'])""")
    build_set_benchmarks(con)
    frame = con.execute("SELECT * FROM set_benchmarks").df()
    frame["name"] = frame["region_code"].map(NAME)
    return frame.set_index(["set_id", "indicator_id", "name", "year"]).sort_index()


def test_shared_group_hand_values(mini) -> None:
    b = _with_groups(mini)
    rat = b.loc[("G40", "rat")].xs(2020, level="year")
    assert rat.value.to_dict() == {"A": 10, "B": 20, "C": 30, "D": 40, "E": 100}
    assert set(rat["median"]) == {30} and set(rat.n) == {5}
    assert set(rat.p25) == {20} and set(rat.p75) == {40} and set(rat.mad) == {10}
    assert rat["rank"].to_dict() == {"A": 5, "B": 4, "C": 3, "D": 2, "E": 1}
    assert rat.percentile.to_dict() == {"A": 0, "B": 25, "C": 50, "D": 75, "E": 100}
    assert rat.robust_z["E"] == pytest.approx(70 / (1.4826 * 10))


def test_ties_share_a_rank_and_a_percentile(mini) -> None:
    rat = _with_groups(mini).loc[("G40", "rat")].xs(2015, level="year")
    assert rat.value.to_dict() == {"A": 10, "B": 10, "C": 30, "D": 40, "E": 100}
    assert rat["rank"].to_dict() == {"A": 4, "B": 4, "C": 3, "D": 2, "E": 1}
    assert rat.percentile.to_dict() == {"A": 0, "B": 0, "C": 50, "D": 75, "E": 100}


def test_same_figures_as_the_g40_benchmarks(mini) -> None:
    b = _with_groups(mini).loc["G40"].reset_index()
    build_ommeland(mini)
    build_benchmarks(mini)
    old = mini.execute("SELECT * FROM benchmarks").df()
    old["name"] = old["region_code"].map(NAME)
    both = b.merge(old, on=["indicator_id", "name", "year"], suffixes=("", "_old"))
    assert len(both) == len(old) == len(b) == 4 * 5 * 6
    for new, ref in [("median", "g40_median"), ("p25", "g40_p25"), ("p75", "g40_p75"),
                     ("n", "g40_n"), ("mad", "g40_mad"), ("rank", "rank_g40"),
                     ("percentile", "percentile_g40"), ("robust_z", "robust_z_old")]:
        assert np.allclose(both[new].astype(float), both[ref].astype(float), equal_nan=True), new


def test_peer_group_is_per_municipality_and_latest_year_only(mini) -> None:
    peers = _with_groups(mini).loc["PEERS"]
    assert set(peers.index.get_level_values("name")) == {"A", "B"}
    assert set(peers.index.get_level_values("year")) == {2020}
    a = peers.loc[("rat", "A", 2020)]  # A 10, X1 (5 + 10) / 50 = 30 %, X2 (15 + 10) / 50 = 50 %
    assert (a.n, a["median"], a["rank"], a.percentile) == (3, 30, 3, 0)
    b = peers.loc[("rat", "B", 2020)]  # B 20, Y1 30
    assert (b.n, b["median"], b["rank"], b.percentile) == (2, 25, 2, 0)


# --- real warehouse ---------------------------------------------------------------------

GEBIEDEN_2025 = "cbs_statline_dump/gebieden_in_nederland/86059NED.csv"


def _independent_members(shared_data: Path) -> dict[str, set[str]]:
    """GK5 (CBS size class 5) and every province, read from the raw 2025 edition with
    pandas alone (Code_52 = gemeentegrootte, the PV.. column = province)."""
    raw = pd.read_csv(shared_data / GEBIEDEN_2025, sep=";", dtype=str, encoding="utf-8-sig")
    raw = raw.apply(lambda c: c.str.strip())
    pv = next(c for c in raw.columns if raw[c].str.fullmatch(r"PV\d\d").all())
    groups = {"GK5": set(raw.loc[raw["Code_52"] == "5", "Code_1"])}
    for code, part in raw.groupby(pv):
        groups[code] = set(part["Code_1"])
    return groups


@pytest.mark.parametrize("code,province", [("GM0355", "PV26"), ("GM1900", "PV21"),
                                           ("GM0453", "PV27")])  # Zeist, Súdwest-Fryslân, Velsen
def test_real_benchmarks_match_an_independent_computation(analysed, shared_data, code,
                                                          province) -> None:
    con, _ = analysed
    groups = _independent_members(shared_data)
    checked = 0
    for set_id in ("GK5", province):
        if code not in groups[set_id]:
            continue
        for indicator in ("population", "unemployment_rate", "house_price_mean"):
            vals = con.execute("""SELECT region_code, year, value FROM indicator_values
                                  WHERE indicator_id = ? AND value IS NOT NULL
                                    AND list_contains(?, region_code)""",
                               [indicator, sorted(groups[set_id])]).df()
            if code not in set(vals.region_code):
                continue
            year = int(vals.loc[vals.region_code == code, "year"].max())
            v = vals[vals.year == year].set_index("region_code")["value"]
            row = con.execute("SELECT * FROM set_benchmarks WHERE set_id = ? AND region_code = ?"
                              " AND indicator_id = ? AND year = ?",
                              [set_id, code, indicator, year]).df().iloc[0]
            assert row.n == len(v)
            assert row["median"] == pytest.approx(np.median(v))
            assert row.p25 == pytest.approx(np.percentile(v, 25))
            assert row.p75 == pytest.approx(np.percentile(v, 75))
            assert row["rank"] == int(v.rank(method="min", ascending=False)[code])
            checked += 1
    assert checked == 6  # two groups x three indicators


def test_real_g40_rows_equal_the_g40_benchmarks(analysed) -> None:
    con, _ = analysed
    diff = con.execute("""
        SELECT count(*) AS n,
               count(*) FILTER (WHERE abs(s.median - b.g40_median) > 1e-9
                                 OR s.rank <> b.rank_g40 OR s.n <> b.g40_n
                                 OR abs(s.percentile - b.percentile_g40) > 1e-9) AS differ
        FROM benchmarks b
        LEFT JOIN set_benchmarks s ON s.set_id = 'G40' AND s.region_code = b.region_code
         AND s.indicator_id = b.indicator_id AND s.year = b.year""").fetchone()
    assert diff[0] > 35_000 and diff[1] == 0


def test_real_every_municipality_has_its_default_group(analysed) -> None:
    con, _ = analysed
    missing = con.execute("""
        SELECT d.region_code, d.set_id FROM default_group d
        LEFT JOIN set_benchmarks s ON s.set_id = d.set_id AND s.region_code = d.region_code
         AND s.indicator_id = 'population'
        GROUP BY ALL HAVING count(s.year) = 0""").fetchall()
    assert missing == []

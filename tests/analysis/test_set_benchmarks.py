"""Benchmarks per comparison group: hand-made
warehouse with known answers; the real warehouse against an independent computation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import stadstrends.analysis.set_benchmarks as sb
from stadstrends.analysis.set_benchmarks import build_set_benchmarks
from stadstrends.publish.format import round_half_away
from stadstrends.publish.harmonised import recalculated_rounding, round_computed

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


def test_ties_share_a_rank_and_the_middle_of_their_places(mini) -> None:
    """A and B share places 0 and 1 of 4 (percent rank 0 and 25): both 12,5, not 0."""
    rat = _with_groups(mini).loc[("G40", "rat")].xs(2015, level="year")
    assert rat.value.to_dict() == {"A": 10, "B": 10, "C": 30, "D": 40, "E": 100}
    assert rat["rank"].to_dict() == {"A": 4, "B": 4, "C": 3, "D": 2, "E": 1}
    assert rat.percentile.to_dict() == {"A": 12.5, "B": 12.5, "C": 50, "D": 75, "E": 100}


def test_a_peer_groups_ties_share_the_middle_of_their_places(mini) -> None:
    mini.execute("UPDATE indicator_results SET value = 10 WHERE region_code = 'GM0011' "
                 "AND indicator_id = 'rat' AND year = 2020 AND value IS NOT NULL")  # X1 ties with A
    a = _with_groups(mini).loc[("PEERS", "rat", "A", 2020)]
    assert (a.n, a["rank"], a.percentile) == (3, 2, 25)  # places 0 and 1 of 2: 0 and 50


def test_every_shared_group_against_numpy(mini) -> None:
    b = _with_groups(mini).reset_index()
    shared = b[b.set_id != "PEERS"]
    assert len(shared.loc[shared.set_id == "G40"]) == 4 * 5 * 6
    for _, grp in shared.groupby(["set_id", "indicator_id", "year"]):
        v = grp.value.to_numpy(dtype=float)
        assert set(grp.n) == {len(v)}
        assert grp["median"].iloc[0] == pytest.approx(np.median(v))
        assert grp.p25.iloc[0] == pytest.approx(np.percentile(v, 25))
        assert grp.p75.iloc[0] == pytest.approx(np.percentile(v, 75))
        assert grp.mad.iloc[0] == pytest.approx(np.median(np.abs(v - np.median(v))))
        expected = pd.Series(v).rank(method="min", ascending=False).astype(int).tolist()
        assert grp["rank"].tolist() == expected


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


def test_real_g40_rows_against_pandas(analysed) -> None:
    con, _ = analysed
    vals = con.execute("""
        SELECT v.indicator_id, v.year, v.region_code, v.value, i.decimals
        FROM indicator_values v JOIN indicators i USING (indicator_id)
        JOIN comparison_group_members m ON m.region_code = v.region_code
         AND m.set_id = 'G40' AND m.focal_code IS NULL
        WHERE v.value IS NOT NULL""").df()
    got = con.execute("SELECT indicator_id, year, region_code, n, median, p25, p75, rank, "
                      "percentile FROM set_benchmarks WHERE set_id = 'G40'").df()
    # places of the figures as printed (the catalogue's decimals, the reports' rounding; a
    # figure recalculated for today's boundaries first to its step: publish's rule)
    steps = recalculated_rounding(con)
    own = set(con.execute("SELECT region_code, indicator_id, year FROM harmonised_cells"
                          ).fetchall())
    vals["printed"] = [round_half_away(round_computed(v, steps.get(i), y) if (c, i, y) in own
                                       else v, int(d))
                       for c, i, y, v, d in zip(vals["region_code"], vals["indicator_id"],
                                                vals["year"], vals["value"], vals["decimals"],
                                                strict=True)]
    grp = vals.groupby(["indicator_id", "year"])["value"]
    shown = vals.groupby(["indicator_id", "year"])["printed"]
    exp = vals.assign(n=grp.transform("size"), median=grp.transform("median"),
                      p25=grp.transform(lambda x: np.percentile(x, 25)),
                      p75=grp.transform(lambda x: np.percentile(x, 75)),
                      rank=shown.rank(method="min", ascending=False).astype(int),
                      mid=shown.rank(method="average"))  # 1-based: below + (ties + 1) / 2
    exp["percentile"] = 100 * (exp["mid"] - 1) / (exp["n"] - 1)
    both = exp.merge(got, on=["indicator_id", "year", "region_code"], suffixes=("", "_got"))
    assert len(both) == len(exp) == len(got) > 35_000
    for col in ("n", "median", "p25", "p75", "rank", "percentile"):
        assert np.allclose(both[col], both[f"{col}_got"]), col


def test_real_a_tie_at_the_median_is_not_in_a_quarter(analysed) -> None:
    """Ameland (GM0060) in its size group GK1 on the zorgpremie arrears, 2024: 0,4 x 2,
    0,6 x 5, 0,8 x 2, 1,5. Its 0,6 is the median; as the share strictly below it had
    percentile 22 (the lowest quarter, 'the most favourable' for a higher-is-worse figure)
    with the four others at 0,6; the five share places 2-6 of 0-9: 44."""
    con, _ = analysed
    rows = con.execute("""SELECT region_code, value, percentile, median FROM set_benchmarks
                          WHERE set_id = 'GK1' AND indicator_id = 'payment_arrears_share'
                            AND year = 2024 ORDER BY value""").fetchall()
    assert sorted(r[1] for r in rows) == [0.4] * 2 + [0.6] * 5 + [0.8] * 2 + [1.5]
    ameland = next(r for r in rows if r[0] == "GM0060")
    assert ameland[1] == ameland[3] == 0.6
    assert ameland[2] == pytest.approx(400 / 9)
    assert {round(r[2], 6) for r in rows if r[1] == 0.6} == {round(400 / 9, 6)}


def test_real_every_municipality_has_its_default_group(analysed) -> None:
    """Positions in its default group: as a member (set_benchmarks) or, a G4 city in the
    G40, as an outsider (outsider_benchmarks; group_benchmarks holds both)."""
    con, _ = analysed
    missing = con.execute("""
        SELECT d.region_code, d.set_id FROM default_group d
        LEFT JOIN group_benchmarks s ON s.set_id = d.set_id AND s.region_code = d.region_code
         AND s.indicator_id = 'population'
        GROUP BY ALL HAVING count(s.year) = 0""").fetchall()
    assert missing == []


def test_groups_in_batches_give_the_rows_of_one_statement(mini, monkeypatch) -> None:
    """The shared groups are computed a batch at a time (memory); a batch per group and
    all groups in one batch give the same table."""

    monkeypatch.setattr(sb, "BATCH_MEMBERS", 1)  # every group a batch of its own
    assert all(len(batch) == 1 for batch in sb._batches(_groups_only(mini)))
    mini.execute("DROP TABLE comparison_group_members")
    one_each = _with_groups(mini).reset_index()
    mini.execute("DROP TABLE comparison_group_members")
    monkeypatch.setattr(sb, "BATCH_MEMBERS", 10_000)
    assert len(sb._batches(_groups_only(mini))) == 1
    mini.execute("DROP TABLE comparison_group_members")
    together = _with_groups(mini).reset_index()
    key = ["set_id", "indicator_id", "name", "year"]
    pd.testing.assert_frame_equal(one_each.sort_values(key).reset_index(drop=True),
                                  together.sort_values(key).reset_index(drop=True))
    assert len(one_each) > 100


def _groups_only(con):
    con.execute("CREATE OR REPLACE TABLE comparison_group_members AS SELECT set_id, "
                "NULL::VARCHAR AS focal_code, region_code FROM region_sets")
    return con


def test_batches_hold_about_one_partition_and_a_large_group_alone(mini, monkeypatch) -> None:

    mini.execute("""CREATE TABLE comparison_group_members AS
        SELECT * FROM (VALUES ('A', NULL, 'GM1'), ('A', NULL, 'GM2'), ('B', NULL, 'GM1'),
                              ('C', NULL, 'GM1'), ('C', NULL, 'GM2'), ('C', NULL, 'GM3'),
                              ('D', NULL, 'GM4'), ('P', 'GM1', 'GM2'))
        t(set_id, focal_code, region_code)""")
    monkeypatch.setattr(sb, "BATCH_MEMBERS", 3)
    assert sb._batches(mini) == [["A", "B"], ["C"], ["D"]]


@pytest.mark.parametrize("batch", [sb.BATCH_MEMBERS, 3])
def test_a_groups_distribution_is_stored_once_and_joins_every_position(mini, monkeypatch,
                                                                       batch) -> None:
    """``set_distributions`` holds one row per shared group x indicator x year, numbered
    (``distribution_no``) the same way in every batch, with ``n`` the number of its
    positions; the view ``set_benchmarks`` has every position and peer row once, with its
    group's figures."""
    monkeypatch.setattr(sb, "BATCH_MEMBERS", batch)
    _with_groups(mini)
    for key in ("set_id, indicator_id, year", "distribution_no"):
        dup = mini.execute(f"SELECT {key} FROM set_distributions "
                           "GROUP BY ALL HAVING count(*) > 1").fetchall()
        assert dup == [], key
    wrong_n = mini.execute("""
        SELECT d.set_id, d.indicator_id, d.year, d.n, count(p.region_code) AS positions
        FROM set_distributions d LEFT JOIN set_positions p USING (distribution_no)
        GROUP BY ALL HAVING d.n <> count(p.region_code)""").fetchall()
    assert wrong_n == []
    counts = mini.execute("""SELECT (SELECT count(*) FROM set_benchmarks),
        (SELECT count(*) FROM set_positions) + (SELECT count(*) FROM peer_benchmarks),
        (SELECT count(*) FROM set_benchmarks WHERE set_id = 'PEERS')""").fetchall()[0]
    assert counts[0] == counts[1] and counts[2] > 0

"""Peer municipalities: hand-made examples and the real snapshot."""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from stadstrends.analysis.peers import (
    distance_matrix,
    nearest,
    peer_table,
    select_variables,
)

# ---------------------------------------------------------------- hand-made examples


def test_two_variable_example_has_known_nearest_neighbours() -> None:
    # A(0,0) B(1,0) C(0,2) D(5,5) E(5,6): A-B, C-A, D-E are the nearest pairs
    x = np.array([[0, 0], [1, 0], [0, 2], [5, 5], [5, 6]], dtype=float)
    dist = distance_matrix(x)
    assert dist[0, 1] == pytest.approx(1.0) and dist[3, 4] == pytest.approx(1.0)
    assert dist[0, 3] == pytest.approx(math.hypot(5, 5))
    assert np.isinf(np.diag(dist)).all()
    idx = nearest(dist, np.ones(5, dtype=bool), n=2)
    assert idx[0].tolist() == [1, 2]  # A: B (1), C (2)
    assert idx[2].tolist() == [0, 1]  # C: A (2), B (sqrt 5)
    assert idx[3].tolist() == [4, 2]  # D: E (1), C (sqrt 34 < sqrt 41 of B)


def test_candidates_restrict_peers_and_fewer_than_n_give_minus_one() -> None:
    x = np.array([[0.0], [1.0], [2.0], [10.0]])
    idx = nearest(distance_matrix(x), np.array([False, False, True, True]), n=3)
    assert idx[0].tolist() == [2, 3, -1]
    assert idx[2].tolist() == [3, -1, -1]  # never itself


def test_missing_variables_rescale_the_distance() -> None:
    x = np.array([[0.0, 0.0], [1.0, np.nan], [3.0, 4.0]])
    dist = distance_matrix(x)
    assert dist[0, 1] == pytest.approx(math.sqrt(1 * 2 / 1))  # one of two variables shared
    assert dist[0, 2] == pytest.approx(5.0)
    strict = distance_matrix(x, min_common=2)
    assert np.isinf(strict[0, 1]) and strict[0, 2] == pytest.approx(5.0)


def _values(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["indicator_id", "region_code", "year", "value"])


def test_select_variables_uses_latest_covered_year_and_fallbacks() -> None:
    codes = [f"GM{i:04d}" for i in range(20)]
    rows = []
    for i, code in enumerate(codes):
        rows += [("population", code, 2023, 1000.0 + i), ("population", code, 2024, 1100.0 + i),
                 ("share_age_65_plus", code, 2019, 20.0 + i % 3),
                 ("jobs_employees", code, 2023, 500.0 + 10 * i)]
        if i < 10:  # only half of the municipalities: not 'nearly all'
            rows.append(("share_age_65_plus", code, 2024, 22.0))
        if i != 3:  # one missing: still 95%
            rows.append(("income_standardised_median", code, 2023, 30.0 + i))
    matrix, report = select_variables(_values(rows), codes)
    status = report.set_index("variable")["status"]
    used = report[report["status"] == "used"].set_index("variable")["year_used"]
    assert used.to_dict() == {"population": 2024, "share_age_65_plus": 2019,
                              "income_standardised_median": 2023,
                              "jobs_employees/population": 2023}
    assert status["income_disposable_mean"].startswith("dropped")
    assert status["job_ratio"].startswith("dropped")
    assert matrix.shape == (20, 4) and matrix.isna().sum().sum() == 1
    ratio = matrix["job_ratio:jobs_employees/population:2023"]
    assert ratio["GM0000"] == pytest.approx(500 / 1000 * 1000)
    assert matrix["size:population:2024"]["GM0000"] == pytest.approx(math.log(1100))


def test_peer_table_records_variables_per_pair() -> None:
    codes = ["GM0001", "GM0002", "GM0003", "GM0004"]
    matrix = pd.DataFrame({"a:x:2020": [0.0, 1.0, 2.0, 9.0], "b:y:2021": [0.0, np.nan, 1, 9]},
                          index=codes)
    names = pd.Series(["A", "B", "C", "D"], index=codes)
    out = peer_table(matrix, names, {"all": set(codes), "G40": {"GM0003", "GM0004"}}, n=2)
    a = out[(out["region_code"] == "GM0001") & (out["peer_set"] == "all")]
    # z-scored x: A-B 0.28 on x alone, rescaled by sqrt(2) = 0.40; A-C 0.62 on x and y
    assert a["peer_name"].tolist() == ["B", "C"]
    assert a["distance"].iloc[0] == pytest.approx(math.sqrt(2) / math.sqrt(12.5))
    assert a.iloc[0]["variables"] == ["x"] and a.iloc[0]["year_used"] == [2020]
    assert a.iloc[1]["variables"] == ["x", "y"] and a.iloc[1]["year_used"] == [2020, 2021]
    g40 = out[out["peer_set"] == "G40"]
    assert set(g40["peer_code"]) <= {"GM0003", "GM0004"}
    assert not (g40["peer_code"] == g40["region_code"]).any()


# ---------------------------------------------------------------- the real snapshot


@pytest.fixture(scope="module")
def real(warehouse_path: Path):
    """The real warehouse, whose build ran ``build_peers``; with the tables' row counts."""
    con = duckdb.connect(str(warehouse_path), read_only=True)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
              for t in ('peers', 'peers_variables')}
    yield con, counts, None
    con.close()


def test_real_every_municipality_has_five_peers(real) -> None:
    con, counts, seconds = real
    peers = con.execute("SELECT * FROM peers").df()
    current = con.execute("""SELECT region_code FROM regions
                             WHERE level = 'gemeente' AND valid_to IS NULL""").df()
    g40 = {r[0] for r in con.execute(
        "SELECT region_code FROM region_sets WHERE set_id = 'G40'").fetchall()}
    assert not (peers["peer_code"] == peers["region_code"]).any()
    for peer_set in ("all", "G40"):
        part = peers[peers["peer_set"] == peer_set]
        assert set(part["region_code"]) == set(current["region_code"])
        groups = part.sort_values("peer_rank").groupby("region_code")
        assert (groups.size() == 5).all()
        assert groups["peer_rank"].apply(list).map(lambda r: r == [1, 2, 3, 4, 5]).all()
        assert groups["distance"].apply(lambda d: bool(np.all(np.diff(d.to_numpy()) >= 0))).all()
    assert set(peers.loc[peers["peer_set"] == "G40", "peer_code"]) <= g40
    assert len(g40) == 41


def test_real_variables_are_recorded(real) -> None:
    con = real[0]
    report = con.execute("SELECT * FROM peers_variables WHERE status = 'used'").df()
    assert report["concept"].is_unique and len(report) >= 5
    assert {"size", "density", "age_65plus"} <= set(report["concept"])
    assert (report["n_municipalities"] >= 0.95 * 342).all()
    rows = con.execute("SELECT variables, year_used, n_variables FROM peers").df()
    assert (rows["variables"].map(len) == rows["n_variables"]).all()
    assert (rows["year_used"].map(len) == rows["n_variables"]).all()
    assert rows["n_variables"].min() >= math.ceil(len(report) / 2)


def test_real_g4_cities_are_nearer_to_each_other_than_to_villages(real) -> None:
    con = real[0]
    g4 = [r[0] for r in con.execute(
        "SELECT region_code FROM region_sets WHERE set_id = 'G4'").fetchall()]
    from stadstrends.analysis.peers import _current, _values

    codes = _current(con)["region_code"].tolist()
    values = _values(con, codes)
    matrix, _ = select_variables(values, codes)
    x = matrix.to_numpy(dtype=float)
    dist = distance_matrix((x - np.nanmean(x, axis=0)) / np.nanstd(x, axis=0))
    latest = values[values["indicator_id"] == "population"]["year"].max()
    pop = values[(values["indicator_id"] == "population") & (values["year"] == latest)]
    villages = [codes.index(c) for c in pop.loc[pop["value"] < 20_000, "region_code"]]
    for city in g4:
        i = codes.index(city)
        others = [codes.index(c) for c in g4 if c != city]
        assert dist[i, others].max() < dist[i, villages].min()
    amsterdam = con.execute("""SELECT list(peer_code) FROM peers
        WHERE region_code = 'GM0363' AND peer_set = 'all'""").fetchall()[0][0]
    assert len(set(amsterdam) & set(g4)) >= 2

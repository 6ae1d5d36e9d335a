"""The ranking page gives the place the analysis stored (``set_benchmarks.rank``: 1 = the
highest value, ties as printed sharing the first of their places), so the page, the city
page's tiles and the reports agree by construction; only where the analysis stored no rank
for exactly the ranked municipalities (a PEERS group: the focal municipality's alone, in its
latest year) does the page rank them itself, by the same rule (``ranking.own_ranks``).

Every shared group, the country (NL01) included, has positions in every year, so on the
snapshot the page's own ranking serves the PEERS groups only; there it gives the focal
municipality the place ``peer_benchmarks`` stores."""

from __future__ import annotations

import duckdb
import pytest

from stadstrends.publish.web import ranking
from stadstrends.publish.web.state import WebWarehouse


class _Rows:
    """A stand-in for :class:`WebWarehouse` with only its ``rows``, over ``con``."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.tables = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}

    def rows(self, sql: str, params: list | None = None) -> list[dict]:
        result = self.con.execute(sql, params or [])
        names = [d[0] for d in result.description]
        return [dict(zip(names, r, strict=True)) for r in result.fetchall()]


def test_own_ranks_share_the_first_place_of_figures_printed_alike() -> None:
    got = ranking.own_ranks({"a": 49.699999999999996, "b": 49.70000000000001, "c": 50.04,
                             "d": 49.64, "e": 49.75}, decimals=1)
    assert got == {"c": 1, "e": 2, "a": 3, "b": 3, "d": 5}  # 50,0; 49,8; 49,7 twice; 49,6
    assert ranking.own_ranks({"a": 2.0, "b": 1.0}, None) == {"a": 1, "b": 2}


def test_stored_ranks_only_for_exactly_the_ranked_municipalities() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE set_benchmarks AS SELECT * FROM (VALUES "
                "('G1', 'GM0001', 'x', 2024, 2), ('G1', 'GM0002', 'x', 2024, 1), "
                "('G1', 'GM0001', 'x', 2023, 1)) t(set_id, region_code, indicator_id, year, rank)")
    wh = _Rows(con)
    assert ranking.stored_ranks(wh, "G1", "x", 2024, ["GM0002", "GM0001"]) == {
        "GM0001": 2, "GM0002": 1}
    # a municipality without a stored place (or one more stored): the page ranks them all
    assert ranking.stored_ranks(wh, "G1", "x", 2023, ["GM0001", "GM0002"]) is None
    assert ranking.stored_ranks(wh, "G1", "x", 2024, ["GM0001"]) is None
    assert ranking.stored_ranks(wh, "P", "x", 2024, ["GM0001"]) is None
    assert ranking.stored_ranks(_Rows(duckdb.connect()), "G1", "x", 2024, ["GM0001"]) is None


@pytest.fixture(scope="module")
def web(warehouse_path):
    wh = WebWarehouse(warehouse_path)
    yield wh
    wh.close()


def _stored(wh: WebWarehouse, set_id: str, indicator_id: str, year: int) -> dict[str, int]:
    return {r["region_code"]: r["rank"] for r in wh.rows(
        "SELECT region_code, rank FROM group_benchmarks WHERE set_id = ? AND indicator_id = ? "
        "AND year = ? AND region_code IN (SELECT region_code FROM comparison_group_members "
        "WHERE set_id = ? AND focal_code IS NULL)", [set_id, indicator_id, year, set_id])}


@pytest.mark.parametrize("set_id", ["G40", "NL01"])
def test_real_ranking_page_gives_the_stored_ranks_for_every_indicator(web, set_id) -> None:
    """For every indicator in its latest year: the page's ranks are the stored ones, and the
    page's own rule (for groups without stored ranks) gives the same places."""
    checked = ties = 0
    for ind, meta in web.indicators.items():
        year = web.rows("SELECT max(year) AS y FROM indicator_values WHERE indicator_id = ? "
                        "AND region_code LIKE 'GM%'", [ind])[0]["y"]
        if year is None:
            continue
        stored = _stored(web, set_id, ind, year)
        # read, not recomputed: the analysis stored a place for each municipality ranked
        assert ranking.stored_ranks(web, set_id, ind, year, list(stored)) == stored
        view = ranking.ranked(web, ind, year, set_id, None, "rang", False, "nl")
        page = {r["region_code"]: r["rank"] for r in view["rows"] if r["rank"] is not None}
        assert page == stored, (set_id, ind, year)
        values = {r["region_code"]: r["value"] for r in view["rows"] if r["value"] is not None}
        assert ranking.own_ranks(values, meta.get("decimals")) == stored, (set_id, ind, year)
        checked += 1
        ties += len(set(stored.values())) < len(stored)
    assert checked >= 60 and ties > 0


def test_real_peers_ranking_gives_the_focal_municipality_its_stored_place(web) -> None:
    """A PEERS group has no stored ranks for all its members: the page ranks them by the
    same rule, and the focal municipality's place is the one ``peer_benchmarks`` stores
    (Zwolle's peers, every indicator in Zwolle's latest year)."""
    peers = web.rows("SELECT set_id FROM comparison_groups WHERE family = 'peers'")[0]["set_id"]
    rows = web.rows("SELECT indicator_id, year, rank FROM peer_benchmarks "
                    "WHERE region_code = 'GM0193' AND set_id = ?", [peers])
    assert len(rows) >= 60
    for r in rows:
        view = ranking.ranked(web, r["indicator_id"], r["year"], peers, "GM0193", "rang",
                              False, "nl")
        mine = next(x for x in view["rows"] if x["region_code"] == "GM0193")
        assert mine["rank"] == r["rank"], r

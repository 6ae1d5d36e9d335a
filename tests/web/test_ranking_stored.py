"""The ranking page gives the place the analysis stored (``set_benchmarks.rank``: 1 = the
highest value, ties as printed sharing the first of their places), so the page, the city
page's tiles and the reports agree by construction; only where the analysis stored no rank
for exactly the ranked municipalities (a PEERS group: the focal municipality's alone, in its
latest year) does the page rank them, on the figures as the analysis prints them (the view
``printed_figures``: ``ranking.printed_places``), by the stored places' rule.

Every shared group, the country (NL01) included, has positions in every year, so on the
snapshot the page's own ranking serves the PEERS groups only; there it gives the focal
municipality the place ``peer_benchmarks`` stores, in every PEERS ranking (before, the page
printed and ranked the figures itself, a copy of the analysis' rule)."""

from __future__ import annotations

import duckdb
import pytest

from stadstrends.analysis.printed_values import make_printed
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


def _mini(values: dict[str, float], decimals: int,
          recalculated: tuple[set[str], int] | None = None) -> duckdb.DuckDBPyConnection:
    """A mini warehouse with ``values`` of indicator 'x' in 2024, the catalogue's
    ``decimals`` and the view ``printed_figures`` (``recalculated``: the codes whose figure
    was recalculated for today's boundaries, from means CBS publishes to that unit)."""
    con = duckdb.connect()
    con.execute("CREATE TABLE indicator_values AS SELECT unnest(?) AS region_code, 'x' AS "
                "indicator_id, 2024::BIGINT AS year, unnest(?) AS value",
                [list(values), list(values.values())])
    con.execute(f"CREATE TABLE indicators AS SELECT 'x' AS indicator_id, {decimals} AS decimals")
    if recalculated:
        con.execute("CREATE TABLE harmonised_cells AS SELECT 'x' AS indicator_id, "
                    "unnest(?) AS region_code, 2024::BIGINT AS year", [sorted(recalculated[0])])
        con.execute(f"CREATE TABLE mean_rounding AS SELECT 'x' AS indicator_id, 2024 AS year, "
                    f"{recalculated[1]} AS unit")
    make_printed(con, "indicator_values")
    return con


def test_printed_places_share_the_first_place_of_figures_printed_alike() -> None:
    values = {"GM0001": 49.699999999999996, "GM0002": 49.70000000000001, "GM0003": 50.04,
              "GM0004": 49.64, "GM0005": 49.75}
    got = ranking.printed_places(_Rows(_mini(values, 1)), "x", 2024, list(values))
    assert got == {"GM0003": 1, "GM0005": 2, "GM0001": 3, "GM0002": 3, "GM0004": 5}
    # only the codes asked for: GM0003 and GM0005 are not among them
    assert ranking.printed_places(_Rows(_mini(values, 1)), "x", 2024,
                                  ["GM0001", "GM0002", "GM0004"]) == {
        "GM0001": 1, "GM0002": 1, "GM0004": 3}


def test_printed_places_rank_a_recalculated_figure_as_printed() -> None:
    """Westerwolde's gas use of 2015 in small: 1 851,04 m³ recalculated from figures CBS
    publishes in tens prints '1.850' and shares the place of a CBS figure of 1 850; the
    same figure of CBS's own prints '1.851', above it (the page's copy of the rule ranked
    on the page's own rounding; now it reads the analysis' printed figures)."""
    values = {"GM0001": 1851.04, "GM0002": 1850.0, "GM0003": 1860.0, "GM0004": 1851.04}
    wh = _Rows(_mini(values, 0, ({"GM0001"}, 10)))
    assert ranking.printed_places(wh, "x", 2024, list(values)) == {
        "GM0003": 1, "GM0004": 2, "GM0001": 3, "GM0002": 3}
    assert ranking.printed_places(_Rows(_mini(values, 0)), "x", 2024, list(values)) == {
        "GM0003": 1, "GM0001": 2, "GM0004": 2, "GM0002": 4}


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
    rule it ranks a group without stored ranks by gives the same places."""
    checked = ties = 0
    for ind in web.indicators:
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
        # the rule the page ranks a PEERS group by gives the same places
        assert ranking.printed_places(web, ind, year, list(stored)) == stored, (set_id, ind)
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


def test_every_peers_ranking_gives_the_focal_municipality_its_stored_place(web) -> None:
    """Every PEERS ranking of the snapshot (each municipality's peers, every indicator in the
    municipality's latest year: 22 276): the page's places (:data:`ranking.PLACES_SQL`, the
    statement :func:`ranking.printed_places` runs for one ranking, here for all at once)
    give each focal municipality the place ``peer_benchmarks`` stores; and the page itself
    gives them (a sample of municipalities and indicators through ``ranked``)."""
    peers = web.rows("SELECT set_id FROM comparison_groups WHERE family = 'peers'")[0]["set_id"]
    rankings = f"""(SELECT p.region_code || ':' || p.indicator_id AS ranking, p.indicator_id,
               p.year, m.region_code
        FROM peer_benchmarks p JOIN comparison_group_members m ON m.set_id = p.set_id
         AND m.focal_code = p.region_code
        WHERE p.set_id = '{peers}')"""  # the focal municipality is among its own members
    rows = web.rows(f"""
        SELECT p.region_code, p.indicator_id, p.year, p.rank AS stored, g.rank AS page
        FROM peer_benchmarks p
        JOIN ({ranking.PLACES_SQL.format(rankings=rankings)}) g
          ON g.ranking = p.region_code || ':' || p.indicator_id
         AND g.region_code = p.region_code
        WHERE p.set_id = ?""", [peers])
    assert len(rows) == web.rows("SELECT count(*) AS n FROM peer_benchmarks")[0]["n"] > 20_000
    assert [r for r in rows if r["page"] != r["stored"]] == []
    for r in rows[::1500]:  # the page itself, through its ranking of the group
        view = ranking.ranked(web, r["indicator_id"], r["year"], peers, r["region_code"],
                              "rang", False, "nl")
        mine = next(x for x in view["rows"] if x["region_code"] == r["region_code"])
        assert mine["rank"] == r["stored"], r


def test_peers_rankings_with_a_recalculated_figure_keep_the_stored_order(web) -> None:
    """No stored PEERS place lies in a year with a figure recalculated for today's boundaries
    and printed coarser (they end in 2022): there, every member's place on the page is the
    one the stored places of all municipalities (NL01, ranked as printed) give among the
    group: 1 + the members placed higher. Every PEERS group x indicator x year with such a
    figure among its members; Westerwolde's peers on gas use of 2015 share the first place
    with Borger-Odoorn (1.850 m³ each)."""
    peers = web.rows("SELECT set_id FROM comparison_groups WHERE family = 'peers'")[0]["set_id"]
    rankings = f"""(SELECT k.focal_code || ':' || k.indicator_id || ':' || k.year AS ranking,
               k.indicator_id, k.year, g.region_code
        FROM (SELECT DISTINCT m.focal_code, s.indicator_id, s.year FROM printed_steps s
              JOIN comparison_group_members m ON m.region_code = s.region_code
              WHERE m.set_id = '{peers}') k
        JOIN comparison_group_members g ON g.set_id = '{peers}' AND g.focal_code = k.focal_code)"""
    rows = web.rows(f"""
        WITH page AS ({ranking.PLACES_SQL.format(rankings=rankings)}),
        nl AS (SELECT p.ranking, p.region_code, p.rank, b.rank AS nl_rank FROM page p
               JOIN {rankings} r USING (ranking, region_code)
               JOIN set_benchmarks b ON b.set_id = 'NL01' AND b.region_code = r.region_code
                AND b.indicator_id = r.indicator_id AND b.year = r.year)
        SELECT a.ranking, a.region_code, a.rank AS page,
               1 + count(o.region_code) FILTER (WHERE o.nl_rank < a.nl_rank) AS stored
        FROM nl a JOIN nl o USING (ranking) GROUP BY ALL""")
    assert len({r["ranking"] for r in rows}) > 1000
    assert [r for r in rows if r["page"] != r["stored"]] == []
    got = {r["region_code"]: r["page"] for r in rows
           if r["ranking"] == "GM1950:gas_use_per_dwelling:2015"}
    assert got["GM1950"] == got["GM1681"] == 1

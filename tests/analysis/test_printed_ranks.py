"""Ranks and ties of a position are of the figures as printed (the catalogue's decimals, as the
report rounds them: ``publish.format.fmt_number``). Helmond's and Alkmaar's crimes per 1 000 in
2024, 49,699999999999996 and 49,70000000000001, both printed '49,7', were 25th and 24th of the
G40: a reader saw two equal figures in different places. On main's snapshot build 689 926
pairs of members of one group printed equal with different ranks (79 130 from 2022 on; 311 of
those differing by float noise only)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from stadstrends.analysis.outsider_benchmarks import build_outsider_benchmarks
from stadstrends.analysis.set_benchmarks import build_set_benchmarks
from stadstrends.publish.format import fmt_number, round_half_away
from stadstrends.publish.harmonised import recalculated_rounding, round_computed

HELMOND, ALKMAAR = "GM0794", "GM0361"
#: the shared groups' positions (``set_benchmarks`` without the peer groups' rows)
TABLES = {"set_positions_all": "(SELECT d.set_id, p.region_code, d.indicator_id, d.year, "
          "p.value, p.rank, p.percentile FROM set_positions p JOIN set_distributions d "
          "USING (distribution_no))"}


def _con(values: dict[str, float], decimals: int | None,
         recalculated: tuple[set[str], int] | None = None) -> duckdb.DuckDBPyConnection:
    """A mini warehouse: one group of ``values`` (indicator 'x', 2020), GM0900 outside it
    with the first member's value, the catalogue's ``decimals`` (None: no catalogue);
    ``recalculated``: the codes whose figure Stadstrends recalculated for today's
    boundaries (``harmonised_cells``) and CBS's unit of the means they are made of
    (``mean_rounding``)."""
    con = duckdb.connect()
    rows = [(code, "x", 2020, v) for code, v in values.items()]
    rows.append(("GM0900", "x", 2020, next(iter(values.values()))))
    con.register("_v", pd.DataFrame(rows, columns=["region_code", "indicator_id", "year",
                                                   "value"]))
    con.execute("CREATE TABLE indicator_results AS SELECT * FROM _v")
    con.execute("CREATE VIEW indicator_values AS FROM indicator_results WHERE value IS NOT NULL")
    con.execute("CREATE TABLE comparison_group_members AS SELECT 'G40' AS set_id, "
                "NULL::VARCHAR AS focal_code, region_code FROM _v WHERE region_code <> 'GM0900'"
                " UNION ALL SELECT 'PEERS', 'GM0001', region_code FROM _v "  # itself too
                "WHERE region_code <> 'GM0900'")
    con.execute("CREATE TABLE comparison_extra AS SELECT 'GM0900' AS region_code, "
                "'G40' AS set_id")
    if decimals is not None:
        con.execute(f"CREATE TABLE indicators AS SELECT 'x' AS indicator_id, {decimals} "
                    "AS decimals")
    if recalculated is not None:
        con.execute("CREATE TABLE harmonised_cells AS SELECT 'x' AS indicator_id, "
                    "unnest(?) AS region_code, 2020::BIGINT AS year", [sorted(recalculated[0])])
        con.execute(f"CREATE TABLE mean_rounding AS SELECT 'x' AS indicator_id, 2020 AS year, "
                    f"{recalculated[1]} AS unit")
    build_set_benchmarks(con)
    build_outsider_benchmarks(con)
    return con


def _places(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, tuple[int, float]]:
    return {r[0]: (r[1], r[2]) for r in con.execute(
        f"SELECT region_code, rank, percentile FROM {table}").fetchall()}


def test_figures_printed_alike_share_a_place() -> None:
    con = _con({"GM0001": 49.699999999999996, "GM0002": 49.70000000000001, "GM0003": 49.76,
                "GM0004": 49.64, "GM0005": 50.0}, decimals=1)
    got = _places(con, "set_positions")
    # 50,0; 49,8; 49,7 twice (sharing the first of their places and the middle of them); 49,6
    assert got == {"GM0005": (1, 100.0), "GM0003": (2, 75.0), "GM0001": (3, 37.5),
                   "GM0002": (3, 37.5), "GM0004": (5, 0.0)}
    # the figures themselves are kept, only their places are as printed
    assert con.execute("SELECT value FROM set_positions WHERE region_code = 'GM0001'"
                       ).fetchone()[0] == 49.699999999999996
    # the peers group of GM0001 (49,7 among 49,7, 49,8, 49,6, 50,0): rank 3, tied
    assert con.execute("SELECT rank, percentile FROM peer_benchmarks").fetchone() == (3, 37.5)
    # outside the group with 49,699999999999996: third, tied with two members
    assert con.execute("SELECT rank, percentile FROM outsider_benchmarks").fetchone() == (
        3, 100 * (1 + 2 / 2) / 5)


def test_halves_round_away_from_zero_as_printed() -> None:
    """11,05 prints '11,1' (the report's rounding), 11,04 '11,0'; 28,749999999999996 '28,7'."""
    con = _con({"GM0001": 11.05, "GM0002": 11.1, "GM0003": 11.04, "GM0004": 11.0,
                "GM0005": 28.749999999999996, "GM0006": 28.7}, decimals=1)
    got = _places(con, "set_positions")
    assert [got[c][0] for c in ("GM0005", "GM0006", "GM0001", "GM0002", "GM0003", "GM0004")
            ] == [1, 1, 3, 3, 5, 5]
    assert fmt_number(28.749999999999996, 1) == fmt_number(28.7, 1) == "28,7"


def test_recalculated_figures_rank_as_printed_to_their_step() -> None:
    """A figure recalculated for today's boundaries is printed no finer than the CBS figures
    it is made of (gas use per dwelling, published in tens): 1 851,04 m³ prints '1.850 m³'
    and shares its place with a CBS figure of 1 850 m³, in the group, among its peers and
    outside the group (GM0900, also recalculated); the same 1 851,04 as CBS's own figure
    prints '1.851 m³' and stands above them."""
    values = {"GM0001": 1851.04, "GM0002": 1850.0, "GM0003": 1860.0, "GM0004": 1851.04}
    con = _con(values, decimals=0, recalculated=({"GM0001", "GM0900"}, 10))
    got = _places(con, "set_positions")
    assert {c: r for c, (r, _) in got.items()} == {"GM0003": 1, "GM0004": 2, "GM0001": 3,
                                                   "GM0002": 3}
    assert got["GM0001"][1] == got["GM0002"][1] == 100 * (0 + 1 / 2) / 3  # tied at the bottom
    assert con.execute("SELECT rank FROM peer_benchmarks").fetchone()[0] == 3
    assert con.execute("SELECT rank FROM outsider_benchmarks").fetchone()[0] == 3
    # the figures and the distribution stay exact: a median of 1 851,04 and 1 851,04
    assert con.execute("SELECT value FROM set_positions WHERE region_code = 'GM0001'"
                       ).fetchone()[0] == 1851.04
    assert con.execute("SELECT median FROM set_distributions").fetchone()[0] == 1851.04
    # without the recalculation both 1 851,04 print '1.851' and share the second place
    plain = _places(_con(values, decimals=0), "set_positions")
    assert {c: r for c, (r, _) in plain.items()} == {"GM0003": 1, "GM0004": 2, "GM0001": 2,
                                                     "GM0002": 4}


def test_without_a_catalogue_the_values_rank_as_they_are() -> None:
    con = _con({"GM0001": 49.699999999999996, "GM0002": 49.70000000000001}, decimals=None)
    assert _places(con, "set_positions") == {"GM0002": (1, 100.0), "GM0001": (2, 0.0)}


def test_helmond_and_alkmaar_share_a_place(analysed) -> None:
    con, _ = analysed
    rows = dict(con.execute(
        "SELECT region_code, rank FROM group_benchmarks WHERE set_id = 'G40' AND indicator_id "
        "= 'crimes_per_1000' AND year = 2024 AND region_code IN (?, ?)",
        [HELMOND, ALKMAAR]).fetchall())
    assert rows == {HELMOND: 24, ALKMAAR: 24}


def _number(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, code: str) -> list[float]:
    """The number the pages and the report print for each row of ``frame`` (``value``,
    ``indicator_id``, ``year``, the municipality in column ``code``): a figure Stadstrends
    recalculated for today's boundaries first rounded to its step (publish's
    ``recalculated_rounding`` and ``round_computed``: Westerwolde's gas use of 2015, 1 851,04
    m³, '1.850 m³'), then the catalogue's decimals (``round_half_away``, what fmt_number
    prints), in Python once per distinct municipality, indicator, year and value (a
    municipality's figure is in many groups' rows), then mapped back to every row."""
    steps = recalculated_rounding(con)
    own = set(con.execute("SELECT region_code, indicator_id, year FROM harmonised_cells"
                          ).fetchall())
    decimals = dict(con.execute("SELECT indicator_id, decimals FROM indicators").fetchall())
    keys = [code, "indicator_id", "year", "value"]
    distinct = frame[keys].drop_duplicates()
    memo: dict[tuple, float] = {}
    out = []
    for c, i, y, v in zip(*(distinct[k].tolist() for k in keys), strict=True):
        shown = round_computed(v, steps.get(i), y) if (c, i, int(y)) in own else v
        key = (shown, decimals[i])
        if key not in memo:
            memo[key] = round_half_away(shown, int(decimals[i]))
        out.append(memo[key])
    numbered = frame[keys].merge(distinct.assign(number=out), on=keys, how="left",
                                 validate="many_to_one")
    assert len(numbered) == len(frame)
    return numbered["number"].tolist()


def _printed_positions(con: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    """``table``'s positions with each value as the pages and the report print it
    (:func:`_number`)."""
    frame = con.execute(f"""
        SELECT b.set_id, b.region_code, b.indicator_id, b.year, b.value, b.rank, b.percentile
        FROM {TABLES.get(table, table)} b""").df()
    frame["number"] = _number(con, frame, "region_code")
    frame["printed"] = frame["number"]
    return frame


def test_every_position_ranks_on_its_printed_figure(analysed) -> None:
    """In every shared group x indicator x year of the real build: members whose figures
    print the same have one rank and one percentile, and a member's rank is 1 + the members
    printed higher (standard competition ranking, as DuckDB's rank())."""
    con, _ = analysed
    frame = _printed_positions(con, "set_positions_all")
    assert len(frame) > 1_000_000
    keys = ["set_id", "indicator_id", "year"]
    alike = frame.groupby([*keys, "printed"]).agg(ranks=("rank", "nunique"),
                                                  pcts=("percentile", "nunique"),
                                                  n=("rank", "size"))
    assert (alike.n > 1).sum() > 10_000  # many figures print alike
    split = alike[(alike.ranks > 1) | (alike.pcts > 1)]
    assert split.empty, split.head()
    higher = frame.groupby(keys)["number"].rank(method="min", ascending=False)
    wrong = frame[higher != frame["rank"]]
    assert wrong.empty, wrong.head()


@pytest.mark.parametrize("table", ["outsider_benchmarks", "peer_benchmarks"])
def test_outsiders_and_peers_rank_on_printed_figures(analysed, table: str) -> None:
    """An outsider's rank (a G4 city in the G40) is 1 + the members printed higher; a PEERS
    row's the same among its peer group."""
    con, _ = analysed
    own = _printed_positions(con, table)
    members = con.execute(f"""
        SELECT o.set_id, o.region_code AS focal, m.region_code, o.indicator_id, o.year,
               v.value
        FROM {table} o
        JOIN comparison_group_members m ON m.set_id = o.set_id
         AND (m.focal_code = o.region_code OR (m.focal_code IS NULL
              AND o.set_id <> 'PEERS'))
        JOIN indicator_values v ON v.region_code = m.region_code
         AND v.indicator_id = o.indicator_id AND v.year = o.year
        WHERE m.region_code <> o.region_code""").df()
    members["number"] = _number(con, members, "region_code")
    both = members.merge(own.rename(columns={"region_code": "focal", "number": "own"})[
        ["set_id", "focal", "indicator_id", "year", "own", "rank"]],
        on=["set_id", "focal", "indicator_id", "year"])
    higher = (both.number > both.own).groupby(
        [both.set_id, both.focal, both.indicator_id, both.year]).sum()
    ranks = both.groupby(["set_id", "focal", "indicator_id", "year"])["rank"].first()
    assert len(ranks) > 3000
    assert (ranks == higher + 1).all(), ranks[ranks != higher + 1].head()

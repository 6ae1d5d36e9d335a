"""A report's reads that are made once per city or once per read-only connection give what
the warehouse's own views and a plain query per city give, on the real snapshot: the city's
coverage, provisional years, tables and recalculated years (``report/own_figures.py``, one
read of its figures instead of three), the reasons of years without any figure
(``year_reasons``, the municipalities' counts kept per connection), the members without a
figure (``cut_members.absent``, per indicator and year kept per connection) and the members
an ommeland leaves out (``figure_notes.ommeland_left_out``, all municipalities at once)."""

from __future__ import annotations

import duckdb
import pytest

from stadstrends.publish.cut_members import absent
from stadstrends.publish.figure_notes import ommeland_left_out
from stadstrends.publish.harmonised import SQL, marked_years
from stadstrends.publish.read import open_warehouse
from stadstrends.publish.report.own_figures import own_figures
from stadstrends.publish.year_reasons import UNKNOWN, of_indicators, of_years

#: Zwolle, Leeuwarden (its ommeland without Ameland), Súdwest-Fryslân (recalculated
#: for today's boundaries), Enschede ('s cut group members), Schiermonnikoog, Maastricht
CODES = ["GM0193", "GM0080", "GM1900", "GM0153", "GM0088", "GM0935"]


@pytest.fixture(scope="module")
def cons(warehouse_path):
    kept = open_warehouse(warehouse_path)  # remembered: reads kept per connection
    fresh = duckdb.connect(str(warehouse_path), read_only=True)  # read every time
    yield kept, fresh
    kept.close()
    fresh.close()


@pytest.mark.parametrize("code", CODES)
def test_own_figures_are_the_views(cons, code):
    """Coverage as the view ``coverage`` says, provisional years and the figure's own tables
    as ``indicator_values`` (``figure_tables``), recalculated years as :data:`SQL`
    ``harmonised``."""
    kept, fresh = cons
    own = own_figures(kept, code)
    view = {r[0]: {"indicator_id": r[0], "first_year": r[1], "last_year": r[2],
                   "n_years": r[3], "years": r[4]} for r in fresh.execute(
        "SELECT indicator_id, first_year, last_year, n_years, years FROM coverage "
        "WHERE region_code = ?", [code]).fetchall()}
    assert own.coverage == view
    rows = fresh.execute("SELECT indicator_id, year, provisional, figure_tables "
                         "FROM indicator_values WHERE region_code = ?", [code]).fetchall()
    assert own.provisional == _years([(i, y) for i, y, p, _ in rows if p])
    assert own.tables == {i: {y: t for j, y, _, t in rows if j == i and t}
                          for i in {i for i, _, _, t in rows if t}}
    recalculated = fresh.execute(SQL["harmonised"]["years"], {"code": code}).fetchall()
    assert own.harmonised == _years(recalculated) == marked_years(fresh, code, "harmonised")
    if code == "GM1900":
        assert sum(map(len, own.harmonised.values())) > 100  # 2010-2017: its predecessors


def _years(pairs):
    out: dict[str, set[int]] = {}
    for ind, year in pairs:
        out.setdefault(ind, set()).add(int(year))
    return out


#: of the years of an indicator without any region's figure, the reason most municipalities
#: store, of equally many the region's own, then by reason and detail (NULL last)
REASON_SQL = """
SELECT year, reason, reason_detail FROM indicator_results
WHERE indicator_id = ? AND list_contains(?, year) AND value IS NULL AND reason IS NOT NULL
  AND (region_code LIKE 'GM%' OR region_code = ?)
GROUP BY year, reason, reason_detail
QUALIFY row_number() OVER (PARTITION BY year ORDER BY
    count(*) FILTER (WHERE region_code LIKE 'GM%') DESC,
    bool_or(region_code = ?) DESC, reason, reason_detail NULLS LAST) = 1"""


def test_year_reasons_are_the_most_stored_ones(cons):
    """Each year gets the reason a plain query per indicator finds (else the indicator's
    ``unsourced_years``, else none recorded), on a connection that keeps the counts and on
    one that does not; the region's own reasons given or read give the same."""
    kept, fresh = cons
    spans = fresh.execute("""
        SELECT indicator_id, min(year), max(year) FROM indicator_results
        WHERE value IS NULL AND reason IS NOT NULL GROUP BY 1 ORDER BY 1""").fetchall()
    wanted = {ind: list(range(lo - 1, hi + 2)) for ind, lo, hi in spans}
    checked = 0
    for code in CODES + ["CR04"]:  # a COROP region: its own reason counts for no municipality
        got = of_indicators(kept, code, wanted)
        assert got == of_indicators(fresh, code, wanted)
        own = {(i, int(y)): (r, d) for i, y, r, d in fresh.execute(
            "SELECT indicator_id, year, reason, reason_detail FROM indicator_results "
            "WHERE region_code = ? AND value IS NULL AND reason IS NOT NULL",
            [code]).fetchall()}
        assert of_indicators(kept, code, wanted, own) == got
        for ind, years in wanted.items():
            found = {int(y): (r, d) for y, r, d in fresh.execute(
                REASON_SQL, [ind, years, code, code]).fetchall()}
            found.update({int(y): (r, d) for y, r, d in fresh.execute(
                "SELECT year, reason, reason_detail FROM unsourced_years WHERE "
                "indicator_id = ? AND list_contains(?, year)",
                [ind, [y for y in years if y not in found]]).fetchall()})
            said = {y: (row["reason"], row["reason_detail"]) for row in got[ind]
                    for y in row["years"]}
            assert sorted(said) == years
            assert said == {y: found.get(y, UNKNOWN) for y in years}
            checked += len(found)
        assert of_years(kept, code, spans[0][0], wanted[spans[0][0]]) == got[spans[0][0]]
    assert checked > 1000


def test_members_without_a_figure_are_those_without_one(cons):
    """:func:`absent` of a group's members in each indicator's latest year: the members
    with no ``indicator_values`` row that year, with the tables a cut copy left them out
    of (``indicator_gaps``), the same on a connection that keeps its reads."""
    kept, fresh = cons
    codes = [r[0] for r in fresh.execute(
        "SELECT DISTINCT region_code FROM comparison_group_members WHERE set_id = 'G40' "
        "ORDER BY 1").fetchall()]
    pairs = [(i, int(y)) for i, y in fresh.execute(
        "SELECT indicator_id, max(year) FROM indicator_values GROUP BY 1").fetchall()]
    pairs += [(i, y - 1) for i, y in pairs]
    got = absent(kept, codes, pairs)
    assert got == absent(fresh, codes, pairs) == absent(kept, codes, pairs)
    cut = 0
    for ind, year in pairs:
        have = {r[0] for r in fresh.execute(
            "SELECT region_code FROM indicator_values WHERE indicator_id = ? AND year = ?",
            [ind, year]).fetchall()}
        gaps = {c: (r, d) for c, r, d in fresh.execute(
            "SELECT region_code, reason, reason_detail FROM indicator_gaps "
            "WHERE indicator_id = ? AND year = ?", [ind, year]).fetchall()}
        expected = {c: [gaps[c][1].split(":")[0]] if c in gaps and gaps[c][0] in (
            "table_cut", "predecessor_cut") else [] for c in codes if c not in have}
        assert got.get((ind, year), {}) == expected, (ind, year)
        cut += sum(bool(t) for t in expected.values())
    assert cut >= 11  # 85984NED's copy stops at Maasdriel: Maastricht ... Zwolle


def test_left_out_members_are_each_ommeland_s(cons):
    """The members an ommeland leaves out, read for every municipality at once, are what a
    query of the one municipality gives (by indicator, year and name)."""
    kept, fresh = cons
    one = """
        WITH out AS (
            SELECT o.indicator_id, o.year, unnest(l.members) AS member FROM ommeland o
            JOIN region_left_out l ON l.region_code = o.corop_code AND l.year = o.year
             AND l.indicator_id = o.indicator_id
            WHERE o.region_code = $code AND o.ommeland_value IS NOT NULL)
        SELECT out.indicator_id, out.year, coalesce((SELECT any_value(r.name ORDER BY
               r.valid_from DESC) FROM regions r WHERE r.region_code = out.member), out.member)
        FROM out WHERE out.member <> $code ORDER BY 1, 2, 3"""
    codes = [r[0] for r in fresh.execute(
        "SELECT region_code FROM default_group ORDER BY 1").fetchall()]
    named = 0
    for code in codes:
        expected: dict[str, dict[int, list[str]]] = {}
        for ind, year, name in fresh.execute(one, {"code": code}).fetchall():
            expected.setdefault(ind, {}).setdefault(int(year), []).append(name)
        assert ommeland_left_out(kept, code) == expected, code
        named += bool(expected)
    housing = ommeland_left_out(kept, "GM0080")["social_housing_share"]  # Leeuwarden
    assert housing[2012] == ["Ameland"] and housing[2017] == ["Ameland", "Terschelling"]
    assert named >= 20


def test_a_corop_region_s_map_figures_are_its_members_last_four_years(cons):
    """The map table's figures of each COROP region (``kept.corop_values``, its members
    given to DuckDB as values): the rows of ``indicator_values`` joined with the region's
    members in ``region_sets``, each indicator's last four years of the region, not counts,
    not projections, in one order, with the marks of ``marked_years``."""
    from stadstrends.publish.report.kept import corop_values

    kept, fresh = cons
    joined = """
        SELECT v.indicator_id, v.region_code, v.year, v.value, v.provisional
        FROM indicator_values v
        JOIN region_sets s ON s.region_code = v.region_code AND s.set_id = ?
        JOIN indicators i USING (indicator_id)
        WHERE i.method <> 'count' AND NOT i.projection
        QUALIFY v.year > max(v.year) OVER (PARTITION BY v.indicator_id) - 4
        ORDER BY v.indicator_id, v.region_code, v.year"""
    corops = [r[0] for r in fresh.execute(
        "SELECT DISTINCT set_id FROM region_sets WHERE set_id LIKE 'CR%' ORDER BY 1").fetchall()]
    assert len(corops) == 40
    rows = marked = 0
    for corop in corops:
        got = corop_values(kept, corop)
        expected = fresh.execute(joined, [corop]).fetchall()
        assert [(r["indicator_id"], r["region_code"], r["year"], r["value"], r["provisional"])
                for r in got] == expected, corop
        marks = {(c, m): marked_years(fresh, c, m) for c in {r["region_code"] for r in got}
                 for m in ("harmonised", "recomputed")}
        for r in got:
            for m in ("harmonised", "recomputed"):
                years = marks[r["region_code"], m].get(r["indicator_id"], set())
                assert r[m] == (int(r["year"]) in years), (corop, m, r)
                marked += r[m]
        rows += len(got)
    assert rows > 60_000 and marked > 0
    assert corop_values(kept, "CR99") == [] and corop_values(kept, None) == []

"""One place for one figure: a figure Stadstrends recalculated for today's boundaries is
printed no finer than the CBS figures it is made of (Westerwolde's gas use per dwelling of
2015, 1 851,04 m³, printed '1.850 m³'), and the analysis ranks it so (``set_positions``,
``analysis.printed_values``). The ranking page gives the stored places; the report, the city
page's tiles, the compare page and the API read the same ones (``group_benchmarks``).

Before, the analysis ranked such figures at the catalogue's decimals while the ranking page
ranked them as printed: Westerwolde 7th and Borger-Odoorn (1 850 m³) 8th of all municipalities
in the warehouse, both 7th on the page; 525 group x indicator x year rankings had places that
differed between the two (2 716 positions)."""

from __future__ import annotations

import pytest

from stadstrends.publish.format import round_half_away
from stadstrends.publish.harmonised import recalculated_rounding
from stadstrends.publish.web import ranking, recalculated
from stadstrends.publish.web.state import WebWarehouse

WESTERWOLDE, BORGER_ODOORN = "GM1950", "GM1681"


@pytest.fixture(scope="module")
def web(warehouse_path):
    wh = WebWarehouse(warehouse_path)
    yield wh
    wh.close()


def _stepped(wh: WebWarehouse) -> list[tuple[str, int]]:
    """(indicator, year) with a recalculated municipal figure printed to a coarser unit."""
    with wh.cursor() as cur:
        steps = recalculated_rounding(cur)
    cells = wh.rows("SELECT DISTINCT indicator_id, year FROM harmonised_cells "
                    "WHERE region_code LIKE 'GM%'")
    return sorted((r["indicator_id"], int(r["year"])) for r in cells
                  if int(r["year"]) in steps.get(r["indicator_id"], {}))


def _stored(wh: WebWarehouse, pairs: list[tuple[str, int]]) -> dict[tuple, dict[str, int]]:
    """(set_id, indicator, year) -> code -> the stored place of each member (what the
    report, the tiles, the compare page and the API read), for ``pairs``."""
    out: dict[tuple, dict[str, int]] = {}
    for r in wh.rows("""
            SELECT b.set_id, b.indicator_id, b.year, b.region_code, b.rank
            FROM group_benchmarks b
            JOIN comparison_group_members m ON m.set_id = b.set_id
             AND m.region_code = b.region_code AND m.focal_code IS NULL
            WHERE (b.indicator_id, b.year) IN (SELECT unnest(?), unnest(?))""",
                     [[i for i, _ in pairs], [y for _, y in pairs]]):
        key = (r["set_id"], r["indicator_id"], int(r["year"]))
        out.setdefault(key, {})[r["region_code"]] = int(r["rank"])
    return out


def _places(values: dict[str, float], decimals: int | None) -> dict[str, int]:
    """code -> 1 + the others printed higher (``round_half_away`` to ``decimals``)."""
    shown = {c: v if decimals is None else round_half_away(v, int(decimals))
             for c, v in values.items()}
    return {c: 1 + sum(o > shown[c] for o in shown.values()) for c in shown}


def test_westerwolde_shares_its_place_with_borger_odoorn(web) -> None:
    rows = {r["region_code"]: r for r in web.rows(
        "SELECT region_code, value, rank FROM set_benchmarks WHERE set_id = 'NL01' AND "
        "indicator_id = 'gas_use_per_dwelling' AND year = 2015 AND region_code IN (?, ?)",
        [WESTERWOLDE, BORGER_ODOORN])}
    assert round(rows[WESTERWOLDE]["value"], 2) == 1851.04 and rows[BORGER_ODOORN]["value"] == 1850
    assert rows[WESTERWOLDE]["rank"] == rows[BORGER_ODOORN]["rank"] == 7
    view = ranking.ranked(web, "gas_use_per_dwelling", 2015, "NL01", None, "rang", False, "nl")
    page = {r["region_code"]: (r["rank"], r["shown"]) for r in view["rows"]}
    assert page[WESTERWOLDE] == page[BORGER_ODOORN] == (7, "1.850 m³")


def test_the_ranking_page_gives_every_recalculated_figure_its_stored_place(web) -> None:
    """Every indicator and year with a recalculated figure printed coarser, all
    municipalities: the ranking page's places are the stored ones, for every member."""
    pairs = _stepped(web)
    assert len(pairs) >= 40 and len({i for i, _ in pairs}) >= 3
    stored = _stored(web, pairs)
    for ind, year in pairs:
        view = ranking.ranked(web, ind, year, "NL01", None, "rang", False, "nl")
        page = {r["region_code"]: r["rank"] for r in view["rows"] if r["rank"] is not None}
        assert page == stored[("NL01", ind, year)], (ind, year)


def test_every_group_places_recalculated_figures_as_the_page_prints_them(web) -> None:
    """In every shared group x indicator x year with a recalculated figure printed coarser
    (2 042 on the snapshot): the stored places are 1 + the members printed higher, of the
    figures as the page prints them (:func:`.recalculated.printed`, then the catalogue's
    decimals: publish's rounding, written apart from the analysis' rule)."""
    pairs = _stepped(web)
    stored = _stored(web, pairs)
    with web.cursor() as cur:
        own = set(cur.execute("SELECT region_code, indicator_id, year FROM harmonised_cells"
                              ).fetchall())
        values = {}
        for code, ind, year, value in cur.execute(
                "SELECT region_code, indicator_id, year, value FROM indicator_values WHERE "
                "region_code LIKE 'GM%' AND (indicator_id, year) IN "
                "(SELECT unnest(?), unnest(?))",
                [[i for i, _ in pairs], [y for _, y in pairs]]).fetchall():
            values[(code, ind, int(year))] = (recalculated.printed(web, ind, value, year)
                                              if (code, ind, year) in own else value)
    split = [key for key, places in stored.items() if places != _places(
        {c: values[(c, key[1], key[2])] for c in places},
        web.indicator(key[1]).get("decimals"))]
    assert len(stored) > 1000
    assert split == [], (len(split), split[:5])

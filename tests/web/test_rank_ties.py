"""One rule for a place in a group, on real tied values: place 1 = the highest value, and
municipalities with the same value share the first of their places (3, 3, 3, 6). Leeuwarden,
Enschede and Maastricht have 4,6% unemployment in 2024, two G40 cities more: the tile and the
ranking page said 'plaats 3 van 41' while the report's Verantwoording said tied municipalities
get the middle of their places (4), and docs/web.md said rank 1 = most favourable while the
page said 'Rang 1 = hoogste waarde (lager is gunstiger)'."""

from __future__ import annotations

import re
from pathlib import Path

from stadstrends.publish.report.sections import accountability
from tests.publish.loaded import connect, kept_city

GROUP, INDICATOR = "G40", "unemployment_rate"
TIED = {"GM0080", "GM0153", "GM0935"}  # Leeuwarden, Enschede, Maastricht
DOCS = Path(__file__).resolve().parents[2] / "docs" / "web.md"


def test_tied_values_share_the_first_of_their_places(client, warehouse_path):
    with connect(warehouse_path) as con:
        year = con.execute("SELECT max(year) FROM indicator_values WHERE indicator_id = ?",
                           [INDICATOR]).fetchone()[0]
        members = dict(con.execute(
            "SELECT v.region_code, v.value FROM indicator_values v JOIN "
            "comparison_group_members m ON m.region_code = v.region_code AND m.set_id = ? "
            "WHERE v.indicator_id = ? AND v.year = ?", [GROUP, INDICATOR, year]).fetchall())
        stored = dict(con.execute(
            "SELECT region_code, rank FROM group_benchmarks WHERE set_id = ? AND "
            "indicator_id = ? AND year = ?", [GROUP, INDICATOR, year]).fetchall())
        intro = {lang: accountability(kept_city(con, "GM0080"), lang)["intro"]
                 for lang in ("nl", "en")}
    assert len({members[c] for c in TIED}) == 1  # a real tie
    first = 1 + sum(v > members["GM0080"] for v in members.values())
    assert first == 3 and {stored[c] for c in TIED} == {first}
    page = client.get(f"/ranglijst?indicator={INDICATOR}&year={year}&groep={GROUP}"
                      "&format=json").json()
    assert {r["region_code"]: r["rank"] for r in page["rows"] if r["region_code"] in TIED} \
        == dict.fromkeys(TIED, first)
    for code in TIED:
        city = client.get(f"/gemeente/{code}?format=json").json()
        city = city.get("page", city)
        tile = next(x for d in city["domains"] for x in d["tiles"]
                    if x["indicator_id"] == INDICATOR)
        assert re.match(rf"plaats {first} van {len(members)} \(1 = hoogste\)",
                        tile["position"]), tile["position"]
    # the words say this rule, in the report, on the page and in the docs
    assert "delen een plaats, de eerste die ze samen innemen" in intro["nl"]
    assert "share a place, the first of the places they take" in intro["en"]
    assert "het midden van de plaatsen die ze samen innemen, en" not in intro["nl"]
    html = client.get(f"/ranglijst?indicator={INDICATOR}&groep={GROUP}",
                      headers={"accept": "text/html"}).text
    assert "Rang 1 = hoogste waarde (lager is gunstiger). Gelijke waarden (zoals afgedrukt) " \
           "delen een rang, de eerste van hun plaatsen" in html
    row = next(line for line in DOCS.read_text(encoding="utf-8").splitlines()
               if line.startswith("| `/ranglijst?"))
    assert "rank 1 = the highest value" in row and "most favourable" not in row
    assert "ties share the first of their places" in row


def test_figures_printed_alike_share_a_place_on_the_ranking_page(client) -> None:
    """Helmond's and Alkmaar's crimes per 1 000 in 2024 are both printed '49,7'
    (49,699999999999996 and 49,70000000000001): one place, 24, on the ranking page as in
    ``group_benchmarks`` (they were 25 and 24); every two rows printed alike share a rank."""
    page = client.get("/ranglijst?indicator=crimes_per_1000&year=2024&groep=G40"
                      "&format=json").json()
    rows = [r for r in page["rows"] if r["rank"] is not None]
    ranks = {r["region_code"]: r["rank"] for r in rows}
    assert ranks["GM0794"] == ranks["GM0361"] == 24
    by_shown: dict[str, set[int]] = {}
    for r in rows:
        by_shown.setdefault(r["shown"], set()).add(r["rank"])
    assert len(by_shown) < len(rows)  # some print alike
    assert all(len(v) == 1 for v in by_shown.values()), by_shown


def test_recalculated_figures_printed_alike_share_a_place(client, warehouse_path) -> None:
    """A figure recalculated for today's boundaries is printed no finer than the CBS figures it
    is made of (Westerwolde's gas use per dwelling of 2015, 1 851,04 m³, printed '1.850 m³'),
    and ranked as printed: Westerwolde was 7th and Borger-Odoorn (1 850 m³) 8th of all
    municipalities, both '1.850 m³'. Every ranking of every indicator with such figures
    (printed to a coarser unit in some year), all municipalities: rows printed alike share
    a rank, 1 + the rows printed higher (by the printed figures, not the shown text)."""
    from stadstrends.publish.harmonised import recalculated_rounding

    with connect(warehouse_path) as con:
        steps = recalculated_rounding(con)
        cells = con.execute("SELECT DISTINCT indicator_id, year FROM harmonised_cells"
                            ).fetchall()
    pairs = sorted((i, y) for i, y in cells if y in steps.get(i, {}))
    assert len({i for i, _ in pairs}) >= 3 and ("gas_use_per_dwelling", 2015) in pairs
    split = 0
    for ind, year in pairs:
        page = client.get(f"/ranglijst?indicator={ind}&year={year}&format=json").json()
        rows = [r for r in page["rows"] if r["rank"] is not None]
        by_shown: dict[str, set[int]] = {}
        for r in rows:
            by_shown.setdefault(r["shown"], set()).add(r["rank"])
        split += sum(len(v) > 1 for v in by_shown.values())
        if (ind, year) == ("gas_use_per_dwelling", 2015):
            ranks = {r["region_code"]: (r["rank"], r["shown"]) for r in rows}
            assert ranks["GM1950"] == ranks["GM1681"] == (7, "1.850 m³"), ranks["GM1950"]
    assert split == 0, split  # figures printed alike with two or more ranks

"""A dashboard tile's place says which members a cut copy of a CBS table left out, on the real
snapshot: Enschede's 'Aandeel inwoners 15-24 jaar' (2024) read 'plaats 4 van 30 (1 = hoogste)'
with nothing about the other 11 of the 41 members of the G40, which have CBS figures but are
cut from the snapshot's copy of 85984NED (it stops at Maasdriel). The count and the table are
read fresh from the warehouse (``indicator_values``, ``indicator_gaps``)."""

from __future__ import annotations

import duckdb
import pytest

ENSCHEDE = "GM0153"
SAID = {"nl": "; {cut} van de 41 ontbreken in het onvolledige deel van CBS-tabel {table})",
        "en": "; {cut} of the 41 are missing from the incomplete Stadstrends copy of CBS "
              "table {table})"}


def cut_members(con, set_id: str, ind: str, year: int) -> dict[str, str]:
    """The members (Enschede left out) without a value that a cut copy left out: code ->
    table."""
    return dict(con.execute("""
        SELECT m.region_code, any_value(split_part(g.reason_detail, ':', 1))
        FROM comparison_group_members m
        JOIN indicator_gaps g ON g.region_code = m.region_code AND g.indicator_id = $2
             AND g.year = $3 AND g.reason IN ('table_cut', 'predecessor_cut')
        LEFT JOIN indicator_values v ON v.region_code = m.region_code AND v.indicator_id = $2
             AND v.year = $3
        WHERE m.set_id = $1 AND m.region_code <> $4 AND v.value IS NULL
        GROUP BY 1""", [set_id, ind, year, ENSCHEDE]).fetchall())


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_tiles_place_names_the_cut_table(client, warehouse_path, lang):
    page = client.get(f"/gemeente/{ENSCHEDE}?lang={lang}&format=json").json()
    page = page.get("page", page)
    set_id = page["group"]["set_id"]
    checked = {}
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        for tile in (x for d in page["domains"] for x in d["tiles"]):
            if not tile["position"]:
                continue
            cut = cut_members(con, set_id, tile["indicator_id"], int(tile["year"]))
            if not cut:
                assert "opgehaald" not in tile["position"], tile["position"]
                assert "retrieved" not in tile["position"], tile["position"]
                continue
            tables = sorted(set(cut.values()))
            assert len(tables) == 1, tables
            assert SAID[lang].format(cut=len(cut), table=tables[0]) in tile["position"], (
                tile["position"])
            checked[tile["indicator_id"]] = tile["position"]
    assert len(checked) >= 10  # 85984NED, 71486ned, 60039fvw, 81575NED, 83452NED
    assert checked["share_age_15_24"].startswith(
        {"nl": "plaats 4 van 30 (1 = hoogste; 11 van de 41 ontbreken in het onvolledige deel "
               "van CBS-tabel 85984NED) · mediaan ",
         "en": "rank 4 of 30 (1 = highest; 11 of the 41 are missing from the incomplete "
               "Stadstrends copy of CBS table 85984NED) · median "}[lang])

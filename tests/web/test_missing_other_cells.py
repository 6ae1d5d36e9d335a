"""The dashboard's tweedeling cell of a gap without a trend names the municipalities whose
empty CBS cells the city's years lack, by name (real snapshot; the report's words:
tests/publish/test_missing_other_cells.py): Land van Cuijk's Wmo clients 2018-2021, Boxmeer
and Sint Anthonis (it said '(waarde ontbreekt in de bron)')."""

from __future__ import annotations

import html


def test_the_city_page_names_whose_cells_are_empty(client, warehouse_path) -> None:
    import duckdb

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        codes = con.execute("""
            SELECT any_value(reason_detail) FROM indicator_gaps
            WHERE region_code = 'GM1982' AND indicator_id = 'wmo_clients_per_1000'
              AND reason = 'missing_in_source' AND year = 2019""").fetchone()[0].split(",")
        named = [con.execute("SELECT any_value(name) FROM regions WHERE region_code = ?",
                             [c]).fetchone()[0] for c in codes]
    page = html.unescape(client.get("/gemeente/GM1982").text).replace("\u00a0", " ")
    want = f"in de bron ontbreken de cijfers van {' en '.join(named)}, nodig voor Land van Cuijk"
    assert len(named) == 2 and want in page
    assert "heeft geen cijfer voor 2018–2021 (waarde ontbreekt in de bron)" not in page

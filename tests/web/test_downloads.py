"""Downloads parse (CSV, XLSX, Parquet), cover all regions and carry the CBS credit."""

from __future__ import annotations

import io

import pandas as pd


def test_csv(client, wh) -> None:
    response = client.get("/api/v1/download/unemployment_rate.csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    text = response.text
    assert text.startswith("# Stadstrends") and "Bron: CBS" in text.splitlines()[1]
    frame = pd.read_csv(io.StringIO(text), comment="#")
    n = wh.execute("SELECT count(*) FROM indicator_values WHERE indicator_id = ?",
                   ["unemployment_rate"]).fetchone()[0]
    assert len(frame) == n
    assert {"region_code", "region_name", "year", "value", "source_tables"} <= set(frame.columns)
    assert (frame["source"] == "Bron: CBS (CC BY 4.0)").all()
    assert frame["region_code"].str[:2].isin(["GM", "CR", "PV", "NL"]).all()


def test_xlsx(client) -> None:
    from openpyxl import load_workbook

    response = client.get("/api/v1/download/woz_mean.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["data", "metadata"]
    meta = {r[0]: r[1] for r in book["metadata"].iter_rows(min_row=2, values_only=True)}
    assert meta["bron"].startswith("Bron: CBS") and "CC BY 4.0" in meta["licentie"]
    header = next(book["data"].iter_rows(max_row=1, values_only=True))
    assert header[:3] == ("indicator_id", "region_code", "region_name")


def test_parquet(client, wh) -> None:
    import pyarrow.parquet as pq

    response = client.get("/api/v1/download/population.parquet")
    table = pq.read_table(io.BytesIO(response.content))
    assert table.schema.metadata[b"credit"] == b"Bron: CBS (CC BY 4.0)"
    frame = table.to_pandas()
    zwolle = frame[frame["region_code"] == "GM0193"].set_index("year")["value"]
    stored = dict(wh.execute("SELECT year, value FROM indicator_values WHERE indicator_id = "
                             "'population' AND region_code = 'GM0193'").fetchall())
    assert zwolle.to_dict() == stored


def test_metadata_json(client) -> None:
    meta = client.get("/api/v1/download/population.json").json()
    assert meta["licence"] == "CC BY 4.0" and meta["credit"] == "Bron: CBS (CC BY 4.0)"
    assert meta["definition_nl"] and meta["unit"] == "inwoners"
    assert all(s["table_id"] and s["retrieved_at"] for s in meta["sources"])

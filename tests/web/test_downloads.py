"""Downloads parse (CSV, XLSX, Parquet), cover all regions and carry the CBS credit; on the
synthetic warehouse (tests/fixtures/synthetic_warehouse.py)."""
# ruff: noqa: F811 - the tests take the fixtures imported from tests.web.on_synthetic

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from stadstrends.publish.web import download_files
from tests.web.on_synthetic import client, wh  # noqa: F401 - fixtures


def test_csv(client, wh) -> None:
    response = client.get("/api/v1/download/unemployment_rate.csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    text = response.text
    assert text.startswith("indicator_id,region_code,") and "#" not in text.splitlines()[0]
    frame = pd.read_csv(io.StringIO(text))  # as it is: no comment lines, no options
    n = wh.execute("SELECT count(*) FROM indicator_values WHERE indicator_id = ?",
                   ["unemployment_rate"]).fetchone()[0]
    assert len(frame) == n
    assert {"region_code", "region_name", "year", "value", "source_tables"} <= set(frame.columns)
    assert (frame["source"] == "Bron: CBS (CC BY 4.0)").all()
    assert frame["region_code"].str[:2].isin(["GM", "CR", "PV", "NL"]).all()


def test_xlsx(client) -> None:
    from openpyxl import load_workbook

    response = client.get("/api/v1/download/income_disposable_mean.xlsx")
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


def test_excel_csv_is_dutch(client) -> None:
    indicator = "income_disposable_mean"
    plain = pd.read_csv(io.StringIO(client.get(f"/api/v1/download/{indicator}.csv").text))
    response = client.get(f"/api/v1/download/{indicator}.excel.csv")
    assert response.status_code == 200
    assert f'filename="{indicator}.excel.csv"' in response.headers["content-disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffindicator_id;region_code;")
    dutch = pd.read_csv(io.StringIO(text.lstrip("\ufeff")), sep=";", decimal=",")
    assert len(dutch) == len(plain)
    assert dutch["value"].tolist() == pytest.approx(plain["value"].tolist(), nan_ok=True)
    assert any("," in line.split(";")[5] for line in text.splitlines()[1:50])


def test_ranking_csv_plain_and_excel(client) -> None:
    plain = client.get("/ranglijst/download.csv?indicator=income_disposable_mean&groep=G40"
                       "&mijn=GM0193")
    frame = pd.read_csv(io.StringIO(plain.text))
    assert len(frame) == 5 and frame["rank"].min() == 1
    assert frame["region_code"].iloc[0] == "GM0193"  # 28 + 0,5 a year + 10: 43 in 2023
    assert frame["value"].iloc[0] == 43.0
    assert (frame["source"] == "Bron: CBS (CC BY 4.0)").all()
    excel = client.get("/ranglijst/download.csv?indicator=income_disposable_mean&groep=G40"
                       "&variant=excel")
    dutch = pd.read_csv(io.StringIO(excel.content.decode("utf-8-sig")), sep=";", decimal=",")
    assert dutch["value"].tolist() == pytest.approx(frame["value"].tolist())


def test_csv_values_rounded_as_published_and_booleans_plain(client, wh) -> None:
    text = client.get("/api/v1/download/crimes_per_1000.csv").text
    rows = list(csv.DictReader(io.StringIO(text)))
    values = [r["value"] for r in rows]
    # six significant digits (harmonised.as_downloaded), not 60.64472656109992
    assert max(len(v.replace(".", "").lstrip("0")) for v in values if v) == 6
    assert {r["provisional"] for r in rows} <= {"true", "false"}
    frame = pd.read_csv(io.StringIO(text))
    stored = dict(wh.execute("SELECT year, value FROM indicator_values WHERE indicator_id = "
                             "'crimes_per_1000' AND region_code = 'GM0193'").fetchall())
    zwolle = frame[frame["region_code"] == "GM0193"].set_index("year")["value"].to_dict()
    assert zwolle == {y: float(f"{v:.6g}") for y, v in stored.items()}
    ranking = client.get("/ranglijst/download.csv?indicator=crimes_per_1000").text
    assert all(len(r["value"].replace(".", "").lstrip("0")) <= 6
               for r in csv.DictReader(io.StringIO(ranking)))
    people = client.get("/api/v1/download/population.csv").text
    assert all("." not in r["value"] for r in csv.DictReader(io.StringIO(people)))  # a count
    meta = client.get("/api/v1/download/crimes_per_1000.json").json()
    assert meta["value_rounding"] == {"significant_digits": 6}
    assert client.get("/api/v1/download/population.json").json()["value_rounding"] == {
        "decimals": 0}


def test_a_server_of_another_code_version_makes_its_downloads_afresh(client, monkeypatch
                                                                      ) -> None:
    """Files are kept per build and code version: a server updated without a rebuild (the
    same build id) makes its own instead of sending those the old code made (they were
    kept per build only); the old code's folder is removed."""
    wh = client.app.state.wh
    url = "/api/v1/download/unemployment_rate.csv"
    made = client.get(url).content
    kept = next(wh.db_path.parent.glob(f".{wh.db_path.name}.downloads/*/unemployment_rate.csv"))
    kept.write_bytes(b"made by the old code\n")  # to tell a kept file from a new one
    assert client.get(url).content == b"made by the old code\n"  # same code: the kept file
    monkeypatch.setattr(download_files, "code_fingerprint", lambda: "another-version",
                        raising=False)
    assert client.get(url).content == made
    assert not kept.exists()

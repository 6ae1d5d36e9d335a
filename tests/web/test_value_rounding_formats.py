"""One rounding rule for values in every data output (real snapshot;
:func:`~stadstrends.publish.harmonised.as_downloaded`): counts and euros whole, '1 000 euro'
to one decimal, everything computed to six significant digits. Before, NL01's population
of 2001, summed, was 15991389.999999998 in /series, and Schiermonnikoog's crimes per 1 000
of 2023 were 40.733198 in Parquet and XLSX but 40.73 in the CSV. And /series named PV26 and
CR17 both 'Utrecht', where the README promises CBS's labels ('Utrecht (PV)')."""

from __future__ import annotations

import io

import pandas as pd


def _series(client, indicator: str, region: str, **params) -> dict:
    response = client.get("/api/v1/series", params={"indicator": indicator, "region": region,
                                                    **params})
    assert response.status_code == 200, response.text
    return response.json()


def test_a_summed_count_is_whole_in_the_api(client, wh) -> None:
    # The stored sum may or may not carry float noise (15991389.999999998): DuckDB's
    # parallel aggregation adds in no fixed order. The output is whole either way.
    raw = wh.execute("SELECT value FROM indicator_values WHERE indicator_id = 'population' "
                     "AND region_code = 'NL01' AND year = 2001").fetchone()[0]
    assert abs(raw - 15991390) < 1e-6
    rows = {r["year"]: r["value"] for r in _series(client, "population", "NL01",
                                                   to="2001")["series"]}
    assert rows[2001] == 15991390 and isinstance(rows[2001], int)


def test_every_format_gives_the_same_value(client, wh) -> None:
    raw = wh.execute("SELECT value FROM indicator_values WHERE indicator_id = "
                     "'crimes_per_1000' AND region_code = 'GM0088' AND year = 2023"
                     ).fetchone()[0]
    assert round(raw, 6) == 40.733198  # the premise
    got = {}
    for ext, read in (("csv", pd.read_csv), ("xlsx", pd.read_excel),
                      ("parquet", pd.read_parquet)):
        frame = read(io.BytesIO(client.get(f"/api/v1/download/crimes_per_1000.{ext}").content))
        got[ext] = frame[(frame.region_code == "GM0088") & (frame.year == 2023)].value.item()
    dutch = pd.read_csv(io.BytesIO(client.get(
        "/api/v1/download/crimes_per_1000.excel.csv").content), sep=";", decimal=",",
        encoding="utf-8-sig")
    got["excel.csv"] = dutch[(dutch.region_code == "GM0088") & (dutch.year == 2023)].value.item()
    got["series"] = next(r["value"] for r in _series(client, "crimes_per_1000", "GM0088")[
        "series"] if r["year"] == 2023)
    values = client.get("/api/v1/indicators/crimes_per_1000/values", params={"year": 2023})
    got["values"] = next(r["value"] for r in values.json()["values"]
                         if r["region_code"] == "GM0088")
    assert set(got.values()) == {40.7332}, got


def test_series_names_regions_that_share_a_name_as_cbs_labels_them(client) -> None:
    body = _series(client, "population", "PV26,CR17,GM0344", to="2000")
    names = {r["region_code"]: r["name"] for r in body["regions"]}
    assert names == {"PV26": "Utrecht (PV)", "CR17": "Utrecht (CR)",
                     "GM0344": "Utrecht (gemeente)"}
    assert {(r["region_code"], r["name"]) for r in body["series"]} == set(names.items())
    assert _series(client, "population", "GM0193", to="2000")["regions"][0]["name"] == "Zwolle"

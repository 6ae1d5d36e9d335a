"""The ranking page: every municipality (or a group, a province) ranked on one indicator,
rank 1 = the highest value (as the report and the city page count), sortable by links, "my
municipality" marked; on the synthetic warehouse (tests/fixtures/synthetic_warehouse.py)."""
# ruff: noqa: F811 - the tests take the fixtures imported from tests.web.on_synthetic

from __future__ import annotations

import duckdb

from tests.web.on_synthetic import client  # noqa: F401 - fixtures

HTML = {"accept": "text/html"}


def test_ranks_follow_the_values_and_direction(client, synthetic_path) -> None:
    page = client.get("/ranglijst?indicator=unemployment_rate&format=json").json()
    rows = [r for r in page["rows"] if r["rank"] is not None]
    with duckdb.connect(str(synthetic_path), read_only=True) as con:
        n = con.execute("SELECT count(*) FROM current_municipalities").fetchall()[0][0]
        stored = dict(con.execute(
            "SELECT region_code, value FROM indicator_values WHERE indicator_id = "
            "'unemployment_rate' AND year = ?", [page["year"]]).fetchall())
    assert len(page["rows"]) == n == 11 and page["best"] == "low"  # lower is better
    # rank 1 = the highest value though lower is better: one convention with the report
    assert page["year"] == 2024 and page["rows"][0]["region_code"] == "GM0153"  # 7,1 %
    assert [r["rank"] for r in page["rows"] if r["region_code"] == "GM0148"] == [11]  # 3 %
    values = [r["value"] for r in rows]
    assert values == sorted(values, reverse=True) and rows[0]["rank"] == 1
    for r in rows:
        assert r["value"] == stored[r["region_code"]]
        assert r["rank"] == 1 + sum(v > r["value"] for v in values)  # ties share a rank
    text = client.get("/ranglijst?indicator=unemployment_rate", headers=HTML).text
    assert "Rang 1 = hoogste waarde (lager is gunstiger)." in text
    missing = [r for r in page["rows"] if r["rank"] is None]
    assert page["rows"][-len(missing):] == missing if missing else True


def test_group_province_and_mine(client, synthetic_path) -> None:
    page = client.get("/ranglijst?indicator=income_disposable_mean&groep=PV23&mijn=zwolle"
                      "&format=json").json()
    with duckdb.connect(str(synthetic_path), read_only=True) as con:
        members = {r[0] for r in con.execute(
            "SELECT region_code FROM comparison_group_members WHERE set_id = 'PV23'").fetchall()}
    assert {r["region_code"] for r in page["rows"]} == members == {
        "GM0148", "GM0153", "GM0164", "GM0166", "GM0193"}
    assert [r["region_code"] for r in page["rows"] if r["mine"]] == ["GM0193"]
    year = page["year"]
    assert page["permalink"] == (f"/ranglijst?indicator=income_disposable_mean&year={year}"
                                 "&groep=PV23&mijn=GM0193")
    text = client.get("/ranglijst?indicator=income_disposable_mean&groep=PV23&mijn=GM0193",
                      headers=HTML).text
    assert 'class="mine" aria-current="true"' in text and "(mijn gemeente)" in text
    peers = client.get("/ranglijst?groep=PEERS&mijn=GM0193&format=json").json()
    assert 2 <= len(peers["rows"]) <= 12 and any(r["mine"] for r in peers["rows"])
    assert client.get("/ranglijst?groep=PEERS", headers=HTML).status_code == 400
    assert client.get("/ranglijst?groep=XX99", headers=HTML).status_code == 404  # as /gemeente


def test_sort_links(client) -> None:
    page = client.get("/ranglijst?groep=G40&sorteer=naam&format=json").json()
    names = [r["name"].lower() for r in page["rows"]]
    assert names == sorted(names) and len(names) == 5
    text = client.get("/ranglijst?groep=G40&sorteer=naam", headers=HTML).text
    assert 'aria-sort="ascending"' in text
    assert 'href="/ranglijst?indicator=income_disposable_mean&amp;year=' in text
    desc = client.get("/ranglijst?groep=G40&sorteer=waarde&volgorde=af&format=json").json()
    values = [r["value"] for r in desc["rows"] if r["value"] is not None]
    assert values == sorted(values, reverse=True)

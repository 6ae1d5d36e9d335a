"""Every published list of an indicator's sources names every table its figures come from,
with that table's retrieval date, on the real snapshot: ``stadstrends indicators``, the API's
catalogue and ``/api/v1/indicators/{id}`` and the download's metadata (``.json``).

Before: all of them gave Bevolkingsgroei only 37259eng (retrieved 12 January 2025) while its
2024 and 2025 figures, the headline of every report's page 1, come from 03759ned (retrieved
2 July 2026: catalogue ``change_of`` the population): they read the catalogue's
``source_tables``, not ``used_tables``."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def used(warehouse_path) -> dict[str, set[str]]:
    """Per indicator, every table of ``indicator_values.source_tables`` (lower case)."""
    import duckdb

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        rows = con.execute("""
            SELECT indicator_id, list(DISTINCT lower(trim(t)))
            FROM (SELECT DISTINCT indicator_id, source_tables FROM indicator_values
                  WHERE source_tables IS NOT NULL) v,
                 unnest(string_split(v.source_tables, ',')) AS x(t)
            WHERE trim(t) <> '' GROUP BY ALL""").fetchall()
        dates = dict(con.execute("SELECT lower(table_id), CAST(retrieved_at AS VARCHAR) "
                                 "FROM sources").fetchall())
    out = {i: set(ts) for i, ts in rows}
    assert len(out) > 60 and "03759ned" in out["population_growth_pct"]
    out["_dates"] = dates  # type: ignore[assignment]
    return out


def _lower(tables) -> set[str]:
    return {str(t).strip().lower() for t in tables if str(t).strip()}


def test_the_command_lists_every_table(cli_run, warehouse_path, used) -> None:
    out = cli_run("indicators", "--db", str(warehouse_path), "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = {r["indicator_id"]: r for r in json.loads(out.stdout)}
    for ind, tables in used.items():
        if ind != "_dates":
            assert tables <= _lower(rows[ind]["sources"].split(",")), (ind, rows[ind])


def test_the_api_catalogue_lists_every_table(client, used) -> None:
    rows = {r["indicator_id"]: r for r in client.get("/api/v1/indicators").json()["indicators"]}
    for ind, tables in used.items():
        if ind != "_dates":
            assert tables <= _lower(rows[ind]["source_tables"]), (ind, rows[ind])


@pytest.mark.parametrize("path", ["/api/v1/indicators/{}", "/api/v1/download/{}.json"])
def test_every_indicator_names_its_tables_with_their_dates(client, used, path) -> None:
    dates = used["_dates"]
    for ind, tables in used.items():
        if ind == "_dates":
            continue
        body = client.get(path.format(ind)).json()
        body = body.get("metadata", body)
        given = {s["table_id"].lower(): s["retrieved_at"] for s in body["sources"]}
        assert tables <= set(given), (ind, tables, given)
        for tb in tables:
            assert str(given[tb])[:10] == dates[tb][:10], (ind, tb, given[tb], dates[tb])
    growth = client.get(path.format("population_growth_pct")).json()
    growth = growth.get("metadata", growth)
    assert {s["table_id"].lower() for s in growth["sources"]} >= {"03759ned", "37259eng"}

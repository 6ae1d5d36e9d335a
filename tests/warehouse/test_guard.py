"""The guard at the swap: a rebuild that would lose values or complete sources is refused."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from stadstrends.errors import SwapRefused
from stadstrends.ingest.sources import table_reader
from stadstrends.warehouse import guard
from stadstrends.warehouse.build import build_warehouse


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        return dict(con.execute("SELECT indicator_id, count(value) FROM indicator_values "
                                "GROUP BY ALL").fetchall())


@pytest.fixture()
def old_warehouse(warehouse_path: Path, tmp_path: Path) -> Path:
    db = tmp_path / "stadstrends.duckdb"
    shutil.copy(warehouse_path, db)
    return db


def test_losses_lists_indicators_that_lose_values_and_sources_that_became_partial(
        warehouse_path, tmp_path):
    new = tmp_path / "new.duckdb"
    shutil.copy(warehouse_path, new)
    before = _counts(warehouse_path)
    with duckdb.connect(str(new)) as con:
        assert guard.losses(con, warehouse_path) == []  # the same build loses nothing
        # 5 % of population's values and all of one indicator's gone; a source cut short;
        # 0.5 % of another indicator's values gone (within the tolerance)
        con.execute("DELETE FROM indicator_results WHERE indicator_id = 'population' "
                    "AND hash(region_code, year) % 20 = 0")
        con.execute("DELETE FROM indicator_results WHERE indicator_id = 'crimes_per_1000'")
        n = before["income_disposable_mean"]
        con.execute("DELETE FROM indicator_results WHERE rowid IN (SELECT rowid FROM "
                    "indicator_results WHERE indicator_id = 'income_disposable_mean' "
                    "AND value IS NOT NULL LIMIT ?)", [n // 200])
        con.execute("UPDATE sources SET completeness = 'regions up to Renkum' "
                    "WHERE table_id = '84903NED'")
        found = guard.losses(con, warehouse_path)
        after = dict(con.execute("SELECT indicator_id, count(value) FROM indicator_values "
                                 "GROUP BY ALL").fetchall())
    by = {(f["kind"], f["id"].removesuffix(" (v3)")): f for f in found}
    assert set(by) == {("indicator", "crimes_per_1000"), ("indicator", "population"),
                       ("source", "84903NED")}
    assert by["indicator", "population"]["before"] == before["population"]
    assert by["indicator", "population"]["after"] == after["population"]
    assert by["indicator", "crimes_per_1000"]["after"] == 0
    assert by["source", "84903NED"]["note"] == "was complete, now regions up to Renkum"
    error = guard.refuse(Path("w.duckdb"), found)
    assert "indicator crimes_per_1000: " in error.message and "--accept-losses" in error.hint
    assert error.details == found


def _fewer_rows(reader, table_id: str, keep_before: int):
    """A reader whose ``table_id`` is well-formed but has only the years before
    ``keep_before`` (derived from the real table, like a file exported too early)."""
    def read(spec):
        table = reader(spec)
        if spec.table.lower() != table_id.lower():
            return table
        frame = table.frame[table.frame["period"].str[:4].astype(int) < keep_before]
        return replace(table, frame=frame.reset_index(drop=True))
    return read


def test_rebuild_that_loses_values_is_refused_and_the_old_warehouse_kept(
        old_warehouse, shared_data):
    before = _sha(old_warehouse)
    reader, reference, _ = table_reader(shared_data)
    with pytest.raises(SwapRefused) as err:
        build_warehouse(old_warehouse, _fewer_rows(reader, "83648NED", 2016), reference)
    lost = {f["id"] for f in err.value.details if f["kind"] == "indicator"}
    assert "crimes_per_1000" in lost
    assert all(f["after"] < f["before"] for f in err.value.details)
    assert _sha(old_warehouse) == before
    assert sorted(p.name for p in old_warehouse.parent.iterdir()) == [old_warehouse.name]
    # --accept-losses swaps it in and records what was accepted
    result = build_warehouse(old_warehouse, _fewer_rows(reader, "83648NED", 2016), reference,
                             accept_losses=True)
    assert {f["id"] for f in result.accepted_losses if f["kind"] == "indicator"} == lost
    with duckdb.connect(str(old_warehouse), read_only=True) as con:
        recorded = json.loads(con.execute("SELECT accepted_losses FROM build_info").fetchone()[0])
        max_year = con.execute("SELECT max(year) FROM indicator_values "
                               "WHERE indicator_id = 'crimes_per_1000'").fetchone()[0]
    assert recorded == json.loads(json.dumps(result.accepted_losses, default=str))
    assert max_year == 2015


def test_a_live_update_that_loses_values_is_refused_and_the_old_warehouse_kept(
        old_warehouse, tmp_path):
    """`stadstrends update` (a live rebuild) compares with the warehouse it replaces through
    the same guard: a new build without crimes after 2015 is refused, naming what would be
    lost, and the old file stays as it was; --accept-losses stores the removals."""
    from stadstrends.warehouse import update

    new = tmp_path / "new.duckdb"
    shutil.copy(old_warehouse, new)
    with duckdb.connect(str(new)) as con:
        con.execute("DELETE FROM indicator_results WHERE indicator_id = 'crimes_per_1000' "
                    "AND year > 2015")
        info = con.execute("SELECT * FROM build_info").df().iloc[0].to_dict()
    before = _sha(old_warehouse)
    with pytest.raises(SwapRefused) as err:
        update._store_changes(new, old_warehouse, info, [], accept_losses=False)
    assert {f["id"] for f in err.value.details if f["kind"] == "indicator"} == \
        {"crimes_per_1000"}
    assert "--accept-losses" in err.value.hint
    assert _sha(old_warehouse) == before
    counts = update._store_changes(new, old_warehouse, info, [], accept_losses=True)
    assert counts["removed"] == _counts(old_warehouse)["crimes_per_1000"] - \
        _counts(new)["crimes_per_1000"]
    assert _sha(old_warehouse) == before  # the swap itself is the caller's rename


def _small_warehouse(path: Path, values: list[tuple[str, int, float | None]]) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE indicators (indicator_id VARCHAR)")
        con.execute("INSERT INTO indicators VALUES ('population'), ('jobs')")
        con.execute("CREATE TABLE indicator_values (indicator_id VARCHAR, region_code VARCHAR, "
                    "year INTEGER, value DOUBLE)")
        con.executemany("INSERT INTO indicator_values VALUES (?, 'GM0363', ?, ?)", values)
        con.execute("CREATE TABLE sources (table_id VARCHAR, completeness VARCHAR)")
        con.execute("INSERT INTO sources VALUES ('03759ned', 'complete')")


@pytest.mark.parametrize("name", ["prev.duckdb", "old.duckdb", "stadstrends.duckdb"])
def test_losses_whatever_the_warehouse_is_called(tmp_path, name):
    """DuckDB names an attached database after its file: the guard's alias must not clash
    with a warehouse called prev.duckdb (the build's temporary file is .prev.duckdb.building-N,
    whose database is also called 'prev')."""
    previous = tmp_path / name
    _small_warehouse(previous, [("population", 2020, 1.0), ("jobs", 2020, 2.0)])
    new = tmp_path / f".{name}.building-1"
    _small_warehouse(new, [("population", 2020, 1.0), ("jobs", 2020, None)])
    with duckdb.connect(str(new)) as con:
        found = guard.losses(con, previous)
    assert [(f["kind"], f["id"], f["before"], f["after"]) for f in found] == [
        ("indicator", "jobs", 1, 0)]

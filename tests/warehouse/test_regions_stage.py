"""The regions stage's pandas work starts before the ingest's COMMIT and runs beside it
(:mod:`stadstrends.warehouse.regions_stage`): it reads the inserted rows inside the ingest's
transaction and stores what the build stored before (the synthetic warehouse's tables)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from stadstrends.warehouse.build import required_tables
from stadstrends.warehouse.ingesting import ingest_tables
from stadstrends.warehouse.regions_stage import prepare_regions, store_regions
from tests.fixtures.synthetic_warehouse import (
    read_synthetic,
    synthetic_catalogue,
    synthetic_regions,
)


def test_settle_runs_inside_the_ingest_transaction(tmp_path: Path) -> None:
    """``settle`` sees every inserted row while another cursor (its own transaction) does not
    see the table yet: it runs after the last insert and before the COMMIT."""
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    catalogue = synthetic_catalogue()
    seen: dict[str, object] = {}

    def settle(c: duckdb.DuckDBPyConnection, side: object) -> str:
        seen["rows"] = c.execute("SELECT count(*) FROM raw_observations").fetchall()[0][0]
        seen["others"] = c.cursor().execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_name = 'raw_observations'").fetchall()[0][0]
        seen["side"] = side
        return "settled"

    n, result = ingest_tables(con, required_tables(catalogue), read_synthetic, catalogue,
                              lambda label: None, side=lambda: "read", settle=settle)
    rows = con.execute("SELECT count(*) FROM raw_observations").fetchall()[0][0]
    assert n > 0 and rows > 0
    assert seen == {"rows": rows, "others": 0, "side": "read"}
    assert result == "settled"


def test_prepared_regions_store_the_same_tables(synthetic_path: Path, tmp_path: Path) -> None:
    """Prepared inside an open transaction, then committed and stored: the split shares,
    the crosswalk and the region tables equal those of the synthetic build."""
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute(f"ATTACH '{synthetic_path}' AS syn (READ_ONLY)")
    con.execute("BEGIN TRANSACTION")
    con.execute("CREATE TABLE raw_observations AS SELECT * FROM syn.raw_observations")
    prepared = prepare_regions(con, synthetic_regions(tmp_path))
    con.execute("COMMIT")
    assert prepared is not None
    reference_year = store_regions(con, prepared)
    assert reference_year == con.execute(
        "SELECT reference_year FROM syn.build_info").fetchall()[0][0]
    for table in ("crosswalk", "split_shares", "membership", "region_sets", "regions"):
        mine = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
        theirs = con.execute(f"SELECT count(*) FROM syn.{table}").fetchall()[0][0]
        differ = con.execute(f"SELECT count(*) FROM ((FROM {table} EXCEPT ALL FROM syn.{table})"
                             f" UNION ALL (FROM syn.{table} EXCEPT ALL FROM {table}))"
                             ).fetchall()[0][0]
        assert (table, mine, differ) == (table, theirs, 0)
    assert con.execute("SELECT count(*) FROM crosswalk").fetchall()[0][0] > 0


def test_no_frames_nothing_prepared(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    assert prepare_regions(con, None) is None

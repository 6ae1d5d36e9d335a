"""A DuckDB error met reading a warehouse is said for what it is (warehouse/read_errors.py):
a statement of ours DuckDB cannot bind is an internal error to report, not 'het warehouse
... is beschadigd' with the hint to rebuild a warehouse that is fine (h54d); the same error
on a warehouse of an older schema is the old warehouse; a damaged block stays damaged."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest


def _error(path: Path, sql: str) -> duckdb.Error:
    """DuckDB's error for ``sql`` on the warehouse at ``path``."""
    with duckdb.connect(str(path), read_only=True) as con, pytest.raises(duckdb.Error) as met:
        con.execute(sql)
    return met.value


BUGS = ["SELECT no_such_column FROM indicator_values",  # BinderException
        "SELECT * FROM no_such_table"]  # CatalogException


def test_a_statement_of_ours_that_does_not_bind_is_an_internal_error(synthetic_path) -> None:
    """The command line's mapping (cli.py) after a command opened the warehouse; the site's:
    no 503 'damaged', the 500 'unexpected error' with the traceback in the log."""
    from stadstrends import cli
    from stadstrends.publish.read import read_error
    from stadstrends.warehouse.files import open_warehouse

    open_warehouse(synthetic_path).close()  # as a command opens it (the file it names)
    for sql in BUGS:
        exc = _error(synthetic_path, sql)
        said = cli._warehouse_error(exc)
        message, hint = said.in_language("nl")
        assert said.status == 500 and said.code == "internal_error", (sql, message)
        assert message.startswith("interne fout in Stadstrends 0.") and str(exc)[:40] in message
        assert "beschadigd" not in message + hint and "opnieuw bouwen helpt niet" in hint
        assert str(synthetic_path) in hint and "Meld het" in hint
        assert said.in_language("en")[0].startswith("internal error in Stadstrends")
        assert read_error(exc, synthetic_path) is None  # the site: its 500


def test_the_same_error_on_a_warehouse_of_an_older_schema_says_rebuild(synthetic_path,
                                                                        tmp_path) -> None:
    from stadstrends.warehouse.read_errors import read_error
    from stadstrends.warehouse.schema import SCHEMA_VERSION

    old = tmp_path / "old.duckdb"
    shutil.copy(synthetic_path, old)
    with duckdb.connect(str(old)) as con:
        con.execute("UPDATE build_info SET schema_version = ?", [SCHEMA_VERSION - 1])
    said = read_error(_error(old, BUGS[0]), old)
    assert said.code == "warehouse_outdated" and said.status == 503
    assert "oudere Stadstrends" in said.in_language("nl")[0]
    assert "bouw het opnieuw" in said.in_language("nl")[1]


def test_a_damaged_block_is_still_the_damaged_file(synthetic_path) -> None:
    from stadstrends.warehouse.read_errors import read_error

    for exc in (duckdb.Error("Corrupt database file: computed checksum 1 does not match 2"),
                duckdb.IOException("IO Error: could not read block 7")):
        said = read_error(exc, synthetic_path)
        assert said.code == "warehouse_damaged"
        assert "is beschadigd" in said.in_language("nl")[0]

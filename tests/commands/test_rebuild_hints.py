"""A hint to rebuild names the user's --db (when it is not the default warehouse file).

`profile Zwolle --db gone.duckdb` on a warehouse without ``signals`` said 'bouw het opnieuw:
`stadstrends build --snapshot DIR`' without --db: following it built ./stadstrends.duckdb
and left the file read as it was. Now the hint found on an open connection names the file
that connection reads (:func:`stadstrends.paths.rebuild_command`). On copies of the synthetic
warehouse (tests/fixtures/synthetic_warehouse.py), run as a user runs them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest


def run(*args: str, cwd: Path) -> str:
    """``stadstrends ARGS`` in ``cwd``: its exit code must be 1, with no traceback; what it
    printed, on one line."""
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", *args], cwd=cwd,
                         capture_output=True, text=True, timeout=300)
    said = " ".join((out.stdout + out.stderr).split())
    assert out.returncode == 1 and "Traceback" not in said, said
    return said


def lacking(source: Path, target: Path, relation: str) -> Path:
    """A copy of ``source`` at ``target`` without the table or view ``relation``."""
    shutil.copy(source, target)
    with duckdb.connect(str(target)) as con:
        kind = con.execute("SELECT table_type FROM information_schema.tables "
                           "WHERE table_name = ?", [relation]).fetchone()[0]
        con.execute(f"DROP {'VIEW' if kind == 'VIEW' else 'TABLE'} {relation}")
    return target


@pytest.mark.parametrize(("command", "relation"), [("profile", "signals"),
                                                    ("report", "benchmarks")])
def test_a_warehouse_lacking_a_table_is_rebuilt_at_its_own_path(synthetic_path, tmp_path,
                                                                command, relation):
    lacking(synthetic_path, tmp_path / "gone.duckdb", relation)
    extra = ["--out", str(tmp_path / "out")] if command == "report" else []
    said = run(command, "Zwolle", "--db", "gone.duckdb", *extra, cwd=tmp_path)
    assert f"het warehouse heeft geen {relation}" in said, said
    assert f"--db {tmp_path / 'gone.duckdb'}`" in said, said  # the file read, absolute


def test_the_default_warehouse_needs_no_db_in_its_hint(synthetic_path, tmp_path):
    lacking(synthetic_path, tmp_path / "stadstrends.duckdb", "signals")
    said = run("profile", "Zwolle", "--lang", "en", cwd=tmp_path)
    assert "rebuild it: `stadstrends build --snapshot" in said, said
    assert "--db" not in said, said


def test_update_of_a_snapshot_warehouse_names_its_db(synthetic_path, tmp_path):
    """`update --db w.duckdb` of a warehouse built from a snapshot: 'build it live first:
    `stadstrends build` (without --snapshot)' built ./stadstrends.duckdb; now with --db."""
    db = tmp_path / "w.duckdb"
    shutil.copy(synthetic_path, db)
    said = run("update", "--db", str(db), "--lang", "en", cwd=tmp_path)
    assert f"`stadstrends build --db {db}` (without --snapshot)" in said, said


def test_every_hint_naming_a_build_command_carries_the_db():
    """A command in backticks in the errors' words is `stadstrends build ...{db}`: the build's
    and update's --db (errors.BUILD_DB), empty for the default file; a build command for a
    warehouse read is {build} or {command} (paths.build_command)."""
    import re

    from stadstrends.errors import MalformedSource
    from stadstrends.paths import BUILD_DB, db_option
    from stadstrends.vocabulary import languages, section

    for lang in languages():
        for key, text in section(lang, "errors").items():
            for command in re.findall(r"`(stadstrends build[^`]*)`", str(text)):
                assert command.endswith("{db}"), (lang, key, command)
    error = MalformedSource.worded("measures_missing", columns="x")
    assert "(`stadstrends build` without --snapshot)" in error.in_language("en")[1]
    token = BUILD_DB.set(db_option("gone.duckdb"))
    try:
        assert "(`stadstrends build --db gone.duckdb` zonder --snapshot)" in \
            error.in_language("nl")[1]
    finally:
        BUILD_DB.reset(token)
    assert db_option("stadstrends.duckdb") == "" and db_option(None) == ""

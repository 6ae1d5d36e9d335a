"""The warehouse file: what a build may replace, one build at a time, temp files, write errors,
and the schema version readers check. Each case leaves the previous warehouse intact."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from stadstrends.errors import (
    BuildLocked,
    WarehouseFileError,
    WarehouseMissing,
    WarehouseOutdated,
)
from stadstrends.warehouse import files
from stadstrends.warehouse.build import build_warehouse


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _never(table_id: str):
    raise AssertionError(f"the build read {table_id} although it should have stopped first")


@pytest.fixture()
def old_warehouse(warehouse_path: Path, tmp_path: Path) -> Path:
    db = tmp_path / "stadstrends.duckdb"
    shutil.copy(warehouse_path, db)
    return db


def _cli(*args: str, extra_env: dict | None = None, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "COLUMNS": "400",
           "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"), **(extra_env or {})}
    english = ["--lang", "en"] if args[0] == "build" else []  # its words, read by the tests
    return subprocess.Popen([sys.executable, "-m", "stadstrends.cli", *args, *english],
                            env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def _wait_for_temp(db: Path, proc: subprocess.Popen, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and not list(db.parent.glob(f".{db.name}.building-*")):
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    assert list(db.parent.glob(f".{db.name}.building-*")), "the build never started writing"


def test_a_file_that_is_not_a_warehouse_is_not_replaced(tmp_path, shared_data):
    notes = tmp_path / "notes.csv"
    notes.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(WarehouseFileError) as err:
        build_warehouse(notes, _never, shared_data)
    assert "not a DuckDB database" in err.value.message
    assert "--force" in err.value.hint
    assert notes.read_text(encoding="utf-8") == "a;b\n1;2\n"
    other = tmp_path / "other.duckdb"  # a DuckDB file of something else
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE t AS SELECT 1 AS x")
    with pytest.raises(WarehouseFileError, match="not a Stadstrends warehouse"):
        files.check_target(other)
    files.check_target(other, force=True)  # --force lets the build replace it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.csv", "other.duckdb"]


@pytest.mark.parametrize("size", [300_000, 1_000_000])
def test_a_cut_warehouse_file_is_said_plainly(warehouse_path, tmp_path, size):
    """A warehouse cut short (an interrupted copy): build quoted DuckDB cut at 120 characters
    ('... attempted to read 262144 bytes from locatio);'), show DuckDB's whole IO error; both
    say the file is cut short, in the command's language, without DuckDB's words."""
    cut = tmp_path / "cut.duckdb"
    cut.write_bytes(warehouse_path.read_bytes()[:size])
    with pytest.raises(WarehouseFileError) as err:
        files.check_target(cut)
    said = f"{err.value.message} {err.value.in_language('nl')[0]}"
    assert ("exists and is a DuckDB file that cannot be opened (cut short, shorter than "
            "DuckDB expects,") in said and "--force" in err.value.hint
    assert "bestaat al en is een DuckDB-bestand dat niet open kan (afgekapt, korter" in said
    with pytest.raises(WarehouseMissing) as err:
        files.open_warehouse(cut)
    said += f" {err.value.message} {err.value.in_language('nl')[0]}"
    assert f"cannot open warehouse {cut}: the file is cut short" in said
    assert f"warehouse {cut} kan niet worden geopend: het bestand is afgekapt" in said
    assert "262144" not in said and "IO Error" not in said and "location" not in said


def test_a_warehouse_may_be_replaced(old_warehouse):
    assert files.warehouse_kind(old_warehouse) == files.STADSTRENDS
    files.check_target(old_warehouse)


def test_db_that_is_a_directory_or_under_a_file_gives_a_clear_error(tmp_path, shared_data):
    with pytest.raises(WarehouseFileError, match="is a directory"):
        build_warehouse(tmp_path, _never, shared_data)
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(WarehouseFileError, match="cannot create the folder"):
        build_warehouse(a_file / "w.duckdb", _never, shared_data)
    proc = _cli("build", "--snapshot", str(shared_data), "--db", str(tmp_path))
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "is a directory" in err and "Traceback" not in err + out


def test_read_only_folder_gives_a_clear_error(tmp_path, shared_data):
    if os.geteuid() == 0:  # root may write anywhere, except in sysfs
        folder = Path("/sys/kernel")
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
    target = folder / "stadstrends.duckdb"
    try:
        with pytest.raises(WarehouseFileError) as err:
            build_warehouse(target, _never, shared_data)
    finally:
        if os.geteuid() != 0:
            folder.chmod(0o755)
    assert str(folder) in err.value.message
    assert not target.exists()


def test_second_build_to_the_same_file_fails_clearly(old_warehouse, shared_data):
    before = _sha(old_warehouse)
    with files.build_lock(old_warehouse):
        with pytest.raises(BuildLocked, match=f"process {os.getpid()}"):
            build_warehouse(old_warehouse, _never, shared_data)
        proc = _cli("build", "--snapshot", str(shared_data), "--db", str(old_warehouse))
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "another build is writing" in err and "Traceback" not in err + out
    assert _sha(old_warehouse) == before
    # released: the lock file is gone and a new lock can be taken
    assert not files.lock_path(old_warehouse).exists()
    with files.build_lock(old_warehouse):
        pass


def test_concurrent_build_fails_at_once_naming_the_running_build(old_warehouse, shared_data):
    """Two real builds to one file: the second stops while the first is still building (it
    does not wait for it, nor download anything) naming the first build's process and a
    hint. No bound in seconds: on a loaded machine start-up alone can take 15 s."""
    before = _sha(old_warehouse)
    first = _cli("build", "--snapshot", str(shared_data), "--db", str(old_warehouse))
    try:
        _wait_for_temp(old_warehouse, first)
        start = time.monotonic()
        second = _cli("build", "--snapshot", str(shared_data), "--db", str(old_warehouse))
        out, err = second.communicate(timeout=60)
        seconds = time.monotonic() - start
        assert first.poll() is None  # the first is still building
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=60)
    assert second.returncode == 1, (seconds, err)
    assert f"another build is writing {old_warehouse} (process {first.pid})" in err
    assert "build to another --db path" in err and "Traceback" not in err + out
    assert _sha(old_warehouse) == before


def test_a_live_build_checks_the_lock_before_downloading(old_warehouse, tmp_path):
    """The live build's first step fetches the region reference sources; with another build
    running it must not: the lock comes first (here the 'server' is a closed port, so a
    download would end in 'not reachable' instead)."""
    with files.build_lock(old_warehouse):
        proc = _cli("build", "--db", str(old_warehouse), "--cache-dir", str(tmp_path / "c"),
                    extra_env={"STADSTRENDS_ODATA_URL": "http://127.0.0.1:9/odata",
                               "STADSTRENDS_ODATA4_URL": "http://127.0.0.1:9/v4"})
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert f"another build is writing {old_warehouse} (process {os.getpid()})" in err, err
    assert "not reachable" not in err and not (tmp_path / "c").exists()


def test_stale_temp_files_of_dead_builds_are_removed(tmp_path):
    db = tmp_path / "w.duckdb"
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = files.temp_path(db, dead.pid)
    stale.write_bytes(b"x" * 1000)
    Path(str(stale) + ".wal").write_bytes(b"y")
    alive = files.temp_path(db, os.getppid())  # a running process: not touched
    alive.write_bytes(b"z")
    with files.build_lock(db):
        removed = files.clean_stale(db)
    assert sorted(p.name for p in removed) == sorted([stale.name, stale.name + ".wal"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [alive.name]


def test_sigterm_stops_the_build_and_removes_its_temp_file(old_warehouse, shared_data):
    before = _sha(old_warehouse)
    proc = _cli("build", "--snapshot", str(shared_data), "--db", str(old_warehouse))
    _wait_for_temp(old_warehouse, proc)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err
    assert "stopped by SIGTERM" in err and "Traceback" not in err + out
    assert sorted(p.name for p in old_warehouse.parent.iterdir()) == [old_warehouse.name]
    assert _sha(old_warehouse) == before


def _small_file_limit() -> None:  # like a full disk: writes past 20 MB fail (EFBIG)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000_000, 20_000_000))


def test_full_disk_gives_a_clear_error_and_keeps_the_old_warehouse(old_warehouse, shared_data):
    before = _sha(old_warehouse)
    proc = _cli("build", "--snapshot", str(shared_data), "--db", str(old_warehouse),
                preexec_fn=_small_file_limit)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err
    assert "could not write the new warehouse" in err and "File too large" in err
    assert "df -h" in err and "Traceback" not in err + out
    assert sorted(p.name for p in old_warehouse.parent.iterdir()) == [old_warehouse.name]
    assert _sha(old_warehouse) == before


def _set_schema(db: Path, version: int | None) -> None:
    with duckdb.connect(str(db)) as con:
        if version is None:
            con.execute("ALTER TABLE build_info DROP COLUMN schema_version")
        else:
            con.execute("UPDATE build_info SET schema_version = ?", [version])


def test_build_records_the_schema_version(wh):
    assert files.schema_version(wh) == files.SCHEMA_VERSION
    build_id = wh.execute("SELECT build_id FROM build_info").fetchone()[0]
    assert len(build_id) == 32


@pytest.mark.parametrize("version", [None, files.SCHEMA_VERSION - 1])
def test_older_warehouse_is_refused_by_show_report_and_serve(old_warehouse, version):
    _set_schema(old_warehouse, version)
    with pytest.raises(WarehouseOutdated, match="older Stadstrends") as err:
        files.open_warehouse(old_warehouse)
    assert "rebuild with this version" in err.value.hint
    from stadstrends.publish.report.builder import open_db
    from stadstrends.publish.web.app import create_app

    with pytest.raises(WarehouseOutdated):
        open_db(old_warehouse)
    with pytest.raises(WarehouseOutdated):
        create_app(old_warehouse, warm=False)
    rebuild = "rebuild with this version"  # every command says it in its --lang (default nl)
    for args, words in ((["show", "Zwolle", "population", "--lang", "en"], rebuild),
                        (["show", "Zwolle", "population"], "bouw het opnieuw met deze versie"),
                        (["report", "Zwolle", "--out", "x", "--lang", "en"], rebuild),
                        (["serve", "--port", "1"], "bouw het opnieuw met deze versie")):
        proc = _cli(*args, "--db", str(old_warehouse), cwd=old_warehouse.parent)
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 1, (args, err)
        assert words in err and "Traceback" not in out + err


def test_newer_warehouse_is_refused_naming_both_versions(synthetic_path, tmp_path):
    """A warehouse of a later schema was read without a word (the synthetic warehouse): with
    its indicators' 'title_nl' renamed, `show` printed the English title under a Dutch table.
    show, report and serve now say it is newer and what to do, in the command's language."""
    db = tmp_path / "stadstrends.duckdb"
    shutil.copy(synthetic_path, db)
    _set_schema(db, files.SCHEMA_VERSION + 1)
    with pytest.raises(WarehouseOutdated, match="newer Stadstrends") as err:
        files.open_warehouse(db)
    assert f"schema {files.SCHEMA_VERSION + 1}, this version reads schema " \
        f"{files.SCHEMA_VERSION}" in err.value.message
    assert err.value.hint.startswith("update Stadstrends to the version that built it")
    proc = _cli("show", "Zwolle", "population", "--db", str(db), cwd=tmp_path)
    out, err_text = proc.communicate(timeout=120)
    assert proc.returncode == 1 and "Traceback" not in out + err_text, err_text
    assert "gebouwd door een nieuwere Stadstrends" in err_text
    assert "werk Stadstrends bij" in err_text


def test_a_sigterm_that_duckdb_turns_into_its_own_error_still_stops_the_build_cleanly():
    """DuckDB runs a statement when the signal comes: its handler's BuildInterrupted comes out
    as DuckDB's 'Query interrupted' (seen in CI during the build's first SET statements); the
    block still ends in BuildInterrupted, and an error without a SIGTERM stays itself."""
    with pytest.raises(files.BuildInterrupted, match="stopped by SIGTERM") as caught:
        with files.sigterm_stops():
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(1)
            except files.BuildInterrupted:
                raise RuntimeError("Query interrupted") from None  # what DuckDB raises
    assert isinstance(caught.value.__cause__, RuntimeError)
    with pytest.raises(RuntimeError, match="other"), files.sigterm_stops():
        raise RuntimeError("other")
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


@pytest.mark.parametrize("exists, said", [(True, "the previous warehouse is unchanged"),
                                           (False, "no warehouse was written")])
def test_a_stopped_build_says_a_previous_warehouse_is_unchanged_only_when_there_is_one(
        tmp_path, exists, said):
    """A first build into a new --db, stopped, said 'het vorige warehouse is ongewijzigd'
    where there was none (h53g)."""
    db = tmp_path / "w.duckdb"
    if exists:
        db.write_bytes(b"old")
    with pytest.raises(files.BuildInterrupted) as caught, files.sigterm_stops(db):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(1)
    nl = caught.value.in_language("nl")[0]
    assert said in caught.value.message, caught.value.message
    assert ("ongewijzigd" in nl) is exists and ("geen warehouse" in nl) is not exists, nl
    error = files.write_error(db, OSError(errno.ENOSPC, "No space left on device"))
    assert said in error.hint, error.hint


def test_the_documented_schema_version_is_the_code_s():
    """docs/data.md names the current schema version; it stated 1 while the code was at 5."""
    docs = (Path(__file__).resolve().parents[2] / "docs" / "data.md").read_text()
    stated = re.search(r"`build_info\.schema_version` \(now (\d+)", docs)
    assert stated and int(stated.group(1)) == files.SCHEMA_VERSION

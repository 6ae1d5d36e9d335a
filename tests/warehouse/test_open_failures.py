"""What the command line says when DuckDB cannot open a warehouse file: cut short, or locked
by another program that has it open for writing. The reason is a parameter of the message's
key, worded per language (``errors.duckdb_*``, ``errors.db_kind_*``), not English words
replaced inside a finished message.

A locked warehouse was said to be 'of another DuckDB version' (DuckDB's lock message names
the holder's program, here a path with 'versions' in it; elsewhere it was 'damaged'), with
the hint to rebuild it, which does not help: the file is intact and in use."""

from __future__ import annotations

import contextlib
import errno
import shutil
import subprocess
import sys

import pytest

from stadstrends import errors
from stadstrends.engine import duckdb
from stadstrends.errors import WarehouseFileError
from stadstrends.warehouse import files


def said(*args: str) -> tuple[int, str]:
    """Exit code and stderr (on one line) of ``stadstrends ARGS``."""
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", *args],
                         capture_output=True, text=True, timeout=300)
    assert "Traceback" not in out.stderr, out.stderr
    return out.returncode, " ".join(out.stderr.split())


@pytest.fixture
def locked(warehouse_path, tmp_path):
    """A copy of the session's warehouse that another process holds open for writing, and
    that process's id."""
    db = tmp_path / "locked.duckdb"
    shutil.copy(warehouse_path, db)
    with held_open(db) as pid:
        yield db, pid


@contextlib.contextmanager
def held_open(db):
    """Another process holding ``db`` open for writing while the block runs; yields its id."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, duckdb; c = duckdb.connect(sys.argv[1]); "
         "print('open', flush=True); sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        yield holder.pid
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)


def test_a_locked_warehouse_is_said_to_be_locked_not_of_another_version(locked, shared_data):
    db, pid = locked
    code, text = said("show", "Zwolle", "population", "--db", str(db), "--lang", "en")
    assert code != 0
    assert (f"Error: cannot open warehouse {db}: the file is locked by process {pid}, which "
            "has it open for writing Hint: close the program that has it open for writing "
            "(a DuckDB session, a script), or wait until it has finished; then try again"
            ) in text, text
    code, text = said("show", "Zwolle", "population", "--db", str(db), "--lang", "nl")
    assert (f"Fout: warehouse {db} kan niet worden geopend: het bestand is vergrendeld door "
            f"proces {pid}, dat het open heeft om erin te schrijven Tip: sluit het programma "
            "dat het open heeft om erin te schrijven") in text, text
    assert "versie" not in text and "opnieuw met" not in text
    code, text = said("build", "--snapshot", str(shared_data), "--db", str(db), "--lang", "nl")
    assert code == 1
    assert (f"Fout: {db} bestaat al en is een DuckDB-bestand dat niet open kan (vergrendeld "
            f"door proces {pid}, dat het open heeft om erin te schrijven); het wordt niet door "
            "een warehouse vervangen") in text, text


def test_a_cut_warehouse_is_said_to_be_cut_in_both_commands_and_languages(warehouse_path,
                                                                           shared_data,
                                                                           tmp_path):
    """Unchanged by the rewording: the reason is the same phrase in both messages."""
    db = tmp_path / "cut.duckdb"
    db.write_bytes(warehouse_path.read_bytes()[:300_000])
    cut_en = "cut short, shorter than DuckDB expects, perhaps by an interrupted copy or a full disk"
    cut_nl = ("afgekapt, korter dan DuckDB verwacht, misschien door een onderbroken kopie of een "
              "volle schijf")
    _, text = said("show", "Zwolle", "population", "--db", str(db), "--lang", "en")
    assert f"Error: cannot open warehouse {db}: the file is {cut_en} Hint: rebuild it" in text
    _, text = said("show", "Zwolle", "population", "--db", str(db), "--lang", "nl")
    assert (f"Fout: warehouse {db} kan niet worden geopend: het bestand is {cut_nl} Tip: bouw "
            "het opnieuw") in text, text
    for lang, words in (("en", f"{db} exists and is a DuckDB file that cannot be opened "
                                f"({cut_en}); it is not replaced"),
                        ("nl", f"{db} bestaat al en is een DuckDB-bestand dat niet open kan "
                                f"({cut_nl}); het wordt niet")):
        code, text = said("build", "--snapshot", str(shared_data), "--db", str(db),
                          "--lang", lang)
        assert code == 1 and words in text, text


def test_an_unreadable_file_says_why_in_the_message_language(tmp_path, monkeypatch):
    """The system's reason was English inside the Dutch message ('een onleesbaar bestand
    (Permission denied)')."""
    db = tmp_path / "w.duckdb"
    db.write_bytes(b"x" * 20)

    def refused(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(db))

    monkeypatch.setattr(files, "open", refused, raising=False)
    with pytest.raises(WarehouseFileError) as err:
        files.check_target(db)
    assert err.value.message.startswith(
        f"{db} exists and is an unreadable file (Permission denied); it is not replaced")
    assert err.value.in_language("nl")[0].startswith(
        f"{db} bestaat al en is een onleesbaar bestand (geen toestemming); het wordt niet")


def test_the_reason_is_read_from_duckdbs_words_not_from_the_paths_it_quotes():
    """A damaged file in a folder named 'versions' is damaged, not of another version."""
    damaged = duckdb.Error('IO Error: Corrupt database file "/home/u/versions/w.duckdb"')
    locked = duckdb.Error('IO Error: Could not set lock on file "/x/w.duckdb": Conflicting '
                          "lock is held in /usr/bin/duckdb (PID 4242)")
    anonymous = duckdb.Error('IO Error: Could not set lock on file "/x/w.duckdb": '
                             "Conflicting lock is held")
    assert errors.open_failure_key(damaged) == ("duckdb_damaged", {})
    assert errors.open_failure_key(locked) == ("duckdb_locked_by", {"pid": 4242})
    assert errors.open_failure_key(anonymous) == ("duckdb_locked", {})
    other = duckdb.Error("Serialization Error: Failed to deserialize: database file version "
                         "number 64 is newer than this DuckDB reads")
    assert errors.open_failure_key(other) == ("duckdb_version", {})


def test_a_path_with_corrupt_in_it_does_not_make_a_file_damaged(warehouse_path, tmp_path):
    """open_warehouse called a file damaged when 'corrupt' was anywhere in DuckDB's message,
    its quoted path included: a locked warehouse in a folder 'corrupt_test' was said to be
    damaged (hint: rebuild it), a file that is no DuckDB file too. A damaged block still is."""
    from stadstrends.errors import WarehouseDamaged, WarehouseMissing

    folder = tmp_path / "corrupt_test"
    folder.mkdir()
    db = folder / "w.duckdb"
    shutil.copy(warehouse_path, db)
    with held_open(db) as pid, pytest.raises(WarehouseMissing) as err:
        files.open_warehouse(db)
    assert not isinstance(err.value, WarehouseDamaged)
    assert err.value.message.startswith(f"cannot open warehouse {db}: the file is locked by "
                                        f"process {pid}"), err.value.message
    garbage = folder / "garbage.duckdb"  # no DuckDB file: not to be rebuilt over
    garbage.write_bytes(b"corrupt " * 1000)
    with pytest.raises(WarehouseMissing) as err:
        files.open_warehouse(garbage)
    assert err.value.code == "warehouse_missing" and "not a DuckDB" in err.value.message, (
        err.value.message)
    damaged = folder / "damaged.duckdb"  # DuckDB's header, garbage after it
    damaged.write_bytes(warehouse_path.read_bytes()[:12] + b"\xff" * 300_000)
    with pytest.raises(WarehouseDamaged, match="computed checksum"):
        files.open_warehouse(damaged)

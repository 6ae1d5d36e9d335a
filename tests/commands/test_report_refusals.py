"""A `report` the command refuses (an unknown, former or ambiguous municipality, an unknown
group, a bad --format, a missing or damaged warehouse) leaves nothing behind: no --out folder
is made and one that is there keeps its files as they were ('report Haaren --out DIR' made
DIR/assets and rewrote DIR/assets/report.css before refusing)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SYNTHETIC = {  # on the synthetic warehouse: what is refused, and a word of the refusal
    "unknown municipality": (["Zwole"], "Zwolle"),
    "unknown group": (["Zwolle", "--vergelijk", "XX1"], "XX1"),
    "unknown set": (["--set", "XX1"], "XX1"),
    "unknown set overview": (["--set", "XX1", "--overview"], "XX1"),
    "a group per municipality": (["--set", "PEERS"], "PEERS"),
    "bad format": (["Zwolle", "--format", "docx"], "--format"),
    "bad language": (["Zwolle", "--lang", "zz"], "zz"),
}
REAL = {  # need the real build: the synthetic warehouse has no split or shared name
    "former municipality": (["Haaren"], "GM0788"),
    "ambiguous name": (["Bergen"], "GM0373"),
}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "stadstrends.cli", "report", *args],
                          capture_output=True, text=True, timeout=120)


def files(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file and folder under ``folder``: its bytes (files) and modification time."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"",
                                         p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


@pytest.fixture()
def folders(tmp_path: Path) -> tuple[Path, Path, dict]:
    """A --out folder that is not there (nor its parent) and one with an earlier run's files."""
    existing = tmp_path / "earlier"
    (existing / "assets").mkdir(parents=True)
    (existing / "assets" / "report.css").write_text("/* an earlier run's */", encoding="utf-8")
    (existing / "zwolle.nl.html").write_text("<p>earlier</p>", encoding="utf-8")
    return tmp_path / "new" / "reports", existing, files(existing)


def refused_leaving_nothing(args: list[str], word: str, db: Path, folders) -> None:
    missing, existing, before = folders
    for out in (missing, existing):
        done = run(*args, "--db", str(db), "--out", str(out))
        assert done.returncode in (1, 2) and word in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    assert not missing.parent.exists()
    assert files(existing) == before


@pytest.mark.parametrize("case", sorted(SYNTHETIC))
def test_a_refused_report_leaves_no_folder_and_no_file(synthetic_path, folders, case):
    refused_leaving_nothing(*SYNTHETIC[case], synthetic_path, folders)


@pytest.mark.parametrize("case", sorted(REAL))
def test_a_refused_real_municipality_leaves_no_folder(warehouse_path, folders, case):
    refused_leaving_nothing(*REAL[case], warehouse_path, folders)


@pytest.mark.parametrize("state", ["missing", "damaged"])
def test_a_missing_or_damaged_warehouse_leaves_no_folder(tmp_path, folders, state):
    db = tmp_path / "w.duckdb"
    if state == "damaged":
        db.write_bytes(b"not a warehouse" * 100)
    refused_leaving_nothing(["Zwolle"], "warehouse", db, folders)
    refused_leaving_nothing(["--all"], "warehouse", db, folders)


def test_a_report_that_is_not_refused_makes_its_folder(synthetic_path, folders):
    """The checks above can fail: the same command with good input writes into --out."""
    missing, existing, _ = folders
    done = run("Zwolle", "--db", str(synthetic_path), "--out", str(missing))
    assert done.returncode == 0, done.stderr
    assert (missing / "zwolle.nl.html").exists() and (missing / "assets" / "report.css").exists()

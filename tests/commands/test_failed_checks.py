"""A warehouse whose build failed data checks (a source file cut at a row boundary loses
figures) is used with a warning: `show`, `profile` and `report` say on stderr, in the
command's language, which checks failed and how to build again; the build itself words its
checks and their rows (no Python reprs, no English in a Dutch command)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from stadstrends.commands.build import check_row

FAILED = [{"check": "unmatched_catalogue_parts",
           "rows": [{"indicator_id": "share_age_65_plus", "table_id": "85383ned",
                     "measure": "k_65JaarOfOuder_12", "filters": ["StatusCijfer=Definitief"],
                     "problem": "no_rows_match"}]}]


@pytest.fixture(scope="module")
def damaged(warehouse_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's warehouse whose build record says a check failed."""
    db = tmp_path_factory.mktemp("failed") / "w.duckdb"
    shutil.copy(warehouse_path, db)
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE build_info SET checks_failed = ?", [json.dumps(FAILED)])
    return db


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "stadstrends.cli", *args], capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("lang, words", [
    ("nl", "mislukten datacontroles (delen van de indicatorcatalogus zonder gegevens)"),
    ("en", "failed data checks (parts of the indicator catalogue without data)")])
def test_show_warns_once_that_the_build_failed_checks(damaged, lang, words):
    out = _run("show", "Zwolle", "population", "--db", str(damaged), "--lang", lang)
    assert out.returncode == 0, out.stderr
    said = " ".join(out.stderr.split())
    assert said.count(words) == 1, out.stderr
    assert "stadstrends build --snapshot" in said and str(damaged) in said
    assert "Zwolle" in out.stdout  # the figures are still shown


def test_a_warehouse_whose_checks_passed_is_used_without_a_warning(warehouse_path):
    out = _run("show", "Zwolle", "population", "--db", str(warehouse_path))
    assert out.returncode == 0 and "datacontroles" not in out.stderr, out.stderr


def test_a_failed_checks_rows_are_worded_without_python_reprs():
    row = FAILED[0]["rows"][0]
    assert check_row(row, "nl") == (
        "indicator_id=share_age_65_plus, table_id=85383ned, measure=k_65JaarOfOuder_12, "
        "filters=StatusCijfer=Definitief, problem=geen rijen voor deze filter of jaren")
    assert check_row({"": "unmatched_catalogue_parts"}, "en") \
        == "parts of the indicator catalogue without data"
    assert "array(" not in check_row({"filters": ["a", "b"]}, "en")

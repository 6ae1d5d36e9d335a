"""Where `show`'s table and its CSV give a recomputed figure differently, as the README says
it (Commands): the table prints the report's figure (a recalculated count to CBS's rounding
of it, a rate divided from a rounded count to the catalogue's decimals with '°', one from a
count CBS rounds coarsely with '‡'), the CSV the figure itself with its flags. Measured on
the real snapshot."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def _show(db, *args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "show", *args, "--db",
                          str(db)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    return out.stdout


@pytest.mark.parametrize(("city", "indicator", "year", "table", "value", "flag"), [
    ("Súdwest-Fryslân", "jobs_employees", "2016", "33.200", "33166", "harmonised"),
    ("Land van Cuijk", "gas_use_per_dwelling", "2019", "1.430", "1434.35", "harmonised"),
    ("Leeuwarden", "thefts_per_1000", "2010", "41,6°", "41.5947", "recomputed"),
    ("Deventer", "demolition_per_1000_dwellings", "2017", "0,8‡", "0.783787", "rounded_count"),
])
def test_the_table_and_the_csv_as_the_readme_says(warehouse_path, city, indicator, year,
                                                  table, value, flag) -> None:
    printed = {c[0]: c[1] for line in _show(warehouse_path, city, indicator).splitlines()
               if line.startswith("│")
               for c in [[p.strip() for p in line.split("│")[1:-1]]]}
    assert printed[year] == table
    rows = {r["year"]: r for r in csv.DictReader(io.StringIO(
        _show(warehouse_path, city, indicator, "--format", "csv")))}
    assert (rows[year]["value"], rows[year][flag]) == (value, "true")
    readme = " ".join(README.read_text(encoding="utf-8").split())
    assert f"`{table}`" in readme and f"`{value}`" in readme

"""`stadstrends indicators` prints its table in the command's language and whole at 80
columns: it said 'safety' and 'higher_worse' under Dutch headers and cut every column to
'indica…', 'Opgehe…'; csv and json keep the codes."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest

from stadstrends.vocabulary import section


def _indicators(db, *args: str, columns: int = 80) -> str:
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "indicators", "--db",
                          str(db), *args], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "COLUMNS": str(columns)})
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_table_is_worded_and_whole_at_80_columns(wh, warehouse_path, lang):
    table = _indicators(warehouse_path, "--lang", lang)
    lines = table.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" not in table
    words = set(table.split())
    catalogue = wh.execute("SELECT indicator_id, domain, direction, source_tables, "
                           "continuous_sources FROM indicators").fetchall()
    for ident, _, _, tables, series in catalogue:  # ids and table numbers never broken
        assert ident in words, ident
        assert {t for t in tables + series} <= {w.rstrip(",") for w in words}, ident
    domains, directions = section(lang, "domains"), section(lang, "directions")
    for domain in {r[1] for r in catalogue}:
        assert f"{domains[domain]} ({domain})" in table  # the word, and --domain's code
    for code in {r[2] for r in catalogue}:  # the direction in words, never its code
        assert code == directions[code] or code not in words
        assert all(w in words for w in directions[code].split())
    assert ("hoger" if lang == "nl" else "higher") in words


def test_csv_and_json_keep_the_codes(warehouse_path):
    rows = list(csv.DictReader(io.StringIO(_indicators(warehouse_path, "--format", "csv",
                                                       "--domain", "safety"))))
    assert {r["domain"] for r in rows} == {"safety"}
    assert "higher_worse" in {r["direction"] for r in rows}
    assert '"direction":"higher_worse"' in _indicators(
        warehouse_path, "--format", "json", "--domain", "safety").replace(" ", "")


def test_a_domain_by_its_dutch_or_english_name(warehouse_path):
    """`indicators --domain demografie` said 'onbekend domein' though the reports, the site
    and that very message call it Demografie; the tip now gives each code with its name."""
    rows = list(csv.DictReader(io.StringIO(_indicators(warehouse_path, "--format", "csv",
                                                       "--domain", "demografie"))))
    assert rows and {r["domain"] for r in rows} == {"demography"}
    same = list(csv.DictReader(io.StringIO(_indicators(warehouse_path, "--format", "csv",
                                                       "--domain", "Demography"))))
    assert same == rows

"""Bad input found by trying it (session 52): a value given empty said what it was not
('--db . is een map' for `--db ""`; "onbekende regioset ''"), or was read as the current
folder (`report Zwolle --out ""` wrote zwolle.nl.html and assets/ where it was run); a --db
under a file was answered with a build that could not write there; 'gas_use_household' was
answered 'Bedoelde u: households?' alone."""

from __future__ import annotations

import subprocess
import sys

import pytest


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", *args],
                         capture_output=True, text=True, timeout=120, cwd=cwd)
    assert "Traceback" not in out.stderr, out.stderr
    return out


@pytest.mark.parametrize(("args", "lines"), [
    (("show", "Zwolle", "population", "--db", ""),
     ["Fout: geen pad opgegeven bij --db",
      "Tip: zet een pad achter --db; uitleg: `stadstrends show --help`"]),
    (("show", "Zwolle", "population", "--db=", "--lang", "en"),
     ["Error: no path given with --db",
      "Hint: put a path after --db; help: `stadstrends show --help`"]),
    (("build", "--snapshot", " ", "--db", "x.duckdb"),
     ["Fout: geen pad opgegeven bij --snapshot",
      "Tip: zet een pad achter --snapshot; uitleg: `stadstrends build --help`"]),
])
def test_an_empty_path_is_said_as_such(tmp_path, args, lines) -> None:
    out = run(*args, cwd=tmp_path)
    assert (out.returncode, out.stderr.splitlines()) == (2, lines)
    assert list(tmp_path.iterdir()) == []


def test_an_empty_out_writes_nothing_where_it_runs(synthetic_path, tmp_path) -> None:
    out = run("report", "Zwolle", "--out", "", "--db", str(synthetic_path), cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.splitlines()[0] == "Fout: geen pad opgegeven bij --out"
    assert list(tmp_path.iterdir()) == []  # before: zwolle.nl.html and assets/


@pytest.mark.parametrize(("args", "first"), [
    (("regions", "--set", " "), "Fout: geen regioset opgegeven"),
    (("regions", "--level", ""), "Fout: geen niveau opgegeven"),
    (("indicators", "--domain", ""), "Fout: geen domein opgegeven"),
    (("report", "--set", "", "--out", "/nonexistent-h52f"), "Fout: geen regioset opgegeven"),
    (("regions", "--set", "G41"), "Fout: onbekende regioset 'G41'"),  # a value: as before
])
def test_an_empty_choice_is_said_as_such(synthetic_path, args, first) -> None:
    out = run(*args, "--db", str(synthetic_path))
    assert out.returncode == 1
    lines = out.stderr.splitlines()
    assert lines[0] == first
    assert lines[-1].startswith("Tip: gebruik een van: ")


def test_a_db_under_a_file_names_the_file(synthetic_path) -> None:
    out = run("show", "Zwolle", "population", "--db", f"{synthetic_path}/x")
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        f"Fout: geen warehouse op {synthetic_path}/x: {synthetic_path} is een bestand, "
        "geen map", f"Tip: geef met --db het warehouse-bestand zelf, bijvoorbeeld --db "
        f"{synthetic_path}"]


def test_an_id_with_one_part_wrong_suggests_the_one_with_the_others(warehouse_path) -> None:
    out = run("show", "Zwolle", "gas_use_household", "--db", str(warehouse_path))
    assert out.stderr.splitlines()[1] == "Bedoelde u: gas_use_per_dwelling, households?"
    out = run("show", "Zwolle", "house_price", "--db", str(warehouse_path))
    assert out.stderr.splitlines()[1] == "Bedoelde u: house_price_mean?"

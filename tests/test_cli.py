"""The command line: outputs and user errors (short message, hint, no traceback)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "stadstrends.cli", *args],
                          capture_output=True, text=True, timeout=120)


def test_show_prints_the_series_with_its_source_as_csv(warehouse_path):
    out = run("show", "den bosch", "population", "--db", str(warehouse_path), "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    by_year = {int(r["year"]): r for r in rows}
    assert float(by_year[2019]["value"]) == 154205  # 's-Hertogenbosch, 1 January 2019 (37259)
    assert by_year[2019]["source"] == "37259eng"


def test_regions_json_resolves_aliases_and_codes(warehouse_path):
    for query, code in [("Den Haag", "GM0518"), ("GM0796", "GM0796"),
                        ("'s-Hertogenbosch", "GM0796")]:
        out = run("regions", query, "--db", str(warehouse_path), "--format", "json")
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout)[0]["region_code"] == code


def test_typo_in_city_gives_suggestions_and_no_traceback(warehouse_path):
    out = run("show", "Zwole", "population", "--db", str(warehouse_path))
    assert out.returncode == 1
    assert "Unknown municipality 'Zwole'" in out.stderr
    assert "Zwolle" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_unknown_indicator_and_missing_warehouse_are_short_errors(warehouse_path, tmp_path):
    out = run("show", "Zwolle", "populatoin", "--db", str(warehouse_path))
    assert out.returncode == 1 and "population" in out.stderr
    out = run("show", "Zwolle", "population", "--db", str(tmp_path / "none.duckdb"))
    assert out.returncode == 1 and "no warehouse" in out.stderr and "--snapshot" in out.stderr
    assert "Traceback" not in out.stderr


def test_live_build_without_network_fails_fast_suggesting_a_snapshot(tmp_path):
    import os
    import time

    env = {**os.environ, "STADSTRENDS_CACHE": str(tmp_path / "cache"),
           "STADSTRENDS_ODATA_URL": "http://127.0.0.1:9/ODataFeed/odata"}
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "build", "--db",
                          str(tmp_path / "x.duckdb")], capture_output=True, text=True,
                         timeout=60, env=env)
    assert time.monotonic() - start < 20
    assert out.returncode == 1
    assert "--snapshot" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "x.duckdb").exists()

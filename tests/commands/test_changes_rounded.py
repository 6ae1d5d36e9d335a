"""`stadstrends changes --format csv/json` gives the old and new values by the one rule of
every data output (``harmonised.as_data``: counts whole, other computed values to six
significant digits), as the downloads and `show` do. They printed DuckDB's floats: COROP
region CR01's crimes per 1 000 of 2024, 36.91492894431555 (36.9149), its population
137527.0 (137527); 460 of the 790 new values below. Real snapshot: an update whose new year
is the latest of crimes per 1 000 and of the population."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys

import duckdb
import pytest

from stadstrends.publish.harmonised import as_downloaded, download_text

INDICATORS = ("crimes_per_1000", "population")


def _changes(db, fmt: str) -> str:
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "changes", "--db", str(db),
                          "--format", fmt], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.fixture(scope="module")
def updated(warehouse_path, tmp_path_factory):
    """A warehouse after an update that brought the latest year of :data:`INDICATORS` (the
    old one a copy without it), and its new values as stored: (indicator, region, year) ->
    (value, unit)."""
    from stadstrends.warehouse import update

    folder = tmp_path_factory.mktemp("changes")
    old, new = folder / "old.duckdb", folder / "new.duckdb"
    shutil.copy(warehouse_path, old)
    shutil.copy(warehouse_path, new)
    with duckdb.connect(str(old)) as con:
        for ind in INDICATORS:
            con.execute("DELETE FROM indicator_results WHERE indicator_id = ? AND year = "
                        "(SELECT max(year) FROM indicator_results WHERE indicator_id = ?)",
                        [ind, ind])
    with duckdb.connect(str(new)) as con:
        info = con.execute("SELECT * FROM build_info").df().iloc[0].to_dict()
    update._store_changes(new, old, info, [], accept_losses=False)
    with duckdb.connect(str(new), read_only=True) as con:
        stored = {(i, r, y): (v, u) for i, r, y, v, u in con.execute(
            "SELECT c.indicator_id, c.region_code, c.year, c.new_value, i.unit FROM changes c "
            "JOIN indicators i USING (indicator_id) WHERE c.kind = 'new_year'").fetchall()}
    return new, stored


def test_changes_give_the_values_by_the_rule(updated):
    new, stored = updated
    assert {k[0] for k in stored} == set(INDICATORS)
    noisy = [v for v, _ in stored.values() if f"{v:.6g}" != repr(v)]
    assert len(noisy) > 100  # the premise: the stored rates carry float noise
    rows = list(csv.DictReader(io.StringIO(_changes(new, "csv"))))
    records = json.loads(_changes(new, "json"))
    for got, shown in ((rows, download_text), (records, as_downloaded)):
        printed = {(r["indicator_id"], r["region_code"], int(r["year"])): r["new_value"]
                   for r in got if r["kind"] == "new_year"}
        assert printed == {k: shown(v, u) for k, (v, u) in stored.items()}
    population = [r["new_value"] for r in records
                  if r["indicator_id"] == "population" and r["kind"] == "new_year"]
    assert population and all(isinstance(v, int) for v in population)  # 746149, not .0

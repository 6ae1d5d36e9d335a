"""Publish on the real warehouse: what needs the real country. The behaviour tests of
publish run on the synthetic warehouse (tests/fixtures/synthetic_warehouse.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from stadstrends.publish.report import builder
from tests.publish.test_report_groups import check_former


def test_a_municipality_split_over_four_is_an_error_naming_them(wh) -> None:
    check_former(wh, "Haaren")


def test_cli_profile_of_a_name_two_municipalities_share(warehouse_path):
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "profile", "Bergen (NH.)",
                          "--db", str(warehouse_path)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0 and "Gemeenteprofiel Bergen (NH.) (GM0373)" in out.stdout


def test_two_municipalities_called_bergen_get_a_file_each(wh, tmp_path) -> None:
    """A name two municipalities share is an error naming both (as CBS labels them);
    their reports get the code in the file name, and every municipality of an --all run
    gets a file of its own (Bergen NH overwrote Bergen L before)."""
    from stadstrends.errors import RegionNotFound
    from stadstrends.publish.report.batch import set_codes
    from stadstrends.publish.report.data import load_city

    with pytest.raises(RegionNotFound, match="Several municipalities are called 'bergen'") as err:
        load_city(wh, "bergen")
    assert "GM0373 Bergen (NH.), GM0893 Bergen (L.)" in str(err.value)
    names = {builder.write_city(wh, code, tmp_path, geometries=None).paths[0].name
             for code in ("GM0373", "GM0893", "Zeist")}
    assert names == {"bergen-gm0373.nl.html", "bergen-gm0893.nl.html", "zeist.nl.html"}
    shared = builder.shared_names(wh)
    assert shared == {"Bergen"}
    every = set_codes(wh, None)
    stems = {builder.report_stem(c["name"], "x", True, "nl",
                                 c["code"] if c["name"] in shared else None) for c in every}
    assert len(stems) == len(every) == 342

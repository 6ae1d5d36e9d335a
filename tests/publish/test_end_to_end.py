"""Publish on the real warehouse: what needs the real country. The behaviour tests of
publish run on the synthetic warehouse (tests/fixtures/synthetic_warehouse.py)."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city
from tests.publish.test_report_groups import check_former


def test_a_municipality_split_over_four_is_an_error_naming_them(wh) -> None:
    check_former(wh, "Haaren")


def test_cli_profile_of_a_name_two_municipalities_share(warehouse_path):
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "profile", "Bergen (NH.)",
                          "--db", str(warehouse_path)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0 and "Gemeenteprofiel Bergen (Noord-Holland) (GM0373)" in out.stdout


def test_two_municipalities_called_bergen_get_a_file_each(wh, tmp_path) -> None:
    """A name two municipalities share is an error naming both (as CBS labels them); their
    names carry their province (regions.told_apart), so their reports' files do too, and every
    municipality of an --all run gets a file of its own (Bergen NH overwrote Bergen L before)."""
    from stadstrends.errors import RegionNotFound
    from stadstrends.publish.report.batch import set_codes

    with pytest.raises(RegionNotFound, match="Several municipalities are called 'bergen'") as err:
        kept_city(wh, "bergen")
    assert "GM0373 Bergen (NH.), GM0893 Bergen (L.)" in str(err.value)
    names = {builder.write_city(wh, code, tmp_path, geometries=None).paths[0].name
             for code in ("GM0373", "GM0893", "Zeist")}
    assert names == {"bergen-noord-holland.nl.html", "bergen-limburg.nl.html", "zeist.nl.html"}
    shared = builder.shared_names(wh)
    assert shared == set()
    every = set_codes(wh, None)
    stems = {builder.report_stem(c["name"], "x", True, "nl",
                                 c["code"] if c["name"] in shared else None) for c in every}
    assert len(stems) == len(every) == 342


#: 'Bergen' not followed by the province (or CBS's label, or 'op Zoom'): the ambiguous name
BARE_BERGEN = re.compile(r"Bergen(?! op Zoom)(?! \((Limburg|Noord-Holland|L\.|NH\.)\))")


@pytest.mark.parametrize("code", ["GM0893", "GM0907"])  # Bergen (L.) and its neighbour Gennep
def test_no_report_names_a_bergen_without_its_province(wh, tmp_path, code) -> None:
    """Bergen (L.)'s report said 'Trendstudie Bergen' and 'Bergen in het kort' (151 times a
    bare 'Bergen'), Gennep's its neighbour 'Bergen' in its tables and charts (9): a reader
    could not tell which of the two Bergens was meant."""
    path = builder.write_city(wh, code, tmp_path).paths[0]  # with its maps' tables
    text = html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
    assert "Bergen (Limburg)" in text
    bare = [text[max(0, m.start() - 40):m.end() + 20] for m in BARE_BERGEN.finditer(text)]
    assert not bare, bare[:5]

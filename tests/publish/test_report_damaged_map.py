"""A boundary file damaged after the build (the real warehouse, its snapshot's PDOK GeoJSON
replaced by random bytes): 'report Heerlen' stopped with a UnicodeDecodeError traceback and
the site's report gave a 500. Now the report is written whole without its map, says so on
its first page, and the command line names the file; the site's boundaries answer a 502
naming it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import duckdb
from fastapi.testclient import TestClient

from stadstrends import geofiles
from tests.test_geofiles import _snapshot_copy


def _damaged_build(warehouse_path, shared_data, folder):
    """A copy of the warehouse whose recorded snapshot has a damaged PDOK GeoJSON."""
    snap = _snapshot_copy(shared_data, folder)
    (snap / geofiles.MUNICIPALITIES).write_bytes(os.urandom(5000))
    db = folder / "stadstrends.duckdb"
    shutil.copyfile(warehouse_path, db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE build_info SET snapshot = ?", [str(snap)])
    con.close()
    return db, snap


def test_a_report_without_its_map_says_why(warehouse_path, shared_data, tmp_path) -> None:
    db, snap = _damaged_build(warehouse_path, shared_data, tmp_path)
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "report", "Heerlen", "--db",
                          str(db), "--out", str(tmp_path / "out"), "--format", "html"],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr[-2000:]
    assert (f"Let op: Heerlen: zonder kaart geschreven: grenzenbestand "  # Dutch: the default
            f"{snap / geofiles.MUNICIPALITIES} is geen UTF-8") in out.stderr, out.stderr
    page = (tmp_path / "out" / "heerlen.nl.html").read_text(encoding="utf-8")
    assert 'id="fig-map"' not in page
    assert ('<p class="note">De kaart ontbreekt: het bestand met de gemeentegrenzen (PDOK) '
            'is beschadigd.</p>') in page
    assert page.count("<section") >= 8  # the rest of the report is there


def test_the_sites_boundaries_of_a_damaged_file_are_a_502(warehouse_path, shared_data,
                                                          tmp_path) -> None:
    from stadstrends.publish.web.app import create_app

    db, snap = _damaged_build(warehouse_path, shared_data, tmp_path)
    app = create_app(db, None, geo_file=snap / geofiles.MUNICIPALITIES, warm=False)
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            answer = client.get("/api/v1/geo/gemeenten.geojson?lang=en")  # Dutch by default
            assert answer.status_code == 502, answer.text[:300]
            err = answer.json()["error"]
            assert err["code"] == "malformed_source" and "not UTF-8" in err["message"], err
            dutch = client.get("/api/v1/geo/gemeenten.geojson").json()["error"]
            assert "geen UTF-8" in dutch["message"], dutch
            page = client.get("/gemeente/GM0917", headers={"accept": "text/html"})
            assert page.status_code == 200
            assert re.search(r"Heerlen", page.text)
    finally:
        app.state.wh.close()

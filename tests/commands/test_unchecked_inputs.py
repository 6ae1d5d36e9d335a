"""A snapshot without its register (SOURCES.md with the rows, regions and periods of each
file) is refused, unless ``build --unchecked``; a warehouse built so says it.

A new user deleted SOURCES.md from a copy and cut the last 300 lines of 85383NED: the build
exited 0 with one closing 'Let op: ... niet getoetst' line, 700 municipal values were lost
(65+/75+ shares, migration background, bijstand of about 100 municipalities) and `show
Zwolle share_age_65_plus` gave 2019 as its latest year with no word of 2023-2024. Now the
build refuses before it reads anything, naming the file and the option; with the option
``build_info.inputs_unchecked`` is true, and the commands that read the warehouse, the
report's front page and the site's footer say the figures were not checked against the
snapshot's counts (here on copies of the synthetic warehouse, marked so)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from stadstrends.errors import MalformedSource
from stadstrends.ingest.sources import table_reader
from tests.fixtures.damaged_snapshot import damaged_snapshot, refused_build

FUND = "cbs_statline_dump/municipal_complete/85383NED.csv"


def cut_300(data: bytes) -> bytes:
    """The file without its last 300 lines."""
    return b"".join(data.splitlines(keepends=True)[:-300])


@pytest.fixture()
def unregistered(shared_data: Path, tmp_path: Path) -> Path:
    """The real snapshot (linked) with 85383NED cut by 300 lines and no SOURCES.md."""
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", FUND, cut_300)
    (snapshot / "SOURCES.md").unlink()
    return snapshot


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_snapshot_without_its_register_is_refused_naming_the_option(
        unregistered, synthetic_path, tmp_path, lang):
    err = " ".join(refused_build(unregistered, synthetic_path, tmp_path / "wh", lang).split())
    register = unregistered / "SOURCES.md"
    said = {"nl": (f"Fout: {register} ontbreekt of noemt geen rijen, regionamen of perioden "
                   "per bestand: zonder dat register kan de build niet nagaan",
                   "Tip: kopieer SOURCES.md opnieuw uit de bron van de snapshot; wilt u toch "
                   "bouwen zonder die controle, geef dan --unchecked"),
            "en": (f"Error: {register} is missing or gives no rows, region labels or periods "
                   "per file: without that register the build cannot tell",
                   "Hint: copy SOURCES.md again from the snapshot's source; to build without "
                   "that check anyway, pass --unchecked")}[lang]
    assert said[0] in err and said[1] in err, err
    assert "inlezen" not in err and "ingest" not in err, err  # before anything is read


def test_a_register_without_counts_is_refused_as_none(unregistered):
    """A SOURCES.md that gives no counts per file checks nothing either."""
    (unregistered / "SOURCES.md").write_text(
        "# Snapshot\n\n| file | content |\n|---|---|\n| `municipal_complete/85383NED.csv` | "
        "Gemeentefonds |\n", encoding="utf-8")
    with pytest.raises(MalformedSource) as err:
        table_reader(unregistered)
    assert err.value.key == "snapshot_no_register", err.value
    read, _, origin = table_reader(unregistered, unchecked=True)  # the explicit option
    assert origin == "snapshot" and read("85383NED").source.rows_read == 2094


def test_the_real_snapshot_needs_no_option(shared_data):
    assert table_reader(shared_data)[2] == "snapshot"


@pytest.fixture()
def unchecked_copy(synthetic_path: Path, tmp_path: Path) -> Path:
    """A copy of the synthetic warehouse recorded as built with --unchecked."""
    db = tmp_path / "unchecked.duckdb"
    shutil.copy(synthetic_path, db)
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE build_info SET inputs_unchecked = true")
    return db


def _run(*args: str) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", *args],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stdout + out.stderr
    return out


def test_the_commands_that_read_it_say_it(unchecked_copy, synthetic_path):
    said = " ".join(_run("show", "Zwolle", "population", "--db", str(unchecked_copy)
                         ).stderr.split())
    assert (f"Let op: {unchecked_copy} is gebouwd met --unchecked, uit een snapshot "
            "zonder register (SOURCES.md): de bestanden zijn niet getoetst aan de aantallen "
            "van de snapshot") in said, said
    assert said.count("--unchecked") == 1, said
    assert "unchecked" not in _run("show", "Zwolle", "population", "--db",
                                   str(synthetic_path)).stderr


def test_the_report_and_the_site_say_it(unchecked_copy, synthetic_path, tmp_path):
    from stadstrends.publish.web.app import create_app

    note = {"nl": "Let op: deze cijfers zijn gebouwd uit een snapshot zonder register "
                  "(SOURCES.md) en niet getoetst aan de aantallen rijen, regio's en jaren",
            "en": "Note: these figures were built from a snapshot without its register "
                  "(SOURCES.md) and not checked against the snapshot's counts"}
    for db, marked in ((unchecked_copy, True), (synthetic_path, False)):
        out = tmp_path / f"out-{marked}"
        for lang in ("nl", "en"):
            _run("report", "Zwolle", "--db", str(db), "--out", str(out), "--format", "html",
                 "--lang", lang)
            page = " ".join((out / f"zwolle.{lang}.html").read_text(encoding="utf-8").split())
            assert (note[lang].replace("'", "&#39;") in page) is marked, (lang, marked)
        app = create_app(db, tmp_path, warm=False)
        try:
            with TestClient(app) as client:
                for path in ("/", "/gemeente/zwolle", "/indicator/population?lang=en"):
                    lang = "en" if "lang=en" in path else "nl"
                    html = " ".join(client.get(path).text.split())
                    assert (note[lang].replace("'", "&#39;") in html) is marked, (path, marked)
        finally:
            app.state.wh.close()

"""The boundary files the maps draw are checked as the CSVs are (damaged copies of the real
snapshot's files): 'build' on a snapshot whose PDOK GeoJSON was random bytes succeeded, and
'report Heerlen' then stopped with a UnicodeDecodeError traceback. Now the build stops
first, naming the file, with the previous warehouse untouched."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stadstrends import geofiles
from stadstrends.errors import MalformedSource


def _snapshot_copy(shared_data: Path, folder: Path) -> Path:
    """The real snapshot as links, the boundary folders copied (to be damaged)."""
    snap = folder / "data"
    snap.mkdir()
    for entry in shared_data.iterdir():
        if entry.name in (geofiles.MUNICIPALITIES.parts[0], geofiles.WIJKEN.parts[0]):
            (snap / entry.name).mkdir()
            for f in entry.iterdir():
                (snap / entry.name / f.name).write_bytes(f.read_bytes())
        else:
            (snap / entry.name).symlink_to(entry)
    return snap


def _without_code(data: bytes) -> bytes:
    doc = json.loads(data)
    del doc["features"][4]["properties"]["gemeentecode"]
    return json.dumps(doc).encode()


DAMAGES = {  # name -> (file, damage, words of the message)
    "random bytes": (geofiles.MUNICIPALITIES, lambda b: os.urandom(5000), "not UTF-8"),
    "cut": (geofiles.MUNICIPALITIES, lambda b: b[:len(b) // 3], "stops inside the data"),
    "no code": (geofiles.MUNICIPALITIES, _without_code, "feature 5 of 343"),
    "not geojson": (geofiles.MUNICIPALITIES, lambda b: b"[]", "has no features"),
    "wijken cut": (geofiles.WIJKEN, lambda b: b[:len(b) // 2], "stops inside the data"),
}


def test_the_real_boundary_files_pass(shared_data) -> None:
    assert geofiles.check_snapshot(shared_data) == [shared_data / geofiles.MUNICIPALITIES,
                                                    shared_data / geofiles.WIJKEN]


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_boundary_file_is_named(shared_data, tmp_path, damage) -> None:
    rel, spoil, words = DAMAGES[damage]
    snap = _snapshot_copy(shared_data, tmp_path)
    path = snap / rel
    path.write_bytes(spoil(path.read_bytes()))
    with pytest.raises(MalformedSource) as info:
        geofiles.check_snapshot(snap)
    assert str(path) in info.value.message and words in info.value.message, info.value
    assert "SOURCES.md" in info.value.hint


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_build_stops_on_a_damaged_map_and_keeps_the_warehouse(shared_data, tmp_path,
                                                                  synthetic_path, lang) -> None:
    """In the command's language: 'grenzenbestand ... is geen UTF-8-tekst' in Dutch."""
    snap = _snapshot_copy(shared_data, tmp_path)
    (snap / geofiles.MUNICIPALITIES).write_bytes(os.urandom(5000))
    db = tmp_path / "stadstrends.duckdb"
    db.write_bytes(synthetic_path.read_bytes())  # the warehouse built before
    before = db.read_bytes()
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "build", "--snapshot",
                          str(snap), "--db", str(db), "--lang", lang], capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 1, out.stdout[-2000:]
    assert "Traceback" not in out.stderr and "Built" not in out.stdout
    said = {"nl": ("grenzenbestand {} is geen UTF-8-tekst", "Tip: het bestand is beschadigd"),
            "en": ("boundary file {} is not UTF-8 text", "Hint: the file is damaged")}[lang]
    assert said[0].format(snap / geofiles.MUNICIPALITIES) in out.stderr, out.stderr
    assert said[1] in out.stderr, out.stderr
    assert db.read_bytes() == before


def test_an_unreadable_boundary_file_says_why_in_dutch(tmp_path: Path) -> None:
    """The file system's refusal in the reader's language: a boundary 'file' that is a
    folder read 'Is a directory' in a Dutch message; now 'dit is een map'."""
    folder = tmp_path / "gemeenten.geojson"
    folder.mkdir()
    with pytest.raises(MalformedSource) as caught:
        geofiles.read_geojson(folder)
    nl, _ = caught.value.in_language("nl")
    en, _ = caught.value.in_language("en")
    assert "dit is een map" in nl and "Is a directory" not in nl, nl
    assert "is a directory" in en.lower(), en


def _regions_known(wh) -> dict:
    """The region tables the regions stage made (as the session's warehouse stored them)."""
    return {"membership": wh.execute("SELECT * FROM membership").df(),
            "regions": wh.execute("SELECT * FROM regions").df()}


def _without(path: Path, codes: set[str]) -> None:
    doc = json.loads(path.read_bytes())
    doc["features"] = [f for f in doc["features"]
                       if f["properties"]["gemeentecode"] not in codes]
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_a_boundary_file_without_a_municipality_stops_the_build(shared_data, tmp_path,
                                                               wh) -> None:
    """A valid copy that lost Schiermonnikoog's feature (342 features, still JSON) built
    ('Gebouwd') and Schiermonnikoog's report map left Schiermonnikoog out. Now the regions
    stage's check (the build's worker) names the file and the municipality, in both
    languages, before anything is swapped."""
    from stadstrends.warehouse.build import checked_regions

    frames = _regions_known(wh)
    known = geofiles.municipalities_of(frames)
    assert len(known) == 342 and known["GM0088"] == "Schiermonnikoog"  # 2023's, not the file's
    assert len(geofiles.check_snapshot(shared_data, known)) == 2  # the real file has them all
    snap = _snapshot_copy(shared_data, tmp_path)
    path = snap / geofiles.MUNICIPALITIES
    _without(path, {"GM0088"})
    with pytest.raises(MalformedSource) as caught:
        checked_regions(lambda _snapshot: frames, snap)
    nl, nl_hint = caught.value.in_language("nl")
    assert nl == f"grenzenbestand {path} mist 1 gemeente van 2023: GM0088 Schiermonnikoog", nl
    assert "zet het terug uit de bron van de snapshot (SOURCES.md, sectie 5)" in nl_hint
    en, _ = caught.value.in_language("en")
    assert en == f"boundary file {path} lacks 1 municipality of 2023: GM0088 Schiermonnikoog"


def test_many_missing_municipalities_are_counted(shared_data, tmp_path, wh) -> None:
    """Twelve lost features: the first ten named (code order), the rest counted."""
    known = geofiles.municipalities_of(_regions_known(wh))
    lost = sorted(known)[:12]
    snap = _snapshot_copy(shared_data, tmp_path)
    _without(snap / geofiles.MUNICIPALITIES, set(lost))
    with pytest.raises(MalformedSource) as caught:
        geofiles.check_snapshot(snap, known)
    nl, _ = caught.value.in_language("nl")
    assert f"mist 12 gemeenten van 2023: {lost[0]} {known[lost[0]]}, " in nl, nl
    assert nl.endswith(f"{lost[9]} {known[lost[9]]} en nog 2"), nl

"""Snapshot inputs outside the StatLine dump's tables are checked against the counts the
snapshot itself documents, and a damaged one is refused naming the file, both counts and a
hint, before anything is built (into a fresh --db no warehouse is left; an existing one
stays byte for byte):

* the 37259eng CSV against the rows SOURCES.md gives in prose ('* Rows: 15630'): cut by a
  third at a line boundary it was read as it was (36 477 observations fewer, no word);
* the Gebieden in Nederland folder against the editions SOURCES.md lists: with 86059NED
  deleted the build took 2024 for the reference year and `membership` lost its 342 rows;
* a recorded v4 page against ``observationRows`` of its ``index.json``: cut by 3 000
  observations the build swapped in a warehouse (exit 1) in which `show Zwolle population`
  said 'CBS publiceert tabel 03759ned niet voor alle gemeenten' for 2024-2026.

Damaged copies are links to the real snapshot with one file changed or removed
(:mod:`tests.fixtures.damaged_snapshot`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stadstrends.errors import MalformedSource
from stadstrends.ingest.snapshot import read_table
from stadstrends.ingest.snapshot_v4 import read_v4_recording
from stadstrends.regions.membership import membership
from stadstrends.regions.sources import edition_paths
from tests.fixtures.damaged_snapshot import damaged_snapshot, refused_build

POPULATION = "cbs_37259eng_population_dynamics/250112_CLEAN_population_regional_NL.csv"
GEBIEDEN = "cbs_statline_dump/gebieden_in_nederland"
EDITION_2025 = f"{GEBIEDEN}/86059NED.csv"
V4 = "cbs_odata4_v4_responses/03759ned"
PAGE = f"{V4}/observations-page-1.json"


def two_thirds(data: bytes) -> bytes:
    """The header and the first two thirds of the rows, cut at a line end."""
    lines = data.split(b"\n")
    return b"\n".join(lines[: 2 * len(lines) // 3]) + b"\n"


def fewer_observations(data: bytes) -> bytes:
    """The page as valid JSON without its last 3 000 observations."""
    page = json.loads(data)
    page["value"] = page["value"][:-3000]
    return json.dumps(page).encode()


def register_line(shared_data: Path, start: str) -> int:
    """The line of SOURCES.md that starts with ``start`` (found without the parser)."""
    lines = (shared_data / "SOURCES.md").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(start))


def without(shared_data: Path, root: Path, relative: str) -> Path:
    """A linked copy of the snapshot without ``relative``."""
    snapshot = damaged_snapshot(shared_data, root, relative, lambda d: d + b"\n")
    (snapshot / relative).unlink()
    return snapshot


def test_37259eng_cut_at_a_line_boundary_is_refused(shared_data, tmp_path):
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", POPULATION, two_thirds)
    with pytest.raises(MalformedSource) as err:
        read_table(snapshot, "37259eng")
    line = register_line(shared_data, "* Rows: 15630 ")
    assert err.value.key == "snapshot_file_short"
    assert err.value.message == (f"{snapshot / POPULATION} is incomplete: SOURCES.md (line "
                                 f"{line}) lists 15630 rows; the file holds 10419 rows")
    message, hint = err.value.in_language("nl")
    assert message == (f"{snapshot / POPULATION} is onvolledig: SOURCES.md (regel {line}) "
                       "noemt 15630 rijen; het bestand heeft 10419 rijen")
    assert hint == ("het bestand is ingekort of verloor rijen bij het kopiëren; kopieer het "
                    "opnieuw uit de bron van de snapshot (de sectie van SOURCES.md boven regel "
                    f"{line} noemt herkomst en commit)")  # no live fetch of 37259eng
    assert "fetch" not in err.value.hint


def test_a_deleted_gebieden_edition_is_refused(shared_data, tmp_path):
    snapshot = without(shared_data, tmp_path / "snap", EDITION_2025)
    line = register_line(shared_data, "| `gebieden_in_nederland/86059NED.csv` |")
    said = (f"{snapshot / GEBIEDEN} lacks 1 of the 30 files SOURCES.md lists in it: "
            f"86059NED.csv (SOURCES.md line {line}); the folder holds 29 of them")
    with pytest.raises(MalformedSource) as err:
        edition_paths(snapshot)
    assert err.value.key == "snapshot_files_missing"
    assert err.value.message == said
    assert err.value.in_language("nl")[0] == (
        f"{snapshot / GEBIEDEN} mist 1 van de 30 bestanden die SOURCES.md erin noemt: "
        f"86059NED.csv (SOURCES.md regel {line}); de map heeft er 29")
    assert "copy it again from the snapshot's source" in err.value.hint
    with pytest.raises(MalformedSource, match="lacks 1 of the 30 files"):
        membership(snapshot)  # 342 rows (2025) fewer, and 2024 the reference year, before
    assert len(edition_paths(shared_data)) == 30  # the real snapshot has every edition


def test_a_v4_page_short_of_its_index_is_refused(shared_data, tmp_path):
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", PAGE, fewer_observations)
    with pytest.raises(MalformedSource) as err:
        read_v4_recording(snapshot, "03759ned")
    assert err.value.key == "v4_observations_differ"
    assert err.value.message == (
        f"recorded v4 pages {snapshot / PAGE} hold 10,568 observations; "
        f"{snapshot / V4}/index.json lists 13,568 (observationRows)")
    assert err.value.in_language("nl")[0] == (
        f"de opgenomen v4-pagina's {snapshot / PAGE} hebben 10.568 waarnemingen; "
        f"{snapshot / V4}/index.json noemt er 13.568 (observationRows)")
    assert err.value.hint.endswith(
        "or record it again from https://datasets.cbs.nl/odata/v1/CBS/03759ned")
    assert read_v4_recording(shared_data, "03759ned").source.rows_read == 13568


def test_a_build_into_a_fresh_db_from_a_cut_v4_page_leaves_no_warehouse(shared_data,
                                                                          tmp_path):
    """It built and swapped in a warehouse (exit 1, 'checks failed') that later commands
    read, blaming CBS for the missing municipalities."""
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", PAGE, fewer_observations)
    folder = tmp_path / "fresh"
    folder.mkdir()
    db = folder / "w.duckdb"
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "build", "--snapshot",
                          str(snapshot), "--db", str(db), "--lang", "en"],
                         capture_output=True, text=True, timeout=900)
    assert out.returncode == 1, out.stdout + out.stderr
    assert list(folder.iterdir()) == []
    assert "Traceback" not in out.stderr, out.stderr
    said = " ".join(out.stderr.split())
    assert f"Error: recorded v4 pages {snapshot / PAGE} hold 10,568 observations" in said, said


def test_a_build_without_a_gebieden_edition_keeps_the_warehouse(shared_data, warehouse_path,
                                                                 tmp_path):
    """It replaced the warehouse with one whose boundaries were those of 2024."""
    snapshot = without(shared_data, tmp_path / "snap", EDITION_2025)
    said = " ".join(refused_build(snapshot, warehouse_path, tmp_path / "wh").split())
    assert f"Error: {snapshot / GEBIEDEN} lacks 1 of the 30 files" in said, said
    assert "Hint: the file was deleted or not copied" in said, said


def first_part(data: bytes) -> bytes:
    """SOURCES.md cut after its first 9 000 bytes (at a line end): the register loses the
    lines of most StatLine files."""
    return data[: data.rindex(b"\n", 0, 9000) + 1]


def test_a_cut_register_is_refused_not_a_reason_to_check_nothing(shared_data, tmp_path):
    """SOURCES.md cut to 9 000 of its bytes: the files whose lines it lost were read
    unchecked, so a cut 81064ned built with exit 0 and `show` said 'CBS publiceert tabel
    81064ned niet voor alle gemeenten' (a fresh-eyes test). Every StatLine file has a line
    in the real register; a file without one in a register that has lines is refused."""
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", "SOURCES.md", first_part)
    kept = (snapshot / "SOURCES.md").read_text(encoding="utf-8").lower()
    lost = sorted(p for p in (shared_data / "cbs_statline_dump" / "municipal_complete").glob(
        "*.csv") if p.name.lower() not in kept)
    assert lost, "the cut register still lists every municipal table"
    table = lost[0].relative_to(shared_data)
    with pytest.raises(MalformedSource) as err:
        read_table(snapshot, lost[0].stem)
    assert err.value.key == "snapshot_unlisted"
    assert err.value.message.startswith(f"{snapshot / table} is not in SOURCES.md"), \
        err.value.message
    assert "copy SOURCES.md again" in err.value.hint
    read_table(shared_data, lost[0].stem)  # the real register lists it: read, not refused

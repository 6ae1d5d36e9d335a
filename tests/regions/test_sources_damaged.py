"""Damaged region reference files (Gebieden in Nederland, 70739ned, RvIG table 33) are
refused saying the file is damaged, which line, the fields found and expected, and the
SOURCES.md section to restore it from; a build from them leaves the warehouse untouched.

Before, a field inserted into one row of 86059NED failed as "column Code_10 does not hold
the CR codes ..." with a developer's hint (run regions.edition_columns()); a field added
to 37194 was dropped without a word; a damaged RvIG file passed pandas' text through
("C error: Expected 5 fields in line 741, saw 7" and a blank line)."""

from __future__ import annotations

import re

import pytest

from stadstrends.errors import MalformedSource
from stadstrends.ingest.labels import RegionLabels
from stadstrends.regions.membership import membership
from stadstrends.regions.sources import read_edition, read_herindeling, read_rvig
from tests.fixtures.damaged_snapshot import damaged_snapshot, refused_build

GEBIEDEN = "cbs_statline_dump/gebieden_in_nederland/"
EDITION_2025 = GEBIEDEN + "86059NED.csv"
EDITION_1996 = GEBIEDEN + "37194.csv"
RVIG = "rvig_gemeententabel/Tabel33_Gemeententabel_utf8.csv"
HERINDELING = "cbs_statline_dump/herindeling/70739ned.csv"


def _edited_corop_code(data: bytes) -> bytes:
    """Aalten's COROP code (line 4) edited; the row keeps its number of fields."""
    lines = data.split(b"\n")
    lines[3] = re.sub(rb";CR(\d\d)", rb";XX\1", lines[3], count=1)
    return b"\n".join(lines)


CASES = {  # file, damage, read, message, SOURCES.md section
    "86059NED field inserted": (
        EDITION_2025, lambda d: d.replace(b";Arnhem", b";Arnhem;x", 1), membership,
        r"^86059NED\.csv: rows with extra fields: line 4, fields 60, expected 59$",
        "section 1 `cbs_statline_dump/`"),
    "37194 field added": (
        EDITION_1996, lambda d: d.replace(b"\n", b";x\n", 40).replace(b";x\n", b"\n", 39),
        lambda s: read_edition(s / EDITION_1996, ["Code_3"]),
        r"^37194\.csv: rows with extra fields: line 40, fields 68, expected 67$",
        "section 1 `cbs_statline_dump/`"),
    "RvIG fields added": (
        RVIG, lambda d: d.replace(b'"0202","Arnhem",', b'"0202","Arnhem","x","y",'),
        read_rvig,
        r"^Tabel33_Gemeententabel_utf8\.csv: rows with extra fields: line 204, fields 7, "
        r"expected 5$", "section 8 `rvig_gemeententabel/`"),
    "70739ned field deleted": (
        HERINDELING, lambda d: d.replace(b";Arnhem;", b";Arnhem", 1), read_herindeling,
        r"^70739ned\.csv: incomplete rows: line 126, fields 8, expected 9$",
        "section 1 `cbs_statline_dump/`"),
    "70739ned field deleted, read as labels": (
        HERINDELING, lambda d: d.replace(b";Arnhem;", b";Arnhem", 1),
        lambda s: RegionLabels.from_csv(s / HERINDELING),
        r"^70739ned\.csv: incomplete rows: line 126, fields 8, expected 9$",
        "section 1 `cbs_statline_dump/`"),
    "86059NED code edited": (
        EDITION_2025, _edited_corop_code, membership,
        r"^86059NED\.csv: column Code_10 does not hold the CR codes of edition 86059NED "
        r"\(line 4: 'XX14'\)$", "section 1 `cbs_statline_dump/`"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_damaged_region_file_names_file_line_and_fields(shared_data, tmp_path, case):
    relative, damage, read, message, section = CASES[case]
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", relative, damage)
    with pytest.raises(MalformedSource, match=_in(snapshot, relative, message)) as err:
        read(snapshot)
    hint = err.value.hint
    assert hint.startswith("the file is damaged (cut or edited); restore it from its source "
                           f"(SOURCES.md, {section}, names the origin and commit)"), hint
    assert "\n" not in err.value.message and "C error" not in err.value.message


def _in(snapshot, relative: str, message: str) -> str:
    """``message`` (a pattern starting with the file's name) after the file's folder in the
    damaged snapshot: the error names the file by its whole path."""
    return "^" + re.escape(f"{snapshot / relative.rsplit('/', 1)[0]}/") + message.lstrip("^")


@pytest.mark.parametrize("case", ["86059NED field inserted", "RvIG fields added"])
def test_a_build_from_a_damaged_region_file_keeps_the_warehouse(shared_data, warehouse_path,
                                                                 tmp_path, case):
    relative, damage, _, message, _ = CASES[case]
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", relative, damage)
    stderr = refused_build(snapshot, warehouse_path, tmp_path / "wh")
    said = f"{snapshot / relative.rsplit('/', 1)[0]}/" + message.strip("^$").replace("\\", "")
    assert f"Error: {said}\nHint: the file is damaged" in stderr, stderr

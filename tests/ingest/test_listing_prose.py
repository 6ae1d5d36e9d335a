"""Snapshot inputs that SOURCES.md describes in prose, with their counts in its own words,
are checked against those counts like the StatLine files against their table lines:

* KWB 2019 ('355 rows = all municipalities of 2019', section 9),
* the age groups of 2020 ('every one of the 355 rows sums exactly', section 10),
* the commuting matrices ('405 rows x 406 fields', section 11, for each `Van_YYYY.csv`),
* RvIG table 33 ('1 478 rows: all municipality codes since 1812', section 8).

Before, only their form was checked: KWB 2019, the age groups and table 33 cut by three
rows at a line end were read as they were (three municipalities, or three codes of the
merger crosswalk, fewer without a word); a cut matrix was refused as 'not square', without
the count the snapshot documents. Damaged copies are links to the real snapshot with one
file changed (:mod:`tests.fixtures.damaged_snapshot`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stadstrends.errors import MalformedSource
from stadstrends.ingest import listing as register_module
from stadstrends.ingest.listing import Listed, parse_register
from stadstrends.ingest.snapshot import read_table
from stadstrends.regions.sources import read_rvig
from tests.fixtures.damaged_snapshot import damaged_snapshot, refused_build

KWB = "kwb2019_gemeenten/kwb-2019.csv"
AGES = "population_agegroups_2020_mzelst/municipalities-population-agegroup.csv"
RVIG = "rvig_gemeententabel/Tabel33_Gemeententabel_utf8.csv"
MATRICES = "commuting_gemeente_matrix_2006_2014"

#: file, its reader, the words of SOURCES.md that give its rows, and whether it has a header
INPUTS = {
    "KWB 2019": (KWB, lambda s: read_table(s, "kwb2019"), "355 rows = all municipalities",
                 True),
    "age groups 2020": (AGES, lambda s: read_table(s, "agegroups2020"),
                        "every one of the 355 rows", True),
    "commuting matrix 2010": (f"{MATRICES}/Van_2010.csv",
                              lambda s: read_table(s, "commuting_matrix_2010"),
                              "405 rows x 406 fields", False),
    "RvIG table 33": (RVIG, read_rvig, "* 1 478 rows: all municipality codes", True),
}


def stated_line(shared_data: Path, words: str) -> int:
    """The line of SOURCES.md holding ``words`` (found without the parser)."""
    lines = (shared_data / "SOURCES.md").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if words in line)


def data_rows(path: Path, header: bool) -> int:
    """The file's rows counted by its line ends (every file ends with one)."""
    return path.read_bytes().count(b"\n") - header


def last_three_rows_cut(data: bytes) -> bytes:
    lines = data.split(b"\n")  # the last is empty: the file ends with a line end
    return b"\n".join(lines[:-4]) + b"\n"


def test_the_real_register_gives_each_input_its_documented_rows(shared_data):
    """Each such file of the real snapshot has a line, its rows are the file's rows (counted
    here from its line ends), and its reader reads it; every year's matrix has the line of
    section 11 (`Van_YYYY.csv`), not only the two years it names (2006, 2014)."""
    register = register_module.listing(shared_data)
    files = {KWB: True, AGES: True, RVIG: True,
             **{f"{MATRICES}/Van_{year}.csv": False for year in range(2006, 2015)}}
    for relative, header in files.items():
        words = next((w for f, _, w, _ in INPUTS.values() if f == relative),
                     "405 rows x 406 fields")
        line = register_module.line_for(register, relative.lower())
        assert line is not None, relative
        assert (line.rows, line.line) == (data_rows(shared_data / relative, header),
                                          stated_line(shared_data, words)), relative
    for _, read, _, _ in INPUTS.values():
        read(shared_data)


@pytest.mark.parametrize("case", list(INPUTS))
def test_a_prose_input_cut_by_three_rows_is_refused(shared_data, tmp_path, case):
    relative, read, words, header = INPUTS[case]
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", relative, last_three_rows_cut)
    rows = data_rows(shared_data / relative, header)
    line = stated_line(shared_data, words)
    with pytest.raises(MalformedSource) as err:
        read(snapshot)
    assert err.value.key == "snapshot_file_short"
    assert err.value.message == (f"{snapshot / relative} is incomplete: SOURCES.md (line "
                                 f"{line}) lists {rows} rows; the file holds {rows - 3} rows")
    message, hint = err.value.in_language("nl")
    assert message == (f"{snapshot / relative} is onvolledig: SOURCES.md (regel {line}) "
                       f"noemt {rows} rijen; het bestand heeft {rows - 3} rijen")
    assert f"de sectie van SOURCES.md boven regel {line} noemt herkomst en commit" in hint


def before_section_8(data: bytes) -> bytes:
    """SOURCES.md without its sections 8 to 12 (cut at the heading of section 8)."""
    return data[: data.index(b"\n## 8. ") + 1]


def test_a_register_cut_before_the_prose_sections_is_refused(shared_data, tmp_path):
    """SOURCES.md cut before section 8 still lists the StatLine files, but no longer RvIG
    table 33, KWB 2019, the age groups or the matrices: they would be read unchecked; a
    file without a line in a register that has lines is refused, as a StatLine file is."""
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", "SOURCES.md", before_section_8)
    for relative, read, _, _ in INPUTS.values():
        with pytest.raises(MalformedSource) as err:
            read(snapshot)
        assert err.value.key == "snapshot_unlisted", relative
        assert err.value.message.startswith(f"{snapshot / relative} is not in SOURCES.md")
    read_table(snapshot, "37259eng")  # section 2 is kept: its file has its line


PROSE = """# A register

## 8. `crosswalk/` - a table with its counts in words

* Files: `crosswalk_utf16.csv` (verbatim) and `crosswalk_utf8.csv` (converted).
* 1 478 rows: all codes since 1812; an older copy `data/old_crosswalk.csv` not copied.

## 9. `counted/` - 'Rows:' wins over words

* Origin path `misc/counted.csv`.
* Rows: 40 (of which 12 rows are totals).

## 10. `disagree/` - two counts that differ give no line

* `disagree.csv`: 355 rows; after cleaning 350 rows.

## 11. `matrices/` - one file per year

* Origin paths `scripts/Van_2006.csv` .. `scripts/Van_2014.csv`; 405 rows x 406 fields.
* Names match `gebieden_in_nederland/82496NED.csv` (another folder) and `Van_YYYY.csv`.

| file | rows |
|---|---|
| `gebieden_in_nederland/82496NED.csv` | 403 |
"""


def test_the_counts_of_prose_sections_are_read_by_their_words(tmp_path):
    """'1 478 rows' with a thousands space; '* Rows: N' before any 'N rows'; phrases that
    disagree give no line; a name under another folder of the snapshot is not the
    section's file; `Van_YYYY.csv` stands for every year's file."""
    listed = parse_register(PROSE, tmp_path)
    prose = {k: (v.rows, v.line) for k, v in listed.items()
             if not k.startswith("cbs_statline_dump/")}
    assert prose == {
        "crosswalk/crosswalk_utf16.csv": (1478, 6),
        "crosswalk/crosswalk_utf8.csv": (1478, 6),
        "crosswalk/old_crosswalk.csv": (1478, 6),  # named, never in the folder: never read
        "counted/counted.csv": (40, 11),
        "matrices/van_2006.csv": (405, 19),
        "matrices/van_2014.csv": (405, 19),
        "matrices/van_yyyy.csv": (405, 19),
    }
    assert listed["cbs_statline_dump/gebieden_in_nederland/82496ned.csv"] == Listed(
        403, None, None, 24)
    assert register_module.line_for(listed, "matrices/van_2010.csv").rows == 405
    assert register_module.line_for(listed, "matrices/van_201.csv") is None
    assert register_module.line_for(listed, "disagree/disagree.csv") is None


def test_a_build_from_a_cut_rvig_table_is_refused_and_keeps_the_warehouse(
        shared_data, warehouse_path, tmp_path):
    """The regions stage reads table 33 for successor codes: cut by three rows, the build
    stops with the worded error (exit 1), the warehouse it would replace unchanged."""
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", RVIG, last_three_rows_cut)
    said = " ".join(refused_build(snapshot, warehouse_path, tmp_path / "wh").split())
    line = stated_line(shared_data, "* 1 478 rows: all municipality codes")
    assert (f"Error: {snapshot / RVIG} is incomplete: SOURCES.md (line {line}) lists 1478 "
            "rows; the file holds 1475 rows") in said, said

"""A snapshot file that holds fewer rows, region labels or periods than the snapshot's own
register (SOURCES.md) lists for it is refused, naming the file, the register's counts and
what was found: a copy cut cleanly at a row boundary passes every line check, and below
10 000 rows the reader took it for complete (85383NED cut to two thirds silently lost
share_age_65_plus 2023-2024 for every municipality).

Damaged copies are made at run time in tmp_path from the real snapshot (its other files
linked, :func:`tests.fixtures.damaged_snapshot.damaged_snapshot`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from stadstrends.commands.build import note_register
from stadstrends.errors import MalformedSource
from stadstrends.ingest.listing import Listed, check_listed, listing, parse_register
from stadstrends.ingest.snapshot import read_table
from stadstrends.regions.sources import edition_paths, read_edition, read_herindeling
from tests.fixtures.damaged_snapshot import damaged_snapshot, refused_build

FUND = "cbs_statline_dump/municipal_complete/85383NED.csv"  # Gemeentefonds, 2 394 rows
CRIME = "cbs_statline_dump/municipal_total_slice/83648NED.csv"  # 10 000 rows, cut by CBS
POPULATION = "cbs_37259eng_population_dynamics/250112_CLEAN_population_regional_NL.csv"


def two_thirds(data: bytes) -> bytes:
    """The first two thirds of the file's lines (header included), cut at a line end."""
    lines = data.split(b"\n")[:-1]
    return b"\n".join(lines[: 2 * len(lines) // 3]) + b"\n"


def without(label: str) -> Callable[[bytes], bytes]:
    """The file without the rows of region ``label``."""
    return lambda data: b"".join(line for line in data.splitlines(keepends=True)
                                 if f";{label};".encode() not in line)


def register_line(shared_data: Path, relative: str) -> int:
    """The line of SOURCES.md whose first cell names ``relative`` (found without the parser)."""
    cell = "| `" + relative.removeprefix("cbs_statline_dump/") + "` |"
    lines = (shared_data / "SOURCES.md").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(cell))


def test_the_real_register_lists_the_dumps_files_with_their_counts(shared_data):
    """89 files under cbs_statline_dump: the first table gives rows, region labels and
    periods, the second (projections, commuting) rows only; the quick-orientation tables,
    whose first cell is a need, are not read as lines. Outside the dump only the sections
    in prose give lines (tests/ingest/test_listing_prose.py)."""
    register = listing(shared_data)
    assert len([k for k in register if k.startswith("cbs_statline_dump/")]) == 89
    assert register[FUND.lower()] == Listed(2394, 399, 3, register_line(shared_data, FUND))
    assert register[CRIME.lower()] == Listed(10000, 494, 15, register_line(shared_data, CRIME))
    assert register["cbs_statline_dump/commuting/85481ned.csv"].regions is None
    assert register["cbs_statline_dump/commuting/85481ned.csv"].rows == 10000
    assert register["cbs_statline_dump/herindeling/70739ned.csv"] == Listed(
        1531, 1531, None, register_line(shared_data, "herindeling/70739ned.csv"))
    assert {k.split("/")[0] for k in register if not k.startswith("cbs_statline_dump/")} == {
        "cbs_37259eng_population_dynamics", "rvig_gemeententabel", "kwb2019_gemeenten",
        "population_agegroups_2020_mzelst", "commuting_gemeente_matrix_2006_2014"}


def test_every_listed_file_of_the_real_snapshot_matches_its_line(shared_data):
    """The check never refuses the real snapshot: each listed StatLine file holds exactly
    the rows, distinct region labels and periods of its line (counted here with pandas,
    independently of the reader; regions where the line gives them and the file has the
    reader's region column; ``Gemeenten`` in the Gebieden editions 1996-2002)."""
    register = listing(shared_data)
    files = {p.relative_to(shared_data).as_posix().lower(): p
             for p in (shared_data / "cbs_statline_dump").rglob("*.csv")}
    differ = []
    for location, line in register.items():
        if not location.startswith("cbs_statline_dump/"):  # prose: test_listing_prose.py
            continue
        path = files[location]
        frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False,
                            encoding="utf-8-sig").apply(lambda s: s.str.strip())
        region = next((c for c in ("WerkregioS", "RegioS", "WijkenEnBuurten", "Gemeenten")
                       if c in frame.columns),
                      next((c for c in frame.columns if c.startswith("Regio")), None))
        found = (len(frame),
                 frame[region].nunique() if region and line.regions is not None else None,
                 frame["Perioden"].nunique() if line.periods is not None else None)
        if found != (line.rows, line.regions if region else None, line.periods):
            differ.append((location, found, line))
    assert differ == []


def test_the_prose_rows_of_37259eng_are_its_rows(shared_data):
    """SOURCES.md describes the 37259eng CSV in prose ('* Rows: 15630', section 2): the line
    the register keeps for it, and the real file holds that many data rows."""
    line = listing(shared_data)[POPULATION.lower()]
    text = (shared_data / "SOURCES.md").read_text(encoding="utf-8").splitlines()
    assert text[line.line - 1].startswith("* Rows: 15630 ")
    assert (line.rows, line.regions, line.periods, line.location) == (
        15630, None, None, POPULATION)
    assert len(pd.read_csv(shared_data / POPULATION, dtype=str)) == 15630


CASES = {
    "cut at a row boundary": (FUND, two_thirds, "85383NED", (2394, 399, 3), (1595, 399, 3)),
    "a region's rows removed": (FUND, without("Zwolle"), "85383NED", (2394, 399, 3),
                                (2388, 398, 3)),
    "a 10 000-row file cut at a row boundary": (CRIME, two_thirds, "83648NED",
                                                (10000, 494, 15), (6666, 445, 15)),
    "a 10 000-row file without a region": (CRIME, without("Renkum"), "83648NED",
                                           (10000, 494, 15), (9985, 493, 15)),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_file_short_of_its_register_line_is_refused(shared_data, tmp_path, case):
    relative, damage, table, listed, found = CASES[case]
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", relative, damage)
    with pytest.raises(MalformedSource) as err:
        read_table(snapshot, table)
    line = register_line(shared_data, relative)
    assert err.value.key == "snapshot_file_short"
    assert err.value.message == (
        f"{snapshot / relative} is incomplete: SOURCES.md (line {line}) lists {listed[0]} rows, "
        f"{listed[1]} distinct region labels, {listed[2]} periods; the file holds "
        f"{found[0]} rows, {found[1]} distinct region labels, {found[2]} periods")
    message, hint = err.value.in_language("nl")
    assert message == (
        f"{snapshot / relative} is onvolledig: SOURCES.md (regel {line}) noemt {listed[0]} rijen, "
        f"{listed[1]} verschillende regionamen, {listed[2]} perioden; het bestand heeft "
        f"{found[0]} rijen, {found[1]} verschillende regionamen, {found[2]} perioden")
    assert "kopieer het opnieuw uit de bron van de snapshot" in hint
    assert f"boven regel {line}" in hint
    assert "copy it again from the snapshot's source" in err.value.hint
    assert err.value.details[0]["found_rows"] == found[0]


def test_the_intact_linked_copy_reads(shared_data, tmp_path):
    """The same kind of copy with the file rewritten unchanged (a real file, not a link)."""
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", FUND,
                                lambda d: d.replace(b"\n", b"\r\n"))
    table = read_table(snapshot, "85383NED")
    assert table.source.rows_read == 2394


def test_without_a_register_the_file_is_read_and_the_build_notes_it_once(
        shared_data, tmp_path, capsys):
    """No SOURCES.md: nothing to compare with, the cut file reads as before (its 1 595 rows
    taken for the whole table) and `stadstrends build` says once that nothing was checked."""
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", FUND, two_thirds)
    (snapshot / "SOURCES.md").unlink()
    assert listing(snapshot) is None
    assert read_table(snapshot, "85383NED").source.rows_read == 1595
    note_register(snapshot, "nl")
    said = " ".join(capsys.readouterr().err.split())
    assert said.count("SOURCES.md") == 1 and said.startswith(
        f"Let op: {snapshot / 'SOURCES.md'} ontbreekt of noemt geen rijen"), said
    note_register(shared_data, "nl")
    assert capsys.readouterr().err == ""


def test_a_register_without_counts_checks_nothing(shared_data, tmp_path):
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", FUND, two_thirds)
    (snapshot / "SOURCES.md").unlink()
    (snapshot / "SOURCES.md").write_text(
        "# Snapshot\n\n| need | file |\n|---|---|\n| population | `municipal_complete/"
        "85383NED.csv` |\n\n| file | content |\n|---|---|\n| `municipal_complete/"
        "85383NED.csv` | Gemeentefonds |\n", encoding="utf-8")
    assert listing(snapshot) is None
    assert read_table(snapshot, "85383NED").source.rows_read == 1595


def test_a_cut_reference_file_is_refused(shared_data, tmp_path):
    """The region readers check Gebieden in Nederland and 70739ned as well (rows, and the
    RegioS labels where the edition has them)."""
    edition = "cbs_statline_dump/gebieden_in_nederland/86059NED.csv"
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", edition, two_thirds)
    with pytest.raises(MalformedSource, match=r"86059NED\.csv is incomplete: SOURCES\.md "
                       r"\(line \d+\) lists 342 rows, 342 distinct region labels; the file "
                       r"holds 227 rows, 227 distinct region labels"):
        read_edition(edition_paths(snapshot)["86059NED"])
    crosswalk = "cbs_statline_dump/herindeling/70739ned.csv"
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap2", crosswalk, two_thirds)
    with pytest.raises(MalformedSource, match=r"70739ned\.csv is incomplete: .* 1531 rows"):
        read_herindeling(snapshot)


REGISTER = """# A register

| folder/file | CBS table | periods: first..last (count) | distinct region labels | rows |
|:---|---|---|---|---:|
| `municipal_complete/t1.csv` | t1 | 2019..2024 (6) | 12 | 10 000 |
| `cbs_statline_dump/commuting/T2.csv` | t2 \\| a pipe | 2014 dec..2020 dec (7) | 3 | 21 |
| `other_source/t3.csv` | t3 | 2019 (1) | 1 | 1 |
| t4.csv | t4 | 2019 (1) | 1 | 1 |
| `municipal_complete/t5.csv` | t5 | | n/a | 40 |

| file | rows |
|---|---|
| `municipal_complete/t1.csv` | 5 |
| `projections/t6.csv` | 99 |
"""


def test_the_register_is_read_by_its_header_not_by_position(tmp_path):
    """Columns found by name in any order; a backticked first cell under the dump (with or
    without the folder), '10 000' and an escaped pipe; a path outside the dump (a top folder
    of the snapshot), an unquoted name and a count that is no number are no lines; a file
    listed twice keeps its first line."""
    (tmp_path / "other_source").mkdir()
    listed = parse_register(REGISTER, tmp_path)
    assert listed == {
        "cbs_statline_dump/municipal_complete/t1.csv": Listed(10000, 12, 6, 5),
        "cbs_statline_dump/commuting/t2.csv": Listed(21, 3, 7, 6),
        "cbs_statline_dump/municipal_complete/t5.csv": Listed(40, None, None, 9),
        "cbs_statline_dump/projections/t6.csv": Listed(99, None, None, 14),
    }


def test_more_than_listed_is_not_refused_and_a_short_count_is(tmp_path):
    (tmp_path / "SOURCES.md").write_text(REGISTER, encoding="utf-8")
    path = tmp_path / "cbs_statline_dump" / "projections" / "t6.csv"
    frame = pd.DataFrame({"RegioS": ["a"] * 100, "Perioden": ["2020"] * 100})
    check_listed(path, tmp_path, frame, "RegioS", "Perioden")  # 100 rows >= 99
    with pytest.raises(MalformedSource, match=r"lists 99 rows; the file holds 98 rows$"):
        check_listed(path, tmp_path, frame[:98], "RegioS", "Perioden")
    path = tmp_path / "cbs_statline_dump" / "municipal_complete" / "t1.csv"
    frame = pd.DataFrame({"RegioS": [f"r{i % 12}" for i in range(10000)],
                          "Perioden": [str(2019 + i % 5) for i in range(10000)]})
    with pytest.raises(MalformedSource, match=r"the file holds 10000 rows, 12 distinct "
                       r"region labels, 5 periods$"):
        check_listed(path, tmp_path, frame, "RegioS", "Perioden")


def test_build_from_a_cut_file_is_refused_in_dutch_and_keeps_the_warehouse(
        shared_data, warehouse_path, tmp_path):
    """`stadstrends build --snapshot <copy with 85383NED cut to two thirds>` (nl): exit 1,
    the worded message and hint, and the warehouse it would replace byte for byte unchanged
    (it built before, without a word, a warehouse lacking about 2 250 values)."""
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", FUND, two_thirds)
    err = " ".join(refused_build(snapshot, warehouse_path, tmp_path / "wh", "nl").split())
    line = register_line(shared_data, FUND)
    assert (f"{snapshot / FUND} is onvolledig: SOURCES.md (regel {line}) noemt 2394 rijen, 399 "
            "verschillende regionamen, 3 perioden; het bestand heeft 1595 rijen, 399 "
            "verschillende regionamen, 3 perioden") in err, err
    assert "kopieer het opnieuw uit de bron van de snapshot" in err, err
    assert "Let op" not in err, err  # the register was there: no note

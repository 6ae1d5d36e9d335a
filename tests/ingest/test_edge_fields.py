"""A row that lost or gained a field is refused by every CSV reader of the build, naming the
file, the line, the fields found and expected, and the SOURCES.md section to restore the
file from; a build from it leaves the existing warehouse untouched.

Before, one field deleted from Arnhem's 2020 row of the comma-separated 37259eng file was
read without error: its values moved one column (population density 1649 -> 1600, births
per 1 000 9.9 -> 0.06) and the build replaced the warehouse with untrue figures. Each case
damages a copy of the real file in tmp_path (the rest of the snapshot is linked)."""

from __future__ import annotations

import pytest

from stadstrends.errors import MalformedSource
from stadstrends.ingest.edge import check_lines
from stadstrends.ingest.snapshot import read_table
from tests.fixtures.damaged_snapshot import damaged_snapshot, refused_build

POPULATION = "cbs_37259eng_population_dynamics/250112_CLEAN_population_regional_NL.csv"
ARNHEM_2020 = b",GM0202,Arnhem,2020JJ00,2020,161348,1649,"  # line 907, 'Total male and female'
CRIMES = "cbs_statline_dump/municipal_total_slice/83648NED.csv"
RENKUM = b";Renkum;2015;1330.0;"  # line 5047
KWB = "kwb2019_gemeenten/kwb-2019.csv"
MATRIX = "commuting_gemeente_matrix_2006_2014/Van_2010.csv"


def _extra_on_line(line: int, field: bytes) -> object:
    def damage(data: bytes) -> bytes:
        lines = data.split(b"\n")
        lines[line - 1] = lines[line - 1].rstrip(b"\r") + field + (
            b"\r" if lines[line - 1].endswith(b"\r") else b"")
        return b"\n".join(lines)
    return damage


CASES = {  # file, table id, damage, message
    "37259eng field deleted": (
        POPULATION, "37259eng",
        lambda d: d.replace(ARNHEM_2020, b",GM0202,Arnhem,2020JJ00,2020,161348,"),
        r"250112_CLEAN_population_regional_NL\.csv: incomplete rows: line 907, fields 26, "
        r"expected 27$"),
    "37259eng field added": (
        POPULATION, "37259eng", lambda d: d.replace(ARNHEM_2020, ARNHEM_2020 + b"7,"),
        r"250112_CLEAN_population_regional_NL\.csv: rows with extra fields: line 907, "
        r"fields 28, expected 27$"),
    "37259eng field added to the first row": (  # pandas took it for an index column
        POPULATION, "37259eng", lambda d: d.replace(b"\n70,T001038", b"\n70,7,T001038", 1),
        r"rows with extra fields: line 2, fields 28, expected 27$"),
    "83648NED field added": (
        CRIMES, "83648NED", lambda d: d.replace(RENKUM, RENKUM + b"5;"),
        r"83648NED\.csv: rows with extra fields: line 5047, fields 11, expected 10$"),
    "kwb2019 field deleted": (
        KWB, "kwb2019", lambda d: d.replace(b",GM0202,", b",GM0202", 1),
        r"kwb-2019\.csv: incomplete rows: line 49, fields 13, expected 14$"),
    "commuting matrix field added": (
        MATRIX, "commuting_matrix_2010", _extra_on_line(7, b";5"),
        r"Van_2010\.csv: rows with extra fields: line 7, fields 407, expected 406$"),
}
SECTIONS = {POPULATION: "section 2 `cbs_37259eng_population_dynamics/`",
            CRIMES: "section 1 `cbs_statline_dump/`", KWB: "section 9 `kwb2019_gemeenten/`",
            MATRIX: "section 11 `commuting_gemeente_matrix_2006_2014/`"}


@pytest.mark.parametrize("case", list(CASES))
def test_a_row_with_a_field_too_few_or_too_many_is_refused(shared_data, tmp_path, case):
    relative, table_id, damage, message = CASES[case]
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", relative, damage)
    with pytest.raises(MalformedSource, match=message) as err:
        read_table(snapshot, table_id)
    hint = err.value.hint
    assert hint.startswith("the file is damaged (cut or edited); restore it from its source "
                           f"(SOURCES.md, {SECTIONS[relative]}, names the origin and commit)"
                           ), hint


def test_the_shifted_population_row_never_reaches_the_warehouse(shared_data, warehouse_path,
                                                                tmp_path):
    """`stadstrends build`: exit 1 with the file and line, the warehouse unchanged."""
    relative, _, damage, _ = CASES["37259eng field deleted"]
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", relative, damage)
    stderr = refused_build(snapshot, warehouse_path, tmp_path / "wh")
    assert ("250112_CLEAN_population_regional_NL.csv: incomplete rows: line 907, fields 26, "
            "expected 27") in stderr, stderr
    assert "SOURCES.md, section 2" in stderr, stderr


def test_separators_and_line_breaks_inside_quotes_split_nothing(tmp_path):
    """As CSV readers count them: '"Gemeenten; niet in te delen"' is one field."""
    data = (b'ID;RegioS;Perioden;A_1\n1;"Gemeenten; niet in te delen";2010;5\n'
            b'2;"a ""quoted"" name; with a\nline break";2011;6\n3;Renkum;2012;7\n')
    check_lines(data, tmp_path / "t.csv")
    with pytest.raises(MalformedSource, match=r"t\.csv: incomplete rows: line 5, fields 3"):
        check_lines(data.replace(b"Renkum;", b"Renkum"), tmp_path / "t.csv")


def test_a_header_that_lost_a_field_is_named_not_every_row(tmp_path):
    data = b"a,b,c\n1,2,3\n4,5,6\n7,8,9\n"
    with pytest.raises(MalformedSource, match=r"the header has a wrong number of fields: "
                       r"line 1, fields 2, expected 3 \(as in the data rows\)"):
        check_lines(data.replace(b"a,b,c", b"a,b"), tmp_path / "t.csv", ",")


def test_without_header_most_rows_set_the_count(tmp_path):
    data = b"x;1;2\ny;3;4\nz;5\n"
    with pytest.raises(MalformedSource, match=r"incomplete rows: line 3, fields 2, "
                       r"expected 3$"):
        check_lines(data, tmp_path / "t.csv", header=False)


def test_a_missing_last_newline_is_no_cut_where_the_source_has_none(tmp_path):
    """37259eng ends without a newline as published: only the field count tells a cut."""
    data = b"a,b\r\n1,2\r\n3,4"
    check_lines(data, tmp_path / "t.csv", ",", final_newline=False)
    with pytest.raises(MalformedSource, match="last row cut"):
        check_lines(data, tmp_path / "t.csv", ",")
    with pytest.raises(MalformedSource, match=r"incomplete rows: line 3, fields 1"):
        check_lines(data[:-2], tmp_path / "t.csv", ",", final_newline=False)

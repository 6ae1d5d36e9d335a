"""Damaged snapshot files are refused at the edge, naming the file, the lines and a hint;
a build from them leaves the previous warehouse byte for byte intact (issues 15 and 16).

Each case damages a copy of the real 83648NED export (registered crimes) in tmp_path; the
rest of the snapshot is linked, not copied."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from stadstrends.errors import MalformedSource
from stadstrends.ingest.edge import check_measures
from stadstrends.ingest.snapshot import read_table
from tests.fixtures.damaged_snapshot import refused_build

TABLE = "cbs_statline_dump/municipal_total_slice/83648NED.csv"
RENKUM = b";Renkum;2015;1330.0;"  # line 5047 of the file


def _cut(data: bytes) -> bytes:  # the download stopped inside Renkum's 2015 row
    return data[: data.index(RENKUM) + len(b";Renkum;2015;13")]


def _duplicate(data: bytes) -> bytes:
    start = data.rindex(b"\n", 0, data.index(RENKUM)) + 1
    end = data.index(b"\n", start) + 1
    return data[:end] + data[start:end] + data[end:]


DAMAGES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "cut": (_cut, r"83648NED\.csv: incomplete rows: line 5047, problem 'no newline"),
    # a quote opened before Renkum and never closed (a tester's damaged 84903NED, session 54:
    # it was called a last row cut, though the file ends on a newline)
    "unclosed quote": (lambda d: d.replace(RENKUM, b';"Renkum;2015;1330.0;'),
                       r"83648NED\.csv: .*line \d+, from this line on a quote \(\"\) is "
                       r"never closed"),
    "n/a": (lambda d: d.replace(RENKUM, b";Renkum;2015;n/a;"),
            r"83648NED\.csv: text in numeric cells: line 5047, column "
            r"'TotaalGeregistreerdeMisdrijven_1', value 'n/a'"),
    "duplicate": (_duplicate, r"83648NED\.csv: 2 rows share their key .*line 5047.*line 5048"),
    "header only": (lambda d: d[: d.index(b"\n") + 1],
                    r"83648NED\.csv has a header but no data rows"),
    "empty": (lambda d: b"", r"83648NED\.csv is empty"),
    "renamed column": (
        lambda d: d.replace(b"TotaalGeregistreerdeMisdrijven_1", b"Misdrijven_1", 1),
        r"83648NED\.csv has no column TotaalGeregistreerdeMisdrijven_1"),
}


def damaged_snapshot(shared_data: Path, root: Path, damage: Callable[[bytes], bytes]) -> Path:
    """A snapshot in ``root``: every file linked to the real one, 83648NED damaged."""
    for folder, _dirs, files in os.walk(shared_data):
        target = root / Path(folder).relative_to(shared_data)
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            (target / name).symlink_to(Path(folder) / name)
    (root / TABLE).unlink()
    (root / TABLE).write_bytes(damage((shared_data / TABLE).read_bytes()))
    return root


@pytest.mark.parametrize("case", [c for c in DAMAGES if c != "renamed column"])
def test_damaged_file_is_refused_naming_file_and_lines(shared_data, tmp_path, case):
    damage, message = DAMAGES[case]
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", damage)
    with pytest.raises(MalformedSource, match=message) as err:
        read_table(snapshot, "83648NED")
    assert "restore it" in err.value.hint


def test_intact_file_reads(shared_data, tmp_path):
    """The same linked snapshot without damage reads (the checks do not fire on real data)."""
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", lambda d: d)
    table = read_table(snapshot, "83648NED")
    renkum = table.frame[(table.frame["region_label"] == "Renkum")
                         & (table.frame["period"] == "2015")
                         & (table.frame["SoortMisdrijf"] == "Misdrijven, totaal")]
    assert renkum["TotaalGeregistreerdeMisdrijven_1"].tolist() == [1330.0]


def test_offending_rows_are_returned(shared_data, tmp_path):
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", _duplicate)
    with pytest.raises(MalformedSource) as err:
        read_table(snapshot, "83648NED")
    assert [r["line"] for r in err.value.details] == [5047, 5048]
    assert {r["RegioS"] for r in err.value.details} == {"Renkum"}


def test_renamed_measure_names_file_and_similar_column():
    with pytest.raises(MalformedSource, match="x.csv has no column Woningen_2") as err:
        check_measures({("t1", "v3"): {"Woningen_2", "Inwoners_1"}},
                       {("t1", "v3"): ("x.csv", ["Inwoners_1", "Woning_2"])})
    assert err.value.details == [{"file": "x.csv", "measure": "Woningen_2",
                                  "similar": ["Woning_2"]}]



def test_a_measure_renamed_without_its_number_is_the_column_suggested(shared_data, tmp_path):
    """85383NED with InwonersTotaal_1 renamed InwonersTotaal_1X: without its '_<number>' end
    the column reads as a dimension, and 'lijkt op' listed three other measures
    (Inwoners18TotEnMet44Jaar_6, ...), not the column the file has; now it comes first."""
    from stadstrends.indicators.catalogue import load_catalogue
    from stadstrends.warehouse.ingesting import catalogue_terms
    from tests.fixtures.damaged_snapshot import damaged_snapshot

    fund = "cbs_statline_dump/municipal_complete/85383NED.csv"
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", fund, lambda data: data.replace(
        b";InwonersTotaal_1;", b";InwonersTotaal_1X;", 1))
    table = read_table(snapshot, "85383NED")
    assert table.source.renamed_columns == "InwonersTotaal_1X"  # not read as a dimension
    assert "InwonersTotaal_1X" not in table.dimensions and "InwonersTotaal_1" not in table.measures
    key = ("85383ned", table.source.api)
    with pytest.raises(MalformedSource) as err:
        check_measures({key: catalogue_terms(load_catalogue())[key]},
                       {key: (table.source.location, table.measures, table.dimensions,
                              [table.source.renamed_columns])})
    assert err.value.details == [{"file": table.source.location, "measure": "InwonersTotaal_1",
                                  "similar": err.value.details[0]["similar"]}]
    assert err.value.details[0]["similar"][0] == "InwonersTotaal_1X"
    assert "(lijkt op: InwonersTotaal_1X, " in err.value.in_language("nl")[0], err.value


DUTCH = {"cut": r"83648NED\.csv: onvolledige regels: regel 5047, geen regeleinde aan het eind",
         "unclosed quote": r"83648NED\.csv: .*regel \d+, vanaf deze regel staat een "
                           r"aanhalingsteken \(\"\) dat nergens wordt gesloten",
         "n/a": r"83648NED\.csv: tekst in cellen met getallen: regel 5047, kolom "
                r"'TotaalGeregistreerdeMisdrijven_1', waarde 'n/a'",
         "duplicate": r"83648NED\.csv: 2 regels hebben dezelfde sleutel .*regel 5047.*regel 5048",
         "header only": r"83648NED\.csv heeft een kopregel maar geen gegevensregels",
         "empty": r"83648NED\.csv is leeg",
         "renamed column": r"83648NED\.csv heeft geen kolom TotaalGeregistreerdeMisdrijven_1"}


@pytest.mark.parametrize(("case", "lang"), [(case, "nl") for case in DAMAGES]
                         + [("cut", "en"), ("renamed column", "en")])
def test_build_from_damaged_snapshot_keeps_the_warehouse(shared_data, warehouse_path,
                                                         tmp_path, case, lang):
    """`stadstrends build --lang`: exit 1, the message and hint in the command's language
    (no English sentence in a Dutch command), no traceback, no temp files, and the
    warehouse it would replace unchanged (sha256)."""
    damage, message = DAMAGES[case]
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", damage)
    err = refused_build(snapshot, warehouse_path, tmp_path / "wh", lang)
    said, hint = (message, "Hint: ") if lang == "en" else (DUTCH[case], "Tip: ")
    assert re.search(r"^(Error|Fout): .*" + said, err, re.M), err
    assert hint in err and ("restore it" if lang == "en" else "zet het terug") in err, err


POPULATION = "cbs_37259eng_population_dynamics/250112_CLEAN_population_regional_NL.csv"


def _bad_population_cell(data: bytes) -> bytes:
    """Zwolle's population on 1 January 2015 (line 5203) replaced by text."""
    lines = data.split(b"\n")
    line = next(i for i, text in enumerate(lines) if b",GM0193," in text
                and b",2015JJ00," in text and b"T001038" in text)
    cells = lines[line].split(b",")
    cells[7] = b"n/a"
    lines[line] = b",".join(cells)
    return b"\n".join(lines)


def test_one_bad_population_cell_names_the_file_the_line_and_the_column(
        shared_data, tmp_path):
    """Issue 15: one bad cell in the population table failed later with a misleading error
    about split shares, naming neither file nor cell."""
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", lambda d: d)
    (snapshot / POPULATION).unlink()
    (snapshot / POPULATION).write_bytes(_bad_population_cell(
        (shared_data / POPULATION).read_bytes()))
    with pytest.raises(MalformedSource, match=r"250112_CLEAN_population_regional_NL\.csv: "
                       r"text in numeric cells: line 5203, column 'PopulationOn1January_1', "
                       r"value 'n/a'") as err:
        read_table(snapshot, "37259eng")
    assert "restore it" in err.value.hint
    assert "split" not in err.value.message


def test_a_comma_separated_copy_gets_a_users_hint_in_both_languages(shared_data, tmp_path):
    """83648NED saved with commas instead of semicolons (as a spreadsheet may save it): the
    hint says what the file should look like and what to do, no function names (it said
    'read_statline_csv expects a cbsodata export')."""
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap",
                                lambda d: d.replace(b";", b","))
    said = r"83648NED\.csv is not a CBS StatLine export: its first line starts with 'ID,Soort"
    with pytest.raises(MalformedSource, match=said) as err:
        read_table(snapshot, "83648NED")
    message, hint = err.value.in_language("nl")
    assert message.startswith(f"{snapshot / TABLE} is geen CBS StatLine-bestand: de eerste "
                              "regel begint met 'ID,SoortMisdrijf,"), message
    assert "puntkomma's (;)" in hint and "Download de tabel opnieuw" in hint, hint
    assert "semicolons (;)" in err.value.hint and "Download the table again" in err.value.hint
    for text in (hint, err.value.hint, message, err.value.message):
        assert "read_statline_csv" not in text and "cbsodata" not in text, text


def test_a_renamed_measure_the_catalogue_does_not_read_splits_no_series(shared_data, tmp_path,
                                                                        capsys):
    """85383NED with Inwoners18TotEnMet44Jaar_6 (no indicator reads it) renamed
    Inwoners18TotEnMet44Jaar_6X: the column was read as a dimension, so every figure of a
    row carried that row's number in its key (2 -> 781 distinct keys in raw_observations)
    and it was one of the series a cut file is judged by; now it is left out, named in
    ``sources.renamed_columns`` and in a line the build prints, the figures as before."""
    import duckdb

    from stadstrends.commands.build import note_renamed
    from stadstrends.ingest.normalise import insert_observations
    from tests.fixtures.damaged_snapshot import damaged_snapshot

    fund = "cbs_statline_dump/municipal_complete/85383NED.csv"
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", fund, lambda data: data.replace(
        b";Inwoners18TotEnMet44Jaar_6;", b";Inwoners18TotEnMet44Jaar_6X;", 1))
    damaged, whole = read_table(snapshot, "85383NED"), read_table(shared_data, "85383NED")
    assert damaged.dimensions == whole.dimensions == ["StatusCijfer"]
    assert damaged.source.renamed_columns == "Inwoners18TotEnMet44Jaar_6X"
    assert whole.source.renamed_columns == ""
    keys = []
    for table in (damaged, whole):
        con = duckdb.connect()
        insert_observations(con, table)
        keys.append(con.execute("SELECT count(DISTINCT dims), count(*) FILTER (WHERE "
                                "measure = 'InwonersTotaal_1'), sum(value) FILTER (WHERE "
                                "measure = 'InwonersTotaal_1') FROM raw_observations"
                                ).fetchone())
    assert keys[0] == keys[1] and keys[0][0] == 2  # Voorlopig, Definitief
    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE sources AS SELECT ? AS location, ? AS renamed_columns",
                    [damaged.source.location, damaged.source.renamed_columns])
    note_renamed(db, "nl")
    said = " ".join(capsys.readouterr().err.split())
    assert ("Let op: cbs_statline_dump/municipal_complete/85383NED.csv heeft kolommen met "
            "alleen getallen maar zonder de naam van een CBS-meetwaarde") in said
    assert "Inwoners18TotEnMet44Jaar_6X" in said and "niet ingelezen" in said


def test_update_says_a_renamed_measure_as_the_build_does(shared_data, tmp_path, monkeypatch
                                                         ) -> None:
    """`stadstrends update` rebuilt the warehouse and said nothing of a file whose measure
    was renamed (``sources.renamed_columns``), where `build` prints a line (the test above).
    A live build reads the inputs that are no CBS OData table from the local snapshot folder
    (:func:`~stadstrends.ingest.sources.table_reader`), so its sources come from the same
    readers. The rebuild here stands in for the live one (no CBS to ask): its warehouse
    records the damaged copy of 85383NED as the build's test reads it; the command prints
    the build's line after its summary, and nothing of it when the rebuilt warehouse has no
    such file."""
    import duckdb
    from typer.testing import CliRunner

    from stadstrends.cli import app
    from stadstrends.warehouse import update as update_module
    from tests.fixtures.damaged_snapshot import damaged_snapshot

    fund = "cbs_statline_dump/municipal_complete/85383NED.csv"
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", fund, lambda data: data.replace(
        b";Inwoners18TotEnMet44Jaar_6;", b";Inwoners18TotEnMet44Jaar_6X;", 1))
    damaged = read_table(snapshot, "85383NED").source
    db = tmp_path / "stadstrends.duckdb"

    def rebuilt(sources: list[tuple[str, str]]):
        def fake(path, cache_dir=None, allow_gaps=False):
            with duckdb.connect(str(path)) as con:
                con.execute("CREATE OR REPLACE TABLE sources (location VARCHAR, "
                            "renamed_columns VARCHAR)")
                con.executemany("INSERT INTO sources VALUES (?, ?)", sources)
            return update_module.UpdateResult([], rebuilt=True, since="2026-12-01")
        return fake

    said = []
    for sources in ([(damaged.location, damaged.renamed_columns), ("other.csv", "")],
                    [(damaged.location, "")]):
        monkeypatch.setattr(update_module, "update_warehouse", rebuilt(sources))
        out = CliRunner().invoke(app, ["update", "--db", str(db)])
        assert out.exit_code == 0, out.output
        said.append(" ".join(out.stderr.split()))
    assert damaged.renamed_columns == "Inwoners18TotEnMet44Jaar_6X"
    assert ("Let op: cbs_statline_dump/municipal_complete/85383NED.csv heeft kolommen met "
            "alleen getallen maar zonder de naam van een CBS-meetwaarde (die eindigt op _ en "
            "een nummer): Inwoners18TotEnMet44Jaar_6X.") in said[0], said[0]
    assert said[0].count("Let op:") == 1 and "niet ingelezen" in said[0]
    assert "Let op:" not in said[1], said[1]

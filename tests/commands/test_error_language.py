"""The command line says a worded error (:meth:`StadstrendsError.worded`) in the command's
language, its --lang given or default (nl for every command; it said them in English even
with --lang nl), from the language files (section ``errors``); an error without words in
English (tests/commands/test_command_language.py: every command's).

Each command runs through the command line's ``main()`` in this process (``cli_run``,
tests/conftest.py): the same exit code and error lines as in a process of its own, without
a process's start-up (~0.4-0.8 s of CPU) for each of the ~50."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest


def said(out: subprocess.CompletedProcess, code: int = 1) -> list[str]:
    assert out.returncode == code and "Traceback" not in out.stderr, out.stderr
    return out.stderr.splitlines()


def test_an_unknown_municipality_in_the_commands_language(cli_run, synthetic_path, tmp_path):
    db = ["--db", str(synthetic_path)]
    nl = ["Fout: Onbekende gemeente 'Zwole'", "Bedoelde u: Zwolle?",
          "Tip: probeer `stadstrends regions zwo`"]
    en = ["Error: Unknown municipality 'Zwole'", "Did you mean: Zwolle?",
          "Hint: try `stadstrends regions zwo`"]
    assert said(cli_run("show", "Zwole", "population", *db)) == nl  # the default: nl
    assert said(cli_run("show", "Zwole", "population", *db, "--lang", "nl")) == nl
    assert said(cli_run("show", "Zwole", "population", *db, "--lang", "EN")) == en
    assert said(cli_run("profile", "Zwole", *db, "--lang", "en")) == en
    assert said(cli_run("report", "Zwole", *db, "--out", str(tmp_path))) == nl


def test_an_unknown_indicator_in_the_commands_language(cli_run, synthetic_path):
    db = ["--db", str(synthetic_path)]
    lines = said(cli_run("show", "Zwolle", "populatoin", *db))
    assert lines[0] == "Fout: Onbekende indicator 'populatoin'"
    assert lines[1].startswith("Bedoelde u: population")
    assert lines[2] == "Tip: `stadstrends indicators` toont ze allemaal"
    assert said(cli_run("show", "Zwolle", "populatoin", *db, "--lang", "en"))[::2] == [
        "Error: Unknown indicator 'populatoin'", "Hint: run `stadstrends indicators` to list them"]


def test_a_missing_or_damaged_warehouse_in_the_commands_language(cli_run, tmp_path):
    missing = tmp_path / "none.duckdb"
    lines = said(cli_run("show", "Zwolle", "population", "--db", str(missing)))
    assert lines[0] == f"Fout: geen warehouse op {missing}"
    assert lines[1].startswith("Tip: bouw het eerst met `stadstrends build --snapshot")
    assert said(cli_run("report", "Zwolle", "--db", str(missing), "--lang", "en"))[0] == \
        f"Error: no warehouse at {missing}"
    damaged = tmp_path / "damaged.duckdb"  # a DuckDB file whose header is cut
    damaged.write_bytes(b"\0" * 8 + b"DUCK" + b"not a warehouse" * 100)
    lines = said(cli_run("report", "Zwolle", "--db", str(damaged), "--out", str(tmp_path)))
    assert lines[0].startswith(f"Fout: warehouse {damaged} kan niet worden geopend: ")
    assert lines[1].startswith("Tip: bouw het opnieuw met `stadstrends build")
    # a file that is no DuckDB file at all ('profile Oss --db README.md' hinted 'bouw het
    # opnieuw met `stadstrends build … --db …/README.md`'): said so, no rebuild over it
    readme = tmp_path / "README.md"
    readme.write_text("# Stadstrends\n\nTrend studies for Dutch municipalities.\n" * 20)
    assert said(cli_run("profile", "Oss", "--db", str(readme))) == [
        f"Fout: {readme} is geen warehouse (geen DuckDB-bestand)",
        "Tip: geef met --db het warehouse-bestand, bijvoorbeeld --db stadstrends.duckdb"]
    assert said(cli_run("profile", "Oss", "--db", str(readme), "--lang", "en")) == [
        f"Error: {readme} is not a warehouse (not a DuckDB file)",
        "Hint: point --db at the warehouse file, e.g. --db stadstrends.duckdb"]
    assert said(cli_run("show", "Zwolle", "population", "--db", str(tmp_path))) == [
        f"Fout: --db {tmp_path} is een map, geen warehouse-bestand",
        "Tip: geef het warehouse-bestand, bijvoorbeeld --db stadstrends.duckdb"]


@pytest.mark.parametrize(("args", "nl", "en", "code"), [
    ([], "Fout: geef een GEMEENTE, --set GROEP of --all (één daarvan)",
     "Error: give a MUNICIPALITY, --set GROUP or --all (one of them)", 2),
    (["--overview"], "Fout: --overview hoort bij --set GROEP",
     "Error: --overview goes with --set GROUP", 2),
    (["--all", "--vergelijk", "PV27"], "Fout: --vergelijk hoort bij één gemeente",
     "Error: --vergelijk goes with one municipality", 2),
    (["--set", "XX1"], "Fout: Geen vergelijkingsgroep 'XX1'",
     "Error: no comparison group 'XX1'", 1),
    (["--set", "PEERS"], "Fout: 'PEERS' is voor elke gemeente een andere groep",
     "Error: 'PEERS' is a different group for every municipality", 1),
])
def test_a_bad_report_option_in_the_reports_language(cli_run, synthetic_path, tmp_path, args, nl,
                                                     en, code):
    """Arguments that cannot go together are a usage error (exit 2), an unknown group a
    refusal of the data (exit 1)."""
    db = ["--db", str(synthetic_path), "--out", str(tmp_path)]
    assert said(cli_run("report", *args, *db), code)[0] == nl
    assert said(cli_run("report", *args, *db, "--lang", "en"), code)[0] == en


def test_an_ambiguous_name_in_the_reports_language(cli_run, warehouse_path, tmp_path):
    db = ["--db", str(warehouse_path), "--out", str(tmp_path)]
    # one message in every command, with CBS's labels as the README promises ('report'
    # said "'Bergen' is de naam van 2 gemeenten: Bergen (GM0373, Noord-Holland), ...")
    shown = said(cli_run("show", "Bergen", "population", *db[:2]))
    assert shown[0] == (
        "Fout: Meerdere gemeenten heten 'Bergen': GM0373 Bergen (NH.), GM0893 Bergen (L.)")
    assert said(cli_run("report", "Bergen", *db)) == shown
    assert shown[-1] == ("Tip: gebruik een code of de CBS-naam, bijvoorbeeld 'Bergen (NH.)' "
                         "of GM0373")
    assert said(cli_run("report", "Bergen", *db, "--lang", "en"))[0] == (
        "Error: Several municipalities are called 'Bergen': GM0373 Bergen (NH.), "
        "GM0893 Bergen (L.)")


def test_an_output_path_and_a_region_code_in_the_commands_language(cli_run, synthetic_path,
                                                                    tmp_path: Path):
    """`report --out <a file>` and `show GM9999` said English ('Error: ... this is a file,
    not a folder', 'Error: Unknown municipality code 'GM9999' / Hint: search by name') while
    the command's other errors said Dutch; `regions` said English: it has --lang nl now."""
    a_file = tmp_path / "afile"
    a_file.write_text("keep me", encoding="utf-8")
    db = ["--db", str(synthetic_path)]
    assert said(cli_run("report", "Zwolle", *db, "--out", str(a_file))) == [
        f"Fout: --out {a_file}: dit is een bestand, geen map",
        "Tip: kies een map waarin u mag schrijven, bijvoorbeeld --out reports"]
    assert said(cli_run("report", "Zwolle", *db, "--out", str(a_file / "x"), "--lang", "nl"))[0] \
        == f"Fout: --out {a_file / 'x'}: deze map kan niet worden gemaakt ({a_file} is een " \
        "bestand)"
    assert said(cli_run("report", "Zwolle", *db, "--out", str(a_file), "--lang", "en"))[0] == \
        f"Error: --out {a_file}: this is a file, not a folder"
    for command in (["show", "GM9999", "population"], ["profile", "GM9999"]):
        lines = said(cli_run(*command, *db))
        assert lines[0] == "Fout: Onbekende gemeentecode 'GM9999'", lines
        assert lines[1].startswith("Tip: een gemeentecode is GM met vier cijfers")
        assert said(cli_run(*command, *db, "--lang", "en"))[0] == \
            "Error: Unknown municipality code 'GM9999'"
    # no search for 'cr9' (it finds CR09, Zuidwest-Drenthe): by name
    assert said(cli_run("show", "CR99", "population", *db)) == [
        "Fout: Onbekende regiocode 'CR99'", "Tip: zoek op naam met `stadstrends regions <naam>`"]
    lines = said(cli_run("regions", "--set", "G40", "--db", str(tmp_path / "none.duckdb")))
    assert lines[0] == f"Fout: geen warehouse op {tmp_path / 'none.duckdb'}"
    assert a_file.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("query", ["Friesland", "Noord-Friesland", "Nederland", "GM9999"])
def test_profile_says_a_region_that_is_no_municipality_as_report_does(cli_run, synthetic_path,
                                                                        tmp_path, query):
    """`profile Friesland` said "Error: 'Fryslân' (PV21) is a provincie, not a municipality"
    (English with Dutch words, its own hint), `profile GM9999` "Unknown municipality code";
    `report` says 'Fout: Fryslân (PV21) is een provincie, geen gemeente' with the command
    listing its municipalities: profile now says what report says, in its --lang."""
    db = ["--db", str(synthetic_path)]
    report = said(cli_run("report", query, *db, "--out", str(tmp_path)))
    assert said(cli_run("profile", query, *db)) == report
    assert report[0].startswith("Fout: ") and report[-1].startswith("Tip: ")
    assert "municipality" not in " ".join(report)
    english = said(cli_run("profile", query, *db, "--lang", "en"))
    assert english == said(cli_run("report", query, *db, "--out", str(tmp_path), "--lang", "en"))
    assert english[0].startswith("Error: ") and "provincie" not in english[0]

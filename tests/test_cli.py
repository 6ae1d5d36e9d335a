"""The command line: outputs and user errors (short message, hint, no traceback). Most run on
the synthetic warehouse (tests/fixtures/synthetic_warehouse.py); the build log, names two
municipalities share, Haaren and catalogue aliases need the real build."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest


def test_show_prints_the_series_with_its_source_as_csv(cli_run, synthetic_path):
    out = cli_run("show", "den bosch", "population", "--db", str(synthetic_path), "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    by_year = {int(r["year"]): r for r in rows}
    assert float(by_year[2019]["value"]) == 154_000  # 145 000 in 2013, +1 500 a year
    assert by_year[2019]["source"] == "37259eng"
    assert by_year[2025]["source"] == "03759ned"  # the catalogue's later source


def test_regions_json_resolves_aliases_and_codes(cli_run, synthetic_path):
    for query, code in [("Den Haag", "GM0518"), ("GM0796", "GM0796"),
                        ("'s-Hertogenbosch", "GM0796")]:
        out = cli_run("regions", query, "--db", str(synthetic_path), "--format", "json")
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout)[0]["region_code"] == code


def test_typo_in_city_gives_suggestions_and_no_traceback(cli_run, synthetic_path):
    out = cli_run("show", "Zwole", "population", "--db", str(synthetic_path), "--lang", "en")
    assert out.returncode == 1
    assert "Unknown municipality 'Zwole'" in out.stderr
    assert "Zwolle" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_unknown_indicator_and_missing_warehouse_are_short_errors(cli_run, synthetic_path,
                                                                  tmp_path):
    out = cli_run("show", "Zwolle", "populatoin", "--db", str(synthetic_path))
    assert out.returncode == 1 and "population" in out.stderr
    out = cli_run("show", "Zwolle", "population", "--db", str(tmp_path / "none.duckdb"), "--lang",
              "en")
    assert out.returncode == 1 and "no warehouse" in out.stderr and "--snapshot" in out.stderr
    assert "Traceback" not in out.stderr


def test_live_build_without_network_fails_fast_suggesting_a_snapshot(tmp_path):
    import os
    import time

    env = {**os.environ, "STADSTRENDS_CACHE": str(tmp_path / "cache"),
           "STADSTRENDS_ODATA_URL": "http://127.0.0.1:9/ODataFeed/odata"}
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "build", "--db",
                          str(tmp_path / "x.duckdb")], capture_output=True, text=True,
                         timeout=60, env=env)
    assert time.monotonic() - start < 20
    assert out.returncode == 1
    assert "--snapshot" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "x.duckdb").exists()


def _latest(warehouse_path, code: str, indicator: str) -> tuple[int, float]:
    import duckdb

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        return con.execute("SELECT year, value FROM indicator_values WHERE region_code = ? AND "
                           "indicator_id = ? ORDER BY year DESC LIMIT 1",
                           [code, indicator]).fetchone()


def test_build_log_has_plain_progress_lines(warehouse_path):
    """The session's warehouse is built by `stadstrends build` with stdout not a terminal;
    its lines are Dutch, as its errors, after the command's name ('build 3/54 ingest ...',
    'Built ...' became 'build 3/54 inlezen ...', 'Gebouwd: ...')."""
    import re

    log = (warehouse_path.parent / "build.log").read_text(encoding="utf-8").splitlines()
    steps = [line for line in log if line.startswith("build ")]
    ingest = [line for line in steps
              if re.fullmatch(r"build +\d+/\d+ inlezen \S+( \(v\d\))? \(\d+ s\)", line)]
    assert len(ingest) >= 40, log  # one line per CBS table read
    for stage in ("regio's en fusies", "indicatoren", "analyse", "controles en opslaan"):
        assert any(f" {stage} (" in line for line in steps), stage
    assert re.fullmatch(r"Gebouwd: \S+: \d+ CBS-tabellen, [\d.]+ waarnemingen, [\d.]+ "
                        r"indicatorwaarden, gemeentegrenzen van \d{4}, \d+,\d s\. "
                        r"Bron: CBS \(CC BY 4\.0\)", log[-1]), log[-1]
    assert "\x1b[" not in "\n".join(log)


def test_build_summary_counts_tables_once(warehouse_path):
    """'Gebouwd: ...: 50 CBS-tabellen' counted 83625NED twice (its CSV copy and its OData v4
    copy are two rows of ``sources``); the summary counts distinct tables: 49."""
    import re

    import duckdb

    line = (warehouse_path.parent / "build.log").read_text(encoding="utf-8").splitlines()[-1]
    said = int(re.search(r": (\d+) CBS-tabellen", line).group(1))
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        rows, tables = con.execute(
            "SELECT count(*), count(DISTINCT lower(table_id)) FROM sources").fetchone()
        observed = con.execute("SELECT count(DISTINCT lower(table_id)) FROM observations "
                               "WHERE table_id IS NOT NULL").fetchone()[0]
    assert said == tables == observed < rows, (said, tables, observed, rows)


def test_show_numbers_follow_lang(cli_run, synthetic_path):
    year, value = _latest(synthetic_path, "GM0193", "population")
    assert (year, value) == (2025, 132_000)
    nl = cli_run("show", "Zwolle", "population", "--db", str(synthetic_path))
    en = cli_run("show", "Zwolle", "population", "--db", str(synthetic_path), "--lang", "en")
    assert nl.returncode == 0 and en.returncode == 0, nl.stderr + en.stderr
    dutch, english = f"{value:,.0f}".replace(",", "."), f"{value:,.0f}"
    row = next(line for line in nl.stdout.splitlines() if f" {year} " in line)
    assert dutch in row and english not in row and " nee " in row
    assert "Inwoners op 1 januari" in nl.stdout and "jaar" in nl.stdout
    row = next(line for line in en.stdout.splitlines() if f" {year} " in line)
    assert english in row and " no " in row
    share = cli_run("show", "Zwolle", "unemployment_rate", "--db", str(synthetic_path))
    assert " 2024 " in share.stdout and "3,8" in share.stdout  # one decimal, Dutch comma


def test_show_an_indicator_by_its_alias(cli_run, warehouse_path):
    share = cli_run("show", "Zwolle", "share_65plus", "--db", str(warehouse_path))
    year, value = _latest(warehouse_path, "GM0193", "share_age_65_plus")
    assert f"{value:.1f}".replace(".", ",") in share.stdout  # one decimal, Dutch comma


def test_show_names_the_years_it_leaves_out_and_why(cli_run, warehouse_path):
    """Ameland's share of housing association dwellings: 2009-2011 only; 2012-2024 are left
    out (CBS files them under other landlords), which the table alone did not say."""
    for lang, said in (("nl", "Niet getoond: 2012–2024 (CBS rekent in deze jaren"),
                       ("en", "Not shown: 2012–2024 (in these years CBS files")):
        out = cli_run("show", "Ameland", "social_housing_share", "--db", str(warehouse_path),
                  "--lang", lang, "--format", "csv")
        assert out.returncode == 0, out.stderr
        years = [int(r["year"]) for r in csv.DictReader(io.StringIO(out.stdout))]
        assert years == [2009, 2010, 2011]
        assert said in " ".join(out.stderr.split()), out.stderr


def test_regions_names_shared_names_with_their_province(cli_run, warehouse_path):
    out = cli_run("regions", "bergen", "--db", str(warehouse_path), "--format", "json")
    rows = json.loads(out.stdout)
    assert {r["region_code"]: r["name"] for r in rows[:2]} == {
        "GM0373": "Bergen (Noord-Holland)", "GM0893": "Bergen (Limburg)"}
    table = cli_run("regions", "bergen", "--db", str(warehouse_path))
    assert "Bergen (Noord-Holland)" in table.stdout and "Bergen (Limburg)" in table.stdout
    shown = cli_run("show", "Bergen (L.)", "population", "--db", str(warehouse_path))
    assert shown.returncode == 0 and "Bergen (Limburg) (GM0893)" in shown.stdout
    both = cli_run("show", "Bergen", "population", "--db", str(warehouse_path))  # still both
    assert both.returncode != 0 and "GM0373 Bergen (NH.), GM0893 Bergen (L.)" in both.stderr


def test_an_error_that_lists_its_choices_says_them_once(cli_run, warehouse_path):
    """'Fout: Meerdere gemeenten heten 'Bergen': GM0373 Bergen (NH.), GM0893 Bergen (L.)'
    was followed by 'Bedoelde u: GM0373 Bergen (NH.), GM0893 Bergen (L.)?' (and Haaren's
    successors by 'Bedoelde u: GM0824 Oisterwijk, ...?'): the list once, as the error page
    says it; a typo's suggestion keeps its question."""
    db = ("--db", str(warehouse_path))
    for lang, query, listed in (("nl", "Bergen", "GM0373 Bergen (NH.), GM0893 Bergen (L.)"),
                                ("en", "Bergen", "GM0373 Bergen (NH.), GM0893 Bergen (L.)"),
                                ("nl", "Haaren", "Oisterwijk (GM0824), Vught (GM0865)")):
        out = cli_run("show", query, "unemployment_rate", *db, "--lang", lang)
        assert out.returncode != 0 and out.stderr.count(listed) == 1, out.stderr
        assert "Bedoelde u" not in out.stderr and "Did you mean" not in out.stderr
    typo = cli_run("show", "Zwole", "unemployment_rate", *db)
    assert "Bedoelde u: Zwolle?" in typo.stderr, typo.stderr


def test_regions_search_shows_exact_matches_only_when_there_are(cli_run, synthetic_path):
    for query, codes in [("den bosch", ["GM0796"]), ("den haag", ["GM0518"])]:
        out = cli_run("regions", query, "--db", str(synthetic_path), "--format", "json")
        assert [r["region_code"] for r in json.loads(out.stdout)] == codes, query


def test_regions_search_without_hits_says_so_with_a_hint(cli_run, synthetic_path):
    """`regions xyzzy` printed an empty table and nothing else."""
    out = cli_run("regions", "xyzzy", "--db", str(synthetic_path))
    assert out.returncode == 0 and "Niets gevonden voor 'xyzzy'" in out.stderr, out.stderr
    assert "Tip:" in out.stderr and "--all" in out.stderr and "┃" not in out.stdout
    assert "Hint" not in out.stderr  # 'Hint:' before a Dutch sentence
    as_json = cli_run("regions", "xyzzy", "--db", str(synthetic_path), "--format", "json")
    assert json.loads(as_json.stdout) == [] and "Niets gevonden" in as_json.stderr
    found = cli_run("regions", "zwolle", "--db", str(synthetic_path))
    assert "Niets gevonden" not in found.stderr and "Zwolle" in found.stdout


def test_regions_lists_the_members_of_a_set(cli_run, synthetic_path):
    import duckdb

    with duckdb.connect(str(synthetic_path), read_only=True) as con:
        g40 = {r[0] for r in con.execute(
            "SELECT region_code FROM region_sets WHERE set_id = 'G40'").fetchall()}
    for args in (["--set", "G40"], ["G40"], ["--set", "g40"]):
        out = cli_run("regions", *args, "--db", str(synthetic_path), "--format", "json")
        assert out.returncode == 0, out.stderr
        assert {r["region_code"] for r in json.loads(out.stdout)} == g40, args
    table = cli_run("regions", "--set", "G40", "--db", str(synthetic_path))
    assert f"Regioset G40: {len(g40)} regio's" in table.stdout and "Zwolle" in table.stdout
    out = cli_run("regions", "--set", "G99", "--db", str(synthetic_path))
    assert out.returncode == 1 and "onbekende regioset 'G99'" in out.stderr
    assert "G40" in out.stderr and "Traceback" not in out.stderr


def test_every_municipality_has_a_report_and_a_bad_group_a_clear_error(cli_run, synthetic_path,
                                                                         tmp_path):
    out = cli_run("report", "Oostzaan", "--db", str(synthetic_path), "--out", str(tmp_path))
    assert out.returncode == 0, out.stderr
    html = (tmp_path / "oostzaan.nl.html").read_text(encoding="utf-8")
    # Oostzaan is the synthetic warehouse's only municipality under 10 000 inhabitants
    assert "Vergeleken met de enige gemeente met minder dan 10.000 inwoners" in html
    for bad, words in (("G40", "is not in comparison group 'G40'"),
                       ("XYZ", "no comparison group 'XYZ'")):
        out = cli_run("report", "Oostzaan", "--vergelijk", bad, "--db", str(synthetic_path),
                  "--out", str(tmp_path), "--lang", "en")
        assert out.returncode == 1 and words in out.stderr, out.stderr
        assert "Traceback" not in out.stderr and "PV27" in out.stderr  # the hint: its groups
    out = cli_run("report", "Oostzaan", "--vergelijk", "pv27", "--db", str(synthetic_path),
              "--out", str(tmp_path))
    assert out.returncode == 0, out.stderr
    html = (tmp_path / "oostzaan.pv27.nl.html").read_text(encoding="utf-8")
    assert "Vergeleken met de 3 gemeenten van de provincie Noord-Holland." in html
    for args in (["Oostzaan", "--all"], ["--vergelijk", "PV27", "--all"], []):
        out = cli_run("report", *args, "--db", str(synthetic_path), "--out", str(tmp_path))
        assert out.returncode == 2 and "Traceback" not in out.stderr, args  # usage


def test_a_pdf_without_pango_is_a_short_error_though_weasyprint_loads_meanwhile(
        synthetic_path, tmp_path):
    """The PDF command imports WeasyPrint in its engine process while it reads the data;
    when that import fails (no pango), the PDF step says so in one line with a hint, without
    trying again (WeasyPrint prints a banner at each attempt; the engine's goes to standard
    error), and the HTML of ``--format both`` is written first."""
    fake = tmp_path / "fake"
    (fake / "weasyprint").mkdir(parents=True)
    (fake / "weasyprint" / "__init__.py").write_text(
        "print('WeasyPrint could not import some external libraries.')\n"
        "raise OSError(\"cannot load library 'libpango-1.0-0': not found\")\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(fake), *filter(None, [os.environ.get("PYTHONPATH")])])}
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "report", "Zwolle", "--db",
                          str(synthetic_path), "--format", "both", "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    # in the report's language (it said this in English in a Dutch report command)
    assert "Fout: kan de PDF niet schrijven: WeasyPrint laadt niet (cannot load library" \
        in out.stderr
    assert "pango" in out.stderr and "--format html" in out.stderr
    banner = "could not import some external libraries"
    assert (out.stdout + out.stderr).count(banner) == 1
    assert (tmp_path / "zwolle.nl.html").exists() and not (tmp_path / "zwolle.nl.pdf").exists()


def test_a_former_municipality_answers_with_its_successor(cli_run, synthetic_path):
    out = cli_run("show", "Weesp", "crimes_per_1000", "--db", str(synthetic_path), "--format",
                  "csv")
    assert out.returncode == 0, out.stderr
    assert "Weesp valt sinds 24 maart 2022 onder Amsterdam (GM0363)" in out.stderr
    by_year = {int(r["year"]): float(r["value"]) for r in csv.DictReader(io.StringIO(out.stdout))}
    assert by_year[2022] == pytest.approx(30.0)  # Amsterdam and Weesp: 30 per 1 000 each
    out = cli_run("show", "Weesp", "population", "--db", str(synthetic_path), "--format", "csv")
    by_year = {int(r["year"]): float(r["value"]) for r in csv.DictReader(io.StringIO(out.stdout))}
    assert by_year[2013] == 800_000 + 18_000  # today's Amsterdam, Weesp's people included


def test_a_municipality_split_over_four_answers_with_a_clear_error(cli_run, warehouse_path):
    out = cli_run("show", "Haaren", "population", "--db", str(warehouse_path), "--lang", "en")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "divided among" in out.stderr and "Tilburg (GM0855)" in out.stderr


def test_build_exits_non_zero_on_failed_checks_unless_allow_gaps(tmp_path, monkeypatch,
                                                                 capsys):
    from stadstrends import cli
    from stadstrends.warehouse import build as build_module
    from stadstrends.warehouse.checks import refusal

    failed = [{"check": "unknown_periods",
               "rows": [{"table_id": "X", "period": "2019/2020", "cells": 3}]}]
    result = build_module.BuildResult(str(tmp_path / "w.duckdb"), 2025, 1, 1, 1, 0.1, failed)

    def built(*args, allow_gaps: bool = False, **kwargs):  # as the build: refused without it
        if not allow_gaps:
            raise refusal(None, failed, "live", tmp_path / "w.duckdb")
        return result

    monkeypatch.setattr(build_module, "build_warehouse", built)
    (tmp_path / "cbs_statline_dump").mkdir()  # a snapshot folder to the check before the build
    for extra, code in (([], 1), (["--allow-gaps"], 0)):  # no SOURCES.md: --unchecked
        monkeypatch.setattr(sys, "argv", ["stadstrends", "build", "--snapshot", str(tmp_path),
                                          "--db", str(tmp_path / "w.duckdb"),
                                          "--unchecked", *extra])
        with pytest.raises(SystemExit) as exit_info:
            cli.main()
            raise SystemExit(0)
        assert exit_info.value.code == code
        err = " ".join(capsys.readouterr().err.split())
        assert ("controle mislukt: perioden die niet gelezen konden worden: tabel: X, "
                "periode: 2019/2020, cellen: 3") in err
        assert (("niet gebouwd: datacontroles mislukt (1): perioden die niet gelezen konden "
                 "worden; het nieuwe warehouse is weggegooid, op") in err) == (code == 1), err
        assert ("toch gebouwd en geïnstalleerd" in err) == (code == 0), err


@pytest.mark.parametrize("args", [("--help",), ("show", "Zwolle", "population"),
                                  ("show", "Weesp", "population"), ("regions", "Zwolle"),
                                  ("regions", "--set", "G40"), ("indicators",)])
def test_reading_commands_import_no_trend_statistics_and_no_pandas(synthetic_path, args):
    """Reading the warehouse needs no trend statistics, no DataFrames and no report engine:
    scipy and pymannkendall (0.7 s of imports), pandas, numpy and pyarrow (0.4 s), and the
    report's Jinja, vl-convert, WeasyPrint and altair stay out of `show`, `regions`,
    `indicators` and `--help`, which print tables from plain DuckDB rows;
    they run SQL on DuckDB's engine (`_duckdb`) without the `duckdb` package's Python layer
    (0.09 s; `stadstrends.engine`), and parse their parameters without pydantic (typer < 0.29,
    pyproject.toml; 0.085 s) (issue 16: `show` <= 1.5x `--help`; `bench/cli_start.py`)."""
    argv = [*args, "--db", str(synthetic_path)] if args[0] != "--help" else list(args)
    # the modules are listed by an exit handler: a clean end leaves at once after them
    code = ("import atexit, sys, runpy; sys.argv = ['stadstrends', *sys.argv[1:]]\n"
            "def heavy():\n"
            "    print('HEAVY', sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] "
            "in ('scipy', 'pymannkendall', 'pandas', 'numpy', 'pyarrow', 'duckdb', "
            "'pydantic', 'jinja2', 'vl_convert', 'weasyprint', 'altair')}), file=sys.stderr)\n"
            "atexit.register(heavy)\n"
            "runpy.run_module('stadstrends.cli', run_name='__main__')\n")
    out = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert "HEAVY []" in out.stderr
    if args[0] != "--help":
        assert "Bron: CBS" in out.stdout


def test_a_snapshot_build_imports_no_http_client_and_no_scipy_stats():
    """The modules of `stadstrends build --snapshot` load neither httpx (0.2-0.4 s; only the
    live loaders need it) nor scipy.stats (0.8 s; the trend tests need only the standard
    normal, from the standard library)."""
    code = ("import sys\nimport stadstrends.cli, stadstrends.commands.build, "
            "stadstrends.warehouse.build, stadstrends.ingest.snapshot, stadstrends.analysis.build\n"
            "print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] == 'httpx' "
            "or m.startswith('scipy.stats')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert "LOADED []" in out.stdout


def test_an_error_about_the_english_language_file_is_still_reported(monkeypatch, capsys):
    """The command line's own words come from en.yaml; when that file is the damaged one,
    the error about it is printed with built-in words instead of a second traceback."""
    from stadstrends import cli, vocabulary
    from stadstrends.errors import YAMLFileError

    damaged = YAMLFileError("cannot read the language file en.yaml: not YAML (line 3)",
                            "restore it: git checkout -- src/stadstrends/locale/en.yaml")

    def broken(lang, name):
        raise damaged

    monkeypatch.setattr(vocabulary, "section", broken)
    cli._report(damaged)
    err = capsys.readouterr().err
    assert "Error: cannot read the language file en.yaml" in err
    assert "Hint: restore it" in err


def test_a_code_that_is_no_municipality_is_named_for_what_it_is(cli_run, warehouse_path, tmp_path):
    """`report PV26` said 'Unknown municipality code PV26' with the hint 'regions pv2': PV26
    is the province of Utrecht, and the error says so, suggesting the municipality of that
    name (CR10 was 'geen huidige gemeente', as if a former one: it is a COROP region, in
    both languages); an unknown GM code says how a municipality code looks."""
    out = cli_run("report", "PV26", "--db", str(warehouse_path), "--out", str(tmp_path), "--lang",
              "en")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "Utrecht (PV26) is a province, not a municipality" in out.stderr, out.stderr
    assert "GM0344" in out.stderr and "regions pv2" not in out.stderr
    for lang, said in (("nl", "Fout: Noord-Overijssel (CR10) is een COROP-gebied, geen gemeente"),
                       ("en", "Error: Noord-Overijssel (CR10) is a COROP region, not a "
                              "municipality")):
        out = cli_run("profile", "CR10", "--db", str(warehouse_path), "--lang", lang)
        assert out.returncode == 1 and said in out.stderr, out.stderr
        assert "huidige" not in out.stderr and "current" not in out.stderr
    out = cli_run("report", "GM9999", "--db", str(warehouse_path), "--out", str(tmp_path), "--lang",
              "en")
    assert out.returncode == 1 and "Unknown municipality code 'GM9999'" in out.stderr
    assert "four digits" in out.stderr and "regions gm9" not in out.stderr, out.stderr


def test_show_marks_figures_harmonised_to_todays_boundaries(cli_run, warehouse_path):
    """Leeuwarden took in Boarnsterhim (2014) and parts of Littenseradiel (2018): its figures
    before 2018 are Stadstrends' estimates for today's boundaries, not the numbers of the
    source table (80860ned gives the old Leeuwarden), and `show` says so per year and in a
    note; Zwolle's series since 1999 is CBS's own (no change of its boundaries since 2009,
    the boundaries 80860ned uses), with no note."""
    out = cli_run("show", "Leeuwarden", "population", "--db", str(warehouse_path), "--format",
                  "csv")
    assert out.returncode == 0, out.stderr
    rows = {int(r["year"]): r["harmonised"] for r in csv.DictReader(io.StringIO(out.stdout))}
    assert {y for y, h in rows.items() if h == "true"} == set(range(1999, 2018))
    assert all(h == "false" for y, h in rows.items() if y >= 2018)
    assert ("Omgerekend = ja: Stadstrends rekende het cijfer om naar de gemeentegrenzen van 2025, "
            "uit cijfers die het CBS publiceerde voor de gemeente(n) van toen") in out.stderr
    assert "gemeentegrenzen van 2025" in out.stderr
    table = cli_run("show", "Leeuwarden", "population", "--db", str(warehouse_path), "--lang", "en")
    assert "harmonised" in table.stdout and "Harmonised = yes" in table.stderr
    zwolle = cli_run("show", "Zwolle", "population", "--db", str(warehouse_path), "--format", "csv")
    assert {r["harmonised"] for r in csv.DictReader(io.StringIO(zwolle.stdout))} == {"false"}
    assert "Omgerekend" not in zwolle.stderr


@pytest.mark.parametrize("lang", ["nl", "en", None])
def test_a_split_municipality_is_one_error_in_every_command(cli_run, warehouse_path, tmp_path,
                                                            lang):
    """'report Haaren' said 'is no municipality since ... divided over' in words of its own
    while 'show' and 'profile' say 'has not existed since ... divided among' (errors.former_*);
    in the command's --lang (default nl: it said it in English even with --lang nl)."""
    db = ["--db", str(warehouse_path), *(["--lang", lang] if lang else [])]
    outs = {"report": cli_run("report", "Haaren", "--out", str(tmp_path), *db),
            "show": cli_run("show", "Haaren", "population", *db),
            "profile": cli_run("profile", "Haaren", *db)}
    first = {k: o.stderr.splitlines()[0] for k, o in outs.items()}
    assert all(o.returncode == 1 and "Traceback" not in o.stderr for o in outs.values()), first
    assert len(set(first.values())) == 1, first
    if lang == "en":
        assert first["show"].startswith("Error: Haaren (GM0788) has not existed since 1 "
                                        "January 2021: it was divided among Oisterwijk "
                                        "(GM0824)"), first
        assert "Hint: write the report of one of them, e.g. `stadstrends report GM0824` " \
            "(Oisterwijk)" in outs["report"].stderr
    else:
        assert first["show"].startswith("Fout: Haaren (GM0788) bestaat sinds 1 januari 2021 "
                                        "niet meer en is verdeeld over Oisterwijk (GM0824)")
        assert "Tip: schrijf het rapport van een van hen, bijvoorbeeld `stadstrends report " \
            "GM0824` (Oisterwijk)" in outs["report"].stderr


def test_echoed_input_reaches_the_terminal_printable(cli_run, synthetic_path):
    """A terminal escape in a name was printed as such ('Unknown municipality '\\x1b[31m…'),
    '[bold]' in a name was read as markup and left out."""
    out = cli_run("show", "ab\x1b[31mcd", "population", "--db", str(synthetic_path))
    assert out.returncode == 1 and "\x1b" not in out.stderr, out.stderr
    assert "ab\\x1b[31mcd" in out.stderr, out.stderr
    out = cli_run("show", "ab[bold]cd", "population", "--db", str(synthetic_path))
    assert "'ab[bold]cd'" in out.stderr, out.stderr  # not read as rich markup


def test_a_name_of_invalid_bytes_is_echoed_as_its_bytes(synthetic_path):
    """`show $'\\xff\\xfe' population` said "Onbekende gemeente '\\udcff\\udcfe'" (Python's
    surrogates for the bytes that are no UTF-8): the bytes as typed, '\\xff\\xfe'. In a
    process of its own: the bytes reach it as a shell passes them."""
    for name, shown in ((b"\xff\xfe", "'\\xff\\xfe'"), (b"Amst\xffdam", "'Amst\\xffdam'")):
        out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "show", name,
                              "population", "--db", str(synthetic_path)],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 1, out.stderr
        assert "udc" not in out.stderr and shown in out.stderr, out.stderr


def test_profile_of_a_former_municipality_says_it_shows_the_successor(cli_run, warehouse_path):
    """'profile Appingedam' printed Eemsdelta's profile without a word ('show' says it)."""
    note = "Appingedam valt sinds 1 januari 2021 onder Eemsdelta (GM1979)"
    out = cli_run("profile", "Appingedam", "--db", str(warehouse_path), "--format", "json")
    assert out.returncode == 0 and note in out.stderr, out.stderr
    assert json.loads(out.stdout)["region"]["code"] == "GM1979"
    out = cli_run("profile", "GM0003", "--db", str(warehouse_path), "--lang", "en")
    assert "Appingedam has been part of Eemsdelta (GM1979) since 1 January 2021" in out.stderr
    out = cli_run("profile", "Eemsdelta", "--db", str(warehouse_path), "--format", "json")
    assert out.returncode == 0 and "valt sinds" not in out.stderr, out.stderr


def test_every_kind_of_former_municipality_says_where_it_went(cli_run, warehouse_path, tmp_path):
    """Oploo, Sint Anthonis en Ledeacker (GM0827, 1994: before the crosswalk) printed an
    empty table with exit 0 and no word; Esch (into Haaren 1996, Haaren divided 2021) said
    its area 'is now part of' Haaren's four successors; Elten (to Germany in 1963) has none."""
    db = ["--db", str(warehouse_path)]
    oploo = cli_run("show", "GM0827", "population", *db, "--format", "csv")
    assert oploo.returncode == 0, oploo.stderr
    assert ("Oploo, Sint Anthonis en Ledeacker bestaat sinds 1 januari 1994 niet meer; het "
            "gebied hoort nu bij Land van Cuijk (GM1982)") in oploo.stderr
    assert len(list(csv.DictReader(io.StringIO(oploo.stdout)))) > 20
    assert oploo.stdout == cli_run("show", "GM1982", "population", *db, "--format", "csv").stdout
    esch = cli_run("show", "Esch", "population", *db, "--lang", "en")
    assert esch.returncode == 1 and "Traceback" not in esch.stderr
    assert esch.stderr.startswith("Error: Esch (GM0776) became part of Haaren (GM0788) on 1 "
                                  "January 1996; Haaren has been divided among Oisterwijk")
    assert "now part of" not in esch.stderr
    report = cli_run("report", "Esch", "--out", str(tmp_path), *db, "--lang", "en")
    assert report.returncode == 1 and report.stderr.splitlines()[0] == \
        esch.stderr.splitlines()[0]
    assert "it is not known which part of Haaren Esch was" in report.stderr
    listed = cli_run("regions", "GM0827", *db)  # said 'Niets gevonden' without --all
    assert listed.stderr.startswith("Oploo, Sint Anthonis en Ledeacker bestaat sinds 1 januari "
                                    "1994 niet meer") and "--all" in listed.stderr
    elten = cli_run("show", "GM1055", "population", *db, "--lang", "en")
    assert elten.returncode == 1 and "Elten (GM1055) has not existed since 1 August 1963" \
        in elten.stderr


def test_a_report_imports_no_pandas_and_no_numpy(warehouse_path, tmp_path):
    """Writing reports (HTML, real data) needs no DataFrames: pandas and numpy (~0.4 s of a
    fresh report's ~1 s of CPU, and again in every pool worker of a set run) stay out;
    ``sentence_signals.missing`` and ``profile_parts.clean`` take DuckDB's plain values."""
    code = ("import sys\nfrom pathlib import Path\n"
            "from stadstrends.publish.report import builder\n"
            "con = builder.open_db(Path(sys.argv[1]))\n"
            "for city in ('Zwolle', 'Amsterdam', 'Vaals', 'Schiermonnikoog'):\n"
            "    builder.write_city(con, city, Path(sys.argv[2]), 'nl', 'html')\n"
            "print('HEAVY', sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] "
            "in ('pandas', 'numpy', 'scipy', 'pyarrow')}))")
    out = subprocess.run([sys.executable, "-c", code, str(warehouse_path), str(tmp_path)],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    assert "HEAVY []" in out.stdout
    assert len(list(tmp_path.glob("*.nl.html"))) == 4


def test_regions_lists_every_comparison_group_that_report_offers(synthetic_path, cli_run):
    """`regions --set TY3` said 'onbekende regioset' while `report --vergelijk TY3`, the
    `report --set` tip and the API offer it: every group of ``comparison_groups`` (but the
    per-municipality PEERS) lists its current members, and the tip names them all. The
    groups' runs in this process (``cli_run``), the unknown one's in its own."""
    import duckdb

    with duckdb.connect(str(synthetic_path), read_only=True) as con:
        groups = dict(con.execute("SELECT set_id, family FROM comparison_groups").fetchall())
        members = {g: {r[0] for r in con.execute(
            "SELECT m.region_code FROM comparison_group_members m JOIN regions r USING "
            "(region_code) WHERE m.set_id = ? AND m.focal_code IS NULL AND r.valid_to IS NULL",
            [g]).fetchall()} for g in groups}
    assert "typology" in groups.values()
    for set_id, family in sorted(groups.items()):
        out = cli_run("regions", "--set", set_id.lower(), "--db", str(synthetic_path),
                      "--format", "json")
        if family == "peers":
            assert out.returncode == 1 and "voor elke gemeente een andere groep" in out.stderr
            continue
        assert out.returncode == 0, (set_id, out.stderr)
        assert {r["region_code"] for r in json.loads(out.stdout)} == members[set_id], set_id
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "regions", "--set", "XX99",
                          "--db", str(synthetic_path), "--lang", "en"],
                         capture_output=True, text=True, timeout=120)
    tip = " ".join(out.stderr.split())
    named = [g for g, f in groups.items() if f not in ("corop", "province", "peers")]
    assert out.returncode == 1 and all(f"{g}," in tip for g in named), tip
    assert "PEERS" not in tip and "CR17 or PV27" in tip, tip

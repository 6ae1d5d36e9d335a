"""A warehouse whose build failed data checks (a source file cut at a row boundary loses
figures) is used with a warning: `show`, `profile` and `report` say on stderr, in the
command's language, which checks failed and how to build again; the build itself words its
checks and their rows (no Python reprs, no English in a Dutch command)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from stadstrends.commands.build import check_row
from tests.fixtures.damaged_snapshot import damaged_snapshot, refused_build

FAILED = [{"check": "unmatched_catalogue_parts",
           "rows": [{"indicator_id": "share_age_65_plus", "table_id": "85383ned",
                     "measure": "k_65JaarOfOuder_12", "filters": ["StatusCijfer=Definitief"],
                     "problem": "no_rows_match"}]}]


@pytest.fixture(scope="module")
def damaged(warehouse_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's warehouse whose build record says a check failed."""
    db = tmp_path_factory.mktemp("failed") / "w.duckdb"
    shutil.copy(warehouse_path, db)
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE build_info SET checks_failed = ?", [json.dumps(FAILED)])
    return db


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "stadstrends.cli", *args], capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("lang, words", [
    ("nl", "mislukten datacontroles (delen van de indicatorcatalogus zonder gegevens)"),
    ("en", "failed data checks (parts of the indicator catalogue without data)")])
def test_show_warns_once_that_the_build_failed_checks(damaged, lang, words):
    out = _run("show", "Zwolle", "population", "--db", str(damaged), "--lang", lang)
    assert out.returncode == 0, out.stderr
    said = " ".join(out.stderr.split())
    assert said.count(words) == 1, out.stderr
    assert "stadstrends build --snapshot" in said and str(damaged) in said
    assert "Zwolle" in out.stdout  # the figures are still shown


def test_a_warehouse_whose_checks_passed_is_used_without_a_warning(warehouse_path):
    out = _run("show", "Zwolle", "population", "--db", str(warehouse_path))
    assert out.returncode == 0 and "datacontroles" not in out.stderr, out.stderr


def test_a_failed_checks_rows_are_worded_without_python_reprs():
    row = FAILED[0]["rows"][0]
    assert check_row(row, "nl") == (
        "indicator: share_age_65_plus, tabel: 85383ned, onderwerp: k_65JaarOfOuder_12, "
        "filter: StatusCijfer=Definitief, probleem: geen rijen voor deze filter of jaren")
    # a copy of 03759ned's JSON page cut by 3 000 observations (h41c): the rows printed
    # 'year=2024, municipalities=14002314.0, ...'
    added = {"table_id": "03759ned", "measure": "M000352", "year": 2024,
             "municipalities": 14002314.0, "national": 17942942.0, "n_municipalities": 256,
             "difference": -3940628.0, "tolerance": 53.4, "rounded_to": 1.0}
    assert check_row(added, "nl") == (
        "tabel: 03759ned, onderwerp: M000352, jaar: 2024, som van de gemeenten: 14.002.314, "
        "landelijk cijfer: 17.942.942, gemeenten: 256, verschil: −3.940.628, "
        "toegestane afwijking: 53,4, afgerond op: 1")
    assert "14,002,314" in check_row(added, "en") and "rounded to: 1" in check_row(
        added, "en")
    assert check_row({"yes": True, "no": False}, "nl") == "yes: ja, no: nee"
    # a sum of apportioned figures is a whole number but for float error: no ',00'
    assert check_row({"municipalities": 16_248_670.000000002}, "nl") == (
        "som van de gemeenten: 16.248.670")
    assert check_row({"": "unmatched_catalogue_parts"}, "en") \
        == "parts of the indicator catalogue without data"
    assert "array(" not in check_row({"filters": ["a", "b"]}, "en")
    # a sum that does not add up: its tables, the municipality departing most (none: '-')
    assert check_row({"year": 2003, "table_id": ["80860ned"],
                      "departing_per_inhabitant": None}, "nl") == (
        "jaar: 2003, tabel: 80860ned, sterkst afwijkend van de eigen jaren ervoor en erna, "
        "per inwoner: -")


def test_a_copy_that_lost_a_municipality_is_refused_unless_gaps_are_allowed(
        shared_data, warehouse_path, tmp_path):
    """81064ned without Deventer's rows, in a snapshot without SOURCES.md read with
    --unchecked (so only the data check can tell): the build is refused naming table,
    municipality and years, and the warehouse it would replace stays byte for byte (it was
    swapped in, exit 1, and `show Deventer payment_arrears_per_1000` blamed CBS); with
    --allow-gaps it is built and swapped in, exit 0, the gap printed, and build_info records
    both the failed check and that the inputs were unchecked."""
    arrears = "cbs_statline_dump/municipal_complete/81064ned.csv"
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", arrears, lambda data: b"".join(
        line for line in data.splitlines(keepends=True) if b";Deventer;" not in line))
    # no register at all: a file without its line in one that has lines is refused before
    # the data checks (snapshot_unlisted, tests/ingest/test_listing_other_inputs.py)
    (snapshot / "SOURCES.md").unlink()
    err = " ".join(refused_build(snapshot, warehouse_path, tmp_path / "wh", "en",
                                 "--unchecked").split())
    assert ("not built: a table lacks every row of municipalities it has for nearly all "
            "others (1): 81064ned GM0150 Deventer (2010-2023)") in err, err
    assert "the copy of 81064ned is damaged" in err and "--allow-gaps" in err, err
    db = tmp_path / "wh" / "stadstrends.duckdb"
    out = _run("build", "--snapshot", str(snapshot), "--db", str(db), "--allow-gaps",
               "--unchecked")
    assert out.returncode == 0, out.stderr
    assert "gemeente: GM0150" in out.stderr, out.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        failed, unchecked = con.execute(
            "SELECT checks_failed, inputs_unchecked FROM build_info").fetchone()
    assert "municipalities_missing_from_table" in failed and unchecked is True


POPULATION = "cbs_statline_dump/municipal_complete/80860ned.csv"
ZUTPHEN_2003 = (b";Zutphen;2003;GM0301;45880;", b";Zutphen;2003;GM0301;95880;")


@pytest.fixture(scope="module")
def one_wrong_digit(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real snapshot with one digit of 80860ned changed: Zutphen's population of 2003
    95 880 instead of 45 880 (its years around it: 45 370 and 45 860)."""
    return damaged_snapshot(shared_data, tmp_path_factory.mktemp("digit"), POPULATION,
                            lambda data: data.replace(*ZUTPHEN_2003))


def test_a_sum_that_does_not_add_up_keeps_the_previous_warehouse(one_wrong_digit,
                                                                  warehouse_path, tmp_path):
    """One wrong digit fails the sum check: the build exited 1 but swapped the new warehouse
    in over the good one, and its row named neither table nor municipality. Now the previous
    warehouse stays byte for byte, nothing is left beside it (:func:`refused_build`), and
    the row names the CBS table and the municipality whose figure departs from its years
    before and after."""
    err = " ".join(refused_build(one_wrong_digit, warehouse_path, tmp_path / "wh", "nl").split())
    # once, by the one sum check (municipalities_add_up said it a second time, in other
    # words, at today's boundaries): the CBS file, its column, the year and the cell
    check = ("controle mislukt: de gemeenten tellen in een CBS-tabel niet op tot het landelijke "
             "cijfer van die tabel (meer dan de afronding van het CBS verklaart): ")
    assert err.count("controle mislukt:") == 1 and check in err, err
    assert (check + "tabel: 80860ned, onderwerp: TotaleBevolking_2, jaar: 2003, som van de "
            "gemeenten: 16.248.670, landelijk cijfer: 16.198.410, gemeenten: 441, verschil: "
            "50.260, toegestane afwijking: 606,22, afgerond op: 10, sterkst afwijkend van de "
            "eigen jaren ervoor en erna, per inwoner: Zutphen (GM0301), cijfer: 95.880, jaren "
            "ervoor en erna (gemiddeld): 45.615") in err, err
    assert err.count("Zutphen (GM0301)") == 1, err
    assert "de gemeenten tellen niet op tot het landelijke cijfer" not in err, err
    db = tmp_path / "wh" / "stadstrends.duckdb"
    assert (f"Fout: niet gebouwd: datacontroles mislukt (1): de gemeenten tellen in "
            f"een CBS-tabel niet op tot het landelijke cijfer van die tabel (meer dan de "
            f"afronding van het CBS verklaart); het nieuwe warehouse is weggegooid en {db} is "
            f"niet veranderd") in err, err
    assert "--allow-gaps" in err


def test_a_former_municipality_s_wrong_digit_is_named_and_nothing_installed_at_a_new_path(
        shared_data, tmp_path):
    """Haaren's population of 2003 in 80860ned as 64 040 for 14 040 (Haaren, GM0788, was
    divided over four municipalities in 2021): the row named 'Oisterwijk (GM0824), cijfer:
    51.632,37', today's municipality and its apportioned figure, a cell the file does not
    hold; now Haaren with its code, its figure in the file and its own years around it,
    and where it is now (the Dutch words of that row: test_counts_add_up.py). The build was
    for a new path: nothing is written there, no temp file, no lock."""
    snapshot = damaged_snapshot(shared_data, tmp_path / "snap", POPULATION, lambda data:
                                data.replace(b";Haaren;2003;GM0788;14040;",
                                             b";Haaren;2003;GM0788;64040;"))
    db = tmp_path / "new" / "stadstrends.duckdb"
    out = _run("build", "--snapshot", str(snapshot), "--db", str(db), "--lang", "en")
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    err = " ".join(out.stderr.split())
    assert ("departing most from its own years before and after, per inhabitant: Haaren "
            "(GM0788), now partly in: Oisterwijk (GM0824), figure: 64,040, years before and "
            "after (mean): 14,085") in err, err
    assert err.count("Haaren (GM0788)") == 1, err  # one check, one row
    assert f"the new warehouse was discarded, nothing was written at {db}" in err, err
    assert list(db.parent.iterdir()) == []  # no warehouse, no temp file, no lock


@pytest.fixture(scope="module")
def gaps_allowed(one_wrong_digit: Path, warehouse_path: Path,
                 tmp_path_factory: pytest.TempPathFactory
                 ) -> tuple[subprocess.CompletedProcess, Path]:
    """``build --allow-gaps`` from :func:`one_wrong_digit` over a copy of the session's
    warehouse, with ``--settings`` whose sum_spreads is 6.5 (the packaged file's 10 less than
    the largest real departure, 6.6 spreads: 80860ned, inhabitants of 45-64 in 2003): two
    claims, one build (each figure's sum is checked on its own: the wrong digit is in
    TotaleBevolking_2, the departure 6.5 spreads no longer allows in k_45Tot65Jaar_8)."""
    folder = tmp_path_factory.mktemp("gaps")
    packaged = Path(__file__).parents[2] / "src" / "stadstrends" / "settings.yaml"
    settings = folder / "settings.yaml"
    settings.write_text(packaged.read_text(encoding="utf-8").replace(
        "\nsum_spreads: 10.0\n", "\nsum_spreads: 6.5\n"), encoding="utf-8")
    assert settings.read_text(encoding="utf-8") != packaged.read_text(encoding="utf-8")
    db = folder / "stadstrends.duckdb"
    shutil.copy(warehouse_path, db)
    out = _run("build", "--snapshot", str(one_wrong_digit), "--db", str(db), "--allow-gaps",
               "--settings", str(settings))
    return out, db


def test_allow_gaps_swaps_in_a_build_whose_sum_fails(gaps_allowed):
    out, db = gaps_allowed
    assert out.returncode == 0, out.stderr
    err = " ".join(out.stderr.split())
    assert "tabel: 80860ned" in err and "Zutphen (GM0301), cijfer: 95.880" in err, err
    assert "Het warehouse is toch gebouwd en geïnstalleerd, met deze gaten" in err, err
    with duckdb.connect(str(db), read_only=True) as con:
        failed = json.loads(con.execute("SELECT checks_failed FROM build_info").fetchone()[0])
        assert [f["check"] for f in failed] == ["counts_add_up"]
        assert con.execute("SELECT value FROM indicator_values WHERE indicator_id = "
                           "'population' AND region_code = 'GM0301' AND year = 2003"
                           ).fetchone()[0] == 95_880


def test_the_sum_check_s_tolerance_is_read_from_the_settings_file_and_recorded(gaps_allowed):
    """sum_spreads 6.5 in the settings file (:func:`gaps_allowed`): the sum check fails
    80860ned's inhabitants of 45-64 in 2003, which the packaged 10 spreads pass (the session's
    warehouse: no failed check, test_a_warehouse_whose_checks_passed_is_used_without_a_warning),
    and build_info records the value the verdict came from (SPREADS was a constant in
    check_counts.py, recorded nowhere). The other row is the wrong digit's."""
    out, db = gaps_allowed
    assert out.returncode == 0, out.stderr
    err = " ".join(out.stderr.split())
    assert ("tabel: 80860ned, onderwerp: k_45Tot65Jaar_8, jaar: 2003") in err, err
    with duckdb.connect(str(db), read_only=True) as con:
        spreads, failed = con.execute(
            "SELECT sum_spreads, checks_failed FROM build_info").fetchone()
    assert spreads == 6.5
    [check] = json.loads(failed)
    assert check["check"] == "counts_add_up"
    assert sorted((r["table_id"], r["measure"], r["year"]) for r in check["rows"]) == [
        ("80860ned", "TotaleBevolking_2", 2003), ("80860ned", "k_45Tot65Jaar_8", 2003)]

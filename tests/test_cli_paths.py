"""The command line on bad paths and spellings: an output path that cannot be written (a
file where a folder goes, /proc, a folder where a file goes) is a short error naming the path
before any work, and leaves what is there untouched; the missing-warehouse hint names a build
command that works from any folder; ``--lang`` in any case. Run on the synthetic warehouse
(tests/fixtures/synthetic_warehouse.py). The commands run in this process (``cli_run``,
tests/conftest.py), but those run from another folder with their own environment."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

UNWRITABLE = Path("/proc/stadstrends-nope")  # /proc takes no new folders, not even for root


def run(*args: str, cwd: Path | None = None, env: dict | None = None
        ) -> subprocess.CompletedProcess:
    """``stadstrends ARGS`` in a process of its own, in folder ``cwd`` with environment
    ``env``."""
    return subprocess.run([sys.executable, "-m", "stadstrends.cli", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd, env=env)


def short_error(out: subprocess.CompletedProcess, *words: str) -> None:
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stderr + out.stdout, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) <= 3 and lines[0].startswith("Error:") and lines[-1].startswith("Hint:")
    for word in words:
        assert word in out.stderr, out.stderr


@pytest.fixture()
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "afile"
    path.write_text("keep me", encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [["Zwolle"], ["Zwolle", "--format", "pdf"], ["--set", "PV27"],
                                  ["--set", "PV27", "--overview"], ["--all"]])
def test_report_into_an_unwritable_folder_or_a_file_is_a_short_error(cli_run, synthetic_path,
                                                                     a_file, args):
    for out_dir, words in ((UNWRITABLE, ("cannot create this folder",)),
                           (a_file, ("is a file, not a folder",)),
                           (a_file / "sub", (f"{a_file} is a file",))):
        out = cli_run("report", *args, "--db", str(synthetic_path), "--out", str(out_dir),
                      "--lang", "en")  # Dutch by default: tests/commands/test_error_language.py
        short_error(out, f"--out {out_dir}", *words, "Hint: choose a folder you can write to")
    assert a_file.read_text(encoding="utf-8") == "keep me"


def test_docs_to_a_folder_or_an_unwritable_path_is_a_short_error(cli_run, tmp_path, a_file):
    short_error(cli_run("docs", "--out", str(tmp_path), "--lang", "en"),
                f"--out {tmp_path} is a folder, not a file",
                f"--out {tmp_path / 'indicators.md'}")
    for path in (UNWRITABLE / "x.md", a_file / "x.md"):
        short_error(cli_run("docs", "--out", str(path), "--lang", "en"),
                    f"--out {path}: its folder {path.parent}")
    assert a_file.read_text(encoding="utf-8") == "keep me"


def test_build_with_an_unwritable_spill_or_cache_folder_is_a_short_error(cli_run, tmp_path,
                                                                         a_file):
    db = tmp_path / "w.duckdb"
    short_error(cli_run("build", "--snapshot", str(tmp_path), "--db", str(db), "--temp-dir",
                        str(UNWRITABLE), "--lang", "en"),
                f"--temp-dir {UNWRITABLE}: cannot create this folder")
    short_error(cli_run("build", "--db", str(db), "--cache-dir", str(a_file), "--lang", "en"),
                f"--cache-dir {a_file}: this is a file, not a folder")
    short_error(cli_run("build", "--snapshot", str(tmp_path), "--db",
                        str(a_file / "w.duckdb"), "--lang", "en"),
                f"cannot create the folder {a_file}")
    assert not db.exists() and a_file.read_text(encoding="utf-8") == "keep me"


def test_a_report_file_the_checks_cannot_foresee_is_a_short_error(cli_run, synthetic_path,
                                                                  tmp_path):
    """A folder where the report file goes: the file system's own error, with its path."""
    (tmp_path / "zwolle.nl.html").mkdir()
    (tmp_path / "zwolle.en.html").mkdir()
    short_error(cli_run("report", "Zwolle", "--db", str(synthetic_path), "--out",
                        str(tmp_path), "--lang", "en"),
                f"{tmp_path / 'zwolle.en.html'}: Is a directory")
    out = cli_run("report", "Zwolle", "--db", str(synthetic_path), "--out", str(tmp_path))
    assert out.stderr.splitlines() == [  # in the command's language (Dutch by default)
        f"Fout: {tmp_path / 'zwolle.nl.html'}: dit is een map", "Tip: controleer of het pad "
        "klopt, of u daar mag schrijven en of de schijf ruimte heeft"]


def test_the_missing_warehouse_hint_works_from_any_folder(tmp_path, shared_data):
    """The hint's build command names the snapshot folder the code would use (absolute), and
    the --db given; run as printed from another folder, it finds that snapshot."""
    env = {**os.environ, "STADSTRENDS_SNAPSHOT": str(shared_data)}
    db = tmp_path / "none.duckdb"
    out = run("show", "Zwolle", "population", "--db", str(db), "--lang", "en", cwd=tmp_path,
              env=env)
    short_error(out, "no warehouse")
    command = out.stderr.split("`")[1]
    assert shlex.split(command)[1:] == ["build", "--snapshot", str(shared_data.absolute()),
                                        "--db", str(db)]
    assert "../shared/data" not in out.stderr
    env["STADSTRENDS_SNAPSHOT"] = str(tmp_path / "no-snapshot")
    out = run("show", "Zwolle", "population", "--lang", "en", cwd=tmp_path, env=env)
    short_error(out, "`stadstrends build --snapshot DIR` (DIR: the folder with the CBS snapshot,"
                " the one holding SOURCES.md)")
    dutch = run("show", "Zwolle", "population", cwd=tmp_path, env=env).stderr
    assert dutch.splitlines()[1].startswith("Tip: bouw het eerst met `stadstrends build "
                                            "--snapshot DIR` (DIR: de map met de CBS-snapshot,")
    assert "folder" not in dutch and "snapshot)" not in dutch
    out = run("build", "--snapshot", str(tmp_path / "nothing"), "--db", str(db), "--lang", "en",
              cwd=tmp_path, env={**env, "STADSTRENDS_SNAPSHOT": str(shared_data)})
    short_error(out, f"e.g. --snapshot {shared_data.absolute()}")


@pytest.mark.parametrize("lang", ["EN", "En", " en"])
def test_lang_in_any_case(cli_run, synthetic_path, lang):
    out = cli_run("show", "Zwolle", "population", "--db", str(synthetic_path), "--lang", lang,
                  "--format", "table")
    assert out.returncode == 0, out.stderr
    assert "Population on 1 January" in out.stdout
    assert re.search(r"│ 2013 │ +120,000 │", out.stdout)  # the value column as wide as its unit


def test_an_unknown_lang_still_names_the_choices(cli_run, synthetic_path):
    """In the command's default language (Dutch): the language given cannot be read."""
    out = cli_run("show", "Zwolle", "population", "--db", str(synthetic_path), "--lang", "XX")
    assert out.returncode == 2 and "onbekende taal 'XX'" in out.stderr
    assert "kies een van: nl, en" in out.stderr


@pytest.mark.parametrize("lang", ["", " ", "../nl"])
def test_a_lang_that_is_no_language_code_names_the_choices_not_a_file(cli_run, synthetic_path,
                                                                      lang):
    """`--lang ''` once hinted '.../locale/.yaml': a file no one can mean."""
    out = cli_run("show", "Zwolle", "population", "--db", str(synthetic_path), "--lang", lang)
    assert out.returncode == 2 and "kies een van: nl, en" in out.stderr, out.stderr
    assert ".yaml" not in out.stderr and "locale" not in out.stderr, out.stderr
    if not lang.strip():
        assert "geen taal opgegeven bij --lang" in out.stderr, out.stderr


@pytest.mark.parametrize("lang, credit, other", [("en", "Source: CBS (CC BY 4.0)", "Bron"),
                                                 ("nl", "Bron: CBS (CC BY 4.0)", "Source")])
def test_report_says_where_the_figures_come_from_in_its_language(cli_run, synthetic_path,
                                                                 tmp_path, lang, credit, other):
    out = cli_run("report", "Zwolle", "--lang", lang, "--db", str(synthetic_path), "--out",
                  str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith(credit) and other not in out.stdout, out.stdout


@pytest.mark.parametrize("lang, credit, other", [("en", "Source: CBS (CC BY 4.0)", "Bron"),
                                                 ("nl", "Bron: CBS (CC BY 4.0)", "Source")])
def test_profile_ends_with_the_credit_in_its_language(cli_run, synthetic_path, lang, credit,
                                                       other):
    """The English profile ended 'Bron: CBS (CC BY 4.0)' (h53g)."""
    out = cli_run("profile", "Zwolle", "--lang", lang, "--db", str(synthetic_path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith(credit), out.stdout[-300:]
    assert other + ": CBS" not in out.stdout, out.stdout[-300:]


def test_a_name_that_starts_a_longer_name_is_suggested(cli_run, synthetic_path):
    out = cli_run("show", "Hertogen", "population", "--db", str(synthetic_path), "--lang", "en")
    short_error(out, "Unknown municipality 'Hertogen'", "Did you mean: 's-Hertogenbosch")


def test_the_system_s_reason_is_in_the_command_s_language(cli_run, synthetic_path):
    """The file system's refusal in Dutch words (from its error number), not the C library's
    English inside a Dutch message; English as the system says it."""
    out = cli_run("report", "Zwolle", "--db", str(synthetic_path), "--out", str(UNWRITABLE))
    assert out.returncode == 1 and out.stderr.splitlines()[0] == (
        f"Fout: --out {UNWRITABLE}: deze map kan niet worden gemaakt (map of bestand bestaat "
        "niet)"), out.stderr
    short_error(cli_run("report", "Zwolle", "--db", str(synthetic_path), "--out",
                        str(UNWRITABLE), "--lang", "en"),
                "cannot create this folder (No such file or directory)")

"""Every command says its errors in one language: Dutch unless --lang says otherwise (the
reports' default; `build --snapshot /nonexist` said 'Error: snapshot folder ... does not
exist' in English while `show Zwolel population` said 'Fout: geen warehouse ...'), from the
language files, never a traceback, a non-zero exit code. Each case runs twice: without
--lang every line is Dutch ('Fout:', 'Tip:', 'Bedoelde u:'), with --lang en English, and
the Dutch message is not the English one (an error raised without words came out as
'Error: <English>' in a Dutch command)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DUTCH = ("Fout: ", "Tip: ", "Bedoelde u: ")
ENGLISH = ("Error: ", "Hint: ", "Did you mean: ")


def in_process(args: list[str], monkeypatch, capsys) -> tuple[int, str]:
    """Exit code and stderr of `stadstrends ARGS` run in this process (cli._run), in a copy
    of the context: a build's --db (``paths.BUILD_DB``, a context variable) does not stay set
    for the tests after it, as a process of its own would not."""
    import contextvars

    from stadstrends import cli

    monkeypatch.setattr(sys, "argv", ["stadstrends", *args])
    capsys.readouterr()

    def run() -> int:
        with pytest.raises(SystemExit) as exit_info:
            cli._run()
        return exit_info.value.code

    return contextvars.copy_context().run(run), capsys.readouterr().err


def cases(db: Path, tmp: Path) -> dict[str, list[str]]:
    """Bad input for every command (tmp: an empty folder, a file, a missing warehouse)."""
    a_file = tmp / "a-file"
    a_file.write_text("keep me", encoding="utf-8")
    none = str(tmp / "none.duckdb")
    on = ["--db", str(db)]
    return {
        "build: missing snapshot": ["build", "--snapshot", str(tmp / "nonexist"), "--db",
                                    str(tmp / "x.duckdb")],
        "build: --db a folder": ["build", "--snapshot", str(tmp), "--db", str(tmp)],
        "build: --db not a warehouse": ["build", "--snapshot", str(tmp), "--db", str(a_file)],
        "build: bad --memory-limit": ["build", "--memory-limit", "lots", "--db",
                                      str(tmp / "x.duckdb")],
        "build: --window out of range": ["build", "--window", "99"],
        "update: a snapshot build": ["update", *on],
        "update: missing warehouse": ["update", "--db", none],
        "changes: unknown municipality": ["changes", "Zwole", *on],
        "regions: bad --level": ["regions", "--level", "stad", *on],
        "regions: unknown set": ["regions", "--set", "XX9", *on],
        "regions: query and --set": ["regions", "zwolle", "--set", "G40", *on],
        "regions: missing warehouse": ["regions", "zwo", "--db", none],
        "show: unknown municipality": ["show", "Zwolel", "population", *on],
        "show: unknown indicator": ["show", "Zwolle", "populatoin", *on],
        "show: missing warehouse": ["show", "Zwolle", "population", "--db", none],
        "show: bad --format": ["show", "Zwolle", "population", "--format", "xls", *on],
        "profile: unknown municipality": ["profile", "Zwole", *on],
        "profile: a province": ["profile", "Friesland", *on],
        "indicators: unknown domain": ["indicators", "--domain", "weer", *on],
        "indicators: damaged warehouse": ["indicators", "--db", str(a_file)],
        "docs: --out a folder": ["docs", "--out", str(tmp)],
        "docs: --out in a file": ["docs", "--out", str(a_file / "indicators.md")],
        "report: --out a file": ["report", "Zwolle", "--out", str(a_file), *on],
        "report: unknown group": ["report", "--set", "XX1", "--out", str(tmp), *on],
        "serve: missing warehouse": ["serve", "--db", none],
        "serve: bad --port": ["serve", "--port", "0", *on],
        "unknown command": ["repot"],
    }


def _names() -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return list(cases(Path("w.duckdb"), Path(tmp)))


@pytest.mark.parametrize("name", _names())
def test_every_command_errs_in_one_language(name, synthetic_path, tmp_path, monkeypatch,
                                            capsys):
    args = cases(synthetic_path, tmp_path)[name]
    said = {}
    for lang, words in (("nl", DUTCH), ("en", ENGLISH)):
        extra = ["--lang", lang] if lang == "en" and args[0] != "repot" else []
        code, err = in_process(args + extra, monkeypatch, capsys)
        lines = err.splitlines()
        assert code != 0 and lines and "Traceback" not in err, (lang, err)
        if args[0] == "repot" and lang == "en":  # the program itself has no --lang
            continue
        assert all(line.startswith(words) for line in lines), (lang, lines)
        said[lang] = lines[0].split(": ", 1)[1]
    if "en" in said:
        assert said["nl"] != said["en"], said  # the Dutch message is not the English one


def test_a_build_from_a_damaged_snapshot_errs_in_its_language(tmp_path):
    """A snapshot folder without its files (a copy gone wrong): every missing file named (50;
    49 before 85173NED, 50 before the births left 82056NED), each on its own line, in Dutch,
    and with --lang en in English (a build: in its own process, as a user's; --unchecked, as
    it has no SOURCES.md either). (A
    folder with none of the snapshot's folders is no snapshot: tests/ingest/
    test_worded_inputs.py.)"""
    (tmp_path / "snapshot" / "cbs_statline_dump").mkdir(parents=True)
    for lang, words, item in (("nl", DUTCH, "tabel '"), ("en", ENGLISH, "table '")):
        out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "build", "--snapshot",
                              str(tmp_path / "snapshot"), "--db", str(tmp_path / "w.duckdb"),
                              "--lang", lang, "--unchecked"],
                             capture_output=True, text=True, timeout=300)
        lines = out.stderr.splitlines()
        assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
        # 50 tables since 85173NED (session 57)
        assert lines[0].startswith(words[0]) and " 50 " in lines[0], lines[0]
        items = [line for line in lines if line.startswith("- ")]
        assert len(items) == 50 and all(item in line for line in items), items
        assert lines[-1].startswith(words[1])  # the hint
        assert all(line.startswith((*words, "- ", "  ")) for line in lines), lines
    assert not (tmp_path / "w.duckdb").exists()

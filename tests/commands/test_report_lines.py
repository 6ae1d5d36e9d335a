"""`stadstrends report` prints its lines in the command's language, as its errors and the
other commands' notes: Dutch by default ('Opgeslagen: ...', 'Zwolle (GM0193) klaar in
3,21 s. Bron: CBS (CC BY 4.0)', 'Mislukt: ...', 'Let op: ...'), English with --lang en
('Wrote ...', 'Failed: ...', 'Note: ...'). Before, every line was English whatever --lang
said. On the synthetic warehouse (tests/fixtures/synthetic_warehouse.py; its G4: Amsterdam and
's-Gravenhage), in this process through typer's CliRunner."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stadstrends.cli import app

# words of the English lines that a Dutch run must not print
ENGLISH = re.compile(r"\b(Wrote|Failed|Note|Overview of|reports?|written|linked)\b")


def run(*args: str):  # noqa: ANN201 - click's Result
    return CliRunner().invoke(app, ["report", *args])


@pytest.mark.parametrize("lang", ["nl", "en", None])
def test_one_report_says_where_it_is_in_the_commands_language(synthetic_path: Path,
                                                               tmp_path: Path, lang):
    out = tmp_path / "out"
    args = ["Zwolle", "--db", str(synthetic_path), "--out", str(out)]
    result = run(*args, *(["--lang", lang] if lang else []))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    name = f"zwolle.{lang or 'nl'}.html"
    assert (out / name).exists()
    if lang == "en":
        assert lines[0] == f"Wrote {out / name}"
        assert re.fullmatch(r"Zwolle \(GM0193\) in \d+\.\d\d s\. Source: CBS \(CC BY 4\.0\)",
                            lines[1]), lines
    else:  # Dutch, also without --lang
        assert lines[0] == f"Opgeslagen: {out / name}"
        assert re.fullmatch(
            r"Zwolle \(GM0193\) klaar in \d+,\d\d s\. Bron: CBS \(CC BY 4\.0\)", lines[1]), lines
        assert not ENGLISH.search(result.stdout.replace(str(out), "")), result.stdout


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_report_without_its_map_says_so_in_the_commands_language(
        synthetic_path: Path, tmp_path: Path, monkeypatch, lang):
    """A damaged boundary file: the note in the command's words, the file's own error too
    ('grenzenbestand ... is geen UTF-8-tekst' in a Dutch command)."""
    from stadstrends import geofiles
    from stadstrends.publish import maps
    from stadstrends.publish.report import builder

    damage = geofiles._damaged(Path("gemeenten.geojson"), "geo_not_utf8", 5, byte="ff",
                               offset="12")
    monkeypatch.setattr(builder, "geometries_for", lambda con: maps.NoMap(damage))
    result = run("Zwolle", "--db", str(synthetic_path), "--out", str(tmp_path), "--lang", lang)
    assert result.exit_code == 0, result.output
    head = {"nl": "Let op: Zwolle: zonder kaart geschreven: ",
            "en": "Note: Zwolle: written without its map: "}[lang]
    message, hint = damage.in_language(lang)
    assert message.startswith({"nl": "grenzenbestand gemeenten.geojson is geen UTF-8-tekst",
                               "en": "boundary file gemeenten.geojson is not UTF-8 text"}[lang])
    assert f"{head}{message}; {hint}" in result.stderr.splitlines()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_set_run_and_its_failures_in_the_commands_language(synthetic_path: Path,
                                                             tmp_path: Path, monkeypatch,
                                                             lang):
    from stadstrends.publish.report import builder

    real = builder.write_city

    def flaky(con, code, *args, **kw):  # noqa: ANN001, ANN202
        if code == "GM0363":
            raise RuntimeError("disk full")
        return real(con, code, *args, **kw)

    monkeypatch.setattr(builder, "write_city", flaky)
    out = tmp_path / "out"
    result = run("--set", "G4", "--db", str(synthetic_path), "--out", str(out), "--workers",
                 "1", "--lang", lang)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    steps = [x for x in lines if x.startswith("report G4 ")]
    assert steps[-1].startswith({"nl": "report G4 3/3 overzicht (",
                                 "en": "report G4 3/3 overview ("}[lang]), steps
    done, failed = lines[-1], result.stderr.splitlines()
    if lang == "nl":
        assert re.fullmatch(rf"1 rapport en het overzicht opgeslagen in {re.escape(str(out))}/ "
                            r"\(\d+,\d s\)\. Bron: CBS \(CC BY 4\.0\)", done), done
        assert "Mislukt: Amsterdam (GM0363): RuntimeError: disk full" in failed
        # the run's error after them: worded, printed by the command line in its language
        assert result.exception.in_language("nl")[0] == "1 van de 2 rapporten mislukt " \
            "(Amsterdam)"
    else:
        assert re.fullmatch(rf"Wrote 1 report and the overview to {re.escape(str(out))}/ in "
                            r"\d+\.\d s\. Source: CBS \(CC BY 4\.0\)", done), done
        assert "Failed: Amsterdam (GM0363): RuntimeError: disk full" in failed
        assert result.exception.in_language("en")[0] == "1 of 2 reports failed (Amsterdam)"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_overview_alone_in_the_commands_language(synthetic_path: Path, tmp_path: Path,
                                                     lang):
    assert run("den haag", "--db", str(synthetic_path), "--out", str(tmp_path), "--lang",
               lang).exit_code == 0
    result = run("--set", "G4", "--overview", "--db", str(synthetic_path), "--out",
                 str(tmp_path), "--lang", lang)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    page = tmp_path / {"nl": "g4-overzicht.nl.html", "en": "g4-overview.en.html"}[lang]
    if lang == "nl":
        assert lines[0] == f"Opgeslagen: {page}"
        assert re.fullmatch(rf"Overzicht van 2 gemeenten, 1 met een link naar het rapport in "
                            rf"{re.escape(str(tmp_path))}/ \(\d+,\d\d s\)\. "
                            r"Bron: CBS \(CC BY 4\.0\)",
                            lines[1]), lines
    else:
        assert lines[0] == f"Wrote {page}"
        assert re.fullmatch(rf"Overview of 2 municipalities, 1 linked to their report in "
                            rf"{re.escape(str(tmp_path))}/, in \d+\.\d\d s\. "
                            r"Source: CBS \(CC BY 4\.0\)",
                            lines[1]), lines

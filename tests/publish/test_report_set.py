"""`stadstrends report --set G40`: a report per member plus the overview (HTML only);
`--set G4` and bad groups. On the synthetic warehouse (tests/fixtures/synthetic_warehouse.py):
its G40 has 5 members, its G4 Amsterdam and 's-Gravenhage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_set_g40_writes_a_report_per_city_and_the_overview(synthetic_path: Path,
                                                    tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "stadstrends.cli", "report", "--set", "G40", "--db",
         str(synthetic_path), "--out", str(tmp_path), "--workers", "2"],
        capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    cities = [p for p in tmp_path.glob("*.nl.html") if "-overzicht" not in p.name]
    assert sorted(p.name for p in cities) == [
        "enschede.nl.html", "hengelo.nl.html", "leeuwarden.nl.html", "s-hertogenbosch.nl.html",
        "zwolle.nl.html"]
    overview = tmp_path / "g40-overzicht.nl.html"
    html = overview.read_text(encoding="utf-8")
    for p in cities:
        assert f'href="{p.name}"' in html
    for heading in ("Signalen per gemeente", "Posities in de G40", "Stad en ommeland"):
        assert heading in html
    assert "Bron: CBS" in html
    assert (tmp_path / "assets" / "vega-bundle.js").exists()
    assert "5 rapporten en het overzicht opgeslagen" in out.stdout  # Dutch: the default
    # stdout is not a terminal: one plain progress line per city and one for the overview
    steps = [line for line in out.stdout.splitlines() if line.startswith("report G40 ")]
    assert [line.split()[2] for line in steps] == [f"{i}/6" for i in range(1, 7)], steps
    assert steps[-1].startswith("report G40 6/6 overzicht (")
    assert "\x1b[" not in out.stdout


def test_unknown_set_is_a_short_error(synthetic_path: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "stadstrends.cli", "report", "--set", "G99", "--db",
         str(synthetic_path), "--out", str(tmp_path), "--lang", "en"], capture_output=True,
        text=True,
        timeout=120)
    assert out.returncode == 1
    assert "no comparison group 'G99'" in out.stderr and "GK5" in out.stderr  # the hint
    assert "Traceback" not in out.stderr


def test_set_g4_compares_the_four_within_the_g4(synthetic_path: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "stadstrends.cli", "report", "--set", "g4", "--db",
         str(synthetic_path), "--out", str(tmp_path), "--workers", "1"],
        capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    names = sorted(p.name for p in tmp_path.glob("*.nl.html"))
    assert names == ["amsterdam.nl.html", "g4-overzicht.nl.html", "s-gravenhage.nl.html"]
    # the names a pool run gives the overview before the reports exist are these files
    from stadstrends.publish.report import batch, builder

    with builder.open_db(synthetic_path) as con:
        expected = batch.member_files(con, batch.set_codes(con, "G4"), "G4", "nl")
    assert sorted(expected.values()) == [n for n in names if "overzicht" not in n]
    assert expected["GM0363"] == "amsterdam.nl.html"
    html = (tmp_path / "amsterdam.nl.html").read_text(encoding="utf-8")
    assert "Vergeleken met de G4 (de standaardgroep voor Amsterdam)." in html
    assert "G40" not in html.split("Verantwoording")[0].replace("G40-stedennetwerk", "")


def test_one_failing_municipality_does_not_stop_the_run(synthetic_path: Path, tmp_path: Path,
                                                        monkeypatch) -> None:
    """A report that fails is listed at the end (name, code, error), the others and the
    overview are written, and the command exits non-zero with a short error."""
    import pytest

    from stadstrends.commands.report import ReportFormat, report
    from stadstrends.errors import StadstrendsError
    from stadstrends.publish.report import batch, builder

    real = builder.write_city

    def flaky(con, code, *args, **kw):
        if code == "GM0363":
            raise RuntimeError("disk full\nsecond line")
        return real(con, code, *args, **kw)

    monkeypatch.setattr(builder, "write_city", flaky)
    result = batch.write_set(synthetic_path, "G4", tmp_path, workers=1)
    assert result["failed"] == [{"code": "GM0363", "name": "Amsterdam",
                                 "error": "RuntimeError: disk full"}]
    assert result["cities"] == 1
    assert sorted(p.name for p in tmp_path.glob("*.nl.html")) == [
        "g4-overzicht.nl.html", "s-gravenhage.nl.html"]
    overview = (tmp_path / "g4-overzicht.nl.html").read_text(encoding="utf-8")
    assert '<th scope="row">Amsterdam</th>' in overview
    assert 'href="s-gravenhage.nl.html"' in overview
    with pytest.raises(StadstrendsError, match=r"1 of 2 reports failed \(Amsterdam\)"):
        report(city=None, vergelijk=None, set_="G4", all_=False, overview=False, lang="nl",
               fmt=ReportFormat.html, out=tmp_path / "cli", db=synthetic_path, workers=1)


def test_overview_alone_links_the_reports_already_written(synthetic_path: Path,
                                                          tmp_path: Path) -> None:
    """`report --set G4 --overview` writes only the overview; it links the members whose
    report is in the folder and lists the others unlinked."""
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "stadstrends.cli", "report", *args, "--db",
             str(synthetic_path), "--out", str(tmp_path)], capture_output=True, text=True,
            timeout=300)

    out = run("den haag")
    assert out.returncode == 0, out.stderr
    out = run("--set", "G4", "--overview")
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in tmp_path.glob("*.html")) == ["g4-overzicht.nl.html",
                                                               "s-gravenhage.nl.html"]
    html = (tmp_path / "g4-overzicht.nl.html").read_text(encoding="utf-8")
    # the name kept whole on a line by a span, no invisible joiner in it (publish/nowrap.py)
    assert ('<a href="s-gravenhage.nl.html"><span class="nowrap">&#39;s-Gravenhage</span></a>'
            in html) and "\u2060" not in html
    assert '<th scope="row">Amsterdam</th>' in html  # not written: listed, unlinked
    assert "Overzicht van 2 gemeenten, 1 met een link naar het rapport" in out.stdout
    bad = run("--overview")  # a usage error (2), in the command's language: Dutch by default
    assert bad.returncode == 2 and "--overview hoort bij --set GROEP" in bad.stderr
    bad = run("--overview", "--lang", "en")
    assert bad.returncode == 2 and "--overview goes with --set GROUP" in bad.stderr

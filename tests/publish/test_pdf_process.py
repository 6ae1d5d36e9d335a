"""The PDF engine in a process of its own (publish/report/pdf_process.py, pdf_engine.py): the
same PDF as rendered in the report's process, WeasyPrint's absence reported as such, a
process that has gone replaced by rendering here, and no process left after a command."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from stadstrends.errors import StadstrendsError
from stadstrends.publish.report import builder, pdf_engine

SPEC = {"data": {"values": [{"a": "Kwartiertje", "b": 3}, {"a": "Halfuurtje", "b": 5}]},
        "mark": "bar", "encoding": {"x": {"field": "a", "type": "nominal"},
                                    "y": {"field": "b", "type": "quantitative"}}}


def _page(figs: list[dict]) -> str:
    return (f"<p>Begin</p>{figs[0]['svg']}<p style='page-break-before: always'>Twee</p>"
            f"{figs[1]['svg']}")


def _text(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return out.split("\f")


@pytest.fixture
def engine():
    pdf_engine.start_process()
    yield pdf_engine._PROCESS["process"]
    pdf_engine.stop_process()


def test_the_engine_process_writes_the_pdf_the_report_process_would(tmp_path: Path,
                                                                   engine) -> None:
    """Two charts on two pages: laid out and drawn by the engine process, the charts placed
    over their boxes here, the pages' text the same as rendered in this process."""
    figs = [{"svg": None, "spec": SPEC}, {"svg": None, "spec": SPEC}]
    pending = builder.PendingCharts(figs)
    builder.write_pdf(_page(figs), tmp_path / "remote.pdf", tmp_path, pending)
    assert pdf_engine.process_running() and engine.poll() is None  # it served the page
    pdf_engine.stop_process()
    figs_here = [{"svg": None, "spec": SPEC}, {"svg": None, "spec": SPEC}]
    pending_here = builder.PendingCharts(figs_here)
    builder.write_pdf(_page(figs_here), tmp_path / "here.pdf", tmp_path, pending_here)
    remote, here = _text(tmp_path / "remote.pdf"), _text(tmp_path / "here.pdf")
    assert remote == here
    assert "Kwartiertje" in remote[0] and "Twee" in remote[1] and "Kwartiertje" in remote[1]


def test_a_plain_page_and_the_appendix_go_through_the_engine(tmp_path: Path, engine) -> None:
    builder.write_pdf("<p>Alleen tekst</p>", tmp_path / "plain.pdf", tmp_path)
    assert "Alleen tekst" in _text(tmp_path / "plain.pdf")[0]
    shared = builder.appendix_pdf("<p>Bijlage van de engine</p>", tmp_path, None)
    assert shared.startswith(b"%PDF")
    assert pdf_engine.process_running() and engine.poll() is None


def _fake_engine(monkeypatch, script: str) -> None:
    """An engine process that runs ``script`` (with pdf_process's send/receive) instead."""
    process = subprocess.Popen(
        [sys.executable, "-c", "from stadstrends.publish.report.pdf_process import *\n"
         "import sys\nout = sys.stdout.buffer\n" + textwrap.dedent(script)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    monkeypatch.setitem(pdf_engine._PROCESS, "process", process)


def test_weasyprint_missing_in_the_engine_is_the_pango_error(monkeypatch,
                                                             tmp_path: Path) -> None:
    _fake_engine(monkeypatch, "send(out, ('ready', 'cannot load library pango-1.0'))")
    with pytest.raises(StadstrendsError) as err:
        builder.write_pdf("<p>x</p>", tmp_path / "x.pdf", tmp_path)
    assert "WeasyPrint does not load (cannot load library pango-1.0)" in err.value.message
    assert "pango" in err.value.hint and "--format html" in err.value.hint
    assert not (tmp_path / "x.pdf").exists() and not pdf_engine.process_running()


def test_an_engine_that_fails_on_a_page_says_so(monkeypatch, tmp_path: Path) -> None:
    _fake_engine(monkeypatch, """
        send(out, ('ready', None))
        receive(sys.stdin.buffer)
        send(out, ('error', 'AssertionError: no box'))
        receive(sys.stdin.buffer)""")
    with pytest.raises(StadstrendsError, match="WeasyPrint failed .AssertionError: no box"):
        builder.write_pdf("<p>x</p>", tmp_path / "x.pdf", tmp_path)
    assert not (tmp_path / "x.pdf").exists()
    pdf_engine.stop_process()


def test_an_engine_that_has_gone_leaves_the_pdf_to_this_process(monkeypatch,
                                                                 tmp_path: Path) -> None:
    _fake_engine(monkeypatch, "send(out, ('ready', None))")  # then it ends
    builder.write_pdf("<p>Toch geschreven</p>", tmp_path / "x.pdf", tmp_path)
    assert "Toch geschreven" in _text(tmp_path / "x.pdf")[0]
    assert not pdf_engine.process_running()


def test_the_report_command_leaves_no_engine_running(synthetic_path: Path,
                                                     tmp_path: Path) -> None:
    """`stadstrends report CITY --format pdf` in this process: the engine serves the
    command and is gone after it (later PDFs of this process are rendered here)."""
    from typer.testing import CliRunner

    from stadstrends.cli import app

    started = []
    real = pdf_engine.start_process

    def start() -> None:
        real()
        started.append(pdf_engine._PROCESS["process"])

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pdf_engine, "start_process", start)
        result = CliRunner().invoke(app, ["report", "Zwolle", "--format", "pdf", "--db",
                                          str(synthetic_path), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert list(tmp_path.glob("*.pdf")) and started
    assert not pdf_engine.process_running()
    assert started[0].stdin.closed


def test_a_failing_pdf_command_ends_with_its_error_not_the_engines(synthetic_path: Path,
                                                                    tmp_path: Path) -> None:
    """An unknown municipality: the command's error, and nothing from the engine process
    that lost its reader (its stderr is the command's; it wrote a BrokenPipeError traceback
    there when the command ended before WeasyPrint had loaded)."""
    out = subprocess.run([sys.executable, "-m", "stadstrends.cli", "report", "Atlantis",
                          "--format", "pdf", "--db", str(synthetic_path), "--out",
                          str(tmp_path), "--lang", "en"], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 1
    assert "Unknown municipality 'Atlantis'" in out.stderr
    assert "Traceback" not in out.stderr and "Error" not in out.stderr.replace(
        "Error: Unknown", "")


def test_a_page_in_the_engine_and_the_appendix_sent_after_it_each_get_their_own_pdf(
        tmp_path: Path, engine) -> None:
    """The page is sent first (laid out while this process reads the appendix); an appendix
    that is not cached goes to the engine after it: each PDF is the one asked for, whatever
    order the replies are collected in."""
    figs = [{"svg": None, "spec": SPEC}, {"svg": None, "spec": SPEC}]
    pending = builder.PendingCharts(figs)
    html = _page(figs)
    pending.send(html, tmp_path)
    assert pending.job is not None
    shared = builder.appendix_pdf("<p>Bijlage na de pagina</p>", tmp_path, None)
    builder.write_pdf(html, tmp_path / "city.pdf", tmp_path, pending, (shared, "Bijlage"))
    pages = _text(tmp_path / "city.pdf")
    assert "Begin" in pages[0] and "Kwartiertje" in pages[0] and "Twee" in pages[1]
    assert "Bijlage na de pagina" in pages[2] and "Begin" not in pages[2]
    assert pdf_engine.process_running() and engine.poll() is None


def test_a_page_laid_out_before_is_read_from_the_cache_folder(tmp_path: Path,
                                                               monkeypatch) -> None:
    """The same page with the same charts again: WeasyPrint's pages from the build's cache
    folder (the same PDF text, the charts laid over the same places); a changed page or a
    damaged file is laid out again."""
    cache = tmp_path / "cache"

    def write(name: str, page: str) -> list[str]:
        figs = [{"svg": None, "spec": SPEC}, {"svg": None, "spec": SPEC}]
        pending = builder.PendingCharts(figs, cache)
        html = page.format(*(f["svg"] for f in figs))
        builder.write_pdf(html, tmp_path / name, tmp_path, pending, (first_pdf, "Bijlage"))
        return _text(tmp_path / name)

    page = "<p>Begin</p>{}<p style='page-break-before: always'>Twee</p>{}"
    first_pdf = builder.appendix_pdf("<p>Bijlage</p>", tmp_path, None)
    first = write("first.pdf", page)
    assert len(list(cache.glob("*.page"))) == 1
    with monkeypatch.context() as mp:
        mp.setattr("stadstrends.publish.report.pdf._weasyprint", lambda: 1 / 0)
        assert write("again.pdf", page) == first  # no WeasyPrint: from the cache
        with pytest.raises(ZeroDivisionError):
            write("changed.pdf", page.replace("Twee", "Drie"))
    assert "Kwartiertje" in first[1] and "Bijlage" in first[2]
    (kept,) = cache.glob("*.page")
    kept.write_bytes(kept.read_bytes()[:-10])  # cut short: laid out again
    assert write("damaged.pdf", page) == first
    assert len(kept.read_bytes()) > 1000

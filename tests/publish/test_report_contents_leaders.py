"""The PDF's contents page (report.css: ``leader(".") target-counter(...)``): each entry's
dots drawn as one text run (:func:`stadstrends.publish.report.pdf_process.joined_leaders`),
where WeasyPrint laid them out one by one, and each page number the page of its section;
Zwolle in the synthetic warehouse."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from stadstrends.publish.report import builder, pdf_engine
from stadstrends.publish.report.data import load_city

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">'
                  r'([^<]*)</word>')


def _words(path: Path, page: int) -> list[tuple[float, float, float, str]]:
    """(x start, y top, x end, text) of every word pdftotext finds on ``page`` (from 1)."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path),
                          "-"], capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), float(c), w) for a, b, c, w in WORD.findall(out)]


def _lines(words: list) -> dict[float, list]:
    lines: dict[float, list] = {}
    for x, y, end, text in words:
        lines.setdefault(round(y, 1), []).append((x, end, text))
    return lines


@pytest.fixture(scope="module")
def zwolle(synthetic_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Zwolle's PDF as a report writes it, and its page as WeasyPrint alone draws it (each
    dot a text of its own)."""
    import duckdb
    from weasyprint import HTML

    out = tmp_path_factory.mktemp("leaders")
    pdf_engine.stop_process()  # laid out in this process, as by a pool worker
    with duckdb.connect(str(synthetic_path), read_only=True) as con:
        done = builder.write_city(con, "Zwolle", out, "nl", "pdf")
        ctx = builder.city_context(load_city(con, "Zwolle", None), "nl",
                                   builder.geometries_for(con))
    html, pending = builder.render_pdf("city.html.j2", ctx)
    plain = out / "plain.pdf"
    plain.write_bytes(HTML(string=html, base_url=str(out),
                           url_fetcher=pending.fetcher()).render().write_pdf())
    return {"pdf": done.paths[0], "plain": plain}


def _split(words: list) -> tuple[list, list]:
    """A line's words as (start, text) without their dots, and its runs of dots as (number,
    end); pdftotext joins a title and dots that touch into one word."""
    texts, runs = [], []
    for x, end, text in words:
        title = text.rstrip(".")
        if len(text) - len(title) > 3 or text == ".":
            runs.append((len(text) - len(title), end))
            text = title
        if text:
            texts.append((round(x, 2), text))
    return texts, runs


def test_each_entrys_dots_are_one_run_where_weasyprint_laid_them_out(zwolle) -> None:
    """WeasyPrint draws a leader's dots one by one (~1 570 text objects in a city's contents,
    ~0.4 s of CPU): the report's contents have one run of dots per entry, as many dots as
    WeasyPrint laid out, the last within 0.2 pt of where it laid it out (the PDF's glyph
    widths are rounded to 1/1 000 em: ~0.001 pt a dot), the titles and page numbers where
    they were."""
    report, plain = _lines(_words(zwolle["pdf"], 2)), _lines(_words(zwolle["plain"], 2))
    assert report.keys() == plain.keys()
    entries = 0
    for y, words in report.items():
        texts, runs = _split(words)
        plain_texts, alone = _split(plain[y])
        assert texts == plain_texts, y
        if not alone:
            assert not runs, y
            continue
        entries += 1
        assert len(runs) == 1 and runs[0][0] == len(alone) > 10, (y, runs, len(alone))
        assert abs(runs[0][1] - alone[-1][1]) < 0.2, (y, runs, alone[-1])
    assert entries >= 8


def test_each_contents_page_number_is_the_page_of_its_section(zwolle) -> None:
    """The contents' page numbers (``target-counter``) are the pages on which the sections'
    headings stand (the appendix: B1)."""
    pages = subprocess.run(["pdftotext", "-raw", str(zwolle["pdf"]), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    entries = re.findall(r"^(.+?) ?\.{5,} ?(B?\d+)$", pages[1], re.M)
    assert len(entries) >= 8, pages[1][:400]
    for title, number in entries:
        page = (next(p for p in pages if re.search(r"CBS B1$", p.rstrip()))
                if number == "B1" else pages[int(number) - 1])
        lines = [line.strip() for line in page.splitlines()]
        assert title.strip() in lines, (title, number)

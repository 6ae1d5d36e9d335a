"""The city PDF's parts: charts converted once (kept by their spec in memory and in the
build's cache folder) and the appendix every city's PDF shares (rendered once, appended);
the synthetic warehouse (tests/fixtures/synthetic_warehouse.py)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from stadstrends.publish.format import fmt_years
from stadstrends.publish.report import builder
from stadstrends.publish.report.data import load_city


def test_a_converted_chart_is_kept_by_its_spec_in_memory_and_in_the_cache_folder(
        monkeypatch, tmp_path: Path) -> None:
    """A chart drawn again (the same spec) comes from memory or, in a new process, from the
    build's cache folder, byte for byte; another spec (other data) is converted anew."""
    from stadstrends.publish.report import pdf

    spec = {"data": {"values": [{"a": "Kwartiertje", "b": 3}]}, "mark": "bar",
            "encoding": {"x": {"field": "a", "type": "nominal"},
                         "y": {"field": "b", "type": "quantitative"}}}
    first = pdf.chart_pdf(spec, tmp_path)
    assert first[0].startswith(b"%PDF") and first[1] > 0 and first[2] > 0
    assert len(list(tmp_path.glob("*.chart"))) == 1

    def refuse(spec: dict, prepare: object = None) -> str:
        raise AssertionError("converted again")

    monkeypatch.setattr(pdf.charts, "to_svg", refuse)
    assert pdf.chart_pdf(spec, tmp_path) == first  # memory
    pdf._MEMO.clear()  # as in a new process: the file
    assert pdf.chart_pdf(spec, tmp_path) == first
    other = {**spec, "data": {"values": [{"a": "Kwartiertje", "b": 4}]}}
    assert pdf.chart_key(other) != pdf.chart_key(spec)
    with pytest.raises(AssertionError, match="converted again"):
        pdf.chart_pdf(other, tmp_path)
    (tmp_path / f"{pdf.chart_key(spec)[:40]}.chart").write_bytes(b"12 3 99\n%PDF-cut")
    pdf._MEMO.clear()  # a damaged file is converted again, not used
    with pytest.raises(AssertionError, match="converted again"):
        pdf.chart_pdf(spec, tmp_path)


def test_the_chart_cache_folder_belongs_to_the_warehouse_build(synthetic_path: Path) -> None:
    import duckdb

    from stadstrends.publish.report import pdf

    with duckdb.connect(str(synthetic_path), read_only=True) as con:
        build = con.execute("SELECT max(build_id) FROM build_info").fetchone()[0]
        folder = pdf.cache_folder(con)
    assert folder is not None and folder.is_dir() and folder.name == build
    with duckdb.connect() as con:  # in memory: no cache
        assert pdf.cache_folder(con) is None


def _flat(text: str) -> str:
    """Text without spaces, line breaks and hyphens (table cells wrap, words break at '-')."""
    return re.sub(r"[\s\-\u2010\u00ad]+", "", text)


@pytest.fixture(scope="module")
def pdfs(synthetic_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    import duckdb

    out = tmp_path_factory.mktemp("pdfs")
    with duckdb.connect(str(synthetic_path), read_only=True) as con:
        done = {city: builder.write_city(con, city, out, "nl", "pdf")
                for city in ("Zwolle", "Enschede")}
        data = {city: load_city(con, city, None) for city in done}
        cache = builder.cache_folder(con)
    pages = {city: subprocess.run(["pdftotext", "-raw", str(d.paths[0]), "-"],
                                  capture_output=True, text=True, check=True).stdout.split("\f")
             for city, d in done.items()}
    return {"done": done, "data": data, "pages": pages, "cache": cache}


def _appendix_start(pages: list[str]) -> int:
    return next(i for i, p in enumerate(pages) if re.search(r"CBS B1$", p.rstrip()))


def test_the_page_footers_give_no_total_that_leaves_out_the_appendix(pdfs) -> None:
    """The body's footers said '7 / 24' in a PDF of 31 pages (the appendix numbered B1-B7
    after them): a total a reader cannot check. Every page carries its own number only: '7'
    in the body, 'B3' in the appendix."""
    for city, pages in pdfs["pages"].items():
        first = _appendix_start(pages)
        body, appendix = pages[1:first], pages[first:-1]
        for n, page in enumerate(body, start=2):
            assert re.search(rf"CBS {n}$", page, re.M), (city, n, page[-80:])
            assert not re.search(r"\b\d+ / \d+\s*$", page.rstrip()), (city, n)
        for n, page in enumerate(appendix, start=1):
            assert re.search(rf"CBS B{n}$", page, re.M), (city, n, page[-80:])
            assert "/ B" not in page, (city, n)


def test_the_city_pdf_ends_with_the_shared_appendix_of_definitions_and_sources(pdfs):
    """Every indicator's definition and source tables and every source table are in the
    PDF (the appendix, the same pages for every city); the city's own years stay in its
    accountability section; the contents and the bookmarks lead to the appendix."""
    pages = pdfs["pages"]["Zwolle"]
    first = _appendix_start(pages)
    city, appendix = pages[:first], pages[first:-1]  # the last item: after the last \f
    assert "Bijlage: indicatoren en brontabellen" in appendix[0]
    assert all("Bron: CBS" in p for p in appendix)
    assert re.search(r"Bijlage: indicatoren en brontabellen[\s.]*B1\n", city[1])
    flat = _flat("".join(appendix))
    data = pdfs["data"]["Zwolle"].in_language("nl")
    for meta in data.catalogue.values():
        assert _flat(meta["description_nl"])[:60] in flat, meta["title_nl"]
        for table in meta["source_tables"] or []:
            assert _flat(table) in flat, table
    for src in data.sources:
        assert _flat(src["table_id"]) in flat
    # the years per indicator for this city, next to the note on where the rest is
    # (the accountability section, from its heading to the appendix: its pages need not all
    # say 'Verantwoording' or 'Periode' since its method paragraphs grew, session 52)
    start = next(i for i, p in enumerate(city) if i > 1 and "Verantwoording" in p)
    acc = "".join(city[start:])
    assert "achter in dit document (pagina B1 en verder)" in re.sub(r"\s+", " ", acc)
    years_text = re.sub(r"\s+", " ", acc)
    for ind, cov in data.coverage.items():
        assert fmt_years(cov["years"]) in years_text, ind  # with gaps: 1999-2009, 2019
    # the other city's PDF has the very same appendix pages
    other = pdfs["pages"]["Enschede"]
    assert other[_appendix_start(other):] == pages[first:]
    with pikepdf.open(pdfs["done"]["Zwolle"].paths[0]) as pdf:
        assert len(pdf.pages) == len(pages) - 1
        with pdf.open_outline() as outline:
            item = outline.root[-1]
            assert item.title == "Bijlage: indicatoren en brontabellen"
            assert pdf.pages.index(item.destination[0]) == first


def test_the_appendix_is_rendered_once_per_content(pdfs, monkeypatch, tmp_path: Path):
    from stadstrends.publish.report import pdf

    assert len(list(pdfs["cache"].glob("*.appendix.pdf"))) == 1
    html = "<p>Bijlage</p>"
    first = pdf.appendix_pdf(html, tmp_path, tmp_path)
    monkeypatch.setattr(pdf, "_weasyprint", lambda: pytest.fail("rendered again"))
    assert pdf.appendix_pdf(html, tmp_path, tmp_path) == first
    pdf._APPENDICES.clear()  # a new process: from the cache folder
    assert pdf.appendix_pdf(html, tmp_path, tmp_path) == first


def test_a_worker_waits_for_the_appendix_another_is_rendering(monkeypatch, tmp_path: Path):
    """A set run's pool workers start at once: the one that lays out the appendix holds its
    lock file, the others wait and read its PDF instead of laying it out too."""
    import fcntl
    import hashlib
    import os
    import threading

    from stadstrends.publish.report import pdf

    html = "<p>Bijlage van een andere worker</p>"
    key = hashlib.sha256(html.encode()).hexdigest()[:40]
    fd = os.open(tmp_path / f".{key}.appendix.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # the other worker, laying it out
    monkeypatch.setattr(pdf, "_weasyprint", lambda: pytest.fail("laid out twice"))
    monkeypatch.setattr(pdf, "remote_pdf", lambda *a: pytest.fail("laid out twice"))
    got: list[bytes] = []
    waiting = threading.Thread(target=lambda: got.append(pdf.appendix_pdf(html, tmp_path,
                                                                          tmp_path)))
    waiting.start()
    waiting.join(0.3)
    assert waiting.is_alive() and not got  # it waits for the lock
    (tmp_path / f"{key}.appendix.pdf").write_bytes(b"%PDF-1.7 the other worker's")
    os.close(fd)
    waiting.join(10)
    assert got == [b"%PDF-1.7 the other worker's"]


def test_a_chart_on_paper_has_no_tooltips_or_aria_but_the_same_data() -> None:
    from stadstrends.publish.report import pdf

    spec = {"datasets": {"d": [{"tooltip": "a row's own field", "b": 1}]},
            "layer": [{"mark": "line", "encoding": {"x": {"field": "b"},
                                                    "tooltip": [{"field": "b"}]}}],
            "config": {"font": "Liberation Sans"}}
    paper = pdf.static(spec)
    assert paper["datasets"] == spec["datasets"]
    assert paper["layer"][0]["encoding"] == {"x": {"field": "b"}}
    assert paper["config"] == {"font": "Liberation Sans", "aria": False}
    assert "tooltip" in spec["layer"][0]["encoding"]  # the web page's spec is untouched


def test_documents_of_one_thread_share_a_font_configuration_without_sharing_glyphs(
        tmp_path: Path) -> None:
    """Each thread renders all its PDFs with one WeasyPrint font configuration (Pango's
    caches kept); a PDF rendered after another is the one rendered alone: its own words,
    its own font subset (no glyphs of the document before it): the same bytes."""
    import threading

    from stadstrends.publish.report import pdf

    assert pdf.font_config() is pdf.font_config()
    other = []
    worker = threading.Thread(target=lambda: other.append(pdf.font_config()))
    worker.start()
    worker.join()
    assert other[0] is not pdf.font_config()

    def render(html: str, name: str) -> Path:
        path = tmp_path / name
        pdf.write_pdf(html, path, tmp_path)
        return path

    first = "<p>" + "Aàáâãä Bb Cc Dd Ee Ff Gg Hh Ii Jj Kk Ll Mm " * 40 + "</p>"
    second = "<p>Zwolle 1,5%</p>"
    render(first, "first.pdf")
    after = render(second, "after.pdf")
    alone = []
    worker = threading.Thread(target=lambda: alone.append(render(second, "alone.pdf")))
    worker.start()
    worker.join()
    undated = [re.sub(rb"/(CreationDate|ModDate) \([^)]*\)", b"", p.read_bytes())
               for p in (after, alone[0])]
    assert undated[0] == undated[1]  # byte for byte but the time stamps


def _caption_lines(document) -> list[tuple[str, float, list[float]]]:
    """(text, box width, widths of its lines) of every figure caption WeasyPrint laid out."""
    def walk(box):
        yield box
        for child in getattr(box, "children", None) or []:
            yield from walk(child)

    found = []
    for page in document.pages:
        for box in walk(page._page_box):
            element = getattr(box, "element", None)
            if element is None or element.tag != "figcaption" or box.element_tag != "figcaption" \
                    or type(box).__name__ != "BlockBox":
                continue
            lines = [c for c in box.children if type(c).__name__ == "LineBox"]
            text = " ".join(t.text for line in lines for t in walk(line)
                            if type(t).__name__ == "TextBox")
            found.append((text, box.width, [line.width for line in lines]))
    return found


def test_a_caption_that_fits_but_for_a_space_stays_on_one_line() -> None:
    """The figure macro leaves no space between a caption and its text alternative (hidden
    on paper): WeasyPrint broke such a caption after its first word when the space alone
    overflowed ('Geregistreerde / misdrijven per 1 000 inwoners ...', Zwolle's map of
    crimes, 2024, page 12), at 681 px here."""
    from stadstrends.publish.report.pdf_engine import font_config, html_class

    caption = ("Geregistreerde misdrijven per 1 000 inwoners in de gemeenten van "
               "Noord-Overijssel, 2024; Zwolle oranje omlijnd. Bron: CBS.")
    fig = {"id": "fig-map-safety", "kind": "map", "svg": "", "caption": caption,
           "alt": "Kaart van ...", "table": None}
    macro = builder.env().get_template("macros.html.j2").module.figure
    for width in (681, 682, 700):
        html = (f"<html><head><style>{builder.css()}</style></head><body><main>"
                f"<div style='width:{width}px'>{macro(fig, True)}</div></main></body></html>")
        document = html_class()(string=html).render(font_config=font_config())
        (text, _, widths), = _caption_lines(document)
        assert len(widths) == 1, (width, text)


def test_no_caption_of_zwolles_pdf_breaks_early(warehouse_path: Path) -> None:
    """Every figure caption of Zwolle's PDF (real data) fills its lines: none but the last
    is shorter than half the caption's width (its map of crimes broke after 'Geregistreerde',
    81 of 680 px, before)."""
    import duckdb

    from stadstrends.publish.report.pdf_engine import font_config, html_class

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        ctx = builder.city_context(load_city(con, "Zwolle"), "nl", builder.geometries_for(con))
    html, pending = builder.render_pdf("city.html.j2", ctx)
    document = html_class()(string=html, base_url=str(warehouse_path.parent),
                            url_fetcher=pending.fetcher()).render(font_config=font_config())
    captions = _caption_lines(document)
    assert len(captions) >= 15 and any("Geregistreerde misdrijven" in c[0] for c in captions)
    early = [(text, widths) for text, width, widths in captions
             if any(w < width / 2 for w in widths[:-1])]
    assert not early


def test_page_one_has_no_hidden_copy_of_the_running_footer(pdfs) -> None:
    """The footer's words ('Trendstudie Zwolle · Bron: CBS') are in the bottom margin of
    pages 2 and on, and nowhere on page 1. Before, an invisible element carrying them lay
    over page 1's header: copied or read aloud, 'Trendstudie Land ·van VERGELEKEN MET Cuijk
    · Bron: DE 64 GEMEENTEN'."""
    for city, done in pdfs["done"].items():
        footer = f"Trendstudie {city} · Bron: CBS"
        pages = pdfs["pages"][city]
        assert footer not in pages[0], pages[0][:200]
        assert all(footer in p for p in pages[1:_appendix_start(pages)])  # the city's pages
        boxes = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "2",
                                str(done.paths[0]), "-"], capture_output=True, text=True,
                               check=True).stdout.split("<page ")[1:]
        for n, page in enumerate(boxes):  # the words 'Trendstudie' where they are
            ys = [float(y) for y in re.findall(r'yMin="([\d.]+)"[^>]*>Trendstudie<', page)]
            height = float(re.search(r'height="([\d.]+)"', page).group(1))
            low = [y for y in ys if y > height - 80]  # in the bottom margin
            if n == 0:
                assert not low and len(ys) <= 1, (city, ys)  # the cover's title only
            else:
                assert low, (city, ys)


def test_no_cyclic_gc_runs_while_a_pdfs_charts_convert(wh, monkeypatch, tmp_path: Path) -> None:
    """Zwolle's PDF: every chart converts (vl-convert, in threads) with the cyclic garbage
    collector off, so no collection starts inside a chart thread (one that did ran a cffi
    finalizer that waited while the other chart thread waited in vl-convert: the test run
    hung for good); it is on again after, as before."""
    import gc

    from stadstrends.publish.report import pdf

    seen: list[bool] = []
    convert = pdf.charts.to_svg

    def watched(spec: dict, prepare: object = None) -> str:
        seen.append(gc.isenabled())
        return convert(spec, prepare)

    monkeypatch.setattr(pdf.charts, "to_svg", watched)
    monkeypatch.setattr(builder, "cache_folder", lambda con: None)  # every chart converted
    monkeypatch.setattr(pdf, "_MEMO", pdf.Memo(pdf.MEMO_SIZE))
    assert gc.isenabled()
    builder.write_city(wh, "Zwolle", tmp_path, "nl", "pdf")
    assert len(seen) >= 10 and not any(seen), seen
    assert gc.isenabled()
    with pdf.charts_without_gc():  # a caller that had it off keeps it off
        with pdf.charts_without_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()

"""One city's report: the PDF (pages, extractable text) and the HTML (accessibility, no CDN);
Zwolle's report from the synthetic warehouse (tests/fixtures/synthetic_warehouse.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from stadstrends.indicators.docs import DOMAIN_TITLES
from stadstrends.publish import charts
from stadstrends.publish.report import builder
from stadstrends.vocabulary import section

CITY = "Zwolle"


@pytest.fixture(scope="module")
def written(synthetic_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    import duckdb

    out = tmp_path_factory.mktemp("report")
    with duckdb.connect(str(synthetic_path), read_only=True) as con:
        nl = builder.write_city(con, CITY, out, "nl", "both")
        en = builder.write_city(con, CITY, out, "en", "html")
    return {"out": out, "nl": nl, "en": en}


def _path(done, suffix: str) -> Path:
    return next(p for p in done.paths if p.suffix == suffix)


class Page(HTMLParser):
    """Collects headings, figures, attributes and the html lang of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.urls: list[str] = []
        self.lang = None
        self.figures: list[dict] = []
        self.scripts: list[str] = []
        self._heading: int | None = None
        self._text = ""
        self._figure: dict | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        for key in ("src", "href"):
            if a.get(key):
                self.urls.append(a[key])
        if tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._text = int(tag[1]), ""
        if tag == "figure":
            self._figure = {"figcaption": False, "alt": False, "table": False, "details": False}
        if self._figure is not None:
            if tag == "figcaption":
                self._figure["figcaption"] = True
            if a.get("role") == "img" and a.get("aria-label"):
                self._figure["alt"] = True
            if tag in ("table", "details"):
                self._figure[tag] = True

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._heading:
            self.headings.append((self._heading, self._text.strip()))
            self._heading = None
        if tag == "figure" and self._figure is not None:
            self.figures.append(self._figure)
            self._figure = None

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text += data


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_pdf_has_pages_and_extractable_text(written: dict, tmp_path: Path) -> None:
    pdf = _path(written["nl"], ".pdf")
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 5
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    text = unicodedata.normalize("NFKC", text)  # the font's ligatures: 'Demograﬁe'
    assert CITY in text
    assert "Bron: CBS" in text
    for title in DOMAIN_TITLES.values():
        assert title in text, title
    for heading in ("In een oogopslag", "Tweedeling", "Vooruitblik", "Kies richting",
                    "Verantwoording"):
        assert heading in text
    # the table of contents carries page numbers
    assert re.search(r"Verantwoording\s*\.{3,}\s*\d+", text) or re.search(
        r"Verantwoording\s+\d+", text)


def test_key_figures_and_a_provisional_year_from_the_hand_made_data(written: dict) -> None:
    """Zwolle: 120 000 inhabitants in 2013 and 1 000 more a year; unemployment 6,0 % minus
    0,2 a year; 50 crimes per 1 000 every year, 2024 provisional."""
    html = _path(written["nl"], ".html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Inwoners op 1 januari (2025) 132.000 inwoners" in text
    assert "Werkloosheid (2024) 3,8%" in text
    assert "Gemiddeld besteedbaar huishoudensinkomen (2023) 43,0 duizend euro" in text
    # a constant series is not tested (fewer than min_distinct_values distinct values)
    assert "van 50,0 in 2017 naar 50,0 (voorlopig) in 2024 (per saldo gelijk gebleven), niet "\
        "getoetst: afgerond " \
        "op één decimaal is het cijfer in al deze jaren gelijk" in text


def test_headings_are_ordered(written: dict) -> None:
    for lang in ("nl", "en"):
        levels = [lvl for lvl, _ in parse(_path(written[lang], ".html")).headings]
        assert levels[0] == 1 and levels.count(1) == 1
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, levels


def test_every_figure_has_a_caption_text_alternative_and_table(written: dict) -> None:
    page = parse(_path(written["nl"], ".html"))
    assert len(page.figures) >= 10
    for fig in page.figures:
        assert fig["figcaption"] and fig["alt"], fig
        assert fig["details"] and fig["table"], fig


def test_no_external_urls_and_local_bundle(written: dict) -> None:
    html = _path(written["nl"], ".html")
    page = parse(html)
    assert page.lang == "nl"
    # nothing loaded from elsewhere; the source list links each table to CBS StatLine
    assert not [u for u in page.urls if re.match(r"(https?:)?//", u)
                and not u.startswith("https://opendata.cbs.nl/statline/#/CBS/")], page.urls
    assert not [s for s in page.scripts if re.match(r"(https?:)?//", s)]
    assert page.scripts == ["assets/vega-bundle.js"]
    bundle = written["out"] / "assets" / "vega-bundle.js"
    assert bundle.stat().st_size > 100_000
    assert "vegaEmbed" in bundle.read_text(encoding="utf-8")[-2000:]
    assert (written["out"] / "assets" / "report.css").exists()
    assert "Bron: CBS" in html.read_text(encoding="utf-8")


def test_english_report_has_english_headings(written: dict) -> None:
    page = parse(_path(written["en"], ".html"))
    assert page.lang == "en"
    titles = [text for _, text in page.headings]
    for heading in ("At a glance", "Divide", "Outlook", "Choose a direction",
                    "Sources and methods", *section("en", "domains").values()):
        assert heading in titles, heading
    assert "In een oogopslag" not in titles


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "stadstrends.cli", *args],
                          capture_output=True, text=True, timeout=120)


def test_methods_text_names_the_build_trend_window(written: dict, syn) -> None:
    window = syn.execute('SELECT "window" FROM build_info').fetchall()[0][0]
    nl = _path(written["nl"], ".html").read_text()
    assert f"laatste {window} kalenderjaren tot het laatste jaar met gegevens" in nl
    assert f"last {window} calendar years up to the latest year with data" in _path(
        written["en"], ".html").read_text()


def test_unknown_city_gives_short_error_with_suggestions(synthetic_path: Path,
                                                         tmp_path: Path) -> None:
    out = run("report", "Zwole", "--db", str(synthetic_path), "--out", str(tmp_path))
    assert out.returncode == 1  # in the report's language (--lang nl, the default)
    assert "Fout: Onbekende gemeente 'Zwole'" in out.stderr
    assert "Bedoelde u: Zwolle?" in out.stderr and "Tip: probeer `stadstrends regions zwo`" \
        in out.stderr
    assert "Traceback" not in out.stderr + out.stdout
    assert not list(tmp_path.glob("*.html"))


def test_cli_writes_one_city(synthetic_path: Path, tmp_path: Path) -> None:
    out = run("report", "GM0193", "--db", str(synthetic_path), "--out", str(tmp_path),
              "--lang", "en")
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "zwolle.en.html").exists()
    assert (tmp_path / "assets" / "vega-bundle.js").exists()


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
def test_charts_render_in_a_browser_from_the_local_bundle(written: dict) -> None:
    html = _path(written["nl"], ".html")
    dom = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--virtual-time-budget=15000", "--dump-dom", html.as_uri()],
        capture_output=True, text=True, timeout=120).stdout
    sizes = [(int(w), int(h)) for w, h in re.findall(
        r'<svg[^>]*class="marks"[^>]*width="(\d+)" height="(\d+)"', dom)]
    n_figures = len(parse(html).figures)
    assert len(sizes) == n_figures, (len(sizes), n_figures)
    assert all(w > 100 and h > 50 for w, h in sizes), sizes


def test_pdf_without_weasyprint_is_a_short_error_with_a_hint(monkeypatch, tmp_path: Path):
    from stadstrends.errors import StadstrendsError

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as when pango cannot be loaded
    with pytest.raises(StadstrendsError) as err:
        builder.write_pdf("<p>x</p>", tmp_path / "x.pdf", tmp_path)
    assert "cannot write PDF" in err.value.message and "pango" in err.value.hint
    assert "--format html" in err.value.hint and not (tmp_path / "x.pdf").exists()


def test_pdf_charts_converted_while_weasyprint_parses_are_in_the_pdf(tmp_path: Path) -> None:
    """Charts converted in the background are drawn by vl-convert over the places WeasyPrint
    laid out for them (their words stay text, on the right page, below the text before
    them); one that fails to convert fails the PDF instead of leaving a hole."""
    spec = {"data": {"values": [{"a": "Kwartiertje", "b": 3}, {"a": "Halfuurtje", "b": 5}]},
            "mark": "bar", "encoding": {"x": {"field": "a", "type": "nominal"},
                                        "y": {"field": "b", "type": "quantitative"}}}
    figs = [{"svg": None, "spec": spec}, {"svg": None, "spec": spec}]
    pending = builder.PendingCharts(figs)
    assert [f["svg"] for f in figs] == [
        f'<img class="svg" alt="" src="{builder.CHART_URL}{i}">' for i in range(2)]
    page = (f"<p>Begin</p>{figs[0]['svg']}<p style='page-break-before: always'>Twee</p>"
            f"{figs[1]['svg']}<img src='data:,x'>")
    builder.write_pdf(page, tmp_path / "ok.pdf", tmp_path, pending)
    text = subprocess.run(["pdftotext", str(tmp_path / "ok.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert text.count("Kwartiertje") == 2 and "Begin" in text
    pages = text.split("\f")
    assert "Kwartiertje" in pages[0] and "Kwartiertje" in pages[1] and "Twee" in pages[1]
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(tmp_path / "ok.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout
    y = {w: float(m) for m, w in re.findall(r'yMin="([\d.]+)"[^>]*>(\w+)<', bbox)}
    assert y["Begin"] < y["Kwartiertje"] < 450  # just below the paragraph (A4: 842 pt)
    bad = [{"svg": None, "spec": {"mark": {"type": "no-such-mark"}, "data": {"values": []}}}]
    pending = builder.PendingCharts(bad)
    with pytest.raises(ValueError, match="Vega-Lite to SVG conversion failed"):
        builder.write_pdf(f"<p>x</p>{bad[0]['svg']}", tmp_path / "bad.pdf", tmp_path, pending)



def test_js_bundle_is_copied_from_the_user_cache(tmp_path: Path, monkeypatch) -> None:
    """The bundle is built once (vl-convert, ~2.6 s) and kept in the user cache by the versions
    it is built from; a folder written later gets the same bytes, and a damaged cache file
    is built again instead of being copied."""
    import vl_convert as vlc

    monkeypatch.setenv("STADSTRENDS_CACHE", str(tmp_path / "cache"))
    first = builder.write_assets(tmp_path / "a") / builder.BUNDLE
    cached = list((tmp_path / "cache").glob("vega-bundle-*.js"))
    assert [p.name for p in cached] == [
        f"vega-bundle-{vlc.__version__}-vl{charts.VL_VERSION}.js"]
    expected = vlc.javascript_bundle(vl_version=charts.VL_VERSION).encode("utf-8")
    assert first.read_bytes() == expected
    assert (builder.write_assets(tmp_path / "b") / builder.BUNDLE).read_bytes() == expected
    cached[0].write_bytes(b"truncated")
    assert (builder.write_assets(tmp_path / "c") / builder.BUNDLE).read_bytes() == expected
    assert cached[0].read_bytes() == expected


def test_a_cut_off_bundle_in_the_folder_is_written_again(tmp_path: Path, monkeypatch) -> None:
    """A run stopped by a full disk left 204 800 of the bundle's ~900 000 bytes in the
    folder (a tester's tmpfs, session 54); the next run kept that file, as it was over
    100 000 bytes, and every chart of the folder's reports failed to load. Now the bundle is
    kept only when it holds the same bytes, and written through a temporary file."""
    monkeypatch.setenv("STADSTRENDS_CACHE", str(tmp_path / "cache"))
    expected = builder.bundle_bytes()
    bundle = tmp_path / "out" / builder.ASSETS / builder.BUNDLE
    bundle.parent.mkdir(parents=True)
    bundle.write_bytes(expected[:204_800])
    builder.write_assets(tmp_path / "out")
    assert bundle.read_bytes() == expected
    assert sorted(p.name for p in bundle.parent.iterdir()) == sorted([builder.BUNDLE, "report.css"])
    before = bundle.stat().st_mtime_ns
    builder.write_assets(tmp_path / "out")
    assert bundle.stat().st_mtime_ns == before  # the same bytes: kept, not written again

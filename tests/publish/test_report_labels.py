"""Chart and badge labels a reader can read, on the real snapshot: the tweedeling chart names
each indicator in full, a map says which grey municipalities have no figure, one attribution
per language, and a badge without a verdict still says what it rests on."""

from __future__ import annotations

import re

import pytest

from stadstrends.publish import chart_gaps, charts
from stadstrends.publish.report import builder

from .city_contexts import city_contexts

CITIES = ["Zwolle", "Enschede", "Groningen", "Amsterdam"]
LANGS = ["nl", "en"]
NO_FIGURES = {"nl": "geen cijfers", "en": "no figures"}


@pytest.fixture(scope="module")
def contexts(warehouse_path):
    return city_contexts(warehouse_path, CITIES, LANGS)


def _figure(ctx: dict, fid: str) -> dict | None:
    return next((f for f in builder.figures_of(ctx) if f["id"] == fid), None)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("city", CITIES)
def test_gap_chart_names_every_indicator_in_full(contexts, city, lang):
    """The chart's label of a row, its lines joined, is the catalogue title: nothing cut
    (before: 'Gemiddelde elektriciteitslevering per won…' for Zwolle), no line wider than
    the plot (at 10 px a character is at most ~6 px)."""
    data, ctx = contexts[city, lang]
    fig = _figure(ctx, "fig-gaps")
    if fig is None:
        pytest.skip("no significant gap movement")
    titles = {m[f"title_{lang}"] for m in data.catalogue.values()}
    rows = fig["spec"]["datasets"]["rows"]
    assert rows
    for r in rows:
        lines = r["text"].split("\n")
        assert " ".join(lines) in titles and "…" not in r["text"], r["text"]
        assert all(len(line) * 6 <= fig["spec"]["width"] for line in lines), lines
    # both ends of the axis carry a label, and every value lies between them
    ticks = next(layer["encoding"]["x"]["axis"]["values"] for layer in fig["spec"]["layer"]
                 if "axis" in layer["encoding"].get("x", {}))
    values = [v for r in rows for v in (r["first"], r["last"])]
    assert ticks[0] <= min(values) and ticks[-1] >= max(values), (ticks, values)


LABELS_DRAWN = """() => { const svg = document.querySelector('#fig-gaps .vis svg');
    const box = svg.getBoundingClientRect();
    const texts = Array.from(svg.querySelectorAll('text')).map(t => t.getBoundingClientRect());
    return {drawn: box.width, own: parseFloat(svg.getAttribute('width')),
            outside: texts.filter(t => t.right > box.right + 1 || t.left < box.left - 1).length,
            cut: Array.from(svg.querySelectorAll('text')).filter(
                t => t.textContent.includes('…')).length,
            smallest: Math.min(...texts.filter(t => t.height > 0).map(t => t.height))}; }"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(("city", "lang"), [("Zwolle", "nl"), ("Amsterdam", "en")])
def test_gap_chart_is_read_at_its_own_size_on_a_phone(wh, browser, tmp_path, city, lang, width):
    """In the browser the chart keeps its own size on a phone (before: 737 px wide, drawn at
    47% on a 390 px screen, its 10 px labels at under 5 px), and no label runs out of it."""
    from tests.browser import tab

    written = builder.write_city(wh, city, tmp_path, lang, "html")
    with tab(browser, width) as page:
        page.goto(written.paths[0].as_uri())
        page.wait_for_selector("#fig-gaps .vis svg", timeout=30_000)
        drawn = page.evaluate(LABELS_DRAWN)
    assert drawn["drawn"] >= 0.95 * drawn["own"], drawn
    assert drawn["outside"] == 0 and drawn["cut"] == 0, drawn


def test_every_catalogue_title_fits_the_gap_chart_uncut():
    """Whatever indicators a city's chart shows, its title wraps without being cut."""
    from stadstrends.indicators.catalogue import load_catalogue

    for entry in load_catalogue().indicators:
        for lang in LANGS:
            title = getattr(entry, f"title_{lang}")
            lines = chart_gaps.gap_label(title)
            assert " ".join(lines) == title and len(lines) <= 2, lines


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("city", CITIES)
def test_a_map_legend_names_the_grey_of_no_figures_only_when_it_is_there(contexts, city,
                                                                         lang):
    """A municipality without a figure is light grey; the legend says so in the static SVG
    (the PDF) exactly when one is on the map."""
    _, ctx = contexts[city, lang]
    maps = [f for f in builder.figures_of(ctx) if f["id"].startswith("fig-map-")]
    assert maps
    for fig in maps:
        missing = any(ft["properties"]["value"] is None
                      for ft in fig["spec"]["datasets"]["features"])
        svg = charts.to_svg(fig["spec"])
        assert (NO_FIGURES[lang] in svg) == missing, (fig["id"], missing)


def test_no_figures_is_hatched_not_a_grey_beside_the_lightest_blue(contexts):
    """Enschede's technology map (5 of Twente's 14 municipalities without a figure): they
    were light grey #e3e3e3, 1.1:1 against the lightest blue #e6eef7 of the municipalities
    with the lowest figures, so a reader could not tell them apart. Now they and their
    legend entry are hatched (lines 4.5:1 on white), the pattern defined once in the
    static SVG (the PDF) and in the HTML page; no flat fill of the map is that grey."""
    from tests.publish.test_charts import contrast

    _, ctx = contexts["Enschede", "nl"]
    fig = next(f for f in builder.figures_of(ctx) if f["id"] == "fig-map-technology")
    missing = sum(ft["properties"]["value"] is None for ft in fig["spec"]["datasets"]["features"])
    svg = charts.to_svg(fig["spec"])
    assert missing == 5 and svg.count(f'fill="{charts.NO_FIGURES}"') == missing + 1
    assert svg.count(f'id="{charts.NO_FIGURES_ID}"') == 1 and "#e3e3e3" not in svg
    lines = re.search(r'stroke="(#[0-9a-f]{6})"', charts.NO_FIGURES_DEFS).group(1)
    assert contrast(lines) >= 3.0 and 'fill="#ffffff"' in charts.NO_FIGURES_DEFS
    html = builder.render("city.html.j2", ctx, pdf=False)
    assert html.count(f'id="{charts.NO_FIGURES_ID}"') == 1


def test_some_real_map_has_municipalities_without_figures(contexts):
    """The legend test above must see both cases on real data."""
    seen = set()
    for _, ctx in contexts.values():
        for fig in builder.figures_of(ctx):
            if fig["id"].startswith("fig-map-"):
                seen.add(any(ft["properties"]["value"] is None
                             for ft in fig["spec"]["datasets"]["features"]))
    assert seen == {True, False}


@pytest.mark.parametrize("city", CITIES[:2])
def test_one_attribution_per_language(contexts, city):
    """'Bron: CBS' in Dutch, 'Source: CBS' in English, never both ('Source: CBS (Bron:
    CBS)'); the credit line keeps the licence (CC BY 4.0)."""
    for lang, own, other in (("nl", "Bron: CBS", "Source: "), ("en", "Source: ", "Bron")):
        _, ctx = contexts[city, lang]
        html = builder.render("city.html.j2", ctx, pdf=True)
        text = re.sub(r"<[^>]+>", " ", html)
        assert own in text and other not in text, lang
        assert "CC BY 4.0" in text
        for fig in builder.figures_of(ctx):
            assert own in fig["caption"], fig["caption"]
        assert own in ctx["footer"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("city", CITIES)
def test_a_neutral_badge_says_what_it_rests_on(contexts, city, lang):
    """Every badge names its basis, as the favourable and adverse ones do: a badge that is
    only 'neutraal' tells a reader nothing; the neutral ones say there is no verdict and
    what was found (a trend, a distance from the group or the ommeland, a gap moving)."""
    _, ctx = contexts[city, lang]
    neutral = {"nl": "neutraal", "en": "neutral"}[lang]
    badges = [(it["kind"], it["valence"], it["valence_text"])
              for o in ctx["glance"]["opgaven"] for it in o["items"] if it["valence_text"]]
    assert badges
    seen = [b for b in badges if b[1] == "neutral"]
    assert seen, "no neutral signal to check"
    for kind, _, text in badges:
        assert text.strip().lower() != neutral, kind
    basis = {"nl": {"trend": "trend", "group_deviation": "groep",
                    "ommeland_deviation": "ommeland", "gap_widening": "ommeland",
                    "gap_narrowing": "ommeland"},
             "en": {"trend": "trend", "group_deviation": "group",
                    "ommeland_deviation": "surrounding region",
                    "gap_widening": "surrounding region",
                    "gap_narrowing": "surrounding region"}}[lang]
    for kind, _, text in seen:
        assert basis[kind] in text, (kind, text)


def test_gap_chart_labels_are_whole_in_the_pdf(wh, contexts, tmp_path):
    """The PDF's tweedeling page (its chart a static SVG) holds every row's label whole
    (before: 'Gemiddelde elektriciteitslevering per won…' for Zwolle)."""
    import subprocess

    data, ctx = contexts["Zwolle", "nl"]
    fig = _figure(ctx, "fig-gaps")
    assert fig is not None
    written = builder.write_city(wh, "Zwolle", tmp_path, "nl", "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(written.paths[0]), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    # the section follows on the page before it: its chart may be on the next page
    at = next(i for i, p in enumerate(pages) if "Stad en ommeland" in p)
    page = "\n".join(pages[at:at + 2])
    assert "…" not in page
    for r in fig["spec"]["datasets"]["rows"]:
        for line in r["text"].split("\n"):
            assert line in page, line

"""The report's HTML on a phone (390 px wide, chromium): small multiples in one column, drawn
at close to their own size, so that the lines under the panel titles (the years tested and
the verdict) stay legible instead of the whole figure being scaled down to a third."""

from __future__ import annotations

from pathlib import Path

import pytest

from stadstrends.publish.report import builder
from tests.browser import tab

SIZES = """() => Array.from(document.querySelectorAll('figure.chart .vis svg')).map(svg => {
    const box = svg.getBoundingClientRect();
    const titles = Array.from(svg.querySelectorAll('g.role-title-text text:first-child'));
    // a new row where a title starts 20 px or more below the one before: titles of one
    // row differ by a few px (Zwolle's spatial panels: 8331.6, 8335.3 and 8335.6, which
    // rounded to three tops)
    const tops = titles.map(t => t.getBoundingClientRect().top).sort((a, b) => a - b);
    const rows = tops.filter((top, i) => i === 0 || top - tops[i - 1] >= 20);
    return {id: svg.closest('figure').id, drawn: box.width,
            own: parseFloat(svg.getAttribute('width')), panels: titles.length,
            rows: rows.length};
})"""


ALL_CHARTS = ("document.querySelectorAll('figure.chart .vis svg').length"
              " >= document.querySelectorAll('[data-spec]').length")


def _seen(wh, browser, tmp_path: Path, city: str, width: int, script: str) -> tuple[list, int]:
    """``city``'s Dutch HTML report in chromium at ``width`` px once every chart is drawn:
    what ``script`` returns, and the page's scroll width."""
    written = builder.write_city(wh, city, tmp_path, "nl", "html")
    with tab(browser, width) as page:
        page.goto(written.paths[0].as_uri())
        page.wait_for_function(ALL_CHARTS, timeout=30_000)
        return page.evaluate(script), page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("width", [390, 1280])
def test_small_multiples_keep_their_text_size_on_a_phone(wh, browser, tmp_path: Path,
                                                         width) -> None:
    seen, overflow = _seen(wh, browser, tmp_path, "Zwolle", width, SIZES)
    sizes = [s for s in seen if s["id"].startswith("fig-")
             and not s["id"].startswith("fig-map")]
    multiples = [s for s in sizes if s["id"] in {f"fig-{d}" for d in (
        "demography", "economy", "social", "spatial", "safety", "sustainability")}]
    assert len(multiples) >= 4 and overflow <= width
    for s in multiples:
        assert s["panels"] >= 2, s
        if width == 390:  # one column (a row per panel), at least 80% of its own size
            assert s["rows"] == s["panels"] and s["drawn"] >= 0.8 * s["own"], s
        else:  # the desktop keeps three columns at full size
            assert s["rows"] < s["panels"] and s["drawn"] >= 0.99 * s["own"], s


WORDS_BROKEN = """() => {
    const broken = [];
    document.querySelectorAll('table.summary th, table.summary td').forEach(cell => {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.textContent.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const tops = new Set(Array.from(range.getClientRects()).map(
                    r => Math.round(r.top)));
                if (tops.size > 1) { broken.push(m[0]); }
            }
        }
    });
    const wrap = document.querySelector('table.summary').closest('.table-wrap');
    return {broken: broken, cut: wrap.scrollWidth - wrap.clientWidth,
            cells: document.querySelectorAll('table.summary th').length};
}"""
GAPS_WIDTH = """() => { const vis = document.querySelector('#fig-gaps .vis');
    return {room: vis.clientWidth, drawn: vis.querySelector('svg').getBoundingClientRect().width};
}"""


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_signal_table_and_gap_chart_read_on_phone_and_desktop(wh, browser, tmp_path: Path,
                                                               lang) -> None:
    """Utrecht (GM0344): at 390 px the headers of 'Signalen per opgave' broke inside words
    ('guns tig', 'neutr aal', 'favou rable'); now no word of the table breaks and nothing
    of it is scrolled out of view. At 1280 px the tweedeling dot plot, drawn 340 px wide
    for a phone, used a third of the 920 px it has; now most of it."""
    written = builder.write_city(wh, "GM0344", tmp_path, lang, "html")
    seen = {}
    for width in (390, 1280):
        with tab(browser, width) as page:
            page.goto(written.paths[0].as_uri())
            page.wait_for_selector("#fig-gaps .vis svg", timeout=30_000)
            seen[width] = {**page.evaluate(WORDS_BROKEN), **page.evaluate(GAPS_WIDTH)}
    for width, s in seen.items():
        assert s["cells"] >= 9 and not s["broken"] and s["cut"] <= 0, (width, s)
    assert seen[1280]["drawn"] >= 0.75 * seen[1280]["room"], seen[1280]
    assert seen[390]["drawn"] <= seen[390]["room"], seen[390]


YEARS_BROKEN = r"""() => {
    const broken = []; let n = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('svg, script, style')) { continue; }
        for (const m of node.textContent.matchAll(/(19|20)\d\d[-\u2013]\u2060?(19|20)\d\d/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
            if (!rects.length) { continue; }  // in a closed <details>
            n += 1;
            if (new Set(rects.map(r => Math.round(r.top))).size > 1) { broken.push(m[0]); }
        }
    }
    return {n, broken};
}"""


def test_year_ranges_never_break_on_a_phone(wh, browser, tmp_path: Path) -> None:
    """Zwolle (GM0193) at 390 px: 90 of the 168 visible year ranges broke after the hyphen
    ('2018-' / '2025', in sentences, panel notes and the appendix's 'Wat ontbreekt' table);
    now none does (each range is written with an en dash and a word joiner after it)."""
    written = builder.write_city(wh, "GM0193", tmp_path, "nl", "html")
    with tab(browser, 390) as page:
        page.goto(written.paths[0].as_uri())
        page.wait_for_selector("#fig-gaps .vis svg", timeout=30_000)
        seen = page.evaluate(YEARS_BROKEN)
    assert seen["n"] >= 100 and not seen["broken"], seen


FILLED = """() => Array.from(document.querySelectorAll('figure.chart .vis svg')).map(svg => {
    const box = svg.getBoundingClientRect();
    const own = parseFloat(svg.getAttribute('width'));
    const sizes = Array.from(svg.querySelectorAll('text'))
        .filter(t => t.textContent.trim())
        .map(t => parseFloat(getComputedStyle(t).fontSize));
    return {id: svg.closest('figure').id, drawn: box.width, own: own,
            room: svg.closest('figure').getBoundingClientRect().width,
            text: Math.min(...sizes) * box.width / own};
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_line_charts_fill_a_phone_s_width_with_legible_text(wh, browser, tmp_path: Path,
                                                            width) -> None:
    """At 390 px Heerlen's panels were drawn 188 px wide in a 350 px column (Technologie
    217 px, half the width empty) or the figure, its two legends side by side, scaled down
    to 350 px: text 7.8-8.3 px (the tweedeling dot plot 10 px). Now every chart but the maps
    (the domains' figures, the tweedeling, the outlook) fills the column, its smallest text
    at least 11 px; the desktop draws them at their own size, as before (the PDF has no
    script: unchanged)."""
    seen, overflow = _seen(wh, browser, tmp_path, "Heerlen", width, FILLED)
    charts = [c for c in seen if not c["id"].startswith("fig-map")]
    assert len(charts) >= 9 and overflow <= width
    assert {"fig-technology", "fig-gaps", "fig-outlook"} <= {c["id"] for c in charts}
    for c in charts:
        if width == 390:
            assert c["drawn"] >= 0.97 * c["room"] and c["text"] >= 11, c
        else:
            assert abs(c["drawn"] - c["own"]) < 1 and c["text"] >= 9.5, c

"""The city page's tables under the charts ('Tabel bij de grafiek: Demografie', opened) stay
within the page at 1280 and 390 px: a figure with its year and marks wraps after the figure.
Before, Land van Cuijk's Demografie table was 1 286 px wide at 1 280 ('35,8 per 100 inwoners
van 20-64 jaar (2017, voorlopig, verouderd, omgerekend)' on one line: a 599 px Waarde column)
and the page scrolled sideways (scrollWidth 1 352). Real warehouse, chromium."""

from __future__ import annotations

import pytest

from tests.browser import tab

SEEN = """() => {
    document.querySelectorAll('section.domain details').forEach(d => d.open = true);
    const tables = [...document.querySelectorAll('section.domain details table')];
    const figures = [...document.querySelectorAll('table.values-alt td.num .fig')];
    return {page: document.documentElement.scrollWidth, width: window.innerWidth,
            tables: tables.length,
            wide: tables.filter(t => t.getBoundingClientRect().right > window.innerWidth + 1)
                        .map(t => t.caption && t.caption.innerText),
            // a figure never breaks from its unit ('35,8 per 100 ...' on one line)
            broken: figures.filter(f => f.getClientRects().length > 1).map(f => f.innerText)};
}"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("code", ["GM1982", "GM0981"])  # Land van Cuijk, Vaals
def test_no_table_under_the_charts_makes_the_page_scroll_sideways(browser, live_server: str,
                                                                   code, width) -> None:
    with tab(browser, width) as page:
        page.goto(f"{live_server}/gemeente/{code}")
        seen = page.evaluate(SEEN)
    assert seen["tables"] >= 5, seen
    assert seen["page"] <= seen["width"], seen
    assert not seen["wide"], seen
    if width > 640:  # on a phone the rows are blocks
        assert not seen["broken"], seen


COMPARE = """() => {
    const table = document.querySelector('table.by-name');
    return {page: document.documentElement.scrollWidth, width: window.innerWidth,
            table: Math.round(table.getBoundingClientRect().width),
            box: Math.round(table.parentElement.getBoundingClientRect().width),
            broken: [...table.querySelectorAll('td.num .fig')]
                .filter(f => f.getClientRects().length > 1).map(f => f.innerText)};
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_compare_table_fits_its_box(browser, live_server: str, width) -> None:
    """/vergelijk of Helmond, Schiermonnikoog and Dijk en Waard: the key-indicator table was
    1 281 px wide in its 1 148 px scroll box at 1 280 ('20,6 per 1 000 inwoners (2024,
    voorlopig, berekend uit afgerond aantal)' on one line), the third column's figures cut at
    the edge ('58,8 duizend eu') with nothing saying the box scrolls. The year and marks
    wrap after the figure; the figure stays whole."""
    with tab(browser, width) as page:
        page.goto(f"{live_server}/vergelijk?regions=GM0794,GM0088,GM1980"
                  "&indicator=unemployment_rate")
        seen = page.evaluate(COMPARE)
    assert seen["page"] <= seen["width"], seen
    assert seen["table"] <= seen["box"], seen
    if width > 640:  # on a phone the rows are blocks
        assert not seen["broken"], seen

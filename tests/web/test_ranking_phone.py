"""The ranking page (/ranglijst) on a phone in Chromium on the real snapshot: the value cell
'118,5 duizend euro (voorlopig)' set its column's width and the page scrolled sideways
(``scrollWidth`` 454 at 390 px); now a figure's mark goes to a line of its own there, and
the page is no wider than the screen at 390 and 1280 px. (A column that is provisional
throughout says so in its heading since h51d; thefts of 2024 keep other marks per row.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import tab

SIZES = r"""() => {
    const marks = [...document.querySelectorAll('table.ranking td.num .year')];
    const cell = marks.length ? marks[0].closest('td') : null;
    const valueTop = td => {  // the top of the value's own text ('118,5 duizend euro')
        const range = document.createRange();
        range.selectNodeContents(td.firstChild);
        return range.getBoundingClientRect().top;
    };
    return {scroll: document.documentElement.scrollWidth, width: window.innerWidth,
            marks: marks.length, text: cell ? cell.textContent.trim() : '',
            below: cell ? marks[0].getBoundingClientRect().top > valueTop(cell) + 4 : null};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_ranking_page_fits_a_phone(browser, live_server: str, artifacts: Path,
                                       width: int) -> None:
    with tab(browser, width) as page:
        page.goto(live_server + "/ranglijst?indicator=thefts_per_1000&year=2024")
        seen = page.evaluate(SIZES)
        page.screenshot(path=str(artifacts / f"ranking-{width}.png"), full_page=True)
        assert seen["marks"] >= 10 and "door Stadstrends" in seen["text"], seen  # Vlieland
        assert seen["scroll"] <= seen["width"], seen
        assert seen["below"] is (width < 640), seen  # its own line on a phone only


HEADERS = r"""() => [...document.querySelectorAll('table.ranking thead th a')].map(a => {
    const range = document.createRange();
    range.selectNodeContents(a);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                         .map(r => Math.round(r.top)));
    return {text: a.textContent, lines: tops.size};
})"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_sortable_headers_stay_on_one_line(browser, live_server: str, artifacts: Path,
                                               lang: str, width: int) -> None:
    """'Rang ▲' / 'Rank ▲' broke after its word at 390 px, the arrow alone on a second line;
    the English page was 393 px wide at 390 ('118.5 thousand euro' and the headers)."""
    with tab(browser, width) as page:
        page.goto(f"{live_server}/ranglijst?lang={lang}")
        headers = page.evaluate(HEADERS)
        seen = page.evaluate(SIZES)
        page.screenshot(path=str(artifacts / f"ranking-headers-{lang}-{width}.png"))
    rank = {"nl": "Rang ▲", "en": "Rank ▲"}[lang]
    assert [h["text"] for h in headers][0] == rank, headers  # sorted by rank, ascending
    assert [h for h in headers if h["lines"] != 1] == [], headers
    assert seen["scroll"] <= seen["width"], seen


@pytest.mark.parametrize("indicator", ["social_assistance_per_1000",
                                       "new_construction_per_1000_dwellings"])
def test_a_long_unit_wraps_on_a_phone(browser, live_server: str, artifacts: Path,
                                      indicator: str) -> None:
    """'48.6 per 1,000 inhabitants' kept on one line made 54 of the 146 rankings up to 508 px
    wide at 390 (these two 427 and 413 px); the unit now wraps between its words, the
    number whole."""
    with tab(browser, 390) as page:
        page.goto(f"{live_server}/ranglijst?indicator={indicator}&lang=en")
        seen = page.evaluate(SIZES)
        cells = page.evaluate("""() => [...document.querySelectorAll('table.ranking tbody tr')]
            .map(tr => tr.querySelectorAll('td.num')[1]).filter(td => td)
            .map(td => td.textContent.trim())""")
        page.screenshot(path=str(artifacts / f"ranking-unit-{indicator}.png"), full_page=True)
    assert any(" per 1,000 " in c for c in cells), cells[:3]  # the long unit is there
    assert seen["scroll"] <= seen["width"], seen

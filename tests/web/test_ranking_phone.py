"""The ranking page (/ranglijst) on a phone in Chromium on the real snapshot: the value cell
'118,5 duizend euro (voorlopig)' set its column's width and the page scrolled sideways
(``scrollWidth`` 454 at 390 px); now the provisional mark goes to a line of its own there,
and the page is no wider than the screen at 390 and 1280 px."""

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
        page.goto(live_server + "/ranglijst")
        seen = page.evaluate(SIZES)
        page.screenshot(path=str(artifacts / f"ranking-{width}.png"), full_page=True)
        assert seen["marks"] >= 10 and "(voorlopig)" in seen["text"], seen  # the claim's case
        assert seen["scroll"] <= seen["width"], seen
        assert seen["below"] is (width < 640), seen  # its own line on a phone only

"""The home page's G40-overzicht (the heatmap of the city set on the key indicators) on a
phone in Chromium on the real snapshot: it scrolls sideways in its own box (860 px in 366),
not the page; scrolled to its right end, the municipalities' names stay at the box's left
edge (app.js, stickyNames). Before: the names scrolled away with the cells, so a cell on the
right (Woningvoorraad) could not be told apart from the row above or below it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import HIDDEN_NAMES, tab

# the box scrolled to its right end: its rows' names not in view there, and the widths
SEEN = """() => {
    const box = document.querySelector('.heat-scroll');
    const seen = (HIDDEN_NAMES)(box, '.chart > svg');
    return {page: document.scrollingElement.scrollWidth, width: window.innerWidth,
            inner: box.scrollWidth, outer: box.clientWidth, left: box.scrollLeft, ...seen};
}""".replace("HIDDEN_NAMES", HIDDEN_NAMES)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_heatmap_scrolls_with_its_names_in_view(browser, live_server: str,
                                                    artifacts: Path, width: int) -> None:
    # tall: every row in the window (elementFromPoint sees only the window)
    with tab(browser, width, 2400) as page:
        page.goto(live_server + "/")
        page.wait_for_selector(".heat-scroll .chart[data-rendered]")
        seen = page.evaluate(SEEN)
        page.locator(".heat-scroll").screenshot(path=str(artifacts / f"heatmap-{width}.png"))
    assert seen["page"] <= seen["width"], seen  # the page never scrolls sideways
    if width < 640:  # the heatmap does, in its own box
        assert seen["inner"] > seen["outer"] + 300 and seen["left"] > 300, seen
    names = seen["names"]
    assert len(names) >= 30 and "Zwolle" in names and "Oss" in names, names
    assert not seen["hidden"], seen["hidden"][:5]  # every row's name, on its row, in view

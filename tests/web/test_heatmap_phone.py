"""The home page's G40-overzicht (the heatmap of the city set on the key indicators) on a
phone in Chromium on the real snapshot: it scrolls sideways in its own box (860 px in 366),
not the page; scrolled to its right end, the municipalities' names stay at the box's left
edge (app.js, stickyNames). Before: the names scrolled away with the cells, so a cell on the
right (Woningvoorraad) could not be told apart from the row above or below it."""

from __future__ import annotations

from pathlib import Path

import pytest

# the box scrolled to its right end: for each row's name (the drawing's y axis), whether a
# text of that name is drawn on its row inside the box and not covered there (labels take no
# pointer events: the element at the point is the drawing holding the text), and the widths
SEEN = r"""() => {
    const box = document.querySelector('.heat-scroll');
    box.scrollLeft = box.scrollWidth;
    const edge = box.getBoundingClientRect();
    const axis = [...box.querySelectorAll('.chart > svg g.role-axis')]
        .find(g => (g.getAttribute('aria-label') || '').startsWith('Y-axis'));
    const names = axis ? [...axis.querySelectorAll('.role-axis-label text')] : [];
    const texts = [...box.querySelectorAll('svg text')];
    const rows = names.map(t => {
        const r = t.getBoundingClientRect();
        const y = r.top + r.height / 2;
        const shown = texts.some(o => {
            const q = o.getBoundingClientRect();
            if (o.textContent !== t.textContent || Math.abs(q.top + q.height / 2 - y) > 1
                || q.left < edge.left - 1 || q.right > edge.right + 1) return false;
            const hit = document.elementFromPoint(q.left + q.width / 2, y);
            return !!hit && hit.closest('svg') === o.closest('svg');
        });
        return {name: t.textContent, shown};
    });
    return {page: document.scrollingElement.scrollWidth, width: window.innerWidth,
            inner: box.scrollWidth, outer: box.clientWidth, left: box.scrollLeft, rows};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_heatmap_scrolls_with_its_names_in_view(browser, live_server: str,
                                                    artifacts: Path, width: int) -> None:
    # tall: every row in the window (elementFromPoint sees only the window)
    context = browser.new_context(viewport={"width": width, "height": 2400}, locale="nl-NL")
    tab = context.new_page()
    try:
        tab.goto(live_server + "/")
        tab.wait_for_selector(".heat-scroll .chart[data-rendered]")
        seen = tab.evaluate(SEEN)
        tab.locator(".heat-scroll").screenshot(path=str(artifacts / f"heatmap-{width}.png"))
        assert seen["page"] <= seen["width"], seen  # the page never scrolls sideways
        if width < 640:  # the heatmap does, in its own box
            assert seen["inner"] > seen["outer"] + 300 and seen["left"] > 300, seen
        rows = seen["rows"]
        names = [r["name"] for r in rows]
        assert len(rows) >= 30 and "Zwolle" in names and "Oss" in names, names
        wrong = [r["name"] for r in rows if not r["shown"]]
        assert not wrong, wrong[:5]  # every row's name, on its row, in view
    finally:
        context.close()

"""The overview of a comparison group (``report --set G40``, HTML; served by the dashboard
under /reports/) on a phone in Chromium: its three heatmaps (signals, positions, stad en
ommeland) are drawn at their own size and scroll sideways in their own box, the page does
not, and scrolled to the right end the municipalities' names stay at the box's left edge
(report.css, .chart-heat; the script's stickyNames in macros.html.j2). Before: each was
fitted to the 350 px column, its text at two thirds of its size (G40: 524 px wide)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stadstrends.publish.report import batch
from tests.web.conftest import CHROMIUM_ARGS, browser_path

# per heatmap, scrolled to its right end: its drawn and own width, the box's, and the rows
# (the drawing's y axis) whose name is not drawn on its row inside the box, uncovered
# (labels take no pointer events: the element at the point is the drawing holding the text)
SEEN = r"""() => [...document.querySelectorAll('figure[id^="fig-heat"] .vis')].map(box => {
    box.scrollLeft = box.scrollWidth;
    const edge = box.getBoundingClientRect();
    const svg = box.querySelector(':scope > svg');
    const axis = [...svg.querySelectorAll('g.role-axis')]
        .find(g => (g.getAttribute('aria-label') || '').startsWith('Y-axis'));
    const names = axis ? [...axis.querySelectorAll('.role-axis-label text')] : [];
    const texts = [...box.querySelectorAll('svg text')];
    const hidden = names.filter(t => {
        const r = t.getBoundingClientRect();
        const y = r.top + r.height / 2;
        return !texts.some(o => {
            const q = o.getBoundingClientRect();
            if (o.textContent !== t.textContent || Math.abs(q.top + q.height / 2 - y) > 1
                || q.left < edge.left - 1 || q.right > edge.right + 1) return false;
            const hit = document.elementFromPoint(q.left + q.width / 2, y);
            return !!hit && hit.closest('svg') === o.closest('svg');
        });
    }).map(t => t.textContent);
    return {id: box.closest('figure').id, drawn: svg.getBoundingClientRect().width,
            own: parseFloat(svg.getAttribute('width')), inner: box.scrollWidth,
            outer: box.clientWidth, names: names.length, hidden};
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_overview_heatmaps_scroll_with_their_names_in_view(warehouse_path: Path,
                                                               tmp_path: Path,
                                                               width: int) -> None:
    path = browser_path()
    sync_api = pytest.importorskip("playwright.sync_api")
    written = batch.write_set_overview(warehouse_path, "G40", tmp_path)["paths"][0]
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        # tall: every row in the window (elementFromPoint sees only the window)
        page = chromium.new_page(viewport={"width": width, "height": 6000})
        page.goto(Path(written).as_uri())
        page.wait_for_function("document.querySelectorAll('figure[id^=\"fig-heat\"] .vis svg')"
                               ".length >= 3", timeout=30_000)
        seen = page.evaluate(SEEN)
        overflow = page.evaluate("document.scrollingElement.scrollWidth")
        chromium.close()
    assert overflow <= width, overflow  # the page never scrolls sideways
    assert [s["id"] for s in seen] == ["fig-heat_signals", "fig-heat_positions",
                                       "fig-heat_gaps"], seen
    for s in seen:
        assert s["names"] == 41 and s["drawn"] >= s["own"] - 1, s  # its own size, the G40
        if width < 640:  # wider than the phone: its own box scrolls
            assert s["inner"] > s["outer"] + 100, s
        assert not s["hidden"], s

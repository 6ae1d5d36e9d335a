"""The overview of a comparison group (``report --set G40``, HTML; served by the dashboard
under /reports/) on a phone in Chromium: its three heatmaps (signals, positions, stad en
ommeland) are drawn at their own size and scroll sideways in their own box, the page does
not, and scrolled to the right end the municipalities' names stay at the box's left edge
(report.css, .chart-heat; the script's stickyNames in macros.html.j2). Before: each was
fitted to the 350 px column, its text at two thirds of its size (G40: 524 px wide)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stadstrends.publish.report import batch
from tests.browser import HIDDEN_NAMES, tab

# per heatmap, scrolled to its right end: its drawn and own width, the box's, and the rows
# whose name is not in view there
SEEN = """() => [...document.querySelectorAll('figure[id^="fig-heat"] .vis')].map(box => {
    const seen = (HIDDEN_NAMES)(box, ':scope > svg');
    const svg = box.querySelector(':scope > svg');
    return {id: box.closest('figure').id, drawn: svg.getBoundingClientRect().width,
            own: parseFloat(svg.getAttribute('width')), inner: box.scrollWidth,
            outer: box.clientWidth, names: seen.names.length, hidden: seen.hidden};
})""".replace("HIDDEN_NAMES", HIDDEN_NAMES)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_overview_heatmaps_scroll_with_their_names_in_view(warehouse_path: Path,
                                                               tmp_path: Path, browser,
                                                               width: int) -> None:
    written = batch.write_set_overview(warehouse_path, "G40", tmp_path)["paths"][0]
    # tall: every row in the window (elementFromPoint sees only the window; at 390 px the
    # G40 overview is taller than 6 000 px since its gap grid names untested cells)
    with tab(browser, width, 9000) as page:
        page.goto(Path(written).as_uri())
        page.wait_for_function("document.querySelectorAll('figure[id^=\"fig-heat\"] .vis svg')"
                               ".length >= 3", timeout=30_000)
        seen = page.evaluate(SEEN)
        overflow = page.evaluate("document.scrollingElement.scrollWidth")
    assert overflow <= width, overflow  # the page never scrolls sideways
    assert [s["id"] for s in seen] == ["fig-heat_signals", "fig-heat_positions",
                                       "fig-heat_gaps"], seen
    for s in seen:
        assert s["names"] == 41 and s["drawn"] >= s["own"] - 1, s  # its own size, the G40
        if width < 640:  # wider than the phone: its own box scrolls
            assert s["inner"] > s["outer"] + 100, s
        assert not s["hidden"], s


#: the x-axis labels of each heatmap (not the names' copy that stays in view)
TITLES = """() => [...document.querySelectorAll('figure[id^="fig-heat"] .vis > svg')].map(svg =>
    [...svg.querySelectorAll('.role-axis-label text')].map(t => t.textContent))"""


def test_the_overview_heatmaps_write_whole_titles(warehouse_path: Path, tmp_path: Path,
                                                  browser) -> None:
    """Before, each column's title was cut at 34 characters ('Gemiddeld besteedbaar
    huishoudens…', 'Banen per 1 000 inwoners (baanint…')."""
    import duckdb

    from stadstrends.publish.report.overview import key_indicators

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        cols = [d[0] for d in con.execute("SELECT * FROM indicators LIMIT 0").description]
        catalogue = {r[0]: dict(zip(cols, r, strict=True))
                     for r in con.execute("SELECT * FROM indicators").fetchall()}
    titles = {catalogue[i]["title_nl"] for i in key_indicators(catalogue)}
    assert any(len(t) > 40 for t in titles)
    written = batch.write_set_overview(warehouse_path, "G40", tmp_path)["paths"][0]
    with tab(browser, 390, 6000) as page:
        page.goto(Path(written).as_uri())
        page.wait_for_function("document.querySelectorAll('figure[id^=\"fig-heat\"] .vis svg')"
                               ".length >= 3", timeout=30_000)
        seen = page.evaluate(TITLES)
    assert len(seen) == 3
    for labels in seen:
        # the positions grid marks an out-of-date column ('... (2019, verouderd)')
        labels = [re.sub(r" \([\d, ]+, verouderd\)$", "", t) for t in labels]
        assert titles <= set(labels), sorted(titles - set(labels))
        assert not [t for t in labels if "…" in t]

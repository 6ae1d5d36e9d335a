"""The report's HTML on a phone (390 px wide, chromium): small multiples in one column, drawn
at close to their own size, so that the lines under the panel titles (the years tested and
the verdict) stay legible instead of the whole figure being scaled down to a third."""

from __future__ import annotations

from pathlib import Path

import pytest

from stadstrends.publish.report import builder
from tests.web.conftest import CHROMIUM_ARGS, browser_path

SIZES = """() => Array.from(document.querySelectorAll('figure.chart .vis svg')).map(svg => {
    const box = svg.getBoundingClientRect();
    const titles = Array.from(svg.querySelectorAll('g.role-title-text text:first-child'));
    const rows = new Set(titles.map(t => Math.round(t.getBoundingClientRect().top)));
    return {id: svg.closest('figure').id, drawn: box.width,
            own: parseFloat(svg.getAttribute('width')), panels: titles.length,
            rows: rows.size};
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_small_multiples_keep_their_text_size_on_a_phone(wh, tmp_path: Path, width) -> None:
    path = browser_path()
    sync_api = pytest.importorskip("playwright.sync_api")
    builder.write_city(wh, "Zwolle", tmp_path, "nl", "html")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        page = chromium.new_page(viewport={"width": width, "height": 900})
        page.goto((tmp_path / "zwolle.nl.html").as_uri())
        page.wait_for_selector("#fig-demography .vis svg", timeout=30_000)
        page.wait_for_function("document.querySelectorAll('figure.chart .vis svg').length"
                               " >= document.querySelectorAll('[data-spec]').length")
        sizes = [s for s in page.evaluate(SIZES) if s["id"].startswith("fig-")
                 and not s["id"].startswith("fig-map")]
        overflow = page.evaluate("document.documentElement.scrollWidth")
        chromium.close()
    multiples = [s for s in sizes if s["id"] in {f"fig-{d}" for d in (
        "demography", "economy", "social", "spatial", "safety", "sustainability")}]
    assert len(multiples) >= 4 and overflow <= width
    for s in multiples:
        assert s["panels"] >= 2, s
        if width == 390:  # one column (a row per panel), at least 80% of its own size
            assert s["rows"] == s["panels"] and s["drawn"] >= 0.8 * s["own"], s
        else:  # the desktop keeps three columns at full size
            assert s["rows"] < s["panels"] and s["drawn"] >= 0.99 * s["own"], s

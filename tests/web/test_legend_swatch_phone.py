"""A map legend's colour swatches stay square on a phone (Chromium, the real snapshot):
Leeuwarden's wijken legend at 390 px wraps its second label ('andere wijkindeling in 2024
dan op deze kaart van 2014 ...') onto two lines, which squashed that swatch to 12 x 18 px
beside the first's 18 x 18 (h55n, session 55)."""

from __future__ import annotations

from pathlib import Path

from tests.browser import tab

SIZES = """() => [...document.querySelectorAll('.swatch')].map(e => {
    const r = e.getBoundingClientRect();
    return {w: r.width, h: r.height, label: (e.nextElementSibling || {}).textContent || ''};
})"""


def test_swatches_stay_square_at_390(browser, live_server: str, artifacts: Path) -> None:
    with tab(browser, 390, 900) as page:
        page.goto(live_server + "/gemeente/GM0080")
        page.wait_for_selector(".swatch")
        sizes = page.evaluate(SIZES)
        page.locator(".swatch").first.locator("xpath=ancestor::ul[1]").screenshot(
            path=str(artifacts / "leeuwarden-wijken-legend-390.png"))
    assert len(sizes) >= 2, sizes
    assert any(s["label"].startswith("andere wijkindeling") for s in sizes), sizes
    for s in sizes:
        assert abs(s["w"] - s["h"]) < 1 and s["w"] >= 16, sizes

"""Every page renders its charts without a warning or error in the browser's console (real
snapshot, Chromium at 390 and 1280 px; h54k). Before, the home page logged Vega-Lite's
'Dropping "fit-y" because spec has discrete height' on every load: the heatmap's height was
a step per row ({"step": 16}) beside a width that fits its box."""

from __future__ import annotations

import pytest

from tests.browser import tab

PAGES = ["/", "/?lang=en", "/indicator/unemployment_rate?regions=GM0479,GM0794",
         "/indicator/payment_arrears_share?regions=GM0928&lang=en", "/gemeente/GM0193",
         "/vergelijk", "/ranglijst", "/embed/indicator/unemployment_rate?regions=GM0479",
         "/zoek?q=zwo", "/api/v1/docs"]


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_logs_a_warning(browser, live_server: str, width: int) -> None:
    said: dict[str, list[str]] = {}
    with tab(browser, width) as page:
        page.on("console", lambda m: said.setdefault(page.url, []).append(f"{m.type}: {m.text}")
                if m.type in ("warning", "error") else None)
        page.on("pageerror", lambda e: said.setdefault(page.url, []).append(str(e)))
        for path in PAGES:
            answer = page.goto(live_server + path)
            assert answer is not None and answer.status == 200, path
            if page.locator(".chart").count():
                page.wait_for_selector(".chart[data-rendered]")
            page.wait_for_load_state("networkidle")
    assert said == {}, said

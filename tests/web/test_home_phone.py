"""The home page on a phone (390 px, Chromium, synthetic warehouse): opening the table under
the map keeps the page as wide as the window (the table scrolls in its own box; before, the
page grew to 397 px and scrolled sideways, when each value said '(voorlopig)': the caption
says it once now), and the
heatmap's box, which scrolls, says so: a caption while it overflows and a shadow at its right
edge while more lies to the right; neither on a wide screen. axe-core finds nothing serious."""

from __future__ import annotations

import pytest

from tests.browser import tab
from tests.web.test_browser import AXE_TAGS, axe_source, wait_for_charts

CUE = """() => {
    const wrap = document.querySelector('.scroll-shade');
    const cue = wrap.querySelector('.scroll-cue'), box = wrap.querySelector('.heat-scroll');
    const shade = getComputedStyle(wrap.querySelector('.shade-box'), '::after');
    const r = cue.getBoundingClientRect();
    return {cue: r.height > 0 ? cue.textContent : null, right: r.right, shade: shade.opacity,
            described: document.getElementById(box.getAttribute('aria-describedby')) === cue,
            over: box.scrollWidth > box.clientWidth};
}"""


def test_the_table_under_the_map_fits_a_phone(browser, syn_server: str) -> None:
    with tab(browser, 390) as page:
        page.goto(syn_server + "/?indicator=crimes_per_1000")  # 2024 provisional
        wait_for_charts(page)
        section = page.locator("section[aria-labelledby=map-h]")
        section.locator("details > summary").click()
        found = page.evaluate("""() => {
            const t = document.querySelector('section[aria-labelledby=map-h] details table');
            return {page: document.scrollingElement.scrollWidth,
                    right: t.getBoundingClientRect().right, text: t.textContent};
        }""")
    caption, _, rows = found["text"].partition("Gemeente")
    assert "(2024, voorlopig)" in caption and "voorlopig" not in rows, found["text"]
    assert found["page"] <= 390 and found["right"] <= 390, found


def test_the_heatmap_box_says_it_scrolls(browser, syn_server: str) -> None:
    with tab(browser, 390) as page:
        page.goto(syn_server + "/")
        wait_for_charts(page)
        page.wait_for_timeout(400)  # the shadow fades in (read during it: opacity 0.96)
        narrow = page.evaluate(CUE)
        page.evaluate("() => { const b = document.querySelector('.heat-scroll');"
                      " b.scrollLeft = b.scrollWidth; }")
        page.wait_for_timeout(400)  # the shadow fades out
        end = page.evaluate(CUE)
    assert narrow["over"] and narrow["described"] and narrow["right"] <= 390, narrow
    assert narrow["cue"] == "Veeg of scroll opzij voor alle kolommen en de legenda →"
    assert narrow["shade"] == "1" and end["shade"] == "0" and end["cue"], (narrow, end)
    with tab(browser, 1280) as page:
        page.goto(syn_server + "/?lang=en")
        wait_for_charts(page)
        wide = page.evaluate(CUE)
    assert not wide["over"] and wide["cue"] is None and wide["shade"] == "0", wide


@pytest.mark.parametrize("path", ["/", "/?lang=en"])
def test_axe_on_the_phone_home(browser, syn_server: str, path: str) -> None:
    with tab(browser, 390, locale=None, bypass_csp=True) as page:
        page.goto(syn_server + path)
        wait_for_charts(page)
        page.locator("section[aria-labelledby=map-h] details > summary").click()
        page.add_script_tag(content=axe_source())
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    bad = [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"][:3]]}
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, bad

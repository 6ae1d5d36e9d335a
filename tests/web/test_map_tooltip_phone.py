"""A map's tooltip stays inside the window on a phone (390 px, Chromium, real snapshot; h52d).

vega-tooltip puts its tooltip beside the cursor and, where it would run off on the right,
flips it to the left, where at the map's left edge it starts off screen: Sluis's figure at
390 px began at -337 px. The page's script kept it inside only from the second showing on:
it began to watch the tooltip once vega-tooltip had made it, after the first one was
placed. Now every placement, the first too, and every change of its text is kept inside,
and the tooltip is never wider than the window."""

from __future__ import annotations

from tests.browser import tab
from tests.web.test_browser import wait_for_charts

#: JavaScript: the centre of a point of the map inside the municipality whose tooltip names
#: ``name`` (its drawing's aria-label), for the mouse
INSIDE = """(name) => {
    const e = [...document.querySelectorAll('#map svg path')]
        .find(p => (p.getAttribute('aria-label') || '').includes('Gemeente: ' + name + ';'));
    const r = e.getBoundingClientRect(), m = e.getScreenCTM().inverse();
    for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
        const x = r.left + r.width * i / 20, y = r.top + r.height * j / 20;
        const pt = e.ownerSVGElement.createSVGPoint(); pt.x = x; pt.y = y;
        if (e.isPointInFill(pt.matrixTransform(m)) && document.elementFromPoint(x, y) === e)
            return [x, y];
    }
    return null;
}"""
#: JavaScript: the tooltip's box and text, and the window's width
TIP = """() => {
    const t = document.getElementById('vg-tooltip-element');
    if (!t) return null;
    const r = t.getBoundingClientRect();
    return {left: r.left, right: r.right, width: document.documentElement.clientWidth,
            text: t.textContent, visible: t.classList.contains('visible')};
}"""
#: JavaScript: a tooltip made and placed off screen in one go, as vega-tooltip makes its
#: first (its element, its text, its place in one task); its box after the page's script
#: has had its turn
MADE = """() => new Promise(done => {
    document.getElementById('vg-tooltip-element')?.remove();
    const t = document.createElement('div');
    t.id = 'vg-tooltip-element';
    t.className = 'vg-tooltip visible';
    t.textContent = 'Sluis 9,0 per 1 000 inwoners (2024, voorlopig)';
    document.body.appendChild(t);
    t.style.top = '300px';
    t.style.left = -t.offsetWidth + 'px';
    setTimeout(() => {
        const r = t.getBoundingClientRect();
        done({left: r.left, right: r.right, width: document.documentElement.clientWidth});
    }, 100);
})"""


def test_the_map_tooltip_stays_inside_a_phone(browser, live_server: str) -> None:
    with tab(browser, 390) as page:
        page.goto(live_server + "/?indicator=thefts_per_1000&year=2024")
        wait_for_charts(page)
        page.locator("#map").scroll_into_view_if_needed()
        # the westernmost (its tooltip flipped left), a long note (Vlieland's), the east
        for name in ("Sluis", "Vlieland", "Losser"):
            point = page.evaluate(INSIDE, name)
            assert point, name
            page.mouse.move(*point)
            page.wait_for_timeout(200)
            tip = page.evaluate(TIP)
            assert tip and tip["visible"] and name in tip["text"], (name, tip)
            assert 0 <= tip["left"] and tip["right"] <= tip["width"], (name, tip)
        made = page.evaluate(MADE)
    assert made["left"] >= 0 and made["right"] <= made["width"], made

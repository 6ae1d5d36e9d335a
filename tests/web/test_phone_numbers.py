"""The dashboard on the real snapshot in Chromium: a spaced thousand ('per 1 000
inwoners') never wraps between '1' and '000', as in the report (a no-break space,
:func:`stadstrends.publish.format.keep_printed_numbers_whole`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import tab

# every spaced thousand the page shows (tables in <details> opened): how many, which of
# them are breakable (an ordinary space) and which are drawn on two lines
SPACED = r"""() => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    const out = {shown: 0, breakable: [], wrapped: []};
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('script, style, svg')) { continue; }
        for (const m of node.textContent.matchAll(/(?<![\d,.])\d{1,3}[ \u00a0]\d{3}(?!\d)/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const rects = [...range.getClientRects()].filter(r => r.width > 0);
            if (!rects.length) { continue; }
            out.shown += 1;
            const around = node.textContent.slice(Math.max(0, m.index - 25), m.index + 12);
            if (m[0].includes(' ')) { out.breakable.push(around); }
            if (new Set(rects.map(r => Math.round(r.top))).size > 1) { out.wrapped.push(around); }
        }
    }
    return out;
}"""

PAGES = {"utrecht": "/gemeente/GM0344", "utrecht-en": "/gemeente/GM0344?lang=en",
         "amsterdam": "/gemeente/GM0363",
         "ranking": "/ranglijst?indicator=crimes_per_1000&mijn=GM0344",
         "indicator": "/indicator/crimes_per_1000?regions=GM0344"}


@pytest.mark.parametrize("name", list(PAGES))
def test_a_spaced_thousand_never_wraps_on_a_phone(browser, live_server: str, artifacts: Path,
                                                  name: str) -> None:
    """The pages printed 'per 1 000 inwoners' with an ordinary space (the report has a
    no-break space since session 14): Amsterdam's at 360 px ended lines in 'per 1'
    ('... diefstallen per 1' / '000 inwoners'), Utrecht's could at any width its words
    happened to fall. Now none of their spaced thousands can break, and none is drawn on
    two lines, at 360, 390 or 1280 px. The English page writes '1,000' where it has no
    spaced thousand (then nothing to check)."""
    with tab(browser, 390, 844) as page:
        page.goto(live_server + PAGES[name])
        for width in (360, 390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(200)
            seen = page.evaluate(SPACED)
            page.screenshot(path=str(artifacts / f"numbers-{name}-{width}.png"), full_page=True)
            assert not seen["breakable"] and not seen["wrapped"], (width, seen)
            if name != "utrecht-en":
                assert seen["shown"] >= 10, seen  # per 1 000 inwoners, in tiles and tables

"""A form's label stays with its field, in Chromium on the real snapshot. At 1280 px the
comparison page's 'Indicator' ended a row with its list on the next (h41c's check): label
and field were separate items of one wrapping row. Now each pair is one item: on a wide
screen the label sits on its field's row, left of it; on a phone above it; the page no wider
than the screen."""

from __future__ import annotations

import pytest

from tests.browser import tab

PAIRS = r"""() => [...document.querySelectorAll('form.controls label[for]')].map(label => {
    const field = document.getElementById(label.htmlFor);
    const a = label.getBoundingClientRect(), b = field.getBoundingClientRect();
    return {id: label.htmlFor, labelTop: a.top, labelBottom: a.bottom, labelRight: a.right,
            fieldTop: b.top, fieldBottom: b.bottom, fieldLeft: b.left,
            scroll: document.documentElement.scrollWidth, width: window.innerWidth};
})"""


@pytest.mark.parametrize("path", ["/vergelijk?regions=GM0928,GM0917", "/ranglijst",
                                  "/indicator/population"])
@pytest.mark.parametrize("width", [1280, 390])
def test_a_label_stays_with_its_field(browser, live_server: str, path: str,
                                      width: int) -> None:
    with tab(browser, width) as page:
        page.goto(live_server + path)
        pairs = page.evaluate(PAIRS)
    assert len(pairs) >= 2, pairs
    for p in pairs:
        assert p["scroll"] <= p["width"], p
        if width >= 1280:  # on the field's row, left of it
            assert p["labelBottom"] > p["fieldTop"] and p["labelTop"] < p["fieldBottom"], p
            assert p["labelRight"] <= p["fieldLeft"], p
        else:  # just above it
            assert p["labelBottom"] <= p["fieldTop"] + 1, p
            assert p["fieldTop"] - p["labelBottom"] < 20, p

"""On a phone the comparison's cells put the municipality's name before its figure. 'Best:
3,0% (2024)' under 'Maashorst: 2,9% (2024)' read as 'the best value': the name is now a name
tag (a bordered box, no colon after it), not a word of a sentence. Chromium, real snapshot:
Maashorst and Best (GM0753)."""

from __future__ import annotations

from tests.browser import tab

BEFORE = r"""() => [...document.querySelectorAll('table.stack td[data-label]')].slice(0, 2)
    .map(td => {
        const s = getComputedStyle(td, '::before');
        return {content: s.content, border: s.borderTopStyle, display: s.display};
    })"""


def test_a_name_before_a_figure_is_a_name_tag(browser, live_server: str) -> None:
    with tab(browser, 390) as page:
        page.goto(f"{live_server}/vergelijk?regions=GM1991,GM0753")
        cells = page.evaluate(BEFORE)
    assert [c["content"] for c in cells] == ['"Maashorst"', '"Best"']  # no 'Best: '
    assert all(c["border"] == "solid" and c["display"] == "inline-block" for c in cells)

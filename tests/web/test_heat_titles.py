"""The home page's heatmap writes every column's whole title with its year, at 1280 and 390 px:
before, a title was cut at 34 characters ('Banen per 1 000 inwoners (baanint… (2023,
voorlopig)', 'Gemiddeld besteedbaar huishoudens… (2023, voorlopig)') and, slanted, the
first columns' labels ran past the chart's left edge on a phone. Now each stands upright
along its column, whole, inside the drawing and clear of its neighbours."""

from __future__ import annotations

import pytest

from tests.browser import tab
from tests.web.test_browser import wait_for_charts

#: per x-axis label of the heatmap (not the names' copy that stays in view): its text, box
#: and the drawing's box
LABELS = """() => [...document.querySelectorAll('#heatmap svg .role-axis-label text')]
        .filter(t => !t.closest('.heat-names'))
        .map(t => { const b = t.getBoundingClientRect();
                    const s = t.closest('svg').getBoundingClientRect();
                    return {text: t.textContent, left: b.left, right: b.right, top: b.top,
                            bottom: b.bottom, svgLeft: s.left, svgRight: s.right,
                            svgBottom: s.bottom}; })"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_heatmap_column_title_is_whole(browser, client, live_server: str, lang: str,
                                             width: int) -> None:
    page_json = client.get(f"/?format=json&lang={lang}").json()
    expected = {f"{i['title']} ({i['year_shown']})" for i in page_json["heat_indicators"]}
    assert any(len(e) > 50 for e in expected)  # long titles, which were cut
    with tab(browser, width, locale={"nl": "nl-NL", "en": "en-GB"}[lang]) as page:
        page.goto(f"{live_server}/?lang={lang}")
        wait_for_charts(page)
        page.wait_for_selector("#heatmap svg .role-axis-label text")
        labels = page.evaluate(LABELS)
    columns = [x for x in labels if x["text"] in expected]
    assert {x["text"] for x in columns} == expected, sorted(
        {x["text"] for x in labels} - expected)
    assert not [x["text"] for x in labels if "…" in x["text"]]
    columns.sort(key=lambda x: x["left"])
    for a, b in zip(columns, columns[1:], strict=False):
        assert b["left"] >= a["right"] - 0.5, (a, b)  # side by side, not over each other
    for x in columns:
        assert x["svgLeft"] - 0.5 <= x["left"] and x["right"] <= x["svgRight"] + 0.5, x
        assert x["bottom"] <= x["svgBottom"] + 0.5, x

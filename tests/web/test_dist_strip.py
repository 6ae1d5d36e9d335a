"""The indicator page's strip 'Spreiding over de G40' on the real snapshot (Chromium at 390 and
1280 px; h54k). Before: its axis had a label every 0,2 and the last one pushed to the edge,
so on a phone '5' and '5,2' touched and read '55,2'; every city was a tick at its figure, and
the six G40 cities at 3,8% unemployment in 2024 (of 41 with a figure) looked like one. Now
one dot per city, ties stacked, the axis's labels apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import tab

PATH = "/indicator/unemployment_rate?regions=GM0479,GM0794"

#: JavaScript: the strip's visible x-axis labels (Vega hides an overlapping one by opacity 0)
#: with their boxes, and the centres of its dots
DRAWN = """() => {
    const svg = document.querySelector('#dist svg');
    const labels = [...svg.querySelectorAll('.role-axis-label text')]
        .filter(t => getComputedStyle(t).opacity !== '0' && t.getAttribute('opacity') !== '0')
        .map(t => { const r = t.getBoundingClientRect();
                    return {text: t.textContent, left: r.left, right: r.right}; });
    const dots = [...svg.querySelectorAll('.mark-symbol path')].map(p => {
        const r = p.getBoundingClientRect();
        return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)]; });
    return {labels, dots};
}"""


def test_ties_are_piled_in_the_spec(client, wh) -> None:
    """Each city one dot, those with the same shown figure one above the other: the pile at
    3,8% as high as the G40 cities with that figure."""
    page = client.get(PATH + "&format=json").json()
    page = page.get("page", page)
    dots = page["dist_spec"]["data"]["values"]
    assert len(dots) == len(page["city_set_values"]) >= 40
    piles: dict[str, list[int]] = {}
    for d in dots:
        piles.setdefault(d["shown"], []).append(d["pile"])
    assert all(sorted(p) == list(range(len(p))) for p in piles.values()), piles
    year = page["year"]
    same = wh.execute("""
        SELECT count(*) FROM indicator_values WHERE indicator_id = 'unemployment_rate'
        AND year = ? AND round(value, 1) = 3.8 AND region_code IN ?""",
                      [year, [v["region_code"] for v in page["city_set_values"]]]).fetchone()[0]
    assert same >= 2 and len(piles["3,8%"]) == same
    told = {d["same"] for d in dots if d["shown"] == "3,8%"}
    assert told == {f"{same} gemeenten"}


@pytest.mark.parametrize("width", [390, 1280])
def test_the_strips_labels_apart_and_every_city_a_dot_of_its_own(browser, live_server: str,
                                                                 artifacts: Path,
                                                                 width: int) -> None:
    with tab(browser, width) as page:
        page.goto(live_server + PATH)
        page.wait_for_selector("#dist[data-rendered] svg")
        drawn = page.evaluate(DRAWN)
        page.locator("#dist").screenshot(path=str(artifacts / f"dist_strip_{width}.png"))
    labels = sorted(drawn["labels"], key=lambda x: x["left"])
    assert len(labels) >= 3, labels
    for a, b in zip(labels, labels[1:], strict=False):
        assert b["left"] - a["right"] >= 4, (width, a, b)  # a gap: never '55,2'
    dots = drawn["dots"]
    assert len(dots) >= 40 and len(set(map(tuple, dots))) == len(dots), dots

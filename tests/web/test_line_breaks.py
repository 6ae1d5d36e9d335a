"""The web's line charts (/vergelijk, /indicator, /embed) stop their lines at a declared
series break, as the report's panels and the tiles' sparklines do, and say so under the
chart (the real snapshot). Before, Ameland's and Leeuwarden's WOZ value ran as one line from
2006 to 2024 across the change of table in 2019, and Zwolle's social housing share across
2012, with no marker or note."""

from __future__ import annotations

import html
import json
import re

import pytest

HTML = {"accept": "text/html"}
PAGES = ["/vergelijk?regions={codes}&indicator={ind}", "/indicator/{ind}?regions={codes}",
         "/embed/indicator/{ind}?regions={codes}"]


def _spec(text: str) -> dict | None:
    """The line chart's Vega-Lite spec as the page hands it to the browser."""
    found = re.search(r'<script type="application/json" id="lines-spec">(.*?)</script>', text,
                      re.S)
    return json.loads(found.group(1)) if found else None


def _crossing(spec: dict, breaks: list[int]) -> list[str]:
    """The line segments of ``spec`` that hold a year before a break and one from it (a
    region's whole line where the chart draws it unbroken)."""
    segs: dict[str, list[int]] = {}
    for r in spec["data"]["values"]:
        if r["value"] is not None:
            segs.setdefault(r.get("seg", r["name"]), []).append(r["year"])
    return [s for s, ys in segs.items() for b in breaks if min(ys) < b <= max(ys)]


@pytest.mark.parametrize(("codes", "ind", "year"), [
    ("GM0060,GM0080", "woz_mean", 2019), ("GM0193,GM0080", "social_housing_share", 2012)])
@pytest.mark.parametrize("page", PAGES[:2])
def test_the_reviewers_charts_stop_at_the_break_and_say_so(client, page, codes, ind, year):
    path = page.format(codes=codes, ind=ind)
    text = client.get(path, headers=HTML).text
    spec = _spec(text)
    years = {r["year"] for r in spec["data"]["values"]}
    assert min(years) < year <= max(years)
    assert not _crossing(spec, [year]), path
    rules = [m for layer in spec["layer"] if layer["mark"]["type"] == "rule"
             for m in layer["data"]["values"]]
    assert [m["at"] for m in rules] == [year - 0.5], rules
    note = re.search(r'<p class="note break-note">(.*?)</p>', text, re.S)
    assert note and f"Reeksbreuk vanaf {year}" in html.unescape(note.group(1)), path


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_compare_line_crosses_any_declared_break(client, wh, lang):
    """Every indicator with a declared break, Zwolle against Leeuwarden on /vergelijk and
    on the indicator page: no line segment crosses a break, and a chart that spans one
    names it under the chart; one that does not span one says nothing."""
    spanned = 0
    for ind, breaks in wh.execute("SELECT indicator_id, break_years FROM indicators WHERE "
                                  "len(break_years) > 0 AND NOT projection").fetchall():
        for page in PAGES:
            path = page.format(codes="GM0193,GM0080", ind=ind) + f"&lang={lang}"
            text = client.get(path, headers=HTML).text
            spec = _spec(text)
            if not spec:
                continue
            assert not _crossing(spec, breaks), path
            years = [r["year"] for r in spec["data"]["values"]]
            inside = [b for b in breaks if years and min(years) < b <= max(years)]
            if not inside:
                assert 'class="note break-note"' not in text, path
            else:
                assert 'class="note break-note"' in text, path
                spanned += 1
    assert spanned >= 10

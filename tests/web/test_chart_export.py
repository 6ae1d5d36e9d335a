"""Chromium (Playwright) on the real snapshot: a downloaded chart carries its title and
'Bron: CBS' (the README promises it; the bare ``view.toImageURL`` had neither), the
buttons say so in the page's language, the comparison chart's year labels do not run
together on a phone ('20122014' at 390 px) and the home heatmap's columns show their year
('Voelt zich weleens onveilig (2019, verouderd)') without hovering."""

from __future__ import annotations

import base64
import re
import struct
import urllib.parse

import pytest

from tests.browser import tab
from tests.web.test_browser import wait_for_charts

COMPARE = "/vergelijk?regions=GM0307,GM0080,GM0150"
EXPORT = "([id, kind]) => window.stadstrendsExport(document.getElementById(id), kind)"


LOCALE = {"nl": "nl-NL", "en": "en-GB"}


@pytest.mark.parametrize(("lang", "source", "button"), [
    ("nl", "Bron: CBS", "Downloaden als"), ("en", "Source: CBS", "Download as")])
def test_a_downloaded_chart_carries_its_title_and_source(browser, live_server: str, lang,
                                                         source, button) -> None:
    with tab(browser, 1280, locale=LOCALE[lang]) as page:
        page.goto(f"{live_server}{COMPARE}&lang={lang}")
        wait_for_charts(page)
        label = page.get_attribute("#lines", "data-label")
        assert label and ":" in label  # 'Tijdreeks: Bevolkingsgroei'
        texts = page.eval_on_selector_all(".chart-actions button",
                                          "bs => bs.map(b => b.textContent)")
        assert texts[:2] == [f"{button} PNG", f"{button} SVG"], texts
        svg = urllib.parse.unquote(page.evaluate(EXPORT, ["lines", "svg"]).split(",", 1)[1])
        assert svg.startswith("<svg")
        words = [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>.*?</text>", svg)]
        assert label in words and source in words, words[:3] + words[-3:]
        assert "Amersfoort" in words  # the chart itself is in it
        png = base64.b64decode(page.evaluate(EXPORT, ["lines", "png"]).split(",", 1)[1])
        assert png[:4] == b"\x89PNG"
        width, height = struct.unpack(">II", png[16:24])
        box = page.eval_on_selector("#lines svg", "s => [s.width.baseVal.value, "
                                                   "s.height.baseVal.value]")
        assert width == 2 * box[0] and height > 2 * box[1] + 60  # title and source added
        page.goto(f"{live_server}/?lang={lang}")  # the map: its classes are drawn in HTML
        wait_for_charts(page)
        legend = page.evaluate("() => JSON.parse(document.getElementById('map-spec')"
                               ".textContent).usermeta")
        svg = urllib.parse.unquote(page.evaluate(EXPORT, ["map", "svg"]).split(",", 1)[1])
        words = [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>.*?</text>", svg)]
        label = page.get_attribute("#map", "data-label")
        assert label.endswith(", voorlopig)" if lang == "nl" else ", provisional)"), label
        title = [w for w in words if svg.index(f">{w}<") < svg.index('<svg x="0"')]
        assert " ".join(title) == label, (title, label)  # wrapped over lines, whole
        assert [c["label"] for c in legend["legend"]] + [legend["no_data_label"]] == \
            words[-len(legend["legend"]) - 2:-1] and words[-1] == source, words[-8:]


def test_the_year_labels_of_the_comparison_chart_keep_apart_at_390(browser, live_server
                                                                    ) -> None:
    with tab(browser, 390) as page:
        page.goto(live_server + COMPARE)
        wait_for_charts(page)
        boxes = page.eval_on_selector_all(
            "#lines svg .role-axis-label text",
            "ts => ts.filter(t => /^\\d{4}$/.test(t.textContent))"
            ".map(t => { const b = t.getBoundingClientRect(); return [b.left, b.right]; })")
        assert len(boxes) >= 3, boxes
        boxes.sort()
        gaps = [b[0] - a[1] for a, b in zip(boxes, boxes[1:], strict=False)]
        assert min(gaps) >= 4, (gaps, boxes)


@pytest.mark.parametrize(("lang", "stale"), [("nl", "verouderd"), ("en", "out of date")])
def test_the_heatmap_shows_each_columns_year_without_hovering(browser, live_server: str,
                                                              lang, stale) -> None:
    with tab(browser, 1280, locale=LOCALE[lang]) as page:
        page.goto(f"{live_server}/?lang={lang}")
        wait_for_charts(page)
        labels = page.eval_on_selector_all(  # not the names' copy that stays in view
            "#heatmap svg .role-axis-label text",
            "ts => ts.filter(t => !t.closest('.heat-names')).map(t => t.textContent)")
        marked = [t for t in labels if re.search(rf"\(\d{{4}}, {stale}\)$", t)]
        assert len(marked) == 1 and marked[0].startswith(
            "Voelt zich weleens onveilig" if lang == "nl" else "Sometimes feels unsafe"), labels
        columns = [t for t in labels if re.search(r"\(\d{4}[,)]", t)]
        assert len(columns) >= 20, labels  # every column says its year

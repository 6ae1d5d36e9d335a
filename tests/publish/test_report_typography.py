"""The report's text keeps "'s-Hertogenbosch" on one line and writes year ranges with one
dash: the PDF broke it as "'s-" / 'Hertogenbosch' (8 times in its report, 5 in Den Haag's),
and one paragraph said '2018-2025' beside '2017–2024'. Checked on the HTML the PDF is made
of (``pdf=True``) and the screen's, text and chart labels alike."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city

HYPHEN_RANGE = re.compile(r"(?<![\d,.])(?:19|20)\d\d-(?:19|20)\d\d(?!\d)")
NAME = re.compile(r"['’]s-(.)")


@pytest.mark.parametrize(("code", "pdf"), [("GM0796", True), ("GM0796", False),
                                           ("GM0518", True)])
def test_no_breakable_s_prefix_and_no_hyphen_range(wh, code, pdf):
    page = builder.render("city.html.j2", builder.city_context(kept_city(wh, code), "nl",
                                                                None), pdf=pdf)
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(
        r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)))
    after = [m.group(1) for m in NAME.finditer(text)]
    assert len(after) >= 5  # the premise: the names are printed
    # kept whole by markup, no invisible joiner in the text (Ctrl+F, copy: publish/nowrap.py)
    # the city's own name; Den Haag's also ''s-Hertogenbosch' (a projection caveat names it)
    assert set(after) == ({"H"} if code == "GM0796" else {"G", "H"})
    assert "\u2060" not in page
    body = re.sub(r'<(?!span class="nowrap)[^>]*>', " ", re.sub(  # text and the spans
        r"<(script|style|title)\b.*?</\1>", " ", page, flags=re.S))
    names = re.findall(r"&#39;s-\w", body)
    marked = re.findall(r'<span class="nowrap">[^<]*?&#39;s-\w', body)
    assert len(names) >= 5 and len(marked) == len(names), (len(marked), len(names))
    assert HYPHEN_RANGE.findall(text) == []
    assert re.search(r"(?:19|20)\d\d–(?:19|20)\d\d", text)  # en dash, no joiner in the text
    assert re.search(r'<span class="nowrap">[^<]*(?:19|20)\d\d–(?:19|20)\d\d', page)  # one line
    if not pdf:  # the panels' labels in the chart specs (the PDF's are text of its SVGs)
        labels = " ".join(re.findall(r'"subtitle":\[[^\]]*\]', page))
        assert "trend 20" in labels and HYPHEN_RANGE.findall(labels) == []
    else:  # the spans of publish/nowrap.py stripped to spaces above: 'trend  2017'
        assert "trend 20" in re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("pdf", [False, True])
def test_zwolle_report_prints_no_hyphen_range_anywhere(wh, lang, pdf):
    """Zwolle's rendered page, its scripts included (the chart specs' labels, tooltips and
    corner notes; not the style sheet's comments), and the texts it is made of (its
    sentences, which the page's JSON and the command line print as they are, and the
    Verantwoording's periods and missing years): every range of years with an en dash.
    fmt_years wrote '1999-2009, 2019, 2023-2024' and the trend sentences '2018-2025' while
    the page printed '2018–2025' (finalize hid it on the page only)."""
    ctx = builder.city_context(kept_city(wh, "GM0193"), lang, None)
    page = re.sub(r"<style\b.*?</style>", " ", builder.render("city.html.j2", ctx, pdf=pdf),
                  flags=re.S)
    text = html.unescape(page.replace("\\u2013", "–").replace("\\u2060", "\u2060"))
    assert HYPHEN_RANGE.findall(text) == [], [
        text[max(m.start() - 60, 0):m.end() + 20] for m in HYPHEN_RANGE.finditer(text)][:5]
    assert len(re.findall(r"(?:19|20)\d\d–(?:\u2060|\\u2060|</?span[^>]*>)?(?:19|20)\d\d",
                          text)) >= 20  # premise
    acc = ctx["acc"]
    raw = [s.text for s in builder.collect_sentences(ctx)] + [
        r[3] for r in acc["indicators"]["rows"]] + [r[2] for r in acc["missing"]["rows"]]
    assert [t for t in raw if HYPHEN_RANGE.search(t)] == []
    assert sum("–" in t for t in raw) >= 20  # premise: the ranges are there

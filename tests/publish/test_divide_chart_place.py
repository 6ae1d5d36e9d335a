"""The tweedeling's chart right after the sentences it draws, before the list of indicators
left out (real snapshot): Dijk en Waard's ten bullets of left-out indicators put the chart a
page after its text in the PDF."""

from __future__ import annotations

import re

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city


def test_the_divide_chart_follows_its_sentences_before_the_left_out_list(wh):
    ctx = builder.city_context(kept_city(wh, "Dijk en Waard", None), "nl", None)
    page = builder.render("city.html.j2", ctx, pdf=True)  # the page the PDF is made from
    divide = re.search(r'<section id="[^"]*" class="divide">(.*?)</section>', page, re.S)[1]
    region = divide.split("<h3>")[1]  # gemeente en ommeland, up to the neighbourhoods
    assert region.count('<ul class="muted left-out">') == 1
    assert region.count("<li>") >= 5  # a long list: the case that moved the chart
    figure = region.index("<figure")
    assert region.rindex("</p>", 0, figure) > region.index('class="sentence"')
    assert figure < region.index('<ul class="muted left-out">')

"""Kies richting lists its items in one order on the city page and in the report: the order
its method texts promise, distinctive strengths first and urgent tasks after them (the
report's paragraph defines a strength, then a task; the site's note names them so), each
list in the analysis's ``rank``.

Before, the city page showed the urgent tasks first and its note named them first, while
the report, the profile and the method paragraph put the strengths first. Real snapshot.
"""

from __future__ import annotations

import re

import pytest

from stadstrends.publish.report.sections import direction
from stadstrends.publish.web.i18n import texts
from tests.publish.loaded import kept_city

#: Oss, Zwolle, Utrecht: each has items in both lists
CITIES = ["GM0828", "GM0193", "GM0344"]
#: the words of the two lists in the method texts, in the order they are named
NAMES = {"nl": ("onderscheidende sterkte", "urgente opgave"),
         "en": ("distinctive strength", "urgent task")}


def _page_lists(page: str) -> list[tuple[str, list[str]]]:
    """(list's heading, its indicator ids in order) of the city page's Kies richting."""
    start = page.index('aria-labelledby="kies-h"')
    section = page[start:page.index("</section>", start)]
    out = []
    for group in re.split(r'<div class="kies-group ', section)[1:]:
        head = re.search(r"<h3>(.*?)</h3>", group, re.S).group(1).strip()
        out.append((head, re.findall(r'<li><a href="/indicator/([^"?]+)', group)))
    return out


def _report_lists(data, lang: str) -> list[tuple[str, list[str]]]:
    return [(g["title"], [it["sentence"].indicator_id for it in g["items"]])
            for g in direction(data, lang)["groups"]]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_and_the_report_list_kies_richting_alike(client, wh, lang: str) -> None:
    both = 0
    for code in CITIES:
        # the URLs test_city_kies_why.py asks for: in one run their pages are rendered once
        page = client.get(f"/gemeente/{code}?lang={lang}", headers={"accept": "text/html"}).text
        on_page = _page_lists(page)
        in_report = _report_lists(kept_city(wh, code).in_language(lang), lang)
        assert on_page == in_report, (code, on_page, in_report)
        both += all(ids for _, ids in on_page)
    assert both >= 2, both  # real lists on both sides, not two empty ones


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_method_texts_name_the_lists_in_that_order(wh, lang: str) -> None:
    strength, task = NAMES[lang]
    intro = direction(kept_city(wh, "GM0193"), lang)["intro"].lower()
    note = texts(lang)["kies_note"].lower()
    for said in (intro, note):
        assert strength in said and task in said, said
        assert said.index(strength) < said.index(task), said

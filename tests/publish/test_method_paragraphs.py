"""The report's method texts in short paragraphs: the Verantwoording's rules and the
paragraph above Kies richting's lists, each point a paragraph of its own, each sentence one
a council member reads aloud in a breath (language files ``acc_intro``, ``direction_intro``:
paragraphs a newline apart; city.html.j2).

Before, each was one block: Zwolle's Verantwoording a paragraph of 736 words (Dutch) with
sentences of up to 91 words, its Kies richting paragraph one of 338 words. Real reports,
Dutch and English.
"""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import kept_city

#: the most words in one paragraph and in one sentence of a method text
MOST_WORDS, MOST_SENTENCE = 85, 55
#: the least number of paragraphs: one a point (the Verantwoording's 15, Kies richting's 8)
LEAST = {"verantwoording": 12, "kies-richting": 6}


def _intro(page: str, section: str) -> list[str]:
    """The texts of the paragraphs before the first heading or list of ``section``."""
    start = page.index(f'<section id="{section}"')
    body = page[start:page.index("</section>", start)]
    body = body[:min(body.index(x) for x in ("<h3", "<ul") if x in body)]
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", p)).split())
            for p in re.findall(r'<p class="intro">(.*?)</p>', body, re.S)]


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.?!])\s+(?=[A-Z‘'])", text)


@pytest.mark.parametrize(("city", "lang"), [("GM0193", "nl"), ("GM0193", "en"),
                                          ("GM0088", "nl")])  # Zwolle, Schiermonnikoog
def test_the_method_texts_are_short_paragraphs(wh, city: str, lang: str) -> None:
    ctx = builder.city_context(kept_city(wh, city), lang, None)
    page = builder.render("city.html.j2", ctx, pdf=False)
    # the Verantwoording's last paragraph: the size class's two CBS figures, where they differ
    # (moved there from page 1 in session 56; Schiermonnikoog: 968 and 971)
    said = {"verantwoording": " ".join([ctx["acc"]["intro"], ctx["acc"].get("class_note") or ""]),
            "kies-richting": ctx["direction"]["intro"]}
    for section, least in LEAST.items():
        paragraphs = _intro(page, section)
        # nothing lost or added: the section's whole text, in its paragraphs
        assert " ".join(paragraphs) == " ".join(said[section].split()), section
        assert len(paragraphs) >= least, (section, len(paragraphs))
        for p in paragraphs:
            assert len(p.split()) <= MOST_WORDS, (section, len(p.split()), p)
            for s in _sentences(p):
                assert len(s.split()) <= MOST_SENTENCE, (section, len(s.split()), s)

"""No word in the PDF's tables is split over two lines without a hyphen: a word too long for
its column is hyphenated in the report's language (report.css: ``hyphens: auto`` with the
page's ``lang``, WeasyPrint's pyphen), one that fits on the next line goes there whole.

Before, the appendix's 'Aandeel eenpersoonshuishoudens' read 'eenpersoonshuishoude' / 'ns'
and 'Zonnestroominstallaties' 'Zonnestroominstallatie' / 's' (``overflow-wrap: anywhere``
alone). Laid out by WeasyPrint as the PDF is: the appendix every PDF shares (its table of
indicators and of source tables), Dutch and English (the same for every municipality).
"""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.report import builder, sources
from tests.publish.loaded import kept_city

PUNCTUATION = ".,;:()"
#: the hyphens a line may end with: WeasyPrint's own (U+2010) and one in the word itself
HYPHENS = ("\u2010", "-")


def _words(page: str) -> set[str]:
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<style>.*?</style>", "", page)))
    return {w.strip(PUNCTUATION) for w in text.split()}


def _boxes(box, kind: str):
    if type(box).__name__ == kind:
        yield box
        return
    for child in getattr(box, "children", None) or []:
        yield from _boxes(child, kind)


def _cell_lines(page: str) -> list[list[str]]:
    """The lines of each table cell, as WeasyPrint lays ``page`` out."""
    from weasyprint import HTML

    out = []
    for laid in HTML(string=page).render().pages:
        for cell in _boxes(laid._page_box, "TableCellBox"):
            out.append(["".join(t.text for t in _boxes(line, "TextBox"))
                        for line in _boxes(cell, "LineBox")])
    return out


def _split_words(page: str) -> tuple[list[tuple[str, str]], int, int]:
    """(the words split without a hyphen: end of a line, start of the next; the words
    hyphenated; the cells)."""
    words, split, hyphenated = _words(page), [], 0
    cells = _cell_lines(page)
    for lines in cells:
        for line, after in zip(lines, lines[1:], strict=False):
            if not line.split() or not after.split():
                continue
            end, start = line.split()[-1], after.split()[0]
            if end.endswith(HYPHENS):
                hyphenated += end.endswith(HYPHENS[0])
            elif end.strip(PUNCTUATION) not in words and (end + start).strip(PUNCTUATION) in words:
                split.append((end, start))
    return split, hyphenated, len(cells)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_word_in_the_appendix_breaks_without_a_hyphen(wh, lang: str) -> None:
    appendix = sources.appendix(kept_city(wh, "GM0088"), lang)
    page = builder.render_appendix({"appendix": appendix, "lang": lang})
    split, hyphenated, cells = _split_words(page)
    assert cells >= 4 * len(appendix["indicators"]["rows"]), cells  # both tables
    assert split == [], split
    if lang == "nl":  # 'eenpersoonshuis-houdens' and the solar installations, no more
        assert 1 <= hyphenated <= 5, hyphenated

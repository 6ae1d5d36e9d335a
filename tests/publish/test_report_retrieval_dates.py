"""An indicator's retrieval dates in the report's lists: oldest first and all in one format,
on the real snapshot (``publish.report.sources``). Before: Maastricht's English appendix read
'2025-01-12, 2026-07-02, April 2025' for its population (sorted as text, ISO days beside a
month in words); the Dutch '02-07-2026, 12-01-2025, april 2025'. In the PDF appendix each
date stays on one line ('2 juli' / '2026' before)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from stadstrends import vocabulary
from stadstrends.publish.format import fmt_date
from stadstrends.publish.report import builder
from stadstrends.publish.report.sources import appendix, retrieved, source_rows, used_tables
from tests.publish.loaded import kept_city

MONTHS = {lang: {fmt_date(date(2000, m, 1), lang).split(" ")[1]: m for m in range(1, 13)}
          for lang in ("nl", "en")}


def bare_date(cell: str, lang: str) -> str:
    """A listed date without a copy's word ('uiterlijk 12 januari 2025', '12 januari 2025
    (uiterlijk)' -> '12 januari 2025'; the language file's ``retrieved_by``, ``_listed``)."""
    words = vocabulary.section(lang, "report")
    for key in ("retrieved_by", "retrieved_by_listed"):
        before, _, after = words[key].partition("{date}")
        if cell.startswith(before) and cell.endswith(after):
            return cell[len(before):len(cell) - len(after)]
    return cell


def parsed(cell: str, lang: str) -> tuple[date, bool]:
    """'12 January 2025' -> (2025-01-12, False); 'April 2025' -> (2025-04-01, True); a copy's
    date at the latest ('uiterlijk 12 januari 2025', '12 januari 2025 (uiterlijk)' among
    others, session 54) as its date."""
    cell = " ".join(bare_date(cell, lang).split())  # no-break spaces in a date
    m = re.fullmatch(r"(?:(\d{1,2}) )?(\w+) (\d{4})", cell)
    assert m and m.group(2) in MONTHS[lang], cell  # one format: [day] month-name year
    return date(int(m.group(3)), MONTHS[lang][m.group(2)], int(m.group(1) or 1)), \
        m.group(1) is None


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", ["GM0935", "GM0307"])
def test_retrieval_dates_are_sorted_as_dates_in_one_format(wh, city, lang) -> None:
    data = kept_city(wh, city, None)
    several = 0
    for meta in data.catalogue.values():
        text = retrieved(data, used_tables(meta), lang)
        if not text:
            continue
        days = [parsed(c, lang) for c in text.split(", ")]
        assert days == sorted(days, key=lambda w: (w[0], not w[1])), text
        several += len(days) > 1
    assert several  # population: 37259eng, the April 2025 dump and 03759ned of July 2026
    for row in source_rows(data, lang):
        if row[2] != "–":
            parsed(row[2], lang)
    if city == "GM0935":
        pop = retrieved(data, used_tables(data.catalogue["population"]), lang)
        assert " ".join(pop.split()) == {
            "nl": "12 januari 2025 (uiterlijk), april 2025, 2 juli 2026",
            "en": "12 January 2025 (at the latest), April 2025, 2 July 2026"}[lang]


def _cell_lines(document) -> list[list[str]]:
    """The text of each line of every table cell WeasyPrint laid out."""
    def walk(box):
        yield box
        for child in getattr(box, "children", None) or []:
            yield from walk(child)

    return [["".join(t.text for t in walk(line) if type(t).__name__ == "TextBox")
             for line in walk(cell) if type(line).__name__ == "LineBox"]
            for page in document.pages for cell in walk(page._page_box)
            if type(cell).__name__ == "TableCellBox"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_retrieval_date_of_the_pdf_appendix_breaks_across_lines(wh, lang) -> None:
    """The PDF's appendix (the same for every city; Zwolle's here) as WeasyPrint lays it out:
    every cell of retrieval dates holds each date on one line. Before, 13 of its 123 such
    cells broke one ('Inwoners op 1 januari': '12 januari 2025, april 2025, 2 juli' /
    '2026'; the 0-14 year olds: '23 september' / '2022, april 2025'); with no-break spaces
    alone, 'september 2022' was wider than its column ('23 september 20' / '22')."""
    from stadstrends.publish.report.pdf_engine import font_config, html_class

    data = kept_city(wh, "GM0193", None).in_language(lang)
    app = appendix(data, lang)
    html = builder.render_appendix({"appendix": app, "lang": lang})
    document = html_class()(string=html).render(font_config=font_config())
    bare = re.compile(r"\s+")  # '23 september 20' / '22' is its cell '23 september 2022'
    # each date on one line; a copy's word beside it ('uiterlijk') may be on another
    dates = {bare.sub("", c): [bare_date(d, lang) for d in c.split(", ")]
             for c in [r[3] for r in app["indicators"]["rows"]]
             + [r[2] for r in app["sources"]["rows"]] if c not in ("", "–")}
    cells = [(dates[bare.sub("", "".join(lines))], [bare.sub(" ", line) for line in lines])
             for lines in _cell_lines(document) if bare.sub("", "".join(lines)) in dates]
    assert len(cells) >= 100, len(cells)  # 73 indicators' and 50 source tables' cells
    split = [lines for days, lines in cells
             if any(not any(bare.sub(" ", d) in line for line in lines) for d in days)]
    assert not split, split

"""An indicator's retrieval dates in the report's lists: oldest first and all in one format,
on the real snapshot (``publish.report.sources``). Before: Maastricht's English appendix read
'2025-01-12, 2026-07-02, April 2025' for its population (sorted as text, ISO days beside a
month in words); the Dutch '02-07-2026, 12-01-2025, april 2025'."""

from __future__ import annotations

import re
from datetime import date

import pytest

from stadstrends.publish.format import fmt_date
from stadstrends.publish.report.data import load_city
from stadstrends.publish.report.sources import retrieved, source_rows, used_tables

MONTHS = {lang: {fmt_date(date(2000, m, 1), lang).split(" ")[1]: m for m in range(1, 13)}
          for lang in ("nl", "en")}


def parsed(cell: str, lang: str) -> tuple[date, bool]:
    """'12 January 2025' -> (2025-01-12, False); 'April 2025' -> (2025-04-01, True)."""
    m = re.fullmatch(r"(?:(\d{1,2}) )?(\w+) (\d{4})", cell)
    assert m and m.group(2) in MONTHS[lang], cell  # one format: [day] month-name year
    return date(int(m.group(3)), MONTHS[lang][m.group(2)], int(m.group(1) or 1)), \
        m.group(1) is None


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("city", ["GM0935", "GM0307"])
def test_retrieval_dates_are_sorted_as_dates_in_one_format(wh, city, lang) -> None:
    data = load_city(wh, city, None)
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
        assert pop == {"nl": "12 januari 2025, april 2025, 2 juli 2026",
                       "en": "12 January 2025, April 2025, 2 July 2026"}[lang]

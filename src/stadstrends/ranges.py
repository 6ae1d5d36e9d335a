"""How a range of years is written for readers: with an en dash ('2002–2009'), as the
reports, pages and API write ranges (:func:`stadstrends.publish.format.year_runs`). The
catalogue's texts (descriptions, caveats, break reasons) are written so when read
(:mod:`stadstrends.indicators.catalogue`); the report's and dashboard's templates add a word
joiner after the dash (:func:`stadstrends.publish.format.keep_numbers_whole`)."""

from __future__ import annotations

import re

#: a range of years, '2002-2009' or '2002–2009' (not '1.999-2.009', not in a longer number)
YEAR_RANGE = re.compile(r"(?<![\d,.])((?:19|20)\d\d)[-–](?=(?:19|20)\d\d(?!\d))")


def year_ranges(text: str, joiner: str = "") -> str:
    """Every range of years in ``text`` with an en dash and ``joiner`` after it: '1999-2009
    (80860ned)' -> '1999–2009 (80860ned)'; other hyphens as they are ('20-64 jaar', 'ca.
    5-10%')."""
    return YEAR_RANGE.sub("\\1–" + joiner, text)

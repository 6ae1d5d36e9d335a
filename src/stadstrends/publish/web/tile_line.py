"""A tile's change where an end year of its trend lies far off the Theil–Sen line.

The report's rule (:func:`stadstrends.publish.trend_line.outlier_end`): the tile then gives
the line's slope, not the change between the two end figures: Vaals's new dwellings per
1 000 read '−59,2 per 1 000 woningen 2016–2023' (60,1 in 2016, one year of 315 dwellings,
to 0,9 in 2023); now '2016 en 2018 ver boven de trendlijn; langs die lijn −3,5 per 1 000
woningen per jaar 2016–2023' (the years last, as every tile's change: its marks follow them), naming
every year that far off the line (:func:`~stadstrends.publish.trend_line.far_off`:
Noord-Beveland's deaths, '2016 en 2021 ver boven de trendlijn')."""

from __future__ import annotations

from typing import Any

from stadstrends.publish.format import round_half_away
from stadstrends.publish.trend_line import far_off, off_words, outlier_end
from stadstrends.publish.web import units
from stadstrends.publish.web.i18n import texts


def change(row: dict[str, Any], lang: str, places: int | None,
           min_distinct: int = 0) -> str | None:
    """The tile's change text with its years where the rule holds for its ``trends`` fields
    (``theil_sen_slope``, ``segment_start`` and the window's ends) and its figures
    (``years``, ``values``); ``places``: the decimals of its figures (one more where those
    print the slope as zero; a slope zero even then: 'vrijwel vlak'). None otherwise, and
    for a trend not tested for fewer than ``min_distinct`` distinct values (the tile's
    'niet getoetst, afgerond': no line to lie off)."""
    if any(j.get("in_tested_years") for j in row.get("jumps") or ()):
        return None  # the years after a jump lead (tile_jumps), as in the report
    by_year = {int(y): v for y, v in zip(row.get("years") or (), row.get("values") or (),
                                          strict=True) if v is not None}
    end = outlier_end(row, by_year, min_distinct)
    if end is None:
        return None
    t, b = texts(lang), row["theil_sen_slope"]
    digits = 1 if places is None else places
    if round_half_away(b, digits) == 0:
        digits += 1
    years = f"{row['first_year']}–{row['last_year']}"
    off = off_words(lang, far_off(row, by_year, end), verb=False)  # '2016 en 2021 ver boven'
    if round_half_away(b, digits) == 0:
        return t["line_flat_cell"].format(years=years, off=off)
    return t["line_cell"].format(slope=units.change(b, row["unit"], lang, None, digits),
                                 years=years, off=off)

"""The report's gap table cells ('2016: 3% hoger', '2024: 2,7 keer zo hoog'), a row's two
ends in one form as its sentence (:func:`~stadstrends.publish.sentence_numbers.one_form`)."""

from __future__ import annotations

from stadstrends.publish import figure_notes
from stadstrends.publish.report.data import CityData, fact
from stadstrends.publish.report.texts import t
from stadstrends.publish.sentence_gaps import cell_points
from stadstrends.publish.sentence_numbers import gap_text, one_form


def pct_cell(value: float | None, lang: str, level: bool = False,
             points: str | None = None, both: bool = False) -> str:
    if value is None or level:  # level: both figures print the same (starts/ends_level)
        return "–" if value is None else t(lang, "equal")
    # as the city page: '7%', 'gelijk', 'ruim 26 keer zo hoog', '2,0 %-punt (relatief 29%) hoger'
    return gap_text(value, lang, *(t(lang, k) for k in ("higher", "lower", "equal")), points,
                    both)  # a multiple where the row's other end is (one_form), as the sentence


def gap_cell(data: CityData, ind: str, g: dict, end: str, lang: str) -> str:
    """A gap table cell: '2016: 3% hoger', 'gelijk', recalculated '2016: 3% hoger*', its
    ommeland without rejected members '... (ommeland zonder Ameland)' (figure_notes)."""
    year = g[f"{end}_year"]
    level = g.get("starts_level" if end == "first" else "ends_level")  # both print the same
    points = cell_points(fact(data, ind, lang), end, lang)
    both = one_form(None if g.get("starts_level") else g["first_pct"],
                    None if g.get("ends_level") else g["last_pct"])
    cell = figure_notes.marked(f"{year}: {pct_cell(g[f'{end}_pct'], lang, level, points, both)}",
                               year in data.harmonised.get(ind, ()),
                               year in data.recomputed.get(ind, ()))
    names = data.ommeland_left_out.get(ind, {}).get(year)
    return f"{cell} ({t(lang, 'col_omm').lower()} {figure_notes.without(names, lang)})" \
        if names else cell

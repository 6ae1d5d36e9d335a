"""The report's gap table cells ('2016: 3% hoger', '2024: 2,7 keer zo hoog'), a row's two
ends in one form as its sentence (:mod:`~stadstrends.publish.gap_forms`)."""

from __future__ import annotations

from stadstrends.publish import figure_notes
from stadstrends.publish.gap_forms import one_form, percent_form
from stadstrends.publish.report.data import CityData, fact
from stadstrends.publish.report.texts import t
from stadstrends.publish.sentence_gaps import cell_points
from stadstrends.publish.sentence_numbers import gap_text


def pct_cell(value: float | None, lang: str, level: bool = False,
             points: str | None = None, both: bool = False, pct: bool = False) -> str:
    if value is None or level:  # level: both figures print the same (starts/ends_level)
        return "–" if value is None else t(lang, "equal")
    # as the city page: '7%', 'gelijk', 'ruim 26 keer zo hoog', '2,0 %-punt (relatief 29%) hoger'
    return gap_text(value, lang, *(t(lang, k) for k in ("higher", "lower", "equal")), points,
                    both, pct)  # the row's one form (one_form, percent_form), as the sentence


def gap_cell(data: CityData, ind: str, g: dict, end: str, lang: str) -> str:
    """A gap table cell: '2016: 3% hoger', 'gelijk', recalculated '2016: 3% hoger*', its
    ommeland without rejected members '... (ommeland zonder Ameland)' (figure_notes)."""
    year = g[f"{end}_year"]
    level = g.get("starts_level" if end == "first" else "ends_level")  # both print the same
    points = cell_points(fact(data, ind, lang), end, lang)
    ends = (None if g.get("starts_level") else g["first_pct"],
            None if g.get("ends_level") else g["last_pct"])
    form = pct_cell(g[f"{end}_pct"], lang, level, points, one_form(*ends), percent_form(*ends))
    cell = figure_notes.marked(f"{year}: {form}",
                               year in data.harmonised.get(ind, ()),
                               year in data.recomputed.get(ind, ()))
    names = data.ommeland_left_out.get(ind, {}).get(year)
    return f"{cell} ({t(lang, 'col_omm').lower()} {figure_notes.without(names, lang)})" \
        if names else cell

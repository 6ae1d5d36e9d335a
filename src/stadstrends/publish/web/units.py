"""Values and units on the dashboard as the report prints them (one formatter,
:func:`stadstrends.publish.sentence_numbers.number` with the report's unit words): '52,6
duizend euro' (the report's; the dashboard printed '€ 52.600' for the same figure), 'm³',
'12,3%', '10,7 per 1 000 inwoners'; the figures of one tile share the report's decimals
(:func:`digits`: a count's change '+74', not '+74,0')."""

from __future__ import annotations

from collections.abc import Iterable

from stadstrends.publish.format import unit_symbols, year_runs
from stadstrends.publish.sentence_digits import relative
from stadstrends.publish.sentence_numbers import (
    change_number,
    number,
    relative_change,
    relative_digits,
    shared_digits,
    unit_text,
)
from stadstrends.publish.sentence_words import POINTS


def factor(unit: str) -> float:
    """What one stored unit is in a chart's units: 1 for every unit, also '1 000 euro'
    (charts show 52,6 'duizend euro' as the sentences and tiles print it, not € 52.600)."""
    return 1.0


def label(unit: str, lang: str) -> str:
    """The unit as an axis or legend title, as the sentences and tiles name it: 'duizend
    euro', 'euro', 'm³ per inwoner', '%'."""
    return unit_symbols(unit_text(unit, lang) or unit).strip("()") or unit


def digits(values: Iterable[float | None], unit: str, signed: bool = False,
           trend: dict | None = None, decimals: int | None = None) -> int:
    """The decimals figures of one indicator printed together share, as the report's
    sentences (:func:`~stadstrends.publish.sentence_numbers.shared_digits`): none for counts
    and euros, one for percentages and report marks, else by the largest figure; ``signed``:
    a balance that may be negative (``indicators.signed``); raised, as the report raises
    them, where ``trend``'s relative change would not agree with its printed first and last
    figure (:func:`~stadstrends.publish.sentence_numbers.relative_digits`: Helmond's solar
    installations '166,9', not '167', beside 14,5 and +1.050%). ``decimals``: the
    indicator's catalogue decimals (``indicators.decimals``), which decide alone."""
    if decimals is not None and decimals == decimals:
        return int(decimals)
    places = shared_digits([v for v in values if v is not None and v == v], unit, signed)
    if trend and not signed and relative(trend):
        places = relative_digits(trend["first_value"], trend["last_value"],
                                 trend["rel_change"], unit, places)
    return places


def show(value: float | None, unit: str, lang: str = "nl", places: int | None = None,
         decimals: int | None = None) -> str:
    """A stored value with its unit as the report prints it: '52,6 duizend euro', '760 m³',
    '12,3%', '7,2' (a report mark); ``places``: the decimals shared with the figures beside
    it (:func:`digits`), default the indicator's catalogue ``decimals``, else those of the
    value alone; '–' when missing."""
    if value is None or value != value:
        return "–"
    places = digits([value], unit, decimals=decimals) if places is None else places
    shown = number(value, unit, lang, places)
    if unit in ("%", "rapportcijfer"):
        return shown
    return f"{shown} {unit_text(unit, lang)}".strip()


def step(value: float, unit: str, decimals: int | None = None) -> float:
    """The precision :func:`show` writes ``value`` with, in stored units: 0,1 for a
    percentage and 52,6 thousand euros, 1 for 355 inhabitants or 450 thousand euros
    (``decimals``: the indicator's catalogue decimals)."""
    return 10.0 ** -digits([value], unit, decimals=decimals)


def shown_value(value: float, unit: str, decimals: int | None = None) -> float:
    """``value`` rounded as :func:`show` writes it (what a reader compares with a legend)."""
    unit_step = step(value, unit, decimals)
    return round(round(value / unit_step) * unit_step, 6)


def change(value: float, unit: str, lang: str, rel: float | None = None,
           places: int | None = None) -> str:
    """A signed difference with the unit its figures carry (:func:`show`): '+9,0 duizend
    euro (+36%)', '−2,3 %-punt', '+74 inwoners per km² (+6,6%)', '−1,9 per 1 000 inwoners',
    '+4.311 Wp per inwoner (bijna 27 keer zo hoog)' (the relative change as the report's
    sentences print it); a report mark's bare, as its figures ('+0,2'). Before, a tile said
    '−1,9' beside '7,8 per 1 000 inwoners' (Groningen's births). ``places``: the decimals of
    the figures it is the difference of (:func:`digits`; a count's change has none), default
    those of the difference alone."""
    if unit == "%":
        shown = f"{change_number(value, unit, lang, digits=places)} {POINTS[lang]['short']}"
    else:
        shown = change_number(value, unit, lang, digits=places)
        if unit != "rapportcijfer":  # as :func:`show`: a report mark without its unit
            shown = f"{shown} {unit_text(unit, lang)}".rstrip()
    if rel is not None and unit != "%" and not unit.startswith("per"):
        shown += f" ({relative_change(rel, lang)})"
    return shown


def spans(years: list[int]) -> str:
    """Years as runs: '1996, 2000, 2003–2006, 2008'."""
    return ", ".join(year_runs(years))

"""Values and units on the dashboard as people write them: '€ 355.000' (not '355 1 000
euro'), 'm³', '12,3%', '10,7 per 1 000 inwoners'."""

from __future__ import annotations

from stadstrends.publish.format import fmt_number, fmt_percent, unit_symbols
from stadstrends.publish.sentence_numbers import (
    COUNT_UNITS,
    change_number,
    euros,
    percent_change,
    unit_text,
)
from stadstrends.publish.sentence_words import EURO_UNITS, POINTS


def factor(unit: str) -> float:
    """What one stored unit is in shown units: 1 000 for '1 000 euro' (shown in euros)."""
    return float(EURO_UNITS.get(unit, 1))


def label(unit: str, lang: str) -> str:
    """The unit as an axis or legend title: '€', 'm³ per inwoner', '%'."""
    if unit in EURO_UNITS:
        return "€"
    return unit_symbols(unit_text(unit, lang) or unit).strip("()") or unit


def show(value: float | None, unit: str, lang: str = "nl") -> str:
    """A stored value with its unit: '€ 44.400', '760 m³', '12,3%', '–' when missing."""
    if value is None or value != value:
        return "–"
    if unit in EURO_UNITS:
        return euros(value, unit, lang)
    if unit == "%":
        return fmt_percent(value, 1, lang)
    digits = 1 if unit == "rapportcijfer" else _digits(value)
    text = fmt_number(value, digits, lang)
    suffix = "" if unit == "rapportcijfer" else unit_text(unit, lang)
    return f"{text} {suffix}".strip()


def step(value: float, unit: str) -> float:
    """The precision :func:`show` writes ``value`` with, in stored units: 0,1 for a
    percentage, 0.1 (hundreds of euros) for '1 000 euro', 1 for 355 inhabitants."""
    if unit in EURO_UNITS:
        return 100 / EURO_UNITS[unit] if EURO_UNITS[unit] >= 100 else 1.0
    if unit in ("%", "rapportcijfer"):
        return 0.1
    return 10.0 ** -_digits(value)


def shown_value(value: float, unit: str) -> float:
    """``value`` rounded as :func:`show` writes it (what a reader compares with a legend)."""
    unit_step = step(value, unit)
    return round(round(value / unit_step) * unit_step, 6)


def csv_decimals(unit: str) -> int:
    """Decimals of a value in the downloads: counts whole, '1 000 euro' to CBS's hundred
    euros, everything computed (shares, rates, means) to two decimals (one more than the
    pages show; no 15-digit float noise)."""
    if unit in COUNT_UNITS or unit == "euro":
        return 0
    if unit in EURO_UNITS:
        return 1
    return 2


def _digits(value: float) -> int:
    size = abs(value)
    return 0 if size >= 100 else 1 if size >= 1 else 2


def change(value: float, unit: str, lang: str, rel: float | None = None) -> str:
    """A signed difference: '+€ 9.000 (+36,1%)', '−2,3 %-punt', '+0,76'."""
    if unit in EURO_UNITS:
        shown = euros(value, unit, lang, sign=True)
    elif unit == "%":
        shown = f"{change_number(value, unit, lang)} {POINTS[lang]['short']}"
    else:
        shown = change_number(value, unit, lang)
    if rel is not None and unit != "%" and not unit.startswith("per"):
        shown += f" ({percent_change(rel, lang)})"
    return shown


def spans(years: list[int]) -> str:
    """Years as runs: '1996, 2000, 2003-2006, 2008'."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)

"""The words of a percentage CBS computes from small numbers (``base_count``, ``base_unit``:
:mod:`stadstrends.analysis.small_bases`; a ``kies_richting`` row's, or a ``small_bases``
row's), one wording for the report and the website: the caveat of Kies richting's Waarom
(:func:`small_base`) and the short bracket beside a latest figure stated elsewhere
(:func:`small_base_brief`: '5,3% in 2024 (voorlopig; berekend uit ongeveer 55 geregistreerde
misdrijven)'). A small municipality's sample figure (a row with ``survey``:
:mod:`stadstrends.analysis.survey_estimates`) gets CBS's caveat instead: 'steekproefcijfer,
voor kleine gemeenten onnauwkeurig'. The words are the ``report`` section's
(``why_small_base``, ``small_base_*``, ``why_survey``, ``survey_brief``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stadstrends import vocabulary
from stadstrends.publish.format import fmt_number

#: the rows these words are of, one relation for the publish layer's SQL: the shares from few
#: cases (``small_bases``, ``survey`` NULL) and a small municipality's sample figures
#: (``survey_estimates``: ``survey`` 'EBB', no case count)
MARKED_BASES = ("(SELECT region_code, indicator_id, year, base_count, base_unit, "
                "NULL::VARCHAR AS survey FROM small_bases UNION ALL "
                "SELECT region_code, indicator_id, year, NULL, NULL, survey FROM survey_estimates)")


def _base(row: Mapping[str, Any]) -> tuple[float, int] | None:
    """The row's base and its rounding unit; None where it has none (or none above 0)."""
    count, unit = row.get("base_count"), row.get("base_unit")
    if count is None or unit is None or count != count or count <= 0:
        return None
    return float(count), int(unit)


def _cases(indicator_id: str, lang: str) -> tuple[str, str]:
    """What the base counts, many and one: the indicator's words ('geregistreerde
    misdrijven', 'opgehelderd misdrijf'), else 'gevallen', 'geval'."""
    words = vocabulary.section(lang, "report")
    return tuple(words.get(f"small_base_{n}_{indicator_id}") or words[f"small_base_{n}"]
                 for n in ("many", "one"))  # type: ignore[return-value]


def one_case(indicator_id: str, lang: str) -> str:
    """What one case of the indicator's share is, for the sentences that say one case more
    or less moves it ('opgehelderd misdrijf', 'volwassene met een betalingsachterstand'), as
    the caveat names it (:func:`_cases`); 'geval' for an indicator without words of its own."""
    return _cases(indicator_id, lang)[1]


def small_base(row: Mapping[str, Any], lang: str) -> str:
    """The caveat of a share CBS computes from small numbers: 'Het CBS berekende dit
    percentage uit kleine aantallen: 55 geregistreerde misdrijven in 2024 (afgerond op
    vijftallen). Eén opgehelderd misdrijf meer of minder verandert het percentage al met
    ongeveer 1,8 procentpunt.' (Rozendaal); a sample figure's (``survey``) says so; empty for
    any other row."""
    if row.get("survey"):
        return vocabulary.word(lang, "report", "why_survey", year=int(row["year"]))
    base = _base(row)
    if base is None:
        return ""
    count, unit = base
    many, one = _cases(row["indicator_id"], lang)
    return vocabulary.word(lang, "report", "why_small_base", count=fmt_number(count, 0, lang),
                           year=int(row["year"]), many=many, one=one,
                           unit=vocabulary.word(lang, "sentences", f"unit_{unit}"),
                           step=fmt_number(100 / count, 1, lang))


def small_base_brief(row: Mapping[str, Any] | None, lang: str) -> str:
    """The same in brief, for a bracket beside the figure: 'berekend uit ongeveer 55
    geregistreerde misdrijven' ('ongeveer': CBS publishes the count rounded); empty for
    None or a row without a base; a small municipality's sample figure (``survey``):
    'steekproefcijfer, voor kleine gemeenten onnauwkeurig'."""
    if row is not None and row.get("survey"):
        return vocabulary.word(lang, "report", "survey_brief")
    base = None if row is None else _base(row)
    if base is None:
        return ""
    return vocabulary.word(lang, "report", "small_base_brief",
                           count=fmt_number(base[0], 0, lang),
                           many=_cases(row["indicator_id"], lang)[0])


def half_unit_off(value: float | None, cut: float | None, unit: float | None) -> bool:
    """Whether a share CBS rounds to ``unit`` lies exactly half that unit from ``cut`` (to 9
    decimals): its true figure, within half a unit of the published one, can then lie on the
    cut but not beyond it. Noord-Beveland's payment arrears of 2024, 0,8% against GK1's cut
    of 0,75%: 'kan precies op die grens liggen', not 'of aan de andere kant ervan'."""
    if value is None or cut is None or not unit:
        return False
    return round(abs(float(value) - float(cut)) * 2 - float(unit), 9) == 0

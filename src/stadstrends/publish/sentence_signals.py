"""Dutch sentences for the city profile: one per ``signals`` row and per ``kies_richting`` row.

Templates only, filled with numbers from :mod:`stadstrends.publish.sentences` (1.234,5;
12,3%; '+1,2 procentpunt'; 'p = 0,013'). Unlike the report, the profile prints the catalogue
unit as it is ('7,2 rapportcijfer') and euro amounts in whole euros ('€ 52.600').
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from stadstrends import vocabulary
from stadstrends.publish.sentence_words import GAP_MOVES
from stadstrends.publish.sentences import (
    EURO_UNITS,
    change_number,
    change_unit,
    euros,
    join,
    number,
    with_unit,
)

VALENCE_NL = vocabulary.section("nl", "valence")
KIND_NL = vocabulary.section("nl", "signal_kinds")
VERDICT_NL = vocabulary.section("nl", "verdicts")
LABEL_NL = vocabulary.section("nl", "kies_labels")
TREND_NL = vocabulary.section("nl", "trend_verbs")


def missing(x: Any) -> bool:
    """True for None, NaN and pandas' NA."""
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _num(x: Any) -> float | None:
    return None if missing(x) else float(x)


def nl_value(x: Any, unit: str | None, short: bool = False) -> str:
    """A value with its unit: '3,5%', '€ 52.600', '27,4 per 1 000 inwoners'; ``short``
    (table cells) leaves out units other than % and euro."""
    x, unit = _num(x), unit or ""
    if x is not None and unit in EURO_UNITS:
        return euros(x, unit)
    shown = number(x, unit)
    return shown if short or x is None else with_unit(shown, unit, "nl", named=False)


def nl_difference(x: Any, unit: str | None, sign: bool = True, short: bool = False) -> str:
    """A difference of two values: '+1,2 procentpunt', '−0,35 m3', '+€ 1.200'; ``short``
    (table cells): '+1,2 %-punt', other units than % and euro left out."""
    x, unit = _num(x), unit or ""
    if x is not None and unit in EURO_UNITS:
        return euros(x, unit, sign=sign)
    shown = change_number(x, unit, sign=sign)
    return shown if x is None else join(shown, change_unit(unit, "nl", False, short))


def _year(x: Any) -> str:
    return "?" if missing(x) else str(int(x))


def signal_sentence(s: Mapping[str, Any], group: str = "de vergelijkingsgroep") -> str:
    """One Dutch sentence from a ``signals`` row (or dict with the same keys); ``group``
    names the comparison group ('de G40', 'de 64 gemeenten met ...')."""
    title, unit, kind = s["title_nl"], s.get("unit"), s["kind"]
    y, y0 = _year(s.get("year")), _year(s.get("first_year"))
    value = nl_value(s.get("value"), unit)
    if kind == "trend":
        verb = TREND_NL.get(s.get("movement"), "verandert")
        text = (f"{title} {verb} van {nl_value(s.get('first_value'), unit)} ({y0}) naar "
                f"{value} ({y}): {nl_difference(s.get('change'), unit)}")
        if s.get("indicative"):
            text += ", indicatief (korte reeks)"
        elif not missing(s.get("p_value")):
            text += ", significant"
    elif kind == "group_deviation":
        where = "boven" if s.get("movement") == "above" else "onder"
        text = (f"{title} is {value} ({y}), {where} de mediaan van {group} "
                f"({nl_value(s.get('median'), unit)})")
        if not missing(s.get("rank")) and not missing(s.get("n")):
            text += f"; plaats {int(s['rank'])} van {int(s['n'])} (1 = hoogste)"
    elif kind == "ommeland_deviation":
        where = "hoger" if s.get("movement") == "above" else "lager"
        text = (f"{title} is {value} ({y}), {where} dan in het ommeland "
                f"({nl_value(s.get('ommeland_value'), unit)})")
    else:
        move = GAP_MOVES["nl"].get(s.get("movement"), GAP_MOVES["nl"]["stable"]).format(
            city="de stad")
        text = (f"{title}: stad {value}, ommeland {nl_value(s.get('ommeland_value'), unit)} "
                f"({y}); het relatieve verschil sinds {y0}: {move}")
    if s.get("projection"):
        text += " (prognose)"
    return f"{text} — {VALENCE_NL.get(s.get('valence'), 'neutraal')}."


POSITION_NL = vocabulary.section("nl", "kies_positions")
MOMENTUM_NL = vocabulary.section("nl", "kies_momentum")


def _kies_momentum(k: Mapping[str, Any]) -> str:
    """'verbetert significant', 'geen significante trend' only where a trend was tested,
    else that there are too few years with figures for a test."""
    if missing(k.get("trend")):
        return "te weinig jaren met cijfers voor een trendtoets"
    return MOMENTUM_NL.get(k.get("momentum"), "geen significante trend")


def kies_sentence(k: Mapping[str, Any], group: str = "de vergelijkingsgroep") -> str:
    """One Dutch sentence from a ``kies_richting`` row: position within ``group`` and
    movement (why it is there), better peers."""
    unit = k.get("unit")
    where = POSITION_NL.get(k.get("position"), "in {group}").format(group=group)
    text = (f"{k['title_nl']}: {nl_value(k.get('value'), unit)} ({_year(k.get('year'))}), "
            f"{where} (mediaan {nl_value(k.get('median'), unit)}); "
            f"{_kies_momentum(k)}")
    if not missing(k.get("first_year")) and not missing(k.get("change")):
        text += f" sinds {_year(k.get('first_year'))} ({nl_difference(k.get('change'), unit)})"
    peers = [f"{p['name']} ({nl_value(p.get('value'), unit)})"
             for p in (k.get("better_peers") or [])]
    if peers:
        text += "; vergelijkbare gemeenten die het beter doen: " + ", ".join(peers)
    elif k.get("n_peers_compared"):
        text += "; geen vergelijkbare gemeente doet het beter"
    return text + "."

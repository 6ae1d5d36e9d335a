"""Dutch plain-language sentences from signals, numbers as in publish.format (1.234,5; 12,3%)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from stadstrends.publish.format import auto_decimals, fmt_change, fmt_number, fmt_value

VALENCE_NL = {"favourable": "gunstig", "adverse": "ongunstig", "neutral": "neutraal"}
KIND_NL = {
    "trend": "trend",
    "g40_deviation": "afwijking van de G40",
    "ommeland_deviation": "verschil met het ommeland",
    "gap_widening": "kloof met ommeland groeit",
    "gap_narrowing": "kloof met ommeland krimpt",
}
VERDICT_NL = {
    "gaps widen": "de kloof met het ommeland groeit",
    "gaps narrow": "de kloof met het ommeland krimpt",
    "mixed": "de kloof met het ommeland groeit en krimpt even vaak",
    "stable": "de kloof met het ommeland is stabiel",
    "no data": "geen gegevens over stad en ommeland",
    "inequality rises": "de verschillen tussen buurten nemen toe",
    "inequality falls": "de verschillen tussen buurten nemen af",
}
LABEL_NL = {"distinctive strength": "onderscheidende kracht", "urgent task": "urgente opgave"}
TREND_NL = {"rising": "stijgt", "falling": "daalt",
            "no significant change": "geen duidelijke trend"}


def missing(x: Any) -> bool:
    """True for None, NaN and pandas' NA."""
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _num(x: Any) -> float | None:
    return None if missing(x) else float(x)


def nl_number(x: Any, decimals: int | None = None) -> str:
    """Dutch number (1.234,5); default decimals: 0 from 100 up, 1 from 1 up, else 2."""
    x = _num(x)
    return fmt_number(x, auto_decimals(x) if decimals is None else decimals)


def nl_value(x: Any, unit: str | None) -> str:
    """A value with its unit: '3,5%', '€ 52.600', '27,4 per 1 000 inwoners'."""
    x, unit = _num(x), unit or ""
    if x is not None and unit in ("euro", "1 000 euro"):
        euros = x * (1000 if unit == "1 000 euro" else 1)
        return ("−" if euros < 0 else "") + "€ " + fmt_number(abs(euros), 0)
    return fmt_value(x, unit)


def nl_difference(x: Any, unit: str | None, sign: bool = True) -> str:
    """A difference of two values ('+1,2 procentpunt' for percentages)."""
    x, unit = _num(x), unit or ""
    if x is None or not sign:
        text = nl_value(x, unit if unit != "%" else "")
    elif unit in ("euro", "1 000 euro"):
        text = ("+" if x > 0 else "") + nl_value(x, unit)
    else:
        text = fmt_change(x, 1 if unit == "%" else auto_decimals(x),
                          unit="" if unit == "%" else f" {unit}")
    return text + " procentpunt" if unit == "%" and x is not None else text


def _year(x: Any) -> str:
    return "?" if missing(x) else str(int(x))


def signal_sentence(s: Mapping[str, Any]) -> str:
    """One Dutch sentence from a ``signals`` row (or dict with the same keys)."""
    title, unit, kind = s["title_nl"], s.get("unit"), s["kind"]
    y, y0 = _year(s.get("year")), _year(s.get("first_year"))
    value = nl_value(s.get("value"), unit)
    if kind == "trend":
        verb = TREND_NL.get(s.get("movement"), "verandert")
        text = (f"{title} {verb} van {nl_value(s.get('first_value'), unit)} ({y0}) naar "
                f"{value} ({y}): {nl_difference(s.get('change'), unit)}")
        if not missing(s.get("p_value")):
            p = float(s["p_value"])
            text += ", p < 0,001" if p < 0.001 else f", p = {nl_number(p, 3)}"
        if s.get("indicative"):
            text += ", indicatief (korte reeks)"
    elif kind == "g40_deviation":
        where = "boven" if s.get("movement") == "above" else "onder"
        text = (f"{title} is {value} ({y}), {where} de G40-mediaan van "
                f"{nl_value(s.get('g40_median'), unit)}")
        if not missing(s.get("rank_g40")) and not missing(s.get("g40_n")):
            text += f"; plaats {int(s['rank_g40'])} van {int(s['g40_n'])} (1 = hoogste)"
    elif kind == "ommeland_deviation":
        where = "hoger" if s.get("movement") == "above" else "lager"
        text = (f"{title} is {value} ({y}), {where} dan in het ommeland "
                f"({nl_value(s.get('ommeland_value'), unit)})")
    else:
        verb = "groeit" if kind == "gap_widening" else "krimpt"
        gap, change = s.get("gap"), s.get("change")
        first = None if missing(gap) or missing(change) else abs(gap) - change
        text = (f"{title}: het verschil tussen stad en ommeland {verb} van "
                f"{nl_difference(first, unit, False)} ({y0}) naar "
                f"{nl_difference(None if missing(gap) else abs(gap), unit, False)} ({y}); "
                f"stad {value}, ommeland {nl_value(s.get('ommeland_value'), unit)}")
    if s.get("projection"):
        text += " (prognose)"
    return f"{text} — {VALENCE_NL.get(s.get('valence'), 'neutraal')}."


def kies_sentence(k: Mapping[str, Any]) -> str:
    """One Dutch sentence from a ``kies_richting`` row: position, movement, better peers."""
    unit = k.get("unit")
    where = "hoogste" if k.get("quartile") == "top" else "laagste"
    text = (f"{k['title_nl']}: {nl_value(k.get('value'), unit)} ({_year(k.get('year'))}), "
            f"bij de {where} 25% van de G40 (mediaan {nl_value(k.get('g40_median'), unit)}); "
            f"{TREND_NL.get(k.get('trend'), 'verandert')} sinds {_year(k.get('first_year'))} "
            f"({nl_difference(k.get('change'), unit)})")
    peers = [f"{p['name']} ({nl_value(p.get('value'), unit)})"
             for p in (k.get("better_peers") or [])]
    if peers:
        text += "; vergelijkbare steden die het beter doen: " + ", ".join(peers)
    elif k.get("n_peers_compared"):
        text += "; geen vergelijkbare stad doet het beter"
    return text + "."

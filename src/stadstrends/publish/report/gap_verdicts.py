"""Why the tweedeling leaves a gap trend out (``region_gap_trends.no_verdict``, see
:mod:`stadstrends.analysis.gaps`), in words after its summary: one sentence per reason,
naming the indicators. 's-Hertogenbosch: 'Niet getoetst: Huishoudens met laagste 10%
inkomen (afgerond op hele procenten is het cijfer van 's-Hertogenbosch in 2016-2023
gelijk); ...'; Deventer: 'Niet meegeteld: Wmo-cliënten per 1 000 inwoners (Raalte,
2017-2018); ...'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadstrends import vocabulary
from stadstrends.publish.report.texts import t
from stadstrends.publish.sentence_verdicts import precision_words

if TYPE_CHECKING:
    from stadstrends.publish.report.data import CityData


def _and(items: list[str], lang: str) -> str:
    """'a, b en c'."""
    word = vocabulary.section(lang, "sentences")["and"]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def _item(data: CityData, ind: str, g: dict, lang: str) -> str:
    """One indicator left out, with what the reason needs: the member and years of an
    ommeland step, the city's distinct values of a city figure that hardly moves."""
    meta = data.catalogue[ind]
    title = meta[f"title_{lang}"]
    if g["no_verdict"] == "ommeland_jump":
        member = data.region_names.get(g["step_member"], g["step_member"])
        return t(lang, "gap_ommeland_jump_item", title=title, member=member,
                 y0=int(g["step_previous_year"]), y1=int(g["step_year"]))
    if g["no_verdict"] == "city_steps":
        n = int(g["city_distinct"])
        return t(lang, "gap_city_steps_one" if n == 1 else "gap_city_steps_item", title=title,
                 city=data.name, n=n, y0=int(g["first_year"]), y1=int(g["last_year"]),
                 precision=precision_words(lang, meta["unit"], meta.get("decimals")))
    return title


def no_verdict_tail(data: CityData, left: dict[str, dict], lang: str) -> str:
    """The sentences on the gap trends ``left`` (indicator -> ``region_gap_trends`` row with
    a ``no_verdict``), reason by reason, indicators by title; '' when there are none."""
    parts = []
    for reason, key in (("city_jump", "gap_over_jump"), ("ommeland_jump", "gap_ommeland_jump"),
                        ("city_steps", "gap_city_steps"),
                        ("city_rounding", "gap_city_rounding")):
        ids = sorted((i for i, g in left.items() if g.get("no_verdict") == reason),
                     key=lambda i: data.catalogue[i][f"title_{lang}"])
        if ids:
            items = [_item(data, i, left[i], lang) for i in ids]
            parts.append(t(lang, key, city=data.name, titles=_and(items, lang),
                           items=_and(items, lang)))
    return " ".join(parts)

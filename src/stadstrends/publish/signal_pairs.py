"""An opgave's bullets in the city profile (:func:`~.profile_parts.opgaven_part`): its
strongest indicators, each by its strongest signal (:data:`TOP_SQL`), and where the same
indicator gives the opgave a verdict the other way, that verdict beside it
(:func:`sentence`). Vlieland's unemployment of 2024, 3,2%, is lower than in its ommeland
(3,8%: favourable) and above the median of its size group (3,0%: adverse); its bullet said
only '— gunstig', while the report's 'In een oogopslag' names both (its other adverse signals:
'ook hierboven, met het label ‘gunstig vergeleken met het ommeland’').
Neutral signals disagree with nothing: only favourable against adverse is a pair.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stadstrends.publish.sentence_signals import PROFILE, VALENCE, signal_text
from stadstrends.publish.small_base_words import MARKED_BASES

#: a municipality's signals within a group (parameters: region code, set id), as the
#: sentences read them: decimals, the base of a share CBS computes from few cases, the gap
#: trend's sides, its differences as printed where they move against its relative verdict
#: (publish/gap_absolute.py), a median of 0 on counts CBS rounded to 0 (publish/median_zeros.py)
ROWS = ("SELECT s.* EXCLUDE (region_code, region_name, set_id), i.decimals, b.base_count, "
        "b.base_unit, b.survey, g.other_side_years, g.last_ratio, g.abs_against, "
        "g.printed_first_gap, g.printed_last_gap, z.median_zeros FROM signals s "
        "LEFT JOIN indicators i USING (indicator_id) "
        "LEFT JOIN benchmark_zeros z USING (set_id, region_code, indicator_id, year) "
        "LEFT JOIN " + MARKED_BASES +
        " b USING (region_code, indicator_id, year) LEFT JOIN region_gap_trends g ON "
        "(g.region_code, g.indicator_id) = (s.region_code, s.indicator_id) AND s.kind LIKE "
        "'gap_%' WHERE s.region_code = ? AND s.set_id = ? AND s.opgave_id IS NOT NULL")

#: the columns of :data:`ROWS` a bullet's text says, not kept beside it in the profile
SAID = ("n_cut", "cut_tables", "other_side_years", "last_ratio", "abs_against",
        "printed_first_gap", "printed_last_gap")

#: the signals' order: the opgave's rank, then (signals without one, which tie) kind and
#: indicator, so that a profile reads the same in every run
TIES = "rank_opgave, kind, indicator_id"

#: an indicator once per opgave, by its strongest signal (Deventer's solar: three bullets),
#: the opgave's strongest (parameters: region code, set id, how many)
TOP_SQL = ("SELECT * FROM (" + ROWS + " QUALIFY row_number() OVER (PARTITION BY opgave_id, "
           "indicator_id ORDER BY " + TIES + ") = 1) QUALIFY row_number() OVER (PARTITION BY "
           "opgave_id ORDER BY " + TIES + ") <= ? ORDER BY opgave_id, " + TIES)

#: each indicator's strongest favourable and strongest adverse signal per opgave
SIDES_SQL = ("SELECT * FROM (" + ROWS + ") WHERE valence IN ('favourable', 'adverse') QUALIFY "
             "row_number() OVER (PARTITION BY opgave_id, indicator_id, valence "
             "ORDER BY " + TIES + ") = 1")

OTHER_SIDE = {"favourable": "adverse", "adverse": "favourable"}
DEVIATIONS = ("group_deviation", "ommeland_deviation")
#: a gap's movements whose city stays on its side: after them the ommeland's verdict is
#: 'nog altijd' so ('loopt significant in — gunstig; maar nog altijd lager dan ...')
STAYS = ("catching_up", "lead_shrinking")


def others(top: Mapping[str, list[dict]], sides: list[dict]) -> dict[tuple[str, str], dict]:
    """Per (opgave, indicator) of the bullets ``top`` (opgave -> its rows), the strongest
    signal of the indicator for that opgave with the other verdict (``sides``: the rows of
    :data:`SIDES_SQL`), where it has one."""
    by_side = {(r["opgave_id"], r["indicator_id"], r["valence"]): r for r in sides}
    out = {}
    for opgave, rows in top.items():
        for row in rows:
            other = by_side.get((opgave, row["indicator_id"], OTHER_SIDE.get(row.get("valence"))))
            if other is not None:
                out[(opgave, row["indicator_id"])] = {
                    k: v for k, v in other.items() if k != "opgave_id"}
    return out


def sentence(first: Mapping[str, Any], other: Mapping[str, Any], group: str | None,
             lang: str = "nl", size: int | None = None, city: bool = True) -> str:
    """The bullet of an indicator whose strongest signal ``first`` and ``other`` give
    verdicts that disagree, each with its own: 'Werkloosheid: 3,2% (2024, ...), lager dan
    in het ommeland (3,8%) — gunstig; maar boven de mediaan van de 11 gemeenten ... (3,0%);
    plaats 1 van 11 (1 = hoogste) — ongunstig.' The title is said once, and so is the figure
    with its year where a deviation's (:func:`~.sentence_signals.signal_text`'s '{title}:
    {value} ({y}), ...') is said before ('dalend van 8,4% (2017) naar 5,2% (2024): ...
    — gunstig; maar hoger dan in het ommeland (3,3%) — ongunstig'); the other arguments as
    :func:`~.sentence_signals.signal_sentence`'s. After a gap that said the city's figure, the
    ommeland's and their year (:func:`said_by_gap`), the ommeland's verdict says its side
    alone: 'Zonnestroominstallaties ...: stad 149,9 ..., ommeland 247,4 ... (2023, voorlopig);
    ... de stad loopt significant in — gunstig; maar nog altijd lager dan in het ommeland —
    ongunstig.' (Deventer: it said every figure again, '... maar 149,9 per 1 000 inwoners
    (2023, voorlopig), lager dan in het ommeland (247,4 per 1 000 inwoners)', no verb); a
    group's verdict after such a gap leaves out the city's figure ('maar onder de mediaan van
    ...'), and a gap after an ommeland's verdict with the same figures says only how it moves
    ('... — gunstig; maar het relatieve verschil sinds 2018: de voorsprong ... slinkt ...').
    A trend after a verdict that said its latest figure and year says its start and change
    alone ('Opgesteld vermogen zonnepanelen per inwoner: 973 Wp per inwoner (2023, voorlopig),
    lager dan in het ommeland (3.452 Wp per inwoner) — ongunstig; maar sinds 2016 gestegen van
    93 Wp per inwoner: +880 Wp per inwoner, significant — gunstig', Groningen: it said 'naar
    973 Wp per inwoner (2023, voorlopig)' again), a gap after one the ommeland's figure ('...
    — gunstig; maar in het ommeland 233,2 per 1 000 inwoners (2023, voorlopig); het relatieve
    verschil sinds 2016: ...', Leeuwarden)."""
    title = other.get(f"title_{lang}") or other["title_nl"]
    text = signal_text(first, group, lang, size, city)
    rest = signal_text(other, group, lang, size, city).removeprefix(f"{title}: ")
    head = rest[:rest.find("), ") + 1]  # a deviation's '3,2% (2024, steekproefcijfer, ...)'
    if other["kind"] == "ommeland_deviation" and said_by_gap(first, other):  # every figure
        rest = ommeland_side(other, first.get("movement") in STAYS, lang)  # 'nog altijd lager'
    elif first["kind"] == "ommeland_deviation" and said_by_gap(other, first):  # the same, after
        rest = rest[rest.find("); ") + 3:]  # 'het relatieve verschil sinds 2018: ...'
    elif said_by_gap(other, first, ommeland=False):  # a trend or gap after its end was said
        rest = signal_text(other, group, lang, size, city, after=text)  # 'sinds 2016 gestegen'
    elif other["kind"] in DEVIATIONS and head and (  # '... naar 3,2% (2024)', 'stad 3,2% ...'
            head in text or said_by_gap(first, other, ommeland=False)):
        rest = rest[len(head) + 2:]
    valence = VALENCE[lang]
    return PROFILE[lang]["signal_but"].format(text=text, valence=valence[first["valence"]],
                                              other=rest, other_valence=valence[other["valence"]])


def said_by_gap(gap: Mapping[str, Any], other: Mapping[str, Any], ommeland: bool = True) -> bool:
    """Whether ``gap`` is a gap signal ('stad {value}, ommeland {ommeland} ({y})') that says
    ``other``'s year and city figure and, with ``ommeland``, its ommeland's figure (as the
    bullet prints them: from the same rows and rounding); without ``ommeland`` a trend too
    ('naar 3,7% (2024, elk jaar een steekproefcijfer, ...)': its end's marks are of its years,
    the deviation's '3,7% (2024, steekproefcijfer, ...)' of one, so the words differ)."""
    keys = ("year", "value") + ("ommeland_value", "ommeland_rough") * ommeland
    return gap["kind"].startswith(("gap_",) if ommeland else ("gap_", "trend")) and all(
        gap.get(k) == other.get(k) for k in keys)


def ommeland_side(other: Mapping[str, Any], still: bool, lang: str) -> str:
    """An ommeland deviation's side without its figures: 'lager dan in het ommeland',
    ``still`` (after a gap that shrinks, the city on its side) 'nog altijd lager ...'."""
    words = PROFILE[lang]
    where = words["higher" if other.get("movement") == "above" else "lower"]
    return words["ommeland_still" if still else "ommeland_side"].format(where=where)

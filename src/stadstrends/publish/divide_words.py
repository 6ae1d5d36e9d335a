"""An opgave's tweedeling clause, after 'Tweedeling:' in the profile's (and the API's)
summary and on the city page's opgave card: the verdict of ``opgave_summary``
(``tweedeling_verdict``, :mod:`stadstrends.analysis.signal_summary`) with the counts it rests
on, the opgave's recent gaps with the ommeland of indicators with a good or bad direction
('de kloof met het ommeland krimpt (6 indicatoren met een goede of slechte richting: bij 3
wordt het verschil kleiner)', the verdict's way first). Before, the
card said 'verschillen krimpen' alone: Enschede's Economie with 2 gaps growing and 3
shrinking.

A verdict in one word also says which way it goes for the city (``tweedeling_way``): 'de
kloof met het ommeland krimpt doordat de voorsprong van Hollands Kroon slinkt'. Before, a
closing divide read as good news where every gap that closed was a lead of the city that
shrank (Hollands Kroon's Zorg en welzijn and Economie: income, payment arrears, ...).

A divide that changed sides (``divides_crossing``: the page's badge 'ongunstig: lag voor en
raakt achter op het ommeland') is neither growing nor shrinking in the verdict, but a
significant change: the counts name it, and 'geen significante verandering' is not said
where one is (Ede's Verduurzaming, its solar capacity). 'Te weinig veranderingen voor een
oordeel' is about the opgave as a whole: Zeewolde's one shrinking lead has its own badge.

Nor is it said bare beside a badge 'verschil met het ommeland groeit (geen oordeel)': a gap
of an indicator without a good or bad direction is no divide and the verdict does not count
it, but its trend is as significant (``region_gap_trends``, the same test of |ln(city /
ommeland)| on the same years). Before, Zeewolde's Zorg en welzijn said 'geen significante
verandering in de kloof met het ommeland (bij de 5 indicatoren ...)' above 'verschil met het
ommeland krimpt (geen oordeel)' for its Wmo clients (21% -> 1,4% below the ommeland, 2017-2023):
4 096 set x municipality x opgave rows 'stable' beside a growing or shrinking difference, 4 398
with those that changed sides. The clause now names them in its brackets; so does 'te weinig
veranderingen voor een oordeel over de hele opgave', no verdict either (1 492 rows beside
such a badge on the snapshot, Zeewolde's Verduurzaming among them). The verdicts 'groeit',
'krimpt' and 'wisselend' named them neither (165 rows beside such a badge on the snapshot,
Utrecht's Verduurzaming): their brackets now end '...; bij 1 indicator zonder goede of slechte
richting verandert het verschil ook significant', the differences the verdict does not count."""

from __future__ import annotations

from typing import Any

from stadstrends.publish.format import fmt_list
from stadstrends.publish.sentence_signals import PROFILE, VERDICTS

#: verdicts without counts after them: nothing was counted
UNCOUNTED = ("no data", "no divides")


def divide_clause(lens: dict[str, Any], lang: str = "nl", city: str = "") -> str:
    """The verdict in words, for 'groeit' / 'krimpt' with the way it goes for ``city``
    (:func:`verdict_words`), and, where divides were counted, their counts in brackets, those
    above 0 only, the verdict's way first: '(2 indicatoren met een goede of slechte richting:
    bij 1 wordt het verschil kleiner)', not '(bij geen van de 2 indicatoren met een goede of
    slechte richting wordt het verschil groter, bij 1 kleiner)' (before session 53).
    ``lens``: the profile's ``tweedeling`` of an opgave (``verdict``, ``way``,
    ``n_divides``, ``divides_widening``, ``divides_narrowing``)."""
    w, verdict = PROFILE[lang], lens["verdict"]
    crossing = lens.get("divides_crossing") or 0
    text = w["divide_stable_crossing"] if verdict == "stable" and crossing else \
        verdict_words(lens, lang, city)
    n = lens.get("n_divides") or 0
    if verdict in UNCOUNTED or not n:
        return text
    words = {"n": n, "indicators": w["indicator_one" if n == 1 else "indicator_many"]}
    widening, narrowing = lens["divides_widening"], lens["divides_narrowing"]
    if not widening and not narrowing and not crossing:
        return counts_and_differences(text, w["opgave_gaps_none"].format(**words), lens, lang)
    # the verdict's way first; only the counts above 0 (no 'bij geen van de 2 ... groter')
    ways = [("narrowing", narrowing), ("widening", widening)] if verdict == "gaps narrow" \
        else [("widening", widening), ("narrowing", narrowing)]
    parts = [(way, k) for way, k in (*ways, ("crossing", crossing)) if k]
    parts = [w[f"opgave_gaps_part_{way}" + ("_next" if i else "")].format(k=k)
             for i, (way, k) in enumerate(parts)]
    counts = w["opgave_gaps"].format(parts=fmt_list(parts, lang), **words)
    if verdict in ("stable", "too few"):  # no verdict either: the gaps it does not count
        return counts_and_differences(text, counts, lens, lang)
    # 'groeit', 'krimpt', 'wisselend': the changing differences it does not count 'ook'
    return counts_and_differences(text, counts, lens, lang, "opgave_gaps_differences_also")


def verdict_words(lens: dict[str, Any], lang: str = "nl", city: str = "") -> str:
    """The verdict in words; 'groeit' / 'krimpt' with the way its divides go for ``city``
    (``way``, ``opgave_summary.tweedeling_way``): their one movement ('doordat de voorsprong
    van Hollands Kroon slinkt'), else who gains ('in het nadeel van ...'), else 'deels ...
    deels'. Without a way (or a city name) the verdict alone."""
    text = VERDICTS[lang][lens["verdict"]]
    way = lens.get("way")
    if not way or not city:
        return text
    return PROFILE[lang][f"divide_way_{way}"].format(verdict=text, city=city)


def counts_and_differences(text: str, counts: str, lens: dict[str, Any], lang: str,
                           key: str = "opgave_gaps_differences") -> str:
    """``text`` (the verdict 'geen significante verandering ...', with a crossing 'geen
    groeiende of krimpende kloof ...', or 'te weinig veranderingen ...') and its ``counts``
    in brackets, with in them the gaps of indicators without a good or bad direction that
    change significantly (``differences_changing``: the badges 'verschil met het ommeland
    groeit (geen oordeel)' under the clause), which the verdict does not count: '...; bij 2
    indicatoren zonder goede of slechte richting verandert het verschil wel significant)'.
    ``key``: after a verdict with a way ('groeit', 'krimpt', 'wisselend') '... verandert het
    verschil ook significant' (``opgave_gaps_differences_also``)."""
    k = lens.get("differences_changing") or 0
    if not k:
        return text + counts
    w = PROFILE[lang]
    return text + counts[:-1] + w[key].format(
        k=k, indicators=w["indicator_one" if k == 1 else "indicator_many"]) + ")"

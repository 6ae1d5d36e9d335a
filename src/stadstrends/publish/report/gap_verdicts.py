"""Why the tweedeling leaves a gap trend out (``region_gap_trends.no_verdict``, see
:mod:`stadstrends.analysis.gaps`), in words after its summary: one sentence per reason,
naming the indicators. Deventer: 'Niet getoetst: Gemiddelde oppervlakte van woningen (in
2018-2025 maar 2 verschillende waarden, afgerond op hele getallen) en Huishoudens in de
laagste 10% inkomens (in 2016-2023 steeds dezelfde waarde, afgerond op hele procenten). Het
CBS geeft de cijfers zo afgerond; dan verandert het cijfer van Deventer te weinig ...' (the
rounding and the city said once, not in each item and again after them); Deventer: 'Niet
meegeteld: Wmo-cliënten per 1 000 inwoners (Raalte, 2017-2018); ...'. What is not counted
is said once, and what is not tested: Hollands Kroon
'Niet meegeteld, omdat een groeiend of krimpend verschil daar op een abrupte verandering kan
berusten: Geleverde elektriciteit aan bedrijven per inwoner (de reeks van Hollands Kroon
...) en Aandeel corporatiewoningen (het cijfer van Den Helder ...).'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadstrends import vocabulary
from stadstrends.publish.format import fmt_list, fmt_under
from stadstrends.publish.gap_missing import no_trend_reason, year_spans
from stadstrends.publish.harmonised import cbs_steps
from stadstrends.publish.report.texts import t
from stadstrends.publish.sentence_verdicts import in_bracket, precision_words

if TYPE_CHECKING:
    from stadstrends.publish.report.data import CityData

#: the movements of indicators without a good or bad direction
NEUTRAL_MOVES = ("diverging", "converging", "crossing", "level", "left_level")

#: gap verdicts the report shows (``region_gap_trends.classification``): growing, shrinking,
#: changing sides (:mod:`stadstrends.analysis.gap_crossings`)
MOVING = ("diverging", "converging", "crossing")


def verdict_p(g: dict) -> float:
    """The p of the trend a gap's verdict rests on: for one that changes sides its signed
    trend's (``crossing_p``, set for every such gap: also one that ends or starts level as
    printed, converging or diverging on that trend, as its signals), else that of |ln ratio|
    (``mk_p``). Before, such a gap's table row showed the p of |ln ratio|, not significant,
    beside its verdict: Winterswijk's gas use per dwelling 0,083 (the signed trend's 0,017),
    Goes's lowest-income households 0,275 (0,0055)."""
    return g["crossing_p"] if g.get("crossing_p") is not None else g["mk_p"]


def _and(items: list[str], lang: str) -> str:
    """'a, b en c' (:func:`~stadstrends.publish.format.fmt_list`)."""
    return fmt_list(items, lang)


def _one_bracket(text: str, title: str) -> str:
    """``text``, a title and its bracket, with one bracket where the title ends in one:
    'Banen per 1 000 inwoners (baanintensiteit; de trend van Westerveld zelf ...)', not
    '(baanintensiteit) (de trend ...)'."""
    if text.startswith(title + " ("):  # into the title's own bracket where it ends in one
        return in_bracket(title, text[len(title):])
    return text


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
        return _one_bracket(t(
            lang, "gap_city_steps_one" if n == 1 else "gap_city_steps_item", title=title,
            city=data.name, n=n, y0=int(g["first_year"]), y1=int(g["last_year"]),
            precision=precision_words(lang, meta["unit"], meta.get("decimals"),
                                      cbs_steps((getattr(data, "computed", None) or {}).get(ind),
                                                (getattr(data, "published", None) or {}).get(ind)),
                                      (g["first_year"], g["last_year"]))), title)
    return title


#: the reasons said together: the two 'Niet meegeteld' (an abrupt change) and the two 'Niet
#: getoetst' (CBS's rounding), each pair with its sentence when both occur, and the item of
#: the reason whose own item names no cause (Hollands Kroon: its own series and Den Helder's
#: step, once 'Niet meegeteld: ...' twice; Veendam: floor area and new construction)
PAIRS = ((("city_jump", "gap_over_jump"), ("ommeland_jump", "gap_ommeland_jump"),
          "gap_not_counted_both"),
         (("city_steps", "gap_city_steps"), ("city_rounding", "gap_city_rounding"),
          "gap_not_tested_both"))
#: the reasons :func:`no_verdict_tail` says 'Niet getoetst' for (CBS's rounding)
ROUNDING = tuple(reason for reason, _ in PAIRS[1][:2])
BOTH_ITEMS = {"city_jump": "gap_over_jump_item", "ommeland_jump": "gap_ommeland_jump_because",
              "city_rounding": "gap_city_rounding_item"}


def no_verdict_tail(data: CityData, left: dict[str, dict], lang: str) -> list[str]:
    """The sentences on the gap trends ``left`` (indicator -> ``region_gap_trends`` row with
    a ``no_verdict``), reason by reason, indicators by title; one sentence for the
    indicators not counted and one for those not tested, each item with its cause when two
    reasons share it (:data:`PAIRS`); none when there are none."""
    by_reason = {reason: sorted((i for i, g in left.items() if g.get("no_verdict") == reason),
                                key=lambda i: data.catalogue[i][f"title_{lang}"])
                 for pair in PAIRS for reason, _ in pair[:2]}
    parts = []
    for first, second, both in PAIRS:
        if by_reason[first[0]] and by_reason[second[0]]:
            items = [_because(data, i, left[i], lang) for reason, _ in (first, second)
                     for i in by_reason[reason]]
            parts.append(t(lang, both, items=_and(items, lang)))
            continue
        for reason, key in (first, second):
            if by_reason[reason]:
                items = [_item(data, i, left[i], lang) for i in by_reason[reason]]
                parts.append(t(lang, key, city=data.name, titles=_and(items, lang),
                               items=_and(items, lang)))
    return parts


def no_verdict_judged(data: CityData, left: dict[str, dict], lang: str) -> list[str]:
    """The sentences on the gap trends ``left`` that were tested but give no verdict ('Geen
    oordeel'): a rate on small counts, and a change not certain within CBS's rounding of the
    city's and the ommeland's figures; said after the 'Niet getoetst' ones (and the few
    years' 'Ook niet getoetst'), so that those stand together."""
    parts = []
    small = sorted((i for i, g in left.items() if g.get("no_verdict") == "small_counts"),
                   key=lambda i: data.catalogue[i][f"title_{lang}"])
    if small:  # a rate on small counts (analysis/gap_small.py): the city's mean a year
        items = [_one_bracket(t(lang, "gap_small_counts_item",
                                title=data.catalogue[i][f"title_{lang}"],
                                n=fmt_under(left[i]["city_mean_count"],
                                            float(data.settings.small_count), lang),
                                y0=int(left[i]["first_year"]), y1=int(left[i]["last_year"])),
                              data.catalogue[i][f"title_{lang}"]) for i in small]
        parts.append(t(lang, "gap_small_counts", city=data.name, items=_and(items, lang)))
    rounding = sorted((i for i, g in left.items() if g.get("no_verdict") == "gap_rounding"),
                      key=lambda i: data.catalogue[i][f"title_{lang}"])
    if rounding:  # the gap's own change, within CBS's rounding of both figures
        parts.append(t(lang, "gap_gap_rounding", city=data.name, items=_and(
            [data.catalogue[i][f"title_{lang}"] for i in rounding], lang)))
    return parts


def _because(data: CityData, ind: str, g: dict, lang: str) -> str:
    """An indicator in a sentence of two reasons, with its own cause: 'Aandeel
    corporatiewoningen (het cijfer van Den Helder in het ommeland verandert in 2017-2018
    abrupt ...)'; a city figure that hardly moves as :func:`_item` says it."""
    key = BOTH_ITEMS.get(g["no_verdict"])
    if key is None:
        return _item(data, ind, g, lang)
    step = {}
    if g["no_verdict"] == "ommeland_jump":
        step = {"member": data.region_names.get(g["step_member"], g["step_member"]),
                "y0": int(g["step_previous_year"]), "y1": int(g["step_year"])}
    title = data.catalogue[ind][f"title_{lang}"]
    return _one_bracket(t(lang, key, title=title, city=data.name, **step), title)


def few_years_tail(data: CityData, few: dict[str, dict], lang: str,
                   left: dict[str, dict] | None = None) -> str:
    """The sentence on the gap trends ``few`` (indicator -> ``region_gap_trends`` row,
    ``indicative``: fewer years than a test needs, the build's ``min_significant_points``),
    each with its years as the overview's grid says them: 'Niet getoetst, omdat er te weinig
    jaren zijn voor een toets (minimaal 5 jaren): Aandeel 65-plussers (4 jaren in 2017–2024) en
    ...'; 'Ook niet getoetst, ...' after a 'Niet getoetst' on CBS's rounding (``left``: the
    gap trends :func:`no_verdict_tail` says); '' when there are none. Before, the summary's
    n counted them as tested and found not significant (Maastricht 'van de 30' for 24
    tested; 340 of 342 municipalities)."""
    if not few:
        return ""
    items = [_one_bracket(t(lang, "gap_few_years_item", title=data.catalogue[i][f"title_{lang}"],
                            years=few_years_span(data, i, g, lang)),
                          data.catalogue[i][f"title_{lang}"])
             for i, g in sorted(few.items(), key=lambda kv: data.catalogue[kv[0]][f"title_{lang}"])]
    also = any(g.get("no_verdict") in ROUNDING for g in (left or {}).values())
    return t(lang, "gap_few_years_also" if also else "gap_few_years", items=_and(items, lang),
             min=data.build.get("min_significant_points"))


def window_start(g: dict, break_years: list[int] | None) -> int:
    """The first year of a gap trend's window (``region_gap_trends`` row ``g``): the
    window's first calendar year, or the latest series break after it (a break year starts
    the new series), never after the trend's first year with a gap."""
    last = int(g["last_year"])
    breaks = [int(b) for b in break_years or [] if int(b) <= last]
    return min(max([int(g.get("window_first_year") or g["first_year"]), *breaks]),
               int(g["first_year"]))


def few_years_span(data: CityData, ind: str, g: dict, lang: str) -> str:
    """The years of a gap trend too short to test (``region_gap_trends`` row ``g``): its
    window, from the window's first year or the series break after it, and why the window's
    other years have no gap, in the words of a gap without a trend
    (:func:`~stadstrends.publish.gap_missing.no_trend_reason`): the city has no figure, or
    its ommeland has none (``data.series``). Heerlen's electricity delivered to businesses
    '4 jaren in 2016–2023; het ommeland heeft geen cijfer voor 2016–2019' (it said '4 jaren
    in 2020–2023', as if the window began there while Heerlen has all eight years; review
    finding). A year without a gap whose two figures are both there gets no reason (none is
    known)."""
    last = int(g["last_year"])
    start = window_start(g, data.catalogue[ind].get("break_years"))
    have = {int(r["year"]) for r in data.gaps.get(ind) or []}
    rows = {int(r["year"]): r for r in data.series.get(ind) or []}
    city, omm = [], []
    for year in sorted(set(range(start, last + 1)) - have):
        row = rows.get(year)
        if row is None or row.get("value") is None:
            city.append(year)
        elif row.get("ommeland_value") is None:
            omm.append(year)
    w = vocabulary.section(lang, "web")
    parts = [t(lang, "heat_gap_points", n=int(g["n_points"]), span=f"{start}–{last}")]
    if city:  # its stored reasons are in 'Wat ontbreekt' (a bracket here would nest)
        parts.append(w["gap_no_trend_city"].format(city=data.name, years=year_spans(city, lang)))
    if omm:
        parts.append(w["gap_no_trend_ommeland_plain"].format(years=year_spans(omm, lang)))
    return "; ".join(parts)


def no_trend_tail(data: CityData, lang: str) -> list[str]:
    """The sentences on the recent gaps without a gap trend (``data.gap_missing``), with
    the dashboard's words (:func:`~stadstrends.publish.gap_missing.no_trend_reason`), the
    indicators of one reason together: 's-Hertogenbosch 'Geen trend van het verschil bij
    Bijstandsuitkeringen per 1 000 inwoners: te weinig vergelijkbare jaren (alleen 2024 in
    2017–2024; minimaal 3 jaren voor een trend); er zijn geen cijfers voor 2017–2023.'; none
    when there are none."""
    fresh = data.fresh_from or 0
    by_why: dict[str, list[str]] = {}
    for ind, reason in data.gap_missing.items():
        meta = data.catalogue[ind]
        rows = data.gaps.get(ind) or []
        if meta.get("projection") or meta["method"] == "count" or not rows \
                or rows[-1]["year"] < fresh:
            continue
        why = no_trend_reason(reason, lang, data.name,
                              lambda m: data.region_names.get(m, m))
        by_why.setdefault(why, []).append(meta[f"title_{lang}"])
    return [t(lang, "gap_no_trend", titles=_and(sorted(titles), lang), why=why)
            for why, titles in sorted(by_why.items(), key=lambda kv: sorted(kv[1]))]


def caption(data: CityData, lang: str) -> str:
    """The gap chart's caption: the city against the rest of its COROP region, named where
    that rest is one municipality (Súdwest-Fryslân's ommeland is De Fryske Marren alone)."""
    rest = [m["name"] for m in data.members if m["code"] != data.code]
    if len(rest) == 1:
        return t(lang, "gap_caption_one", city=data.name, corop=data.corop["name"],
                 member=rest[0])
    return t(lang, "gap_caption", city=data.name, corop=data.corop["name"])


def crossing_words(city: str, moving: list[dict], lang: str) -> str:
    """Which way the gaps that changed sides went, from their ends' signs (a crossing never
    starts or ends level: those are diverging or converging): 'lag Deventer eerst hoger en
    nu lager', both ways with their counts. Before session 53: '(lag Deventer eerst hoger en
    nu lager, of omgekeerd)' where the report knew which."""
    crossed = [g for g in moving if g["classification"] == "crossing"]
    up = sum(g["last_pct"] > 0 for g in crossed)
    down = len(crossed) - up
    if up and down:
        return t(lang, "gap_crossing_both", city=city, up=up, down=down)
    return t(lang, "gap_crossing_up" if up else "gap_crossing_down", city=city)

"""'In een oogopslag': per opgave its signal counts, the indicators that matter most for it
and its strongest signals, one sentence each with its badge, and the adverse signals shown
under no bullet."""

from __future__ import annotations

from stadstrends.publish import sentence_jumps as sj
from stadstrends.publish import trend_badge
from stadstrends.publish.positions import by_rank
from stadstrends.publish.report.data import CityData, fact
from stadstrends.publish.report.direction_words import kies_line
from stadstrends.publish.report.glance_words import (
    elsewhere_line,
    glance_counts,
    homes,
    not_shown_items,
    not_shown_list,
    shown_under,
)
from stadstrends.publish.report.texts import KIES_VALENCE, badge, t

GLANCE_LEADS, GLANCE_PER_OPGAVE = 3, 5


def opgaven(data: CityData, lang: str) -> list[dict]:
    """The five opgaven (id, name, description) from the warehouse."""
    return [{"id": o["opgave_id"], "name": o[f"name_{lang}"], "lead": o.get("lead") or [],
             "description": o[f"description_{lang}"]} for o in data.opgaven]


def _glance_choice(data: CityData, opg: dict, used: set[str]) -> list[dict]:
    """The opgave's lead indicators with recent data first, then its strongest signals;
    nothing stale, nothing already shown under an earlier opgave."""
    chosen: list[dict] = []
    for ind in opg["lead"]:
        if len(chosen) == GLANCE_LEADS:
            break
        if ind in used or ind not in data.latest or data.is_stale(ind) \
                or ind not in data.catalogue:
            continue
        sig = next((x for x in data.signals if x["indicator_id"] == ind
                    and x["opgave_id"] == opg["id"]), None)
        chosen.append(sig or {"indicator_id": ind, "kind": "trend", "valence": None,
                              "lead": True})
        used.add(ind)
    if data.has_signals:
        pool = [x for x in data.signals if x["opgave_id"] == opg["id"]]
    else:
        ids = [i for i, m in data.catalogue.items() if opg["id"] in (m["opgaven"] or [])
               and i in data.latest and data.latest[i].get("robust_z") is not None]
        ids.sort(key=lambda i: -abs(data.latest[i]["robust_z"]))
        pool = [{"indicator_id": i, "kind": "group_deviation", "valence": None} for i in ids]
    for sig in pool:
        if len(chosen) == GLANCE_PER_OPGAVE:
            break
        if sig["indicator_id"] in used or data.is_stale(sig["indicator_id"]):
            continue
        chosen.append(sig)
        used.add(sig["indicator_id"])
    return chosen


def unjudged(sig: dict, f: dict, label: str | None) -> dict:
    """``sig``, a lead indicator without a signal whose sentence (``f``, :func:`fact`) shows
    a significant trend (:func:`~stadstrends.publish.sentence_jumps.status`, not one CBS's
    rounding could undo), labelled as the city page's tile labels it
    (:mod:`~stadstrends.publish.trend_badge`), not 'kernindicator' ('valt niet genoeg op').
    Without a good direction (or an amount in current prices) with the valence 'neutral' a
    signal of that trend has, 'trend (geen oordeel)' (Veendam's dwellings, +3,0% in
    2018-2025, beside Harlingen's signal, +6,6%); in the good or bad direction, below the
    build's ``trend_min_strength``, no valence (it counts as no signal) and ``trend_badge``
    'gunstige trend, te klein voor een signaal' (Veendam's jobs; the tile said 'gunstige
    trend', the badge 'kernindicator': 44 municipalities). A lead Kies richting names
    (``label``) keeps that label."""
    if not sig.get("lead") or sig.get("valence") is not None or label in KIES_VALENCE:
        return sig
    t = sj.shown_trend(f)
    st = "rounding" if (t or {}).get("rests_on_rounding") else sj.status(t)
    if st == "neutral":
        return {**sig, "valence": "neutral"}
    small = trend_badge.key(st, False)
    return {**sig, "trend_badge": small} if small else sig


def glance(data: CityData, lang: str) -> dict:
    """Per opgave its signal counts (:func:`glance_counts`), the indicators that matter most
    for it, then its strongest signals, each one sentence with its numbers, and the adverse
    signals no bullet shows (:func:`~.glance_words.not_shown_items`, from three a list:
    ``not_shown_list``), each under one opgave only (the others count it:
    ``not_shown_elsewhere``); no bullet appears under two opgaven. Kies richting's line
    (``kies``) names where another opgave's block shows a title (:func:`.glance_words.
    shown_under`). The intro names the comparison
    group; the bullets name it shorter ('de 180 gemeenten van deze grootte')."""
    writer = data.writer(lang, named=True)
    subsections = []
    used: set[str] = set()
    choices = [(opg, _glance_choice(data, opg, used)) for opg in opgaven(data, lang)]
    kies = {r["indicator_id"]: r["label"] for r in data.kies}
    bullets = []
    for _opg, chosen in choices:
        items = []
        for sig in chosen:
            f = fact(data, sig["indicator_id"], lang)
            # a lead without a signal that Kies richting names: labelled as there, on the
            # group position its label rests on (not 'kernindicator': 'does not stand out')
            label = kies.get(sig["indicator_id"]) if sig.get("lead") else None
            shown = unjudged(sig, f, label)  # a significant trend labelled as on its tile
            s = writer.indicator(f, sig["kind"], shown.get("valence"))
            named = label in KIES_VALENCE
            items.append({"sentence": s, "valence": KIES_VALENCE[label] if named
                          else shown.get("valence"),
                          "kind": "group_deviation" if named else sig["kind"],
                          "valence_text": badge(shown, lang, data.gap_trends.get(
                              sig["indicator_id"]), label)})
        bullets.append(items)
    # indicator -> the opgave whose bullet shows it, that bullet's label and its signal
    under = {sig["indicator_id"]: (opg["name"], it["valence_text"], sig)
             for (opg, chosen), items in zip(choices, bullets, strict=True)
             for sig, it in zip(chosen, items, strict=True)}
    names = {opg["id"]: opg["name"] for opg, _chosen in choices}
    home = homes(data, names, under)  # each adverse signal listed under one opgave only
    place = shown_under(data, choices, home)  # where a Kies line's title stands if not here
    for (opg, chosen), items in zip(choices, bullets, strict=True):
        left = not_shown_items(data, opg, chosen, under, home, lang) if data.has_signals \
            else []
        subsections.append({**opg, "items": items, "counts": glance_counts(data, opg["id"], lang),
                            "not_shown": t(lang, "glance_not_shown", items="; ".join(left))
                            if left else None, "not_shown_list": not_shown_list(left, lang),
                            "not_shown_elsewhere": elsewhere_line(data, opg, chosen, home,
                                                                  names, lang)
                            if data.has_signals else None,
                            "kies": kies_line(data, opg, lang, {
                                i: names[o[0]] for i, o in place.items() if opg["id"] not in o})
                            if data.has_signals else None})
    group = data.group_intro(lang)
    intro = (t(lang, "glance_intro", fresh=data.fresh_from or "–", group=group) + " "
             + t(lang, "glance_badges", kies="" if by_rank(data.group.get("n")) else t(
                 lang, "glance_kies", group=data.group_mention(lang, again=True)))
             if data.has_signals else t(lang, "glance_fallback", group=group))
    return {"id": "oogopslag", "title": t(lang, "glance"), "intro": intro,
            "opgaven": subsections}

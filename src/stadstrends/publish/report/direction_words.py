"""The words of 'Kies richting' (report section ``direction``): why an indicator is a
distinctive strength or an urgent task (its quarter of the group and its trend, from a
``kies_richting`` row), why a group too small for a quarter has none, and what it names per
opgave (the front page's counts, the line under an opgave in 'In een oogopslag')."""

from __future__ import annotations

from stadstrends.publish.positions import by_rank, compared, counts, cut_aside, cut_words
from stadstrends.publish.report.data import CityData
from stadstrends.publish.report.texts import TEXTS, t
from stadstrends.publish.sentence_cites import Sentence
from stadstrends.publish.sentence_numbers import apart_digits, number, with_unit
from stadstrends.publish.sentence_verdicts import against_words as moved_against
from stadstrends.publish.sentence_verdicts import steps_only
from stadstrends.publish.small_base_words import half_unit_off, one_case, small_base


def why(data: CityData, row: dict, lang: str, said: Sentence | None = None) -> str:
    """Why the row is a strength or an urgent task, in words (from its ``reason`` code),
    over the municipalities with a figure (the row's ``n``, said when fewer than the group;
    those a cut copy of a table left out, ``n_cut``, said to be missing from the snapshot).
    The analysis labels no position among fewer than
    :data:`~stadstrends.publish.positions.MIN_QUARTER_N` (``KIES_MIN_N``), so a row is
    always a quarter or a half, never a rank. Where its gap with the ommeland moves against
    the label (:func:`gap_against`) a sentence says so, as the opgave's line does
    (:func:`kies_title`): 'Wel slinkt de voorsprong op het ommeland.'"""
    meta = data.catalogue[row["indicator_id"]]
    position, momentum = row["position"], row["momentum"]
    high = meta["direction"] == "higher_better"
    side = "favourable" if position == "favourable_quartile" else "unfavourable"
    extreme = "high" if (side == "favourable") == high else "low"
    size = data.group.get("n")
    n, missing = counts(row, size)
    group = data.group_mention(lang, again=True)  # after the section's intro named it
    aside = t(lang, "without_figures", missing=missing, size=size) if missing else ""
    n_cut = min(int(row.get("n_cut") or 0), missing)  # left out by a cut copy of a table
    if n_cut:  # 'ontbreken in de onvolledig opgehaalde versie van CBS-tabel ...'
        aside = cut_aside(lang, str(missing), str(size), str(n_cut) if n_cut < missing else "",
                          row.get("cut_tables") or [])
    better = t(lang, "why_higher" if high else "why_lower")
    who = compared(cut_words(TEXTS[lang], lang) if n_cut else TEXTS[lang], group, str(n),
                   missing, False, bool(data.group.get("counted")),
                   data.group_names(lang).pick(True)[1], data.group.get("family") or "")
    where = (t(lang, "why_half", city=data.name, group=who,
               aside=f" ({aside[2:]})" if aside else "")
             if position == "unfavourable_half" else
             t(lang, f"why_{side}", city=data.name, extreme=t(lang, f"why_{extreme}"),
               better=better, group=who, aside=aside))
    trend = data.trends.get(row["indicator_id"])
    if row.get("rests_on_rounding") and row.get("trend") in ("rising", "falling"):
        how = t(lang, f"why_rounding_{row['trend']}")  # kies_richting: no momentum
    elif momentum == "none":
        # no trend row at all (too few points in the window) is not "no significant change",
        # nor one not tested for its few distinct (rounded) values
        tested = row.get("indicative") is False
        how = t(lang, "why_steps" if steps_only(trend, data.settings.min_distinct_values)
                else "why_no_trend" if tested else "why_indicative")
    elif momentum == "neutral":  # euro in current prices: significant, no verdict
        how = t(lang, f"why_current_{row['trend']}")
    else:
        how = t(lang, f"why_{momentum}")
    sig = gap_against(data, row["label"], row["indicator_id"])  # as the opgave's line says
    gap = t(lang, f"kies_gap_{sig['kind']}_{sig['valence']}", city=data.name) if sig else ""
    if not ends_said(said, data.code, trend):  # the item's trend sentence gives the figures
        how = against_words(data, row, trend, how, lang)
    return " ".join(w for w in (f"{where} {how}.", gap, small_base(row, lang)) if w)


def ends_said(s: Sentence | None, code: str, trend: dict | None) -> bool:
    """Whether sentence ``s`` cites municipality ``code``'s figures of ``trend``'s first and
    last year (a ``trends`` row): the Kies item's trend sentence 'Trend 2017–2024: van 47,1
    in 2017 naar 32,9 in 2024 (−30%), ...' gives them, so its Waarom does not say 'van 47,1
    per 1 000 inwoners in 2017 naar 32,9 ...' again (Maastricht's thefts); a sentence that
    leads with the years after a jump (another first year) does not."""
    if s is None or not trend:
        return False
    years = {int(c.year) for c in s.cites if c.field == "value" and c.region_code == code
             and c.indicator_id == trend.get("indicator_id") and c.year is not None}
    return {int(trend["first_year"]), int(trend["last_year"])} <= years


def against_words(data: CityData, row: dict, trend: dict | None, how: str, lang: str) -> str:
    """``how`` (the row's trend in words), with its printed figures where they moved against
    the label (:func:`~stadstrends.publish.sentence_verdicts.against_words`, in the words of
    the profile's Kies line and the city page's Waarom, neutral: no movement the test did not
    find): a strength that is not significantly worsening but whose figures rose where lower
    is better ('... en is niet op een trend getoetst (...); van 6% in 2016 naar 7% (voorlopig)
    in 2023': Oss's low incomes), an urgent task whose figures fell there (Súdwest-Fryslân's
    gas use). The weather ('niet gecorrigeerd voor het weer') is
    said by the trend sentence just before the line (the city page's card, without that
    sentence, says it in its Waarom)."""
    return moved_against(how, trend, row["label"], data.catalogue[row["indicator_id"]],
                         {"provisional": data.provisional.get(row["indicator_id"]),
                          "fresh_from": data.fresh_from,  # and its recalculated figures
                          "harmonised": data.harmonised.get(row["indicator_id"]),
                          "rounding": data.rounding.get(row["indicator_id"])},
                         lang, weather=False)


def withheld_lines(data: CityData, label: str, lang: str) -> list[str]:
    """The municipality's positions that would be a Kies richting ``label`` but that the
    near-cut rule withheld (``withheld_labels``), each said once where the label would be,
    with its true reason: 'Volwassenen met een betalingsachterstand op de zorgpremie: 0,8% in
    2024 ligt zo dicht bij de grens van het ongunstigste kwart (0,75%) dat we geen oordeel
    geven: het CBS rondt het percentage af op 0,8%, ...' (Noord-Beveland in its size group);
    one case more or less named as the indicator's ('met één opgehelderd misdrijf meer ...':
    Schiermonnikoog's cleared crimes). The cut is printed finer where it would print as the
    figure (0,75% beside 0,8%), as the position sentence prints it; a figure that is the cut
    itself lies 'precies op de grens' (Haarlem's arrears of 2024, 1,0%, its city group's p25).
    A small municipality's sample figure (reason 'survey') says so, the one place its Kies
    richting line says it: 'Werkloosheid: 3,2% in 2024 valt in het ongunstigste kwart (de grens
    ligt bij 3,0%), maar het is een steekproefcijfer ...' (Vlieland in GK1)."""
    return withheld_sentences(data.withheld, data.catalogue, label, lang)


def withheld_sentences(rows: list[dict], catalogue: dict, label: str, lang: str) -> list[str]:
    """:func:`withheld_lines` of ``withheld_labels`` rows (``would_be`` ``label``) with the
    ``catalogue``'s ``unit``, ``decimals`` and ``title_<lang>`` per indicator: the words the
    report, the city page (``web/direction``) and the profile (``publish/kies_withheld``)
    share."""
    out = []
    for row in (r for r in rows if r["would_be"] == label):
        meta = catalogue[row["indicator_id"]]
        unit, digits = meta["unit"], meta.get("decimals")
        digits = None if digits is None or digits != digits else int(digits)
        value = with_unit(number(row["value"], unit, lang, digits), unit, lang)
        finer = apart_digits(row["value"], row["cut"], unit, digits)
        cut = with_unit(number(row["cut"], unit, lang, finer if finer is not None else digits),
                        unit, lang)
        if row["reason"] == "survey":  # a small town's sample figure: the mark, once
            out.append(t(lang, "withheld_label_survey", title=meta[f"title_{lang}"], value=value,
                         year=int(row["year"]), cut=cut,
                         edge=t(lang, f"withheld_edge_{row['position']}")))
            continue
        if row["reason"] == "one_case":  # the side of the cut the figure is on
            top = row["value"] >= row["cut"]
            why = t(lang, f"withheld_why_one_case_{'top' if top else 'bottom'}",
                    one=one_case(row["indicator_id"], lang))
        else:  # 'cbs_rounding': half CBS's unit of the share reaches the cut
            edge = half_unit_off(row["value"], row["cut"], row.get("case_unit"))
            why = t(lang, "withheld_why_cbs_rounding_edge" if edge else
                    "withheld_why_cbs_rounding", value=value)
        on = round(row["value"] - row["cut"], 9) == 0  # the cut itself (Haarlem's arrears)
        out.append(t(lang, "withheld_label_on" if on else "withheld_label",
                     title=meta[f"title_{lang}"], value=value,
                     year=int(row["year"]), edge=t(lang, f"withheld_edge_{row['position']}"),
                     cut=cut, why=why))
    return out


def small_group(data: CityData, lang: str) -> str:
    """In a group of fewer than :data:`~stadstrends.publish.positions.MIN_QUARTER_N`
    members, the section's intro: what Kies richting names and that this group has no
    quarter of two, so no strengths or tasks (the analysis labels none); else ''."""
    size = data.group.get("n")
    if not size or not by_rank(int(size)):
        return ""
    return t(lang, "direction_small_group", n=size, group=data.group_phrase(lang),
             city=data.name)


#: Kies richting's labels (``kies_richting.label``) and the key of their words
KIES_LABELS = {"distinctive strength": "strengths", "urgent task": "tasks"}


def kies_items(data: CityData, opgave_id: str, label: str) -> list[dict]:
    """The municipality's Kies richting rows of ``label`` whose indicator is linked to the
    opgave (``kies_richting.opgaven``), in the section's order."""
    return [r for r in data.kies if r["label"] == label and opgave_id in (r.get("opgaven") or ())]


#: the valence of a gap signal that goes against a Kies richting label
AGAINST = {"distinctive strength": "adverse", "urgent task": "favourable"}


def gap_against(data: CityData, label: str, indicator_id: str) -> dict | None:
    """The municipality's strongest recent signal on its gap with the ommeland (``signals``,
    kind ``gap_*``, not stale) whose verdict goes against the Kies richting ``label``: a
    strength whose lead over the ommeland shrinks significantly (Kerkrade's cleared crimes:
    28,5% in 2024, the group's top quarter, while the ommeland rose from a lead of 6,4 to one
    of 2,6 procentpunt), an urgent task that catches up; None without one."""
    return next((s for s in getattr(data, "signals", None) or ()
                 if s["indicator_id"] == indicator_id and s["kind"].startswith("gap_")
                 and s["valence"] == AGAINST[label]), None)


def kies_title(data: CityData, row: dict, label: str, lang: str,
               where: str | None = None) -> str:
    """A Kies item's title in the opgave's line, with what its gap with the ommeland does when
    that goes against the label, so that the block says both together: 'Opgehelderde
    misdrijven (gunstige positie in de groep, maar de voorsprong op het ommeland slinkt)'
    where a bullet or the line of other adverse signals above says 'ongunstig: voorsprong op
    het ommeland slinkt' (before, the strength alone read as a contradiction); ``where``: the
    opgave (its name) under which 'In een oogopslag' shows the indicator when this block does
    not ('Mediaan vermogen van huishoudens (staat onder Economie)')."""
    title = data.catalogue[row["indicator_id"]][f"title_{lang}"]
    sig = gap_against(data, label, row["indicator_id"])
    notes = [t(lang, "kies_but_" + sig["kind"] + "_" + sig["valence"])] if sig else []
    if where:
        notes.append(t(lang, "kies_shown_under", opgave=where))
    if notes and title.endswith(")"):  # one bracket: '(ook woningen met stadsverwarming; ...)'
        return f"{title[:-1]}; {'; '.join(notes)})"
    return f"{title} ({'; '.join(notes)})" if notes else title


def kies_line(data: CityData, opg: dict, lang: str,
              where: dict[str, str] | None = None) -> str | None:
    """What Kies richting names for the opgave, under its 'In een oogopslag' bullets: 'Urgente
    opgave (zie Kies richting): Opgehelderde misdrijven.' (Land van Cuijk's governance, with no
    signal); None when it names nothing. Titles are joined by '; ' (a title can hold a comma);
    a title whose gap with the ommeland moves against the label says so (:func:`kies_title`).
    ``where``: indicator -> the opgave (its name) whose block in 'In een oogopslag' shows it,
    for those this opgave's block does not show (each indicator stands under one opgave
    only): the title says where ('Mediaan vermogen van huishoudens (staat onder Economie)',
    Heerlen's Wonen; before session 57 the reader looked for it in the block in vain: in 781
    of the 1 437 blocks with a Kies line in the 342 reports of the default groups). A title
    'In een oogopslag' shows nowhere (no adverse signal, not among the strongest) is in
    Kies richting only, as the line says; the city page's card (``where`` None) names none."""
    where = where or {}
    parts = []
    for label, key in KIES_LABELS.items():
        titles = [kies_title(data, r, label, lang, where.get(r["indicator_id"]))
                  for r in kies_items(data, opg["id"], label)]
        if titles:
            parts.append(t(lang, f"glance_kies_{key}_{'one' if len(titles) == 1 else 'many'}",
                           section=t(lang, "direction"), titles="; ".join(titles)))
    return " ".join(parts) or None

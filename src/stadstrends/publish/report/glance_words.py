"""The words around the bullets of 'In een oogopslag' (:func:`.glance.glance`): an opgave's
signals counted as page 1 and the API count them, and the adverse signals no bullet shows.
Before, Zwolle's Zorg en welzijn counted 9 gunstig, 5 ongunstig, 12 neutraal on page 1 and
in the API, its web card '2 gunstig · 0 ongunstig · 2 geen oordeel' (its bullets), and none
of its 5 adverse signals stood under it."""

from __future__ import annotations

from stadstrends.publish.profile_parts import signal_counts
from stadstrends.publish.report.data import CityData
from stadstrends.publish.report.texts import badge, t
from stadstrends.publish.small_base_words import small_base_brief


def glance_counts(data: CityData, opgave_id: str, lang: str) -> str | None:
    """The line under an opgave's name: its signals as page 1 counts them ('26 signalen bij
    21 indicatoren: 9 gunstig, 5 ongunstig, 12 neutraal', :func:`signal_counts`, the
    numbers of ``opgave_summary``), that the bullets are the main ones; 'Geen signalen'
    without any; None without the signals stage."""
    if not data.has_signals:
        return None
    row = data.summary.get(opgave_id) or {}
    if not row.get("n_signals"):
        return t(lang, "no_signals")
    k = len({x["indicator_id"] for x in data.signals if x["opgave_id"] == opgave_id})
    return t(lang, "glance_counts", counts=signal_counts(
        row["n_signals"], k, row["n_favourable"], row["n_adverse"], row["n_neutral"], lang))


#: from how many items the adverse signals no bullet shows are a list, not one sentence
#: (Vaals's Zorg en welzijn: 9 items, some 170 words, in one sentence before session 53)
LIST_FROM = 3


def not_shown_list(items: list[str] | None, lang: str) -> dict | None:
    """:func:`not_shown_items` as a list under its lead ('Andere ongunstige signalen:';
    '(zonder eigen punt hierboven)' before session 56, over items that said they stood
    above), from :data:`LIST_FROM` of them; None for fewer."""
    if not items or len(items) < LIST_FROM:
        return None
    return {"head": t(lang, "glance_not_shown_head"), "items": items}


def homes(data: CityData, names: dict[str, str], under: dict[str, tuple]) -> dict[str, str]:
    """Indicator -> the one opgave (its id) under which its adverse signals not shown as a
    bullet are listed: the opgave whose bullet shows it, else the first of the catalogue's
    opgaven of the indicator (its own: crimes under Bestuur en samenspel, not also under Zorg
    en welzijn) with a signal of it, else the first such in the report. Signals are the same
    under each opgave of an indicator; before session 56 each opgave listed them again
    (Heerlen's Zorg en welzijn: 9 items, 5 of them under Economie or Bestuur too)."""
    ids = {name: i for i, name in names.items()}
    have: dict[str, list[str]] = {}
    for sig in data.signals:
        if sig["valence"] == "adverse" and sig["opgave_id"] not in have.get(
                sig["indicator_id"], []):
            have.setdefault(sig["indicator_id"], []).append(sig["opgave_id"])
    out = {}
    for ind, where in have.items():
        bullet = ids.get((under.get(ind) or (None,))[0])
        own = [o for o in (data.catalogue.get(ind) or {}).get("opgaven") or [] if o in where]
        out[ind] = bullet if bullet in where else (own or [o for o in names if o in where])[0]
    return out


def shown_under(data: CityData, choices: list[tuple[dict, list[dict]]],
                home: dict[str, str]) -> dict[str, list[str]]:
    """Indicator -> the opgaven (ids) whose block in 'In een oogopslag' shows it: the one
    whose bullet shows it first, then the one listing its adverse signals no bullet there
    shows (:func:`not_shown_items`: only under its ``home``); ``choices``: each opgave with
    its bullets' signals. Kies richting's line of another opgave says where
    (:func:`~.direction_words.kies_line`)."""
    out: dict[str, list[str]] = {}
    for opg, chosen in choices:
        for sig in chosen:
            out.setdefault(sig["indicator_id"], []).append(opg["id"])
    for opg, chosen in choices:
        shown = {(x["indicator_id"], x["kind"]) for x in chosen}
        for sig in data.signals:
            ind = sig["indicator_id"]
            if sig["opgave_id"] == opg["id"] and sig["valence"] == "adverse" \
                    and (ind, sig["kind"]) not in shown and home.get(ind) == opg["id"] \
                    and opg["id"] not in out.get(ind, []):
                out.setdefault(ind, []).append(opg["id"])
    return out


def elsewhere_line(data: CityData, opg: dict, chosen: list[dict], home: dict[str, str],
                   names: dict[str, str], lang: str) -> str | None:
    """The opgave's adverse signals neither a bullet under it nor listed under it, counted,
    with the opgaven where they stand ('Verder 4 ongunstige signalen die onder Economie en
    onder Bestuur en samenspel staan.'): page 1's count of its adverse signals stays
    accountable; None without such."""
    shown = {(x["indicator_id"], x["kind"]) for x in chosen}
    there = [home[x["indicator_id"]] for x in data.signals
             if x["opgave_id"] == opg["id"] and x["valence"] == "adverse"
             and (x["indicator_id"], x["kind"]) not in shown
             and home.get(x["indicator_id"], opg["id"]) != opg["id"]]
    if not there:
        return None
    where = [names[o] for o in names if o in there]
    return t(lang, "glance_elsewhere_one" if len(there) == 1 else "glance_elsewhere",
             n=len(there), opgaven=t(lang, "glance_elsewhere_and").join(where))


def not_shown_items(data: CityData, opg: dict, chosen: list[dict],
                    under: dict[str, tuple[str, str | None, dict]], home: dict[str, str],
                    lang: str) -> list[str]:
    """The opgave's adverse signals no bullet under it shows, each indicator once with the
    labels of its signals ('Geregistreerde misdrijven per 1 000 inwoners (ongunstig
    vergeleken met het ommeland, ongunstige trend)'), only under its ``home`` opgave
    (:func:`homes`; the others count it: :func:`elsewhere_line`); ``under``: indicator ->
    the opgave whose bullet names it and that bullet's label. An indicator whose bullet
    stands above with another signal says so briefly (Amersfoort's Economie: 'Netto
    arbeidsparticipatie (ongunstig: voorsprong op het ommeland slinkt; ook hierboven, met
    het label ‘gunstige trend’)'; before, '(ongunstig: voorsprong op het ommeland slinkt)'
    under a bullet 'gunstige trend Netto arbeidsparticipatie' read as a contradiction), and
    where both are deviations of one year, the yardstick of each (:func:`both_yardsticks`).
    An empty list when every one is shown. ``under``'s third item is the bullet's signal. A
    small municipality's sample figure says so as what the signal rests on ('Werkloosheid
    (ongunstig vergeleken met de groep, op een steekproefcijfer, voor kleine gemeenten
    onnauwkeurig)', Vlieland 2024), not as a signal of its own ('ongunstig vergeleken
    met de groep, steekproefcijfer, ...' before session 53)."""
    shown = {(x["indicator_id"], x["kind"]) for x in chosen}
    badges: dict[str, list[str]] = {}
    listed: dict[str, list[dict]] = {}
    for sig in data.signals:
        if sig["opgave_id"] == opg["id"] and sig["valence"] == "adverse" \
                and (sig["indicator_id"], sig["kind"]) not in shown \
                and home[sig["indicator_id"]] == opg["id"]:
            badges.setdefault(sig["indicator_id"], []).append(
                badge(sig, lang, data.gap_trends.get(sig["indicator_id"])))
            listed.setdefault(sig["indicator_id"], []).append(sig)
    items: list[str] = []
    for ind, words in badges.items():
        if any(((data.small_bases.get(ind) or {}).get(int(x["year"])) or {}).get("survey")
               for x in listed[ind] if x.get("year") is not None):  # a small town's sample
            words = [t(lang, "glance_caveat", badge=", ".join(words),
                       caveat=small_base_brief({"survey": True}, lang))]
        title = data.catalogue[ind][f"title_{lang}"] if ind in data.catalogue else ind
        elsewhere, label, above = under.get(ind) or (None, None, None)
        key = "glance_not_shown_item" if elsewhere is None else "glance_shown_here"
        item = t(lang, key + ("_label" if label and elsewhere else ""), title=title,
                 badge=", ".join(words), label=label)
        if label and elsewhere:  # which yardstick each verdict is of, and the year
            item = item[:-1] + both_yardsticks(listed[ind], above, lang) + item[-1:]
        items.append(item)
    return items


#: the deviations (their ``kind``) whose yardstick :func:`both_yardsticks` names
DEVIATIONS = ("group_deviation", "ommeland_deviation")


def both_yardsticks(listed: list[dict], above: dict | None, lang: str) -> str:
    """Where an indicator's bullet above and its adverse signal in the list are deviations of
    one year from two yardsticks with opposite verdicts, the two in words: '; in 2024 hoger
    dan de mediaan van de groep en lager dan het ommeland' (Vlieland's unemployment, 3,2%
    against its size group's median of 3,0% and its ommeland's 3,8%: listed 'ongunstig
    vergeleken met de groep' under a bullet 'gunstig vergeleken met het ommeland', which read
    as one verdict and its opposite); '' otherwise (Enschede's thefts, above both: none)."""
    dev = next((x for x in listed if x["kind"] in DEVIATIONS), None)
    if dev is None or above is None or above.get("kind") not in DEVIATIONS \
            or above["kind"] == dev["kind"] or above.get("year") != dev.get("year") \
            or above.get("valence") == dev["valence"]:  # one verdict twice: no contradiction
        return ""
    first, second = (t(lang, f"glance_{x['kind']}_{x['movement']}") for x in (dev, above))
    return t(lang, "glance_both_yardsticks", year=int(dev["year"]), first=first,
             second=second)

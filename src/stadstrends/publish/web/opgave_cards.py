"""The city page's opgave cards say what the report's 'In een oogopslag' says: per opgave the
indicators that matter most for it, then its strongest signals, each indicator once, with the
label of what its verdict rests on (:func:`stadstrends.publish.report.glance.glance`). Before,
a card listed an opgave's top signals, one indicator twice with opposite verdicts (Utrecht,
Verduurzaming: solar installations 'stijgt significant — gunstig' and 'lager dan in het
ommeland — ongunstig'). Its counts line is the report's (:func:`~stadstrends.publish.report.
glance_words.glance_counts`): the opgave's signals as page 1 and the API count them, not the bullets
(Zwolle, Zorg en welzijn: '2 gunstig · 0 ongunstig · 2 geen oordeel' beside page 1's 9, 5 and
12), and the adverse signals no bullet shows are named under them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from stadstrends.errors import StadstrendsError
from stadstrends.publish.web.state import WebWarehouse

MEMO = 16  # glance bullets kept: 8 municipalities in two languages
VALENCES = ("favourable", "adverse", "neutral")


def counted(valences: Iterable[str | None]) -> dict[str, int]:
    """``{favourable, adverse, neutral}``: how many of a card's shown bullets have each
    valence. The card prints them beside its bullets, so they count the bullets, not the
    opgave's signals (Utrecht, Wonen: '4 gunstig · 3 ongunstig' over five bullets, none
    favourable or adverse)."""
    found = list(valences)
    return {v: sum(x == v for x in found) for v in VALENCES}


def glance_items(wh: WebWarehouse, code: str, set_id: str, lang: str
                 ) -> dict[str, dict[str, Any]] | None:
    """Opgave id -> ``{items, counts, not_shown, kies}``: its bullets ``{indicator_id, text,
    label, valence}`` in ``lang``, its signal counts, the adverse signals no bullet shows and
    the line naming what Kies richting names for it (None when nothing), as
    the report of ``code`` within group ``set_id`` has them; None where the warehouse cannot
    make the report (no analysis tables, or a language it has no opgave names in). Made
    once per municipality, group and language (the city's report data: 0.13-0.34 s for
    Utrecht)."""
    def make() -> dict[str, dict[str, Any]] | None:
        from stadstrends.publish.report.data import load_city
        from stadstrends.publish.report.glance import glance

        with wh.cursor() as cur:
            try:
                data = load_city(cur, code, set_id)
            except StadstrendsError:
                return None
        if any(f"name_{lang}" not in o for o in data.opgaven):
            return None  # the warehouse names its opgaven in nl and en: no report in lang
        return {o["id"]: {"items": [{"indicator_id": it["sentence"].indicator_id,
                                     "text": it["sentence"].text, "label": it["valence_text"],
                                     "valence": it["valence"] or "none"} for it in o["items"]],
                          "counts": o["counts"], "not_shown": o["not_shown"],
                          "not_shown_list": o["not_shown_list"],
                          "not_shown_elsewhere": o["not_shown_elsewhere"],
                          "kies": o["kies"]}
                for o in glance(data, lang)["opgaven"]}

    return wh.memo(("glance", code, set_id, lang), make, size=MEMO)


def with_glance(wh: WebWarehouse, code: str, set_id: str, lang: str,
                cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The cards (:func:`.tiles.city_page` makes them with this) with the report's bullets as
    ``items`` in place of their top signals (``top`` kept where there are none), its signal
    counts line as ``counts`` and its adverse signals not shown as ``not_shown``, and its line
    on what Kies richting names for the opgave as ``kies``: a Kies richting item need not be
    a signal (Land van Cuijk's governance card: no bullet beside an urgent task, cleared
    crimes)."""
    items = glance_items(wh, code, set_id, lang)
    none: dict[str, Any] = {"items": [], "counts": None, "not_shown": None,
                            "not_shown_list": None, "not_shown_elsewhere": None,
                            "kies": None}
    if items is None:  # an empty list: a card's 'items' is read by key, not dict.items
        return [{**card, **none} for card in cards]
    return [{**card, **mine, "top": []}
            for card in cards for mine in [items.get(card["id"], none)]]

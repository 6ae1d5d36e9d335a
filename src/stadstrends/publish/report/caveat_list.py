"""The catalogue's caveats of the indicators a report shows, listed in its Verantwoording
('Kanttekeningen bij de indicatoren'): one item per indicator with figures for the city, in
catalogue order, its caveats in the report's language. A list there, not a note under each
chart: the domain sections draw their indicators as panels of one figure per domain, and the
indicators have 1 to 5 caveats each (182 in the catalogue), which between the figures would
bury them; the Verantwoording already gives each indicator's definition, source and period.
Not repeated: a projection's caveats, which the outlook lists under its chart, and a caveat
'Wat ontbreekt' already gives as the reason for the city's years the catalogue leaves out
(:func:`~stadstrends.publish.report.gap_words.city_left_out`: gas delivered without
2015-2016). Oldambt's net international migration: 'Inclusief administratieve correcties;
de opvang van asielzoekers en arbeidsmigranten geeft grote schommelingen ...'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stadstrends.publish.report.texts import t

if TYPE_CHECKING:
    from stadstrends.publish.report.data import CityData


def caveat_items(data: CityData, shown: list[str], said: dict[str, set[str]],
                 lang: str) -> dict:
    """``{'title', 'intro', 'entries': [{'title', 'caveats'}]}`` for the indicators ``shown``
    (ids, the Verantwoording's table's), without the caveats ``said`` elsewhere (indicator ->
    texts) and without a projection's whose outlook lists them (it has figures)."""
    key = "caveats_en" if lang == "en" else "caveats"
    items = []
    for ind in shown:
        meta = data.catalogue[ind]
        if meta.get("projection") and data.series.get(ind):
            continue  # under the outlook's chart (sections.outlook)
        left = [c for c in meta.get(key) or [] if c not in said.get(ind, set())]
        if left:
            items.append({"title": meta[f"title_{lang}"], "caveats": left})
    return {"title": t(lang, "acc_caveats"), "intro": t(lang, "acc_caveats_intro"),
            "entries": items}

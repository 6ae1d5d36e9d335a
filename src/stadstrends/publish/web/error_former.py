"""The error page of a former municipality asked for by a page that needs one of today's
(``/vergelijk?regions=GM1991,Esch``, ``/ranglijst?mijn=Esch``, ``/rapport/GM0776.nl.pdf``):
the history as the municipality's own page tells it (:mod:`stadstrends.publish.web.former`),
for every way :meth:`Successors.of <stadstrends.publish.successors.Successors.of>` refuses
one (divided, divided later through a chain, area now elsewhere, no successor), and links
that keep the page's other choices (the comparison being built)."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from stadstrends.publish.web.former import sentence
from stadstrends.publish.web.page_render import url
from stadstrends.publish.web.state import WebWarehouse

#: the worded errors of :meth:`Successors.of` for a municipality that no longer exists
FORMER_KEYS = ("former_split", "former_split_now", "former_chain", "former_gone")
#: the query parameters that name municipalities on the pages, in the order looked at
REGION_PARAMS = ("regions", "mijn")


def _entry(request: Request, wh: WebWarehouse, code: str) -> tuple[str, list[str], int] | None:
    """The parameter, its entries and the place of the one that names ``code`` ('Esch',
    'gm0776'), or None (a path's code: ``/rapport/GM0776.nl.pdf``)."""
    from stadstrends.publish.web.data import parse_codes

    for name in REGION_PARAMS:
        parts = parse_codes(request.query_params.get(name))
        for at, part in enumerate(parts):
            if part.upper() == code:
                return name, parts, at
            try:
                if wh.index.resolve(part) == code:
                    return name, parts, at
            except Exception:  # noqa: BLE001 - unknown or ambiguous: not this entry
                continue
    return None


def former_error(request: Request, wh: WebWarehouse, worded: tuple[str, dict[str, Any]] | None,
                 t: dict[str, str], lang: str, path: str
                 ) -> tuple[str, list[dict[str, str]]] | None:
    """Lead and links of the error page for a municipality that no longer exists, or None
    for any other error. The lead is the sentence of its own page ('Adorp ging op 1 januari
    1990 op in Winsum; Winsum is sinds 1 januari 2019 verdeeld over Het Hogeland en
    Westerkwartier'); on a page of several municipalities it names the entry asked for
    ('In de vergelijking staat ‘GM0001’: ...'). A link of a successor replaces that entry
    and keeps the page's other parameters; without such an entry it opens the successor's
    page."""
    if not worded or worded[0] not in FORMER_KEYS:
        return None
    code = str(worded[1].get("code", "")).upper()
    found = wh.successors.former(code)
    if found is None:
        return None
    said = sentence(found, lang)["text"]
    entry = _entry(request, wh, code)
    several = entry is not None and entry[0] == "regions" and len(entry[1]) > 1
    key = "err_former_list" if several else "err_former"
    lead = t[key].format(sentence=said, name=found["name"],
                         entry=entry[1][entry[2]] if entry else code)
    if found["successors"]:
        lead += " " + t["err_former_choose_list" if several else "err_former_choose"].format(
            name=found["name"])
    links = []
    for s in found["successors"]:
        if entry is None:
            href = url(f"/gemeente/{s['region_code']}", lang=lang)
        else:
            name, parts, at = entry
            chosen = list(dict.fromkeys([*parts[:at], s["region_code"], *parts[at + 1:]]))
            keep = {k: v for k, v in request.query_params.items() if k != name}
            href = url(path, **{**keep, name: ",".join(chosen)})
        links.append({"label": wh.name(s["region_code"]), "href": href})
    return lead, links

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
                 ) -> tuple[str, list[dict[str, str]], str] | None:
    """Lead, links and the label above the links of the error page for a municipality that
    no longer exists, or None for any other error. The lead is the sentence of its own page
    ('Adorp ging op 1 januari 1990 op in Winsum; Winsum is sinds 1 januari 2019 verdeeld over
    Het Hogeland en Westerkwartier'); on a page of several municipalities it names the entry
    asked for ('In de vergelijking staat ‘GM0001’: ...'). A link of a successor replaces that
    entry and keeps the page's other parameters; on a report's address it opens the
    successor's report in the same language and form; else the successor's page. The label
    says what the links are ('Het gebied van Haaren hoort nu bij:'), not 'Bedoelde u:' (a
    guess at a typo). Without a successor (Elten, Tudderen: CBS's register names none) the
    links go on without it (:func:`_gone`)."""
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
    if not found["successors"]:
        return _gone(request, found["name"], entry, several, t, lang, path, lead)
    lead += " " + t["err_former_choose_list" if several else "err_former_choose"].format(
        name=found["name"])
    report = _report_file(request, path)
    links = []
    for s in found["successors"]:
        if report is not None:
            href = f"/rapport/{s['region_code']}.{report}"
        elif entry is None:
            href = url(f"/gemeente/{s['region_code']}", lang=lang)
        else:
            name, parts, at = entry
            chosen = list(dict.fromkeys([*parts[:at], s["region_code"], *parts[at + 1:]]))
            keep = {k: v for k, v in request.query_params.items() if k != name}
            href = url(path, **{**keep, name: ",".join(chosen)})
        links.append({"label": wh.name(s["region_code"]), "href": href})
    now = all(wh.regions.get(s["region_code"], {}).get("current")
              for s in found["successors"])  # Beers (1994): Cuijk, Grave, ... are former
    label = t["err_former_links" if now else "err_former_links_then"].format(
        name=(found.get("shares_of") or found)["name"])
    return lead, links, label


def _report_file(request: Request, path: str) -> str | None:
    """'nl.pdf' of a report's address (``/rapport/GM0788.nl.pdf``, ``/rapport/Haaren.en.html``),
    its language and form, for the successors' reports; None on any other page."""
    from stadstrends.publish.web.report_files import report_form

    form = report_form(request.url.path) if path.startswith("/rapport/") else None
    return ".".join(form) if form else None


def _gone(request: Request, name: str, entry: tuple[str, list[str], int] | None,
          several: bool, t: dict[str, str], lang: str, path: str, lead: str
          ) -> tuple[str, list[dict[str, str]], str]:
    """A former municipality whose area went to no municipality CBS's register names (Elten,
    Tudderen, 1963): no figures, so no way to it, but ways on: the same page without it,
    the page's other choices kept (``/indicator/population?regions=GM1991,Elten`` ->
    ``/indicator/population?regions=GM1991``; the comparison, of at least two, without
    them when one would be left), and the search for a municipality of today."""
    from stadstrends.publish.web.data import MIN_COMPARE

    links = []
    if entry is not None:
        param, parts, at = entry
        rest = parts[:at] + parts[at + 1:]
        keep = {k: v for k, v in request.query_params.items() if k != param}
        if path == "/vergelijk" and len(rest) < MIN_COMPARE:  # '1 gemeente opgegeven'
            several, rest = False, []  # the empty chooser, not an error page
        links.append({"label": t["err_former_gone_without"].format(name=name),
                      "href": url(path, **{**keep, param: ",".join(rest)})})
    links.append({"label": t["err_former_gone_search"], "href": url("/zoek", lang=lang)})
    way = "err_former_gone_list" if several else \
        "err_former_gone_entry" if entry is not None else "err_former_gone"
    return lead + " " + t[way].format(name=name), links, ""


def unknown_entry(request: Request, wh: WebWarehouse, t: dict[str, str], lang: str,
                  path: str, links: list[dict[str, str]]
                  ) -> tuple[str, list[dict[str, str]]] | None:
    """Lead and links of the error page for an entry of ``regions`` or ``mijn`` that names
    no municipality: the lead names it ('Onder de gekozen gemeenten staat ‘GM9999’: die
    gemeente kennen we niet.'; before, 'Deze gemeente kennen we niet.' and the entry only
    under 'Technische melding'); without a guess at a typo (``links``: 'Bedoelde u:
    Heerlen') the way on without it and the search, as for a gone municipality. None when
    no entry of the address is unknown (a path's code: ``/gemeente/GM9999``)."""
    from stadstrends.errors import RegionNotFound
    from stadstrends.publish.web.data import MIN_COMPARE, parse_codes

    def unknown(part: str) -> bool:
        try:
            wh.index.resolve(part)
        except RegionNotFound:
            return True
        except Exception:  # noqa: BLE001 - ambiguous or former: another error's page
            return False
        return False

    for param in REGION_PARAMS:
        parts = parse_codes(request.query_params.get(param))
        at = next((i for i, part in enumerate(parts) if unknown(part)), None)
        if at is None:
            continue
        part = parts[at]
        several = param == "regions" and len(parts) > 1
        lead = t["err_region_unknown_list" if several else "err_region_unknown"].format(
            entry=part)
        if links:
            return lead, links
        rest = parts[:at] + parts[at + 1:]
        keep = {k: v for k, v in request.query_params.items() if k != param}
        if path == "/vergelijk" and len(rest) < MIN_COMPARE:  # too few left to compare
            # not 'Verder zonder': the chooser would open empty (h56i); the one left, if any,
            # by the search (one name opens its page), and the chooser named as what it is
            return lead, [*({"label": t["err_compare_open"].format(name=f"‘{name}’"),
                             "href": url("/zoek", q=name, lang=lang)} for name in rest),
                          {"label": t["err_compare_again"], "href": url(path, lang=lang)},
                          {"label": t["err_region_unknown_search"],
                           "href": url("/zoek", lang=lang)}]
        return lead, [{"label": t["err_former_gone_without"].format(name=f"‘{part}’"),
                       "href": url(path, **{**keep, param: ",".join(rest)})},
                      {"label": t["err_region_unknown_search"], "href": url("/zoek", lang=lang)}]
    return None

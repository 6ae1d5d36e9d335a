"""The friendly HTML error page: in the user's language, the problem in plain words (a query
parameter a page could not read is a 400, not FastAPI's 422), suggestions that work."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse

from stadstrends import vocabulary
from stadstrends.errors import StadstrendsError
from stadstrends.publish.web.error_former import REGION_PARAMS, former_error, unknown_entry
from stadstrends.publish.web.i18n import city_set_name, texts, title
from stadstrends.publish.web.missing_files import file_path, page_links
from stadstrends.publish.web.page_render import page_credit, route_path, templates, url
from stadstrends.publish.web.report_files import report_form
from stadstrends.vocabulary import language_of


def error_lang(request: Request) -> str:
    """The page's language: ?lang=, else the language a report's address names
    (``/rapport/GM0788.en.pdf``), else Dutch; an unknown ?lang= falls back on the browser's
    (Accept-Language); ``lang`` given twice naming two languages asks for none (Dutch, as the
    JSON twin gives its default, :func:`~stadstrends.publish.web.errors.request_language`)."""
    given = request.query_params.getlist("lang")  # twice, naming two languages: none asked
    lang = given[-1] if len({language_of(v) or v for v in given}) == 1 else None
    if lang is None:
        form = report_form(request.url.path)  # a report's address names its language
        return form[0] if form else "nl"  # the site's language unless asked
    if language_of(lang):  # 'en-US': English
        return language_of(lang)
    accept = request.headers.get("accept-language", "").lower()
    return "en" if accept.startswith("en") else "nl"


def _field_lead(fields: list[tuple[str, str]], t: dict[str, str], lang: str) -> str | None:
    """Plain words for query parameters a page could not read (``?year=abc``, ``?lang=xx``)."""
    parts = []
    for name, value in fields:
        key = {"lang": "err_field_lang", "year": "err_field_year"}.get(name, "err_field")
        # the parameter in words where the language file has them ('De sortering ‘x’')
        param = vocabulary.section(lang, "errors").get(f"param_{name}")
        if key == "err_field" and param:
            key = "err_field_named"
        parts.append(t[key].format(value=value, field=name, param=param))
    return " ".join(parts) or None


def heading(t: dict[str, str], status: int, code: str | None, path: str,
            worded: tuple[str, dict[str, Any]] | None,
            fields: list[tuple[str, str]] | None) -> str:
    """The error page's heading, naming the problem as the lead does ('Onbekende gemeente',
    'Onbekende keuze in het adres'): a parameter the page could not read, else the error's
    words key, else its code (``heading_<key>`` in the language file); else by status: 'Niet
    gevonden', 'Dit adres klopt niet', and for a fault of the site 'Er ging iets mis'."""
    keys = []
    if fields:
        name = fields[0][0]
        keys.append(f"heading_field_{name}" if name in ("lang", "year") else "heading_field")
    if worded:
        keys.append(f"heading_{worded[0]}")
    if path == "/vergelijk" and code == "invalid_parameter":
        keys.append("heading_compare")
    keys += [f"heading_{code}", {404: "not_found", 400: "heading_invalid_parameter"}.get(
        status, "error")]
    return next(t[k] for k in keys if k in t)


#: the errors whose suggestions are municipalities for an entry of the address
REGION_ERRORS = ("region_not_found", "region_ambiguous")

#: pages with an indicator chooser ('Indicator') and a default indicator
INDICATOR_PAGES = ("/", "/vergelijk", "/ranglijst")


def _other(request: Request, name: str) -> dict[str, str]:
    """The address's other parameters, for a link that changes ``name`` (the year too: a
    year of one indicator may have no figures of another)."""
    return {k: v for k, v in request.query_params.items() if k not in (name, "year")}


def _group_label(wh: Any, set_id: str, lang: str) -> str:
    """A group meant on /ranglijst as its menu names it, after the id typed where the name
    lacks it: 'GK1: gemeenten met minder dan 10.000 inwoners op 1 januari 2025'; a city
    network's name holds its id (before, the bare ids only)."""
    from stadstrends.publish.web.ranking import group_name

    label = group_name(wh, set_id, lang)
    return label if set_id in label else f"{set_id}: {label}"  # not the id twice


def _resolves(wh: Any, part: str) -> bool:
    try:
        wh.index.resolve(part)
    except StadstrendsError:  # unknown, ambiguous or former: not a municipality
        return False
    return True


def _swapped(request: Request, wh: Any, path: str, suggestion: str) -> str | None:
    """The page's address with the one entry of ``regions`` or ``mijn`` that names no
    municipality (a typo, 'Bergen') replaced by ``suggestion``'s code, the other choices
    kept (the comparison being built); None when no single such entry (before, the
    suggestion led to a municipality's own page, on ``/indicator/`` to an indicator page
    named after it: ``/indicator/Zwolle``, a 404)."""
    from stadstrends.publish.web.data import parse_codes

    try:
        code = wh.index.resolve(suggestion)
    except StadstrendsError:  # a suggestion that is no municipality
        return None
    for name in REGION_PARAMS:
        parts = parse_codes(request.query_params.get(name))
        bad = [at for at, part in enumerate(parts) if not _resolves(wh, part)]
        if len(bad) == 1:
            parts[bad[0]] = code
            keep = dict(request.query_params)
            keep[name] = ",".join(parts)
            return url(path, **keep)
    return None


def render_error(request: Request, status: int, body: dict[str, Any],
                 fields: list[tuple[str, str]] | None = None,
                 worded: tuple[str, dict[str, Any]] | None = None) -> HTMLResponse:
    """Friendly HTML error page in the user's language, with suggestions that work (links
    keep the page's other query parameters). ``worded``: the error's words key and its
    parameters; a page text ``err_<key>`` leads with them (a year without figures)."""
    lang = error_lang(request)
    err = body["error"]
    path = route_path(request)
    if file_path(request.url.path):  # a folder's file: its own address ('/' before)
        path = quote(request.url.path)
    wh = getattr(request.state, "wh", None) or request.app.state.wh
    links = []
    for s in err.get("suggestions") or []:
        s = str(s)
        if worded and worded[0] == "unknown_parameter":  # the same page, the name it takes
            name = str(worded[1].get("name"))
            keep = {k: v for k, v in request.query_params.items() if k != name}
            keep[s] = request.query_params.get(name)
            links.append({"label": f"?{s}={keep[s]}", "href": url(path, **keep)})
        elif worded and worded[0] == "empty_list_item":  # the same page, the list as meant
            keep = {**request.query_params, str(worded[1].get("name")): s}
            links.append({"label": s, "href": url(path, **keep)})
        elif err.get("code") in REGION_ERRORS and (swap := _swapped(request, wh, path, s)):
            links.append({"label": wh.name(s) if s in wh.regions else s, "href": swap})
        elif err.get("code") in REGION_ERRORS and (code := wh.municipality_code(s)):
            # its page, not a search ('s-Graveland: Wijdemeren and Nieuwland, Kortland en
            # 's-Graveland on /zoek); a former one's page says where it went
            # a code (an ambiguous name's choices: GM0373, GM0893) by its name
            links.append({"label": wh.name(s) if s in wh.regions else s,
                          "href": url(f"/gemeente/{code}", lang=lang)})
        elif err.get("code") == "group_not_found" and (param := next(
                (p for p in ("vergelijk", "groep") if p in request.query_params), None)):
            keep = {**request.query_params, param: s}  # this page, the group meant
            links.append({"label": s if param == "vergelijk" else _group_label(wh, s, lang),
                          "href": url(path, **keep)})
        elif s in wh.regions:
            links.append({"label": wh.name(s), "href": url(f"/gemeente/{s}", lang=lang)})
        elif path in INDICATOR_PAGES and s in wh.indicators:  # this page, that indicator
            links.append({"label": title(wh.indicators[s], lang),
                          "href": url(path, **_other(request, "indicator"), indicator=s)})
        elif path.startswith("/indicator/") and s.isdigit():
            keep = request.query_params.get("regions")
            links.append({"label": s, "href": url(path, year=s, regions=keep, lang=lang)})
        elif s in wh.indicators or (path.startswith("/indicator/")
                                    and err.get("code") == "indicator_not_found"):
            label = title(wh.indicators[s], lang) if s in wh.indicators else s
            keep = {k: v for k, v in request.query_params.items() if k in ("regions", "year")}
            links.append({"label": label, "href": url(f"/indicator/{s}", lang=lang, **keep)})
        else:
            links.append({"label": s, "href": url("/zoek", q=s, lang=lang)})
    t = texts(lang, city_set_name(wh, lang))
    lead = t.get(f"err_{err.get('code')}") or t["err_" + ("not_found" if status == 404
                                                           else "invalid_parameter")]
    if path == "/vergelijk" and err.get("code") == "invalid_parameter":
        lead = t["err_compare"]
    if worded and f"err_{worded[0]}" in t:
        lead = t[f"err_{worded[0]}"].format(**worded[1])
    lead = _field_lead(fields or [], t, lang) or lead
    label = None  # above the links: 'Bedoelde u:', suggestions for what was typed
    if err.get("code") == "region_ambiguous":  # the heading asks 'Welke gemeente bedoelt
        label = ""  # u?': the names follow without a second question ('Bedoelde u:')
    if err.get("code") == "region_not_found" and (named := unknown_entry(
            request, wh, t, lang, path, links)):  # 'staat ‘GM9999’: ...', and ways on
        lead, links = named
        label = "" if not err.get("suggestions") else None
    if (report := page_links(worded, err.get("suggestions") or [], t, lang)) is not None:
        links = report  # a missing report file: the report meant and its municipality's page
    gone = former_error(request, wh, worded, t, lang, path)  # Esch, Adorp, Haaren, Elten
    if gone:
        lead, links, label = gone
    if lead == t["err_invalid_parameter"] and err.get("message"):  # the reason, not only
        # 'een keuze in het adres klopt niet' ('Schiermonnikoog hoort niet bij ...')
        for part in (err["message"], err.get("hint") or ""):
            part = part.strip().rstrip(".")
            lead += f" {part[:1].upper()}{part[1:]}." if part else ""
    if worded and worded[0] == "unknown_indicator" and path in INDICATOR_PAGES:
        # a hint on this page, not 'kies ... op de pagina Ranglijst' from /vergelijk
        err["hint"] = vocabulary.section(lang, "errors")["unknown_indicator_here_page_hint"] \
            .format(url=url(path, **_other(request, "indicator")))
    if worded and worded[0] == "unknown_group_list":  # /ranglijst: the page without it
        err["hint"] = vocabulary.section(lang, "errors")["unknown_group_list_here_page_hint"] \
            .format(url=url("/ranglijst", **{k: v for k, v in request.query_params.items()
                                              if k != "groep"}))
    context = {"page": {"status": status, "error": err, "links": links, "lead": lead,
                        "links_label": f"{t['did_you_mean']}:" if label is None else label,
                        "heading": heading(t, status, err.get("code"), path, worded, fields)},
               "lang": lang, "t": t, "permalink": url(path, lang=lang), "json_url": None,
               "lang_url": url(path, lang="en" if lang == "nl" else "nl"),
               "credit": page_credit(t)}
    return templates.TemplateResponse(request, "error.html", context, status_code=status)

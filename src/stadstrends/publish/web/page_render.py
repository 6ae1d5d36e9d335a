"""How a page is answered: its Jinja template rendered with the words of its language, or
its JSON twin (``?format=json``); the permalink and other URLs of a page (:func:`url`), and
the matched route's path (:func:`route_path`). Shared by the pages (``pages.py``) and the
error page (``error_pages.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

from stadstrends.publish.format import fmt_change, fmt_number, keep_printed_numbers_whole
from stadstrends.publish.nowrap import NowrapTemplate
from stadstrends.publish.web import units
from stadstrends.publish.web.api import jsonable
from stadstrends.publish.web.i18n import (
    city_set_name,
    credit,
    domain_name,
    in_language,
    texts,
    title,
)
from stadstrends.publish.web.reload import request_wh

# every printed text keeps a spaced thousand on one line ('per 1 000' broke as 'per 1' /
# '000' on a phone), as the report's templates do
templates = Jinja2Templates(env=jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=jinja2.select_autoescape(), finalize=keep_printed_numbers_whole))
templates.env.template_class = NowrapTemplate  # joiners as spans that do not wrap
templates.env.filters.update(value=lambda v, unit="", lang="nl", decimals=None: units.show(
                                 v, unit, lang, decimals=decimals),
                             number=lambda v, d=0, lang="nl": fmt_number(v, d, lang),
                             change=lambda v, lang="nl": fmt_change(v, 1, lang))


def url(path: str, **params: Any) -> str:
    """``path`` with the non-empty ``params`` as query string (stable order)."""
    query = {k: v for k, v in params.items() if v not in (None, "", [], "nl")}
    return path + ("?" + urlencode(query, safe=",") if query else "")


def render(request: Request, template: str, page: dict[str, Any], lang: str, fmt: str,
           path: str, params: dict[str, Any], status: int = 200,
           twin: bool = True) -> Response:
    """The page, or its JSON twin; ``path`` + ``params`` make the permalink. ``twin``
    False: a page whose address answers JSON with an error (no link to it)."""
    permalink = url(path, **params, lang=lang)
    json_url = url(path, **params, lang=lang, format="json") if twin else None
    if fmt == "json":  # units and credit in lang, the unit's code kept, as the API's
        return JSONResponse(jsonable(in_language({**page, "permalink": permalink,
                                                  "credit": credit(lang)}, lang)),
                            status_code=status)
    other = "en" if lang == "nl" else "nl"
    wh = request_wh(request)
    t = texts(lang, city_set_name(wh, lang))
    context = {"page": page, "lang": lang, "t": t, "permalink": permalink,
               "unchecked": bool(getattr(wh, "build_info", {}).get("inputs_unchecked")),
               "json_url": json_url, "lang_url": url(path, **params, lang=other),
               "credit": page_credit(t), "domain_name": domain_name, "ititle": title}
    return templates.TemplateResponse(request, template, context, status_code=status)


def route_path(request: Request) -> str:
    """The path of the matched route with its parameters quoted (``/`` when no route
    matched): never the raw request path, which may be ``//other.host/...``."""
    route = request.scope.get("route")
    template = getattr(route, "path_format", None)
    if not template or not template.startswith("/") or template.startswith("//"):
        return "/"
    params = {k: quote(str(v), safe="") for k, v in request.path_params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return "/"


def page_credit(t: dict) -> str:
    """The footer's credit in the page's language: 'Bron: CBS (CC BY 4.0)' on Dutch pages,
    'Source: CBS (CC BY 4.0)' on English ones (the JSON twin, the API and the downloads
    likewise, :func:`~stadstrends.publish.web.i18n.credit`)."""
    return f"{t['source']} (CC BY 4.0)"

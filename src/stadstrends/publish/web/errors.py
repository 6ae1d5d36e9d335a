"""The one place where errors become HTTP responses.

Every error, a :class:`StadstrendsError`, a request validation error, an unknown route or an
unexpected exception, gets a status and the fixed shape
``{"error": {"code", "message", "hint", "suggestions"}}``; HTML pages get a friendly page with
the same facts. Never a traceback.
"""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from stadstrends import vocabulary
from stadstrends.closest import closest
from stadstrends.errors import (
    InvalidParameter,
    NotFoundError,
    RegionNotFound,
    StadstrendsError,
    echo,
    error_words,
    printable,
)
from stadstrends.publish.web.i18n import CATALOGUE_LANG
from stadstrends.publish.web.missing_files import file_path, missing_file
from stadstrends.vocabulary import language_of, languages

log = logging.getLogger("stadstrends.web")

_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 400: "bad_request",
               422: "invalid_parameter", 500: "internal_error"}


def error_body(status: int, code: str, message: str, hint: str | None = None,
               suggestions: list[str] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "hint": hint,
                      "suggestions": list(suggestions or [])}}


# pydantic's error types -> the words of the language files (``errors.field_*``)
_FIELD_WORDS = {"int_parsing": "field_not_whole", "int_type": "field_not_whole",
                "greater_than_equal": "field_below", "greater_than": "field_below",
                "less_than_equal": "field_above", "less_than": "field_above",
                "string_too_long": "field_too_long", "missing": "field_missing"}


def field_words(err: dict[str, Any], lang: str, page: bool = False) -> str:
    """One parameter pydantic could not read, in ``lang``'s words: 'year: ‘abc’ is geen
    geheel getal' (not pydantic's English 'Input should be a valid integer...'); for a
    page's reader the parameter named in words where the language file has it
    (``errors.param_<name>``, ``errors.<key>_named``): 'Het jaar ‘abc’ is geen geheel getal'."""
    where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
    ctx = err.get("ctx") or {}
    limit = next((ctx[k] for k in ("ge", "gt", "le", "lt", "max_length") if k in ctx), "")
    key = ("unknown_language" if where == "lang" and err.get("type") == "value_error"
           else _FIELD_WORDS.get(str(err.get("type")), "field_invalid"))
    value = echo(err.get("input", ""))
    params = {"lang": value, "value": value, "limit": limit, "choices": ", ".join(languages())}
    named = vocabulary.section(lang, "errors").get(f"param_{where}")
    if page and named and key != "unknown_language":
        return error_words(f"{key}_named", lang, {**params, "param": named})[0]
    return f"{where or 'request'}: {error_words(key, lang, params)[0]}"


def choices(err: dict[str, Any]) -> list[str]:
    """The values a parameter pydantic could not read takes, where they are few: a choice
    (``level``: gemeente, corop, provincie, land) or a yes/no (``include_former``: true,
    false); else []."""
    kind = err.get("type")
    if kind == "bool_parsing":
        return ["true", "false"]
    if kind in ("literal_error", "enum"):
        return re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
    return []


def _validation_message(exc: RequestValidationError, lang: str, page: bool
                        ) -> tuple[str, str | None, list[str]]:
    """Message, hint and suggestions for parameters FastAPI could not read. An unknown
    ``?lang=`` of a page says what the API's :func:`check_language` says ('unknown language
    'zz'', 'use one of: nl, en'); a page's hint is for the page's reader; the API's names
    the values of every parameter with few (``?level=gemeentes``: 'give level one of:
    gemeente, corop, provincie, land'; ``/ranglijst?sorteer=evil&volgorde=x`` both
    parameters', not the first's only), a close match suggested (``prov``: provincie; none
    for ``xyz``, which suggested 'land' before session 53), else points to its docs."""
    errors = exc.errors()
    for err in errors:
        if err.get("loc", ())[-1:] == ("lang",) and err.get("type") == "value_error":
            return (*error_words("unknown_language", lang,
                                 {"lang": echo(err.get("input", "")),
                                  "choices": ", ".join(languages())},
                                 hint="page_hint" if page else "hint"), [])
    parts = [field_words(err, lang, page) for err in errors[:5]]
    words, hint = error_words("invalid_request_page" if page else "invalid_request", lang, {})
    chosen = [(e, c) for e in errors[:5] if (c := choices(e))]
    if page or not chosen:
        return "; ".join(parts) or words, hint, []
    hints, meant = [], []
    for err, values in chosen:  # every parameter's values, not the first's only
        given = str(err.get("input", "")).strip().lower()
        meant += closest(given, values, n=1)  # a close match only ('xyz': none)
        param = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
        hints.append(vocabulary.section(lang, "errors")["field_choices_hint"].format(
            param=param, choices=", ".join(values)))
    return "; ".join(parts) or words, "; ".join(hints), meant


def classify(exc: Exception, lang: str | None = None, page: bool = False
             ) -> tuple[int, dict[str, Any]]:
    """HTTP status and error body for any exception; messages and hints in ``lang`` where
    the language files have them (without one: English, as raised; :func:`handle` gives the
    API's, Dutch as its answers, unless ``?lang=`` asks another). ``page``: for an
    HTML page's reader (a worded error's ``<key>_page_hint`` where the files have one: what
    to type or click, not the API's docs). Every text is :func:`printable`."""
    status, body = _classify(exc, lang, page)
    err = body["error"]
    for field in ("message", "hint"):
        if isinstance(err.get(field), str):
            err[field] = printable(err[field])
    return status, body


def _classify(exc: Exception, lang: str | None, page: bool) -> tuple[int, dict[str, Any]]:
    if isinstance(exc, StadstrendsError):
        status = exc.status if 400 <= exc.status < 600 else 500
        body = exc.as_dict(lang)
        if exc.key:  # the site's words: no server path; a hint for a page's reader or an
            # API user, not a command line's (`stadstrends regions --set PV21`)
            message, hint = error_words(exc.key, lang or "en", exc.params, message="web",
                                        hint="page_hint" if page else "api_hint")
            body["error"]["message"] = message
            body["error"]["hint"] = hint or body["error"]["hint"]
        if command_line(body["error"]["hint"]):  # no web words: the site's own, not the CLI's
            said = (error_words("internal_error", lang or "en", {})[1] if status >= 500
                    else error_words("see_home" if page else "see_docs", lang or "en", {})[0])
            body["error"]["hint"] = said
        return status, body
    lang = lang or "en"
    if isinstance(exc, RequestValidationError):  # a 400 as our own checks give, not a 422
        message, hint, meant = _validation_message(exc, lang, page)
        return 400, error_body(400, "invalid_parameter", message, hint, meant)
    if isinstance(exc, StarletteHTTPException):
        status = exc.status_code
        code = _HTTP_CODES.get(status, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if status in (404, 405) and message == HTTPStatus(status).phrase:  # 'Not Found'
            message = error_words(code, lang, {})[0]
        hint = error_words("see_home" if page else "see_docs", lang, {})[0] \
            if status in (404, 405) else None
        return status, error_body(status, code, message, hint)
    log.exception("unexpected error", exc_info=exc)
    return 500, error_body(500, "internal_error", *error_words("internal_error", lang, {}))


#: a hint for the command line: a command or an option to type, a script or a file to run
_COMMAND_LINE = re.compile(r"`(stadstrends|\{command\})\b|(?<![\w-])--[a-z]|scripts/|apt-get")


def command_line(hint: str | None) -> bool:
    """Whether ``hint`` tells its reader to type something on a command line ('probeer
    `stadstrends regions zwo`', '--db stadstrends.duckdb'): never a web reader's hint."""
    return bool(hint and _COMMAND_LINE.search(hint))


#: an example value per API parameter, for the hint of one given empty
_EXAMPLES = {"indicator": "population", "region": "GM0363", "set": "GK5", "year": "2023",
             "from": "2015", "to": "2023", "lang": "en", "domain": "bevolking",
             "level": "gemeente", "kind": "unit", "limit": "20", "include_former": "true"}
#: parameters whose empty value means something: ``/regions?q=`` lists all regions
_EMPTY_MEANT = frozenset({"q"})


def check_filled(request: Request) -> None:
    """An API query parameter given without a value (``/series?indicator=``, ``?year=``,
    ``?lang=``, only spaces too) is a 400 naming it with an example, the same for every
    parameter (``indicator=`` was a 404 "Unknown indicator ''", ``region=`` 'no region
    given', ``year=`` 'not a whole number')."""
    for name, value in request.query_params.multi_items():
        if not value.strip() and name not in _EMPTY_MEANT:
            example = f"{name}={_EXAMPLES.get(name, '…')}"
            raise InvalidParameter.worded("empty_parameter", name=echo(name), example=example)


def check_language(request: Request) -> None:
    """The API's ``?lang=``: absent or a language with a file (any case), else a 400 as the
    pages give (``/api/v1/profile/ameland?lang=zz`` answered 200); first any parameter
    given empty (:func:`check_filled`)."""
    check_filled(request)
    lang = request.query_params.get("lang")
    if lang is not None and language_of(lang) is None:
        raise InvalidParameter.worded("unknown_language", lang=lang,
                                      choices=", ".join(languages()))


# names a user may bring from the pages' addresses (Dutch) -> the API parameter meant
_MEANT = {"vergelijk": "set", "groep": "set", "regio": "region", "regions": "region",
          "gemeente": "region", "jaar": "year", "van": "from", "tot": "to", "taal": "lang",
          "domein": "domain", "niveau": "level"}
_KNOWN: dict[int, list[str]] = {}


def _declared(dependant: Any) -> list[str]:
    """The query parameter names (aliases) of a route and its dependencies, in order."""
    names = [p.alias for p in dependant.query_params]
    for sub in dependant.dependencies:
        names += [n for n in _declared(sub) if n not in names]
    return names


def declared_names(route: Any) -> list[str]:
    """The query parameters a route takes (its own and its dependencies'), ``lang`` too."""
    known = _KNOWN.get(id(route))
    if known is None:
        known = _KNOWN[id(route)] = list(dict.fromkeys([*_declared(route.dependant), "lang"]))
    return known


def check_parameters(request: Request) -> None:
    """The API's query parameters: one the route does not take is a 400 naming it and the
    one meant (``/api/v1/profile/GM0193?vergelijk=GK1``: the API's name is ``set``), never
    silently ignored (that answer was the default group's, as if asked for)."""
    _check(request, {k: (v,) for k, v in _MEANT.items()})


# names a user may bring from the API (English) to a page -> the page's names, first known
_PAGE_MEANT = {"set": ("vergelijk", "groep"), "group": ("groep", "vergelijk"),
               "region": ("regions", "mijn"), "regio": ("regions", "mijn"),
               "gemeente": ("regions", "mijn"), "mine": ("mijn",), "jaar": ("year",),
               "taal": ("lang",), "sort": ("sorteer",), "order": ("volgorde",)}
#: parameters that links from elsewhere carry (campaign tags, click ids): not the reader's
#: question, so a page neither refuses nor names them
TRACKING = ("utm_", "fbclid", "gclid", "msclkid", "mc_cid", "mc_eid")


def check_page_parameters(request: Request) -> None:
    """A page's query parameters as the API's (:func:`check_parameters`): one the page does
    not take is a 400 naming it and the page's own name for it
    (``/gemeente/GM0193?set=GK1``: the page's is ``vergelijk``; it showed the default group
    as if asked for); links' tracking tags (:data:`TRACKING`) are let through."""
    _check(request, _PAGE_MEANT, TRACKING)


def _check(request: Request, meant_names: dict[str, tuple[str, ...]],
           skip: tuple[str, ...] = ()) -> None:
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = declared_names(route)
    for name in dict.fromkeys(request.query_params.keys()):
        if name in known or (skip and name.lower().startswith(skip)):
            continue
        meant = next((m for m in meant_names.get(name.strip().lower(), ()) if m in known),
                     None)
        if meant is None:
            close = closest(name, known, n=1)
            meant = close[0] if close else None
        shown = name
        if meant is None:
            raise InvalidParameter.worded("unknown_parameter_list", name=shown,
                                          known=", ".join(known))
        raise InvalidParameter.worded("unknown_parameter", name=shown, meant=meant,
                                      known=", ".join(known), suggestions=[meant])


def request_language(request: Request) -> str | None:
    """The ``lang`` a request asks for when it is a language with a file, else None; a
    ``lang`` given twice asks for one language only when both name it (``?lang=en&lang=nl``
    names none: the answer's default language, as without ``lang``, not the last one's).
    Without one the API's errors are Dutch (:data:`~.i18n.CATALOGUE_LANG`), as the answers
    and downloads they stand for: ``/api/v1/download/xyz.csv`` answered 'Unknown indicator'
    where ``/api/v1/download/population.csv`` is Dutch."""
    asked = {language_of(v) for v in request.query_params.getlist("lang")}
    return asked.pop() if len(asked) == 1 else None


def wants_html(request: Request) -> bool:
    """Page requests (not under /api, not ?format=json) that accept HTML get an HTML page;
    a file of a served folder (``/reports/x.pdf``, ``/static/``) only for a browser's visit,
    which names HTML (a script's or an image's fetch names none: JSON, as before; a browser
    opening ``/reports/nonexist.pdf`` got JSON)."""
    path = request.url.path
    if path.startswith("/api/"):
        return False
    if file_path(path):
        return "text/html" in request.headers.get("accept", "")
    if request.query_params.get("format") == "json":
        return False
    return "text/html" in request.headers.get("accept", "text/html")


def warehouse_error(request: Request, exc: Exception) -> Exception:
    """``exc`` as the project's error when it is DuckDB's, met reading the app's warehouse
    (a damaged block: 'Corrupt database file: computed checksum ... does not match'): a
    503 (its words on the site name no file: ``warehouse_damaged_web``; the file is in the
    server's log), not a 500 'unexpected error'; a warehouse of another schema: its 503;
    a statement of ours DuckDB cannot bind (:func:`~stadstrends.publish.read.read_error`): the
    500 'unexpected error' with its traceback in the log; else ``exc``."""
    from stadstrends.engine import duckdb
    from stadstrends.publish.read import read_error

    if not isinstance(exc, duckdb.Error):
        return exc
    wh = getattr(request.app.state, "wh", None)
    path = getattr(wh, "db_path", None)  # in the server's log only: visitors get no paths
    log.error("warehouse %s read failed: %s", path,
              str(exc).splitlines()[0] if str(exc) else exc)
    said = read_error(exc, path)
    return exc if said is None else said


def unknown_path(request: Request, exc: Exception) -> Exception:
    """A 404 of the router ('Not Found': no route) as a worded error naming the path, with the
    address meant where the path lacks only '.geojson', ends in another extension or has a
    '/' too many (/api/v1/geo/wijken/GM0150 and .../GM0150.json: '/api/v1/geo/wijken/
    GM0150.geojson', not '.../GM0150.json.geojson', which its route reads as the code
    'GM0150.json'); any other error as it is."""
    if not (isinstance(exc, StarletteHTTPException) and exc.status_code == 404
            and exc.detail == HTTPStatus.NOT_FOUND.phrase):
        return exc
    from starlette.routing import Match, Mount

    path = request.url.path
    base = path.rstrip("/") or "/"
    head, _, last = base.rpartition("/")
    if head == "/api/v1/geo/wijken" and last == ".geojson":  # no code before '.geojson': it
        # suggested '/api/v1/geo/wijken/.geojson.geojson', which its route reads as a code
        return RegionNotFound.worded("empty_wijk_region")
    for meant in (f"{head}/{last.split('.', 1)[0] or last}.geojson", base):
        scope = {"type": "http", "path": meant, "method": "GET"}
        if meant != path and any(r.matches(scope)[0] is Match.FULL  # a folder's mount
                                 for r in request.app.router.routes  # takes any address
                                 if not isinstance(r, Mount)):
            return NotFoundError.worded("unknown_path_meant", path=echo(path), meant=meant)
    return NotFoundError.worded("unknown_path", path=echo(path))


async def handle(request: Request, exc: Exception) -> JSONResponse | HTMLResponse:
    exc = missing_file(request, warehouse_error(request, exc))
    if wants_html(request):  # pages: Dutch unless the address asks for another language
        from stadstrends.publish.web.error_pages import error_lang, render_error

        status, body = classify(exc, error_lang(request), page=True)
        fields = []
        if isinstance(exc, RequestValidationError):
            fields = [(str(e.get("loc", ("", ""))[-1]), echo(e.get("input", "")))
                      for e in exc.errors()[:3]]
        worded = (exc.key, exc.params) if isinstance(exc, StadstrendsError) and exc.key \
            else None
        try:
            return render_error(request, status, body, fields, worded)
        except Exception:  # noqa: BLE001 - the error page itself must never fail
            log.exception("error page failed")
    else:  # the API: in its answers' language, Dutch unless ?lang= names another with a file
        exc = unknown_path(request, exc)
        status, body = classify(exc, request_language(request) or CATALOGUE_LANG)
    headers = {"Allow": exc.headers.get("Allow", "")} if (
        isinstance(exc, StarletteHTTPException) and exc.headers) else None
    return JSONResponse(body, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers for every kind of error."""
    for kind in (StadstrendsError, RequestValidationError, StarletteHTTPException, Exception):
        app.add_exception_handler(kind, handle)

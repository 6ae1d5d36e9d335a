"""The query parameters every page takes: its language (``?lang=``), year (``?year=``) and
format (``?format=json`` for a page's JSON twin)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Annotated, Any, Literal
from urllib.parse import unquote_plus

from fastapi import Query, Request
from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

from stadstrends.errors import InvalidParameter, echo
from stadstrends.vocabulary import language_of, languages


def _language(value: str) -> str:
    """A ``?lang=`` value: a language with a file, in any case (``EN`` is ``en``), or a tag
    with a region of one (``en-US`` is ``en``: :func:`stadstrends.vocabulary.language_of`);
    a 400 naming the choices otherwise."""
    lang = language_of(value)
    if lang is None:
        raise ValueError(f"unknown language {value!r}; use one of {', '.join(languages())}")
    return lang


Lang = Annotated[str, AfterValidator(_language), Query()]

_WHOLE = re.compile(r"\s*[+-]?[0-9]+\s*")


def whole(value: object) -> object:
    """A whole-number query parameter (``?year=``, the API's ``from``, ``to``, ``limit``) as
    written: ASCII digits with an optional sign, else pydantic's ``int_parsing`` (the
    language files' 'is geen geheel getal'). pydantic reads ``2_020`` (Python's digit
    grouping) and ``2020.0`` as 2020: a mistyped year answered as if it were meant."""
    if isinstance(value, str) and not _WHOLE.fullmatch(value):
        raise PydanticCustomError("int_parsing", "Input should be a valid integer")
    return value
# a page's year: any whole number; outside 1900-2100 (-1, 3000) the API's error in the API's
# words (data.check_year), one inside without figures (1850, 2030) the page's own, both
# naming the years with figures (not "'1800' is geen jaartal", nor 'less than 0')
Year = Annotated[int | None, BeforeValidator(whole), Query()]
Fmt = Annotated[Literal["html", "json"], Query(alias="format")]

#: Query parameters that may be repeated (``/api/v1/series?region=A&region=B``); any other
#: given twice is a 400, not the last one taken silently (``?from=2020&from=2024``)
REPEATABLE = frozenset({"region"})


def single_values(request: Request) -> None:
    """A dependency of every route: :class:`InvalidParameter` naming a query parameter given
    more than once that is not :data:`REPEATABLE` nor a link's tracking tag
    (:data:`~stadstrends.publish.web.errors.TRACKING`: a shared link's
    ``?utm_source=x&utm_source=y`` is not the reader's question); the hint shows that
    parameter with the first value given (``?year=2020&year=2021``: ``?year=2020``),
    not another route's."""
    from stadstrends.publish.web.errors import TRACKING

    items = request.query_params.multi_items()
    counts = Counter(k for k, _ in items)  # linear: a long address too
    repeated = sorted(k for k, n in counts.items() if n > 1 and k not in REPEATABLE
                      and not k.lower().startswith(TRACKING))
    if repeated:
        name = repeated[0]
        given = next((v for k, v in items if k == name and v.strip()), None)
        if given is None:  # '?set=&set=%20': nothing to show but the name
            raise InvalidParameter.worded("repeated_parameter_empty", name=name)
        raise InvalidParameter.worded("repeated_parameter", name=name,
                                      example=f"?{name}={echo(given)}")


def no_empty_items(values: list[str], name: str = "region") -> None:
    """A comma-separated list without an empty item: ``region=GM0080,,GM0193`` (or a comma
    at its start) is :class:`InvalidParameter` with the list as meant in the hint, not the
    typo read as if it were not there, on the API and the pages alike; one comma at the
    end (``Zwolle,Deventer,``, a list built item by item) is read as not there, as the
    pages always did (the API's 400 before session 56). Nothing given at all is the
    caller's error (``no_region_given``)."""
    items = [p.strip() for v in values for p in str(v).split(",")]
    if len(items) > 1 and not items[-1]:
        items.pop()  # 'A,B,': the list A,B
    kept = [p for p in items if p]
    if kept and len(kept) < len(items):
        raise InvalidParameter.worded("empty_list_item", suggestions=[",".join(kept)],
                                      name=name, given=echo(
            ",".join(str(v) for v in values)), example=f"?{name}={echo(','.join(kept))}")


class EmptyAsLeftOut:
    """ASGI middleware: on a page (not under ``/api/``, ``/static/``, ``/reports/``) a query
    parameter the page takes, given without a value (``/ranglijst?indicator=``,
    ``?year=``, ``?vergelijk=``, a form sent with a field left empty) or with only spaces
    (``?indicator=%20``, ``?year=+``: as the API's 'is empty'), is the parameter left out:
    the page's default, not 'Onbekende indicator ‘’' (nor ‘ ’). A name the page does not take
    stays, so :func:`~stadstrends.publish.web.errors.check_page_parameters` still names it;
    the rest of the address is passed on byte for byte."""

    SKIP = ("/api/", "/static/", "/reports/")

    def __init__(self, app: ASGIApp, routes: list[Any]) -> None:
        self.app, self.routes = app, routes  # the pages' routes
        self._known: dict[int, frozenset[str]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        query = scope.get("query_string", b"") if scope["type"] == "http" else b""
        parts = query.split(b"&") if query else []
        if any(_blank(p) for p in parts) and not scope["path"].startswith(self.SKIP):
            known = self._names(scope)
            kept = [p for p in parts if not (_blank(p) and _name(p) in known)]
            if len(kept) < len(parts):
                scope = {**scope, "query_string": b"&".join(kept)}
        await self.app(scope, receive, send)

    def _names(self, scope: Scope) -> frozenset[str]:
        """The query parameters of the page route ``scope`` matches (none: no route)."""
        from stadstrends.publish.web.errors import declared_names

        for route in self.routes:
            if getattr(route, "dependant", None) is not None and \
                    route.matches(scope)[0] != Match.NONE:
                names = self._known.get(id(route))
                if names is None:
                    names = self._known[id(route)] = frozenset(declared_names(route))
                return names
        return frozenset()


def _blank(part: bytes) -> bool:
    """Whether a part of a query string (``name=value``) gives no value: none, an empty one
    or only white space (``%20``, ``+``, ``%09``), as the API's
    :func:`~stadstrends.publish.web.errors.check_filled` reads one."""
    if not part:
        return False
    name, eq, value = part.partition(b"=")
    return not eq or not value or not unquote_plus(value.decode("latin-1")).strip()


def _name(part: bytes) -> str:
    return unquote_plus(part.split(b"=", 1)[0].decode("latin-1"))

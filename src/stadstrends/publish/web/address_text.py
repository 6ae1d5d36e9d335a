"""Addresses whose %-escapes are no UTF-8 text ('/gemeente/%C0%AF', '?q=%FF'): Starlette
decodes them with replacement characters, so a page said "Onbekende gemeente '��'" and the
API echoed the same. :class:`TextAddress` answers them before any route, with the error
every other bad address gets (the fixed JSON shape for the API, the error page for pages),
naming the part of the address as it was typed, %-escaped: "... geen geldige tekst zijn:
'%C0%AF'". A name, value or path part with a control character ('?region=GM0088%00', once
read as GM0088) is refused the same way, naming the parameter and its value escaped
('GM0088\\x00'): :func:`control_part`."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote_to_bytes

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from stadstrends.errors import ECHO_MAX, InvalidParameter, echo


def _readable(part: bytes, plus: bool = False) -> bool:
    raw = unquote_to_bytes(part.replace(b"+", b" ") if plus else part)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _raw_path(scope: Scope) -> bytes:
    """The request's path as it came, %-escapes and all."""
    return scope.get("raw_path") or scope.get("path", "").encode("utf-8", "surrogateescape")


def not_text(scope: Scope) -> str | None:
    """The first part of the request's path (between '/') or query (a name or a value)
    that is no UTF-8 text once %-decoded, %-escaped as ASCII ('%C0%AF'); None when all
    are text."""
    path = _raw_path(scope)
    parts = [(p, False) for p in path.split(b"/")]
    for pair in (scope.get("query_string") or b"").split(b"&"):
        parts += [(p, True) for p in pair.split(b"=", 1)]
    for part, plus in parts:
        if not _readable(part, plus):
            shown = quote(unquote_to_bytes(part), safe="/:@!$'()*,;")
            if len(shown) > ECHO_MAX:  # cut as echo cuts, between escapes ('%C0%C0…')
                cut = shown[:ECHO_MAX - 1]
                shown = (cut[:cut.rindex("%")] if "%" in cut[-2:] else cut) + "…"
            return echo(shown)
    return None


#: control characters (C0, DEL, C1): no value a reader types or a link carries holds one
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def control_part(scope: Scope) -> tuple[str, dict[str, str]] | None:
    """The error key and its words for the first query parameter (name or value) or path
    part holding a control character once %-decoded ('?region=GM0088%00':
    ``("address_control_value", {"name": "region", "value": "GM0088\\x00"})``); None when
    there is none. Run after :func:`not_text`: every part is UTF-8 here."""
    path = _raw_path(scope)
    for part in path.split(b"/"):
        text = unquote_to_bytes(part).decode("utf-8")
        if _CONTROL.search(text):
            return "address_control_path", {"value": echo(text)}
    for pair in (scope.get("query_string") or b"").split(b"&"):
        name, _, value = (unquote_to_bytes(p.replace(b"+", b" ")).decode("utf-8")
                          for p in pair.partition(b"="))
        if _CONTROL.search(name):
            return "address_control_name", {"value": echo(name)}
        if _CONTROL.search(value):
            return "address_control_value", {"name": echo(name), "value": echo(value)}
    return None


class TextAddress:
    """Refuses an address that is no text (:func:`not_text`) as a 400 through the app's
    error handler (:func:`~stadstrends.publish.web.errors.handle`), in the page's or the
    API's form and language; so is one with a control character (:func:`control_part`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        shown = not_text(scope)
        refused = ("address_not_text", {"value": shown}) if shown is not None \
            else control_part(scope)
        if refused is None:
            await self.app(scope, receive, send)
            return
        from stadstrends.publish.web.errors import handle

        request = Request(scope, receive)
        response = await handle(request, InvalidParameter.worded(refused[0], **refused[1]))
        await response(scope, receive, send)

"""The one place where errors become HTTP responses.

Every error, a :class:`StadstrendsError`, a request validation error, an unknown route or an
unexpected exception, gets a status and the fixed shape
``{"error": {"code", "message", "hint", "suggestions"}}``; HTML pages get a friendly page with
the same facts. Never a traceback.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from stadstrends.errors import StadstrendsError

log = logging.getLogger("stadstrends.web")

_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 400: "bad_request",
               422: "invalid_parameter", 500: "internal_error"}


def error_body(status: int, code: str, message: str, hint: str | None = None,
               suggestions: list[str] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "hint": hint,
                      "suggestions": list(suggestions or [])}}


def _validation_message(exc: RequestValidationError) -> tuple[str, str]:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request", "see /api/v1/docs for the parameters"


def classify(exc: Exception) -> tuple[int, dict[str, Any]]:
    """HTTP status and error body for any exception."""
    if isinstance(exc, StadstrendsError):
        status = exc.status if 400 <= exc.status < 600 else 500
        return status, exc.as_dict()
    if isinstance(exc, RequestValidationError):
        message, hint = _validation_message(exc)
        return 422, error_body(422, "invalid_parameter", message, hint)
    if isinstance(exc, StarletteHTTPException):
        status = exc.status_code
        code = _HTTP_CODES.get(status, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        hint = "see /api/v1/docs" if status in (404, 405) else None
        return status, error_body(status, code, message, hint)
    log.exception("unexpected error", exc_info=exc)
    return 500, error_body(500, "internal_error", "unexpected server error",
                           "please report this with the URL")


def wants_html(request: Request) -> bool:
    """Page requests (not under /api, not ?format=json) that accept HTML get an HTML page."""
    path = request.url.path
    if path.startswith(("/api/", "/static/", "/reports/")):
        return False
    if request.query_params.get("format") == "json":
        return False
    return "text/html" in request.headers.get("accept", "text/html")


async def handle(request: Request, exc: Exception) -> JSONResponse | HTMLResponse:
    status, body = classify(exc)
    if wants_html(request):
        from stadstrends.publish.web.error_pages import render_error

        fields = []
        if isinstance(exc, RequestValidationError):  # a page: a plain 400, not FastAPI's 422
            status = 400
            fields = [(str(e.get("loc", ("", ""))[-1]), str(e.get("input", ""))[:40])
                      for e in exc.errors()[:3]]
        try:
            return render_error(request, status, body, fields)
        except Exception:  # noqa: BLE001 - the error page itself must never fail
            log.exception("error page failed")
    headers = {"Allow": exc.headers.get("Allow", "")} if (
        isinstance(exc, StarletteHTTPException) and exc.headers) else None
    return JSONResponse(body, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers for every kind of error."""
    for kind in (StadstrendsError, RequestValidationError, StarletteHTTPException, Exception):
        app.add_exception_handler(kind, handle)

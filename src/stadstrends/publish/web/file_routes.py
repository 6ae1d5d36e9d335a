"""The site's routes that serve files: a municipality's report, made on its first request,
and the report's assets; the favicon and robots.txt."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, Response

from stadstrends.publish.web import http, report_files
from stadstrends.publish.web.errors import check_page_parameters
from stadstrends.publish.web.reload import request_wh

# a query parameter a page does not take is a 400 naming it, as in the API and the pages
router = APIRouter(include_in_schema=False, dependencies=[Depends(check_page_parameters)])


@router.get("/rapport/assets/{name}")
def report_asset(request: Request, name: Annotated[str, PathParam(max_length=80)]) -> Response:
    return FileResponse(report_files.asset(request_wh(request), name),
                        headers={"Cache-Control": "public, max-age=3600"})


@router.get("/rapport/{name}")
async def report(request: Request, name: Annotated[str, PathParam(max_length=80)]) -> Response:
    """A city's report, ``GM0193.nl.pdf`` or ``GM0193.en.html``: made on first request."""
    wh = request_wh(request)
    code, lang, kind = report_files.split_name(name)
    region = wh.municipality(code)
    path = await report_files.report_file(wh, region["region_code"], lang, kind)
    if kind == "pdf":
        filename = f"stadstrends-{region['region_code']}.{lang}.pdf"
        return FileResponse(path, media_type="application/pdf", filename=filename)
    csp = http.CSP.format(hashes=http._report_hashes(str(path), path.stat().st_mtime_ns))
    return FileResponse(path, media_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": csp})


@router.get("/favicon.ico")
def favicon() -> Response:
    """Browsers ask for /favicon.ico whatever the page links: the SVG icon."""
    return FileResponse(Path(__file__).with_name("static") / "favicon.svg",
                        media_type="image/svg+xml",
                        headers={"Cache-Control": "public, max-age=86400"})


@router.get("/robots.txt")
def robots() -> Response:
    """Crawlers may read the pages but not make the reports (each is made on its first
    request, 10-25 s of a worker, for every municipality in two languages and two forms) or
    the downloads."""
    return Response("User-agent: *\nDisallow: /rapport/\nDisallow: /api/v1/download/\n",
                    media_type="text/plain; charset=utf-8",
                    headers={"Cache-Control": "public, max-age=86400"})

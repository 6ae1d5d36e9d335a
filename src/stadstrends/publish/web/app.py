"""The FastAPI application: API, pages, local static files (no CDN) and error handling.

Middleware, outermost first: HEAD as GET without its body, gzip (:class:`Compress`), the
warehouse pinned per request (``reload.py``), HTTP niceties (OPTIONS, CORS, ETag, CSP;
``http.py``), an address that is no text refused (``address_text.py``), rendered pages kept
per build (``response_cache.py``)."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import Receive, Scope, Send

from stadstrends import __version__
from stadstrends.publish.web import (
    api,
    api_docs,
    data,
    download_files,
    embed_page,
    errors,
    file_routes,
    geo,
    i18n,
    pages,
    prerender,
    render_pool,
)
from stadstrends.publish.web.address_text import TextAddress
from stadstrends.publish.web.http import HeadAsGet, HTTPLayer
from stadstrends.publish.web.page_params import EmptyAsLeftOut, single_values
from stadstrends.publish.web.reload import PinWarehouse, Reloader
from stadstrends.publish.web.response_cache import ResponseCache
from stadstrends.publish.web.state import WebWarehouse
from stadstrends.vocabulary import language_of

STATIC_DIR = Path(__file__).with_name("static")
@lru_cache(maxsize=1)
def vega_bundle() -> bytes:
    """Vega + Vega-Lite + vega-embed as one script (globals vegaEmbed, vega, vegaLite)."""
    import vl_convert

    return vl_convert.javascript_bundle().encode("utf-8")


class Compress(GZipMiddleware):
    """gzip when the client asks, except for files that are compressed already."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].endswith((".xlsx", ".parquet", ".png")):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """When the server stops (Ctrl-C, SIGTERM): its helper processes stop with it (the
    pre-render process, the XLSX and render pools), none left running, no semaphore left;
    only for a server's app (:func:`app_from_env`), whose process is the server worker."""
    yield
    if not (app.state.prerender or app.state.render_elsewhere):
        return  # not a server's app (tests): the process's pools are not its own
    import multiprocessing

    prerender.stop()
    for child in multiprocessing.active_children():  # the pools' processes: not waited for
        child.terminate()
    download_files.shutdown()  # the pools, broken now, end at once, releasing semaphores
    render_pool.shutdown()


def create_app(db_path: Path, reports_dir: Path | None = None,
               geo_file: Path | None = None, warm: bool = True,
               reload_every: float | None = 1.0, prerender: bool = False,
               render_elsewhere: bool = False) -> FastAPI:
    """The app serving the warehouse at ``db_path`` read-only; with ``reload_every`` (seconds)
    a rebuilt warehouse swapped in at that path is picked up between requests; with
    ``prerender`` its pages are rendered ahead by a low-priority process (``prerender.py``),
    with ``render_elsewhere`` first renders by a helper process (``render_pool.py``)."""
    wh = WebWarehouse(db_path, reports_dir)
    app = FastAPI(
        title="Stadstrends API", version=__version__,
        description="Trends of Dutch municipalities from CBS statistics. "
                    "Bron: CBS (CC BY 4.0).",
        openapi_url="/api/v1/openapi.json", docs_url=None, redoc_url=None,
        dependencies=[Depends(single_values)], lifespan=_lifespan)
    app.state.wh = wh
    app.state.prerender = prerender
    app.state.render_elsewhere = render_elsewhere
    app.state.geo_file = geo_file  # else each warehouse's own (geo.served_path)
    errors.install(app)

    @app.get("/static/vega-bundle.js", include_in_schema=False)
    def vega_js() -> Response:
        return Response(vega_bundle(), media_type="text/javascript",
                        headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/api/v1", include_in_schema=False)
    @app.get("/api/v1/", include_in_schema=False)
    def api_root(request: Request) -> dict[str, Any]:
        """The API's index: its endpoints with links and its page, /api/v1/docs; the credit
        in ``?lang=`` as every endpoint's (Dutch without it), an unknown or empty one the
        endpoints' 400 (``?lang=xx`` was Dutch)."""
        errors.check_language(request)
        lang = language_of(request.query_params.get("lang")) or i18n.CATALOGUE_LANG
        return api_docs.api_index(app.openapi(), i18n.credit(lang))

    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(file_routes.router)
    app.include_router(embed_page.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    if wh.reports_dir is not None and wh.reports_dir.is_dir():
        app.mount("/reports", StaticFiles(directory=wh.reports_dir), name="reports")
    app.add_middleware(ResponseCache, owner=app)  # innermost: rendered pages per build
    app.add_middleware(EmptyAsLeftOut,  # '?year=', '?lang=%20': the default
                       routes=[*pages.router.routes, *embed_page.router.routes])
    app.add_middleware(TextAddress)  # '/gemeente/%C0%AF': no text, a 400 saying so
    app.add_middleware(HTTPLayer, owner=app)  # sees the pinned warehouse
    app.add_middleware(PinWarehouse, owner=app)
    app.add_middleware(Compress, minimum_size=1024, compresslevel=5)
    app.add_middleware(HeadAsGet)
    app.state.reloader = Reloader(app, reload_every or 1.0)
    if reload_every:
        app.state.reloader.start()
    if warm:  # build the slow caches in the background so that the first page is quick
        threading.Thread(target=_warm, args=(app,), daemon=True).start()
    return app


def _warm(app: FastAPI) -> None:
    if app.state.prerender:
        threading.Thread(target=prerender.start_and_wait, args=(app.state.wh,),
                         daemon=True).start()
    try:
        download_files.warm()
        if app.state.render_elsewhere:
            render_pool.warm(app.state.wh)
        wh = app.state.wh
        for indicator_id in wh.key_indicators:  # series of the key indicators in memory
            data.series(wh, indicator_id, [])
        vega_bundle()
        path = geo.served_path(app.state.geo_file, wh.build_info.get("snapshot"))
        if path is not None:
            geo.simplified_geojson(path)
    except Exception:  # noqa: BLE001 - warming is best effort; requests report errors
        pass


def app_from_env() -> FastAPI:
    """App factory for uvicorn (workers): the warehouse from ``$STADSTRENDS_WEB_DB``."""
    import os

    reports = os.environ.get("STADSTRENDS_WEB_REPORTS")
    return create_app(Path(os.environ.get("STADSTRENDS_WEB_DB", "stadstrends.duckdb")),
                      Path(reports) if reports else None, prerender=True, render_elsewhere=True)

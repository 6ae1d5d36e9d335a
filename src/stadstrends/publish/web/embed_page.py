"""The one page another site may frame: an indicator's time series chart with its table
(``/embed/indicator/{id}``), the indicator page's chart on its own."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import Response

from stadstrends.publish.web import data, http, recalculated, specs
from stadstrends.publish.web.errors import check_page_parameters
from stadstrends.publish.web.i18n import title
from stadstrends.publish.web.page_params import Lang
from stadstrends.publish.web.page_parts import (
    chosen_regions,
    featured_regions,
    former_notes,
    indicator_meta,
    pivot,
)
from stadstrends.publish.web.page_render import render, url
from stadstrends.publish.web.reload import request_wh
from stadstrends.publish.web.spark import rounding_steps
from stadstrends.publish.web.value_marks import note_rows

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_page_parameters)])

EMBED_CSP = http.CSP.replace("frame-ancestors 'none'", "frame-ancestors *").format(hashes="")


@router.get("/embed/indicator/{indicator_id}")
def embed(request: Request, indicator_id: Annotated[str, PathParam(max_length=80)],
          lang: Lang = "nl",
          regions: Annotated[str | None, Query(max_length=400)] = None) -> Response:
    """One chart (the time series of the indicator page) to put in another site's page:
    the only route that may be framed."""
    wh = request_wh(request)
    meta = wh.indicator(indicator_id)
    indicator_id = meta["indicator_id"]  # an alias read as its id
    chosen = chosen_regions(wh, regions, 1, 8) if regions else featured_regions(wh)
    codes = [r["region_code"] for r in chosen]
    rows = data.series(wh, indicator_id, codes)
    recalculated.round_rows(wh, rows, indicator_id)  # chart and table as printed
    for row in rows:
        row["name"] = wh.name(row["region_code"])
    note_rows(wh, rows, indicator_id, lang)  # '(voorlopig, omgerekend)' in the tooltip
    page = {"indicator": indicator_meta(meta, lang), "regions": chosen,
            "former_notes": former_notes(wh, chosen, lang) if regions else [],
            "line_spec": specs.lines(rows, title(meta, lang), meta["unit"], lang,
                                     decimals=meta.get("decimals"),
                                     breaks=meta.get("break_years") or (),
                                     steps=rounding_steps(wh).get(indicator_id)),
            "break_note": specs.break_note(rows, meta.get("break_years") or (), lang),
            "series_table": pivot(rows, codes, wh, lang, indicator_id),
            "full": url(f"/indicator/{indicator_id}", regions=",".join(codes), lang=lang)}
    response = render(request, "embed.html", page, lang, "html",
                      f"/embed/indicator/{indicator_id}", {"regions": ",".join(codes)})
    response.headers["Content-Security-Policy"] = EMBED_CSP
    return response

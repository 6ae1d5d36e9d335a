"""A file address with no file behind it: ``/reports/<name>`` (the folder of ``serve
--reports``) or ``/static/<name>``. Starlette's bare 404 ('Not Found') became the API's
'geen adres ... op deze site' with the hint 'bedoelt u /reports/nonexist.geojson?' (the
folder's mount takes any address below it), as JSON even for a browser; now a missing
report names the report of the municipality its file name names (``leiden.nl.pdf``,
``GM0546.en.html``), made on demand at ``/rapport/``, else where the reports are listed: each
municipality's page, under 'Rapport'."""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import Any

from fastapi import Request
from starlette.exceptions import HTTPException as StarletteHTTPException

from stadstrends.errors import NotFoundError, StadstrendsError, echo
from stadstrends.publish.web.report_files import KINDS, LANGS, available

#: the address prefixes whose files a folder serves (not routes of the app)
FILE_PATHS = ("/static/", "/reports/")
_CODE = re.compile(r"gm\d{4}", re.IGNORECASE)


def file_path(path: str) -> bool:
    """Whether ``path`` names a file of a served folder (``/reports/x.pdf``, ``/reports``)."""
    return path.startswith(FILE_PATHS) or path in ("/static", "/reports")


def meant_report(wh: Any, name: str) -> tuple[str, str, str] | None:
    """The municipality code, language and form of the report a file name names, as
    ``stadstrends report`` names its files (``leiden.nl.pdf``, ``hollands-kroon.pv26.en.html``,
    ``bergen-gm0373.nl.pdf``) or the site's on-demand reports do (``GM0546.nl.pdf``);
    language Dutch and form PDF where the name gives none; None when the name names no
    current municipality (a former one: none, its report is its successors')."""
    parts = name.lower().split(".")
    stem = parts[0]
    found = _CODE.search(stem)
    if found:
        code = found.group(0).upper()
    else:
        try:
            code = wh.index.resolve(stem)
        except StadstrendsError:  # unknown, ambiguous ('bergen'), empty
            return None
    if not available(wh, code):
        return None
    lang = next((p for p in parts[1:] if p in LANGS), LANGS[0])
    kind = parts[-1] if len(parts) > 1 and parts[-1] in KINDS else KINDS[0]
    return code, lang, kind


def missing_file(request: Request, exc: Exception) -> Exception:
    """A 404 of a served folder (Starlette's 'Not Found' under ``/reports/``) as a worded
    error naming the file and the report meant (:func:`meant_report`): its address in the
    hint and the suggestions; under ``/static/`` a 404 naming the address, no address
    meant (:func:`~stadstrends.publish.web.errors.unknown_path`); any other error as it is."""
    if not (isinstance(exc, StarletteHTTPException) and exc.status_code == 404
            and exc.detail == HTTPStatus.NOT_FOUND.phrase):
        return exc
    path = request.url.path
    if not path.startswith("/reports/"):  # /static/: unknown_path names it, no address meant
        return exc
    name = path[len("/reports/"):].strip("/").rsplit("/", 1)[-1]
    if not name:  # the folder itself: no list of its files
        return NotFoundError.worded("report_folder")
    wh = getattr(request.state, "wh", None) or request.app.state.wh
    meant = meant_report(wh, name)
    shown = echo(name)
    if meant is None:
        return NotFoundError.worded("report_file_missing", name=shown)
    code, lang, kind = meant
    address = f"/rapport/{code}.{lang}.{kind}"
    return NotFoundError.worded("report_file_missing_city", name=shown, city=wh.name(code),
                                url=address, suggestions=[address])


def page_links(worded: tuple[str, dict[str, Any]] | None, suggestions: list[Any],
               t: dict[str, str], lang: str) -> list[dict[str, str]] | None:
    """The error page's links for a missing report of a municipality: its report in the
    form and language the name asked for ('Rapport als PDF (Nederlands)') and its page,
    where its reports are listed; None for any other error."""
    if not worded or worded[0] != "report_file_missing_city" or not suggestions:
        return None
    from stadstrends.publish.web.page_render import url  # it imports the API, this the errors
    address = str(suggestions[0])
    _, report_lang, kind = address.rsplit("/", 1)[-1].split(".")
    said = t["in_dutch"] if report_lang == "nl" else t["in_english"]
    code = address.rsplit("/", 1)[-1].split(".")[0]
    return [{"label": f"{t['report_' + kind]} ({said})", "href": address},
            {"label": str(worded[1].get("city")), "href": url(f"/gemeente/{code}", lang=lang)}]

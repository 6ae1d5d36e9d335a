"""The query parameters every page takes: its language (``?lang=``), year (``?year=``) and
format (``?format=json`` for a page's JSON twin)."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Literal

from fastapi import Query, Request
from pydantic import AfterValidator

from stadstrends.errors import InvalidParameter
from stadstrends.publish.web import data
from stadstrends.vocabulary import languages


def _language(value: str) -> str:
    """A ``?lang=`` value: a language with a file, in any case (``EN`` is ``en``; a 400
    naming the choices otherwise)."""
    known = {lang.lower(): lang for lang in languages()}
    if value.strip().lower() not in known:
        raise ValueError(f"unknown language {value!r}; use one of {', '.join(languages())}")
    return known[value.strip().lower()]


Lang = Annotated[str, AfterValidator(_language), Query()]
# a page's year: any whole number of four digits at most; one without figures (1800, 2030)
# is the page's own error, naming the years with figures (not "'1800' is geen jaartal")
Year = Annotated[int | None, Query(ge=0, le=data.YEAR_ANY)]
Fmt = Annotated[Literal["html", "json"], Query(alias="format")]

#: Query parameters that may be repeated (``/api/v1/series?region=A&region=B``); any other
#: given twice is a 400, not the last one taken silently (``?from=2020&from=2024``)
REPEATABLE = frozenset({"region"})


def single_values(request: Request) -> None:
    """A dependency of every route: :class:`InvalidParameter` naming a query parameter given
    more than once that is not :data:`REPEATABLE`."""
    counts = Counter(k for k, _ in request.query_params.multi_items())  # linear: a long
    repeated = sorted({k for k, n in counts.items() if n > 1} - REPEATABLE)  # address too
    if repeated:
        raise InvalidParameter.worded("repeated_parameter", name=repeated[0])

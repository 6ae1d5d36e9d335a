"""The one reading of an indicator id a user typed, for the command line, the API and the
pages alike: the catalogue's id or one of its ``aliases`` (``share_65plus`` is
``share_age_65_plus``), after trimming spaces. Before, ``stadstrends show Zwolle
share_65plus`` (the README's example) read the alias while the website's
``/api/v1/download/share_65plus.excel.csv`` and ``/ranglijst/download.csv?indicator=
share_65plus`` answered "Unknown indicator 'share_65plus'"."""

from __future__ import annotations

from collections.abc import Iterable


def resolve_indicator(query: str | None,
                      entries: Iterable[tuple[str, Iterable[str]]]) -> str | None:
    """The id of the indicator ``query`` names, or None. ``entries``: (indicator id, its
    aliases) pairs, the catalogue's (``Indicator.aliases``) or the warehouse's
    (``indicators.aliases``). An id wins over an alias of another indicator (the catalogue
    allows neither twice: ``Catalogue._unique_and_linked``)."""
    text = (query or "").strip()
    if not text:
        return None
    aliased = None
    for ind, aliases in entries:
        if text == ind:
            return ind
        if aliased is None and text in (aliases or ()):
            aliased = ind
    return aliased

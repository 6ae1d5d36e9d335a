"""How a region's name is compared and shown (:mod:`.lookup`'s keys): the comparison key
(:func:`normalise`), the keys from each later word, the name shown for a shared name
(:func:`display_names`), the leading article (``'s-``, ``'t``), and a name typed with a
suffix in brackets ('Den Haag (gemeente)': :func:`bracket_base`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from stadstrends.values import missing

if TYPE_CHECKING:
    import pandas as pd

_ARTICLE = re.compile(r"^['’`]?[st][-\s]+(?=\w)", re.IGNORECASE)
#: a name (or query) starting with the article written with its apostrophe: ''s-', ''t '
_APOSTROPHE = re.compile(r"^\s*['’`][st](?![a-z0-9])", re.IGNORECASE)
_BRACKETS = re.compile(r"^(.*?\S)\s*\([^()]*\)?\s*$")
_NOT_KEY = re.compile(r"[^a-z0-9]")
_LATER_WORD = re.compile(r"(?<=[^a-z0-9])[a-z0-9]")


def normalise(text: str) -> str:
    """Comparison key: no accents, case, spaces or punctuation (``'s-Hertogenbosch'`` ->
    ``'shertogenbosch'``)."""
    if not text.isascii():  # NFKD leaves ASCII as it is
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_KEY.sub("", text.lower())


def key_of(text: object) -> str:
    """:func:`normalise` of a value that may be missing ('' then)."""
    return "" if missing(text) else normalise(str(text))


def later_words(text: str) -> list[str]:
    """Comparison keys of ``text`` from each later word on ('Groot-Amsterdam' ->
    ``['amsterdam']``), so a query may match from a word start but not mid-word."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return [normalise(plain[m.start():]) for m in _LATER_WORD.finditer(plain)]


def without_article(name: str | None) -> str | None:
    """The name without its leading article (''s-Hertogenbosch' -> 'Hertogenbosch')."""
    return None if name is None else _ARTICLE.sub("", name)


def has_article(text: object) -> bool:
    """Whether ``text`` starts with the article and its apostrophe (''s-Gravenhage', ''s-',
    ''t Hoogeland'): a query so typed looks for such a name, not for every name whose key
    starts with 's' ('Sluis', 'Soest')."""
    return not missing(text) and _APOSTROPHE.match(str(text)) is not None


def bracket_base(text: str) -> str | None:
    """The name before a suffix in brackets ('Den Haag (gemeente)' -> 'Den Haag', 'Bergen
    (Zeeland' -> 'Bergen'), None when ``text`` has no such suffix or nothing before it."""
    match = _BRACKETS.match(text.strip())
    return match.group(1) if match and match.group(1) != text.strip() else None


def display_names(regions: Iterable[Mapping[str, Any]]) -> list[str]:
    """The name to show per row: the CBS label (``'Bergen (NH.)'``, ``'Utrecht (PV)'``) when
    another region has the same name, else the name. Each row has ``region_code, name``
    and optionally ``label``."""
    regions = list(regions)
    codes: dict[str, set[str]] = {}
    for row in regions:
        if not missing(row["name"]):
            codes.setdefault(row["name"], set()).add(row["region_code"])
    shown = []
    for row in regions:
        label = row.get("label", row["name"])
        shared = not missing(row["name"]) and len(codes[row["name"]]) > 1
        shown.append(label if shared and not missing(label) else row["name"])
    return shown


def records(regions: pd.DataFrame | Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows as new dicts; a DataFrame's missing values (NaN, NaT) as None."""
    if hasattr(regions, "to_dict") and hasattr(regions, "columns"):
        return [{k: None if missing(v) else v for k, v in row.items()}
                for row in regions.to_dict("records")]
    return [dict(row) for row in regions]


def missing_last(value: object) -> tuple[bool, object]:
    """A sort key putting missing values last (as pandas sorts them)."""
    return (value is None, value)

"""Small pieces of the report's sections: table cells printed as the sentences print them
(numbers, units, '(voorlopig)'), the figure dict of the templates, and whether an indicator
is a projection."""

from __future__ import annotations

from stadstrends.publish.sentence_numbers import number, shared_digits, unit_text
from stadstrends.publish.sentence_words import WORDS


def fmt(value: float | None, unit: str, lang: str, digits: int | None = None) -> str:
    """A table cell: the number as in sentences (percent sign kept, other units in headers);
    ``digits`` those of its column (:func:`column_digits`)."""
    return number(value, unit, lang, digits)


def column_digits(values: list[float | None], unit: str, decimals: int | None = None) -> int:
    """The decimals the figures of one indicator share in a table or a text alternative, as
    in a sentence (:func:`~stadstrends.publish.sentence_numbers.shared_digits`: the
    catalogue's ``decimals``; without them by size, a balance one with a negative figure)."""
    return shared_digits(values, unit, any(v is not None and v < 0 for v in values), decimals)


def provisional(text: str, is_provisional: bool, lang: str) -> str:
    """A table cell marked as CBS marks it: '35,3 (voorlopig)'."""
    return f"{text} ({WORDS[lang]['provisional']})" if is_provisional and text != "–" else text


def figure(fid: str, spec: dict, caption: str, alt: str, table: dict | None = None,
           kind: str = "wide") -> dict:
    """A figure for the template: spec (SVG or embedded), caption, text alternative, table."""
    return {"id": fid, "spec": spec, "caption": caption, "alt": alt, "table": table,
            "kind": kind, "svg": None}


def unit_label(unit: str, lang: str) -> str:
    return unit if unit == "%" else unit_text(unit, lang).strip("()")


def is_projection(catalogue: dict[str, dict], indicator_id: str) -> bool:
    """A projection (catalogue ``projection: true``), not an observed series."""
    return bool(catalogue.get(indicator_id, {}).get("projection"))

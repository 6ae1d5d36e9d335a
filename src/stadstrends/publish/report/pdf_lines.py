"""WeasyPrint's line breaking mended where it cut a line after its first word: a run of text
that ends in a space before an inline element ('... (59,4%). Trend ' before the span of
'2017–2024:') and fits its line only without that space was cut after its first word
(WeasyPrint 70's ``split_first_line`` counts the space, which CSS lets hang at a line's end,
finds the run too wide and, seeing no break in Pango's single line, keeps one word).
Schiermonnikoog's PDF printed '... van de 11' / 'gemeenten' / 'met minder dan 10.000
inwoners ...': a line of one word inside a paragraph. :func:`mend` lays such a run out as
one line, its space at the end; WeasyPrint drops that space there and breaks before the
element that follows."""

from __future__ import annotations

import inspect
import math
from typing import Any

_PARAMETERS = ("text", "style", "context", "max_width", "justification_spacing",
               "is_line_start", "minimum")


def mend() -> None:
    """Wrap the ``split_first_line`` WeasyPrint's inline layout calls (once per process;
    idempotent). A WeasyPrint whose function takes other parameters is left as it is."""
    from weasyprint.layout import inline

    original = inline.split_first_line
    if getattr(original, "mended", False):
        return
    if tuple(inspect.signature(original).parameters) != _PARAMETERS:
        return

    def split_first_line(text: str, style: Any, context: Any, max_width: float | None,
                         spacing: float, is_line_start: bool = True,
                         minimum: bool = False) -> tuple:
        result = original(text, style, context, max_width, spacing, is_line_start, minimum)
        if (result[2] is None or minimum or max_width is None or not text.endswith(" ")
                or style["white_space"] != "normal" or not text.strip(" ")):
            return result
        alone = original(text.rstrip(" "), style, context, max_width, spacing,
                         is_line_start, minimum)
        if alone[2] is not None or alone[3] > max_width * (1 + 1e-9):
            return result  # too wide without its space too: WeasyPrint's own cut
        return original(text, style, context, math.inf, spacing, is_line_start, minimum)

    split_first_line.mended = True  # type: ignore[attr-defined]
    inline.split_first_line = split_first_line

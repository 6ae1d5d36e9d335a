"""Word joiners as markup in a rendered page: :func:`~stadstrends.publish.format.
keep_numbers_whole` glues "'s-Hertogenbosch" and '2016–2023' with an invisible U+2060,
which the PDF's and the page's line breaking need but which a search (Ctrl+F) for
"'s-Hertogenbosch" and a copied name do not match; the page gets a span that does not wrap
instead (``.nowrap`` in the report's and the dashboard's style sheets)."""

from __future__ import annotations

import re
from typing import Any

import jinja2

from stadstrends.publish.format import WORD_JOINER

#: markup and texts that cannot hold a span: tags (their attributes), scripts, styles, the
#: document's title, inline SVG (a chart's text holds no span), a menu's option (its text is
#: plain: "'s-Gravenhage"'s span was invalid markup inside it). Such an element's body is
#: matched as runs without '<' and each '<' that does not close it: the same closing tag as
#: a lazy ``.*?`` finds, ~3x faster over a report's ~0.6 MB of chart specs
_NO_SPAN = re.compile(r"(<(script|style|title|svg|option)\b[^<]*(?:<(?!/\2\s*>)[^<]*)*</\2\s*>"
                      r"|<[^>]*>)", re.S | re.I)
#: a run glued by joiners; a joiner before a space glues the space too ('Bergen (Limburg)')
_JOINED = re.compile(r"[^\s<>\u2060]*(?:\u2060 ?[^\s<>\u2060]*)+")


def nowrap_joined(html: str) -> str:
    """A rendered page with each word joiner of :func:`keep_numbers_whole` turned into markup:
    the text around it in ``<span class="nowrap">`` (the style sheets: ``white-space:
    nowrap``), "'s-Hertogenbosch" and '2016–2023' kept on one line without an invisible
    character in the text, so that a search for "'s-Hertogenbosch" (Ctrl+F) and a copied
    name match; the joiner dropped from tags, scripts, styles, the title and options."""
    if WORD_JOINER not in html:
        return html
    parts = _NO_SPAN.split(html)
    out = []
    for i, part in enumerate(parts):
        if i % 3 == 2:  # the tag name of a script, style or title (split's own group)
            continue
        if WORD_JOINER not in part:  # most parts: kept as they are
            out.append(part)
        elif i % 3 == 1:  # markup
            out.append(part.replace(WORD_JOINER, ""))
        else:  # text
            out.append(_JOINED.sub(_span, part))
    return "".join(out)


def _span(m: re.Match[str]) -> str:
    """A glued run as a span; a name with its bracket ('Bergen (Noord-Holland)', a joiner
    before its space) also of class ``name``: the style sheets let only those wrap inside a
    heading or a table's cell too narrow for them, never a year range ('2018–2025')."""
    kind = "nowrap name" if WORD_JOINER + " " in m.group() else "nowrap"
    return f'<span class="{kind}">{m.group().replace(WORD_JOINER, "")}</span>'


class NowrapTemplate(jinja2.Template):
    """A template whose output goes through :func:`nowrap_joined` (the report's and the
    dashboard's environments: ``template_class``)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        return nowrap_joined(super().render(*args, **kwargs))

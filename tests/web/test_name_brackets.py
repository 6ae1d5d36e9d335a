"""A municipality's name with its bracket stays on one line on the dashboard (real
snapshot): 'Bergen (Limburg)' (GM0893) in a span that does not wrap
(:func:`stadstrends.publish.nowrap.nowrap_joined`), as in the PDF
(tests/publish/test_report_name_brackets.py)."""

from __future__ import annotations

import re


def test_the_city_page_keeps_the_name_with_its_bracket(client):
    """The dashboard's page: every 'Bergen (Limburg)' of its text in a span that does not
    wrap, none as 'Bergen' and '(Limburg)' apart. A menu's ``<option>`` holds plain text (no
    markup is valid there; the browser draws it: tests/web/test_option_text.py)."""
    page = client.get("/gemeente/GM0893").text
    text = re.sub(r"<(script|style|title|option)\b.*?</\1>|<[^>]*>", lambda m: (
        "[" if m.group().startswith('<span class="nowrap') else ""), page, flags=re.S)
    named = re.findall(r"(\[?)Bergen \(Limburg\)", text)
    assert named and all(named), named

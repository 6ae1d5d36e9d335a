"""A menu's options are plain text: the comparison-group menus printed a name glued by word
joiners ("'s-Gravenhage", in the G40's label 'zonder 's-Gravenhage' and its COROP region's)
as ``<span class="nowrap">`` inside ``<option>``, which HTML does not allow (an option holds
text only; the browser showed the text, checkers flag the markup). The joiner is dropped
there as in a tag or the title (:func:`stadstrends.publish.nowrap.nowrap_joined`)."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.format import WORD_JOINER

HTML = {"accept": "text/html"}
OPTION = re.compile(r"<option\b[^>]*>(.*?)</option>", re.S | re.I)


@pytest.mark.parametrize("address", ["/gemeente/GM0518", "/gemeente/GM0518?lang=en",
                                     "/ranglijst", "/ranglijst?mijn=GM0518&lang=en",
                                     "/", "/indicator/population"])
def test_no_option_holds_markup(client, address) -> None:
    text = client.get(address, headers=HTML).text
    options = OPTION.findall(text)
    assert options, address
    assert [o for o in options if "<" in o or WORD_JOINER in o] == [], address
    if address.startswith(("/gemeente/", "/ranglijst")):  # The Hague's COROP region, named
        named = [html.unescape(o) for o in options if "Gravenhage" in o]
        assert any("Agglomeratie 's-Gravenhage" in o for o in named), named

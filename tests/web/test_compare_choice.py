"""/vergelijk's indicator list selects the indicator its chart shows. It offered the key
indicators only, so a link to an indicator outside them (the indicator page's, e.g. payment
arrears) drew that indicator's chart under a list showing 'Inwoners op 1 januari', the
first choice: pressing 'Toon' then changed the chart. Real snapshot."""

from __future__ import annotations

import re

import pytest

HTML = {"accept": "text/html"}


def _selected(page: str) -> list[str]:
    block = re.search(r'<select[^>]*id="cmp-ind".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="([^"]+)" selected>', block)


@pytest.mark.parametrize("indicator", ["payment_arrears_share", "population",
                                       "wmo_clients_per_1000"])
def test_the_list_selects_the_indicator_the_chart_shows(client, wh, indicator: str) -> None:
    key = {r[0] for r in wh.execute("SELECT indicator_id FROM indicators "
                                    "WHERE key_indicator").fetchall()}
    page = client.get(f"/vergelijk?regions=GM0928,GM0917&indicator={indicator}", headers=HTML)
    assert page.status_code == 200
    assert _selected(page.text) == [indicator]
    options = re.findall(r'<option value="([^"]+)"', page.text)
    assert len(options) == len(set(options))  # offered once, key or not
    assert (indicator in key) == (len(options) == len(key & set(options)))

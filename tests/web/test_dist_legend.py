"""The indicator page's strip of the G40's figures names 'geselecteerd' in its legend only
when a selected municipality is among its marks. By default the page selects the G4, which
are not in the G40: the legend showed an orange 'geselecteerd' no mark had (payment
arrears, h41c's check). Real snapshot."""

from __future__ import annotations

import html
import json
import re

HTML = {"accept": "text/html"}


def _legend(client, query: str) -> list[str]:
    page = client.get(f"/indicator/payment_arrears_share{query}", headers=HTML).text
    spec = json.loads(html.unescape(re.search(
        r'<script type="application/json" id="dist-spec">(.*?)</script>', page, re.S).group(1)))
    marks = {d["sel"] for d in spec["data"]["values"]}
    domain = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert set(domain) == marks, (domain, marks)  # every legend entry has marks
    return domain


def test_the_strip_s_legend_names_only_what_it_draws(client) -> None:
    assert "geselecteerd" not in _legend(client, "")  # the G4 by default
    assert "geselecteerd" in _legend(client, "?regions=GM0193,GM0363")  # Zwolle is a G40 city

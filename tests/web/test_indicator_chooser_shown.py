"""An indicator chooser shows the indicator its page shows (real snapshot; h52d).

The home map's list held the key indicators only: opened on thefts per 1 000 (a link, an
address) no option was selected, so the browser showed the first, 'Inwoners op 1 januari',
above a map of thefts; /ranglijst likewise for a projection. Now the page's own indicator is
among the options, selected, labelled as its own page (/indicator/...) is titled."""

from __future__ import annotations

import html
import re

import pytest

HTML = {"accept": "text/html"}
#: page -> the id of its chooser
CHOOSERS = {"/": "map-ind", "/ranglijst": "rk-ind", "/vergelijk": "cmp-ind"}


def _options(page: str, chooser: str) -> list[tuple[str, bool, str]]:
    block = re.search(rf'<select[^>]*id="{chooser}".*?</select>', page, re.S).group(0)
    return [(v, bool(s), html.unescape(label)) for v, s, label in
            re.findall(r'<option value="([^"]+)"( selected)?>([^<]*)</option>', block)]


def _title(client, indicator: str, lang: str) -> str:
    page = client.get(f"/indicator/{indicator}?lang={lang}", headers=HTML).text
    return html.unescape(re.search(r"<h1>(.*?)</h1>", page, re.S).group(1))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_chooser_selects_the_indicator_shown(client, wh, lang) -> None:
    key = [i for (i,) in wh.execute("SELECT indicator_id FROM indicators WHERE key_indicator "
                                    "AND NOT projection ORDER BY 1").fetchall()]
    other = wh.execute("SELECT min(indicator_id) FROM indicators WHERE NOT key_indicator "
                       "AND NOT projection").fetchone()[0]
    projection = wh.execute("SELECT min(indicator_id) FROM indicators WHERE projection"
                            ).fetchone()[0]
    shown = [key[0], other, "thefts_per_1000"]
    for path, chooser in CHOOSERS.items():
        for indicator in shown + ([projection] if path == "/ranglijst" else []):
            extra = "&regions=GM0193,GM0363" if path == "/vergelijk" else ""
            page = client.get(f"{path}?indicator={indicator}{extra}&lang={lang}",
                              headers=HTML)
            assert page.status_code == 200, (path, indicator)
            options = _options(page.text, chooser)
            selected = [(v, label) for v, s, label in options if s]
            assert selected == [(indicator, _title(client, indicator, lang))], (
                path, indicator, selected)
            assert len({v for v, _, _ in options}) == len(options)  # each once
            if path == "/":  # the key indicators still, in their order
                assert [v for v, _, _ in options if v in key] == [
                    i for i in json_order(client, lang) if i in key]


def json_order(client, lang: str) -> list[str]:
    """The home page's key indicators in the order its heatmap gives them."""
    page = client.get(f"/?lang={lang}&format=json").json()
    return [i["indicator_id"] for i in page["heat_indicators"]]

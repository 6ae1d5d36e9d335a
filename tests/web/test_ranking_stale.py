"""/ranglijst marks an indicator's out-of-date latest year as the home page's heatmap and the
city page's tiles do (:func:`stadstrends.publish.sentence_words.stale`: a year before the
build's first fresh year): '(2019, verouderd)' in its heading and caption, with a note that the
ranks are those of that year. Before, the safety survey's ranking said 'Ranglijst: Voelt zich
weleens onveilig (2019)' where the heatmap's column said 'Voelt zich weleens onveilig (2019,
verouderd)' and the tiles 'verouderd cijfer (van vóór 2022)': 10 indicators on the snapshot.
Real snapshot."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends.publish.read import build_info, fresh_from

HTML = {"accept": "text/html"}
MARK = {"nl": "verouderd", "en": "out of date"}
#: the latest municipal year of each indicator that is no projection
LATEST = """
SELECT indicator_id, max(year) FROM indicator_values JOIN current_municipalities
USING (region_code) JOIN indicators i USING (indicator_id) WHERE NOT i.projection GROUP BY 1
"""


def _heading(client, query: str) -> tuple[str, str, str]:
    """The page's h1, the table's caption and its text, as a reader sees them."""
    page = client.get(f"/ranglijst?{query}", headers=HTML).text

    def plain(s: str) -> str:
        return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", s))).strip()

    h1 = plain(re.search(r"<h1>(.*?)</h1>", page, re.S)[1])
    caption = plain(re.search(r"<caption>(.*?)</caption>", page, re.S)[1])
    return h1, caption, plain(page)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_out_of_date_year_is_marked(client, wh, lang) -> None:
    fresh = fresh_from(build_info(wh))
    latest = dict(wh.execute(LATEST).fetchall())
    old = {i: y for i, y in latest.items() if y < fresh}
    assert "feels_unsafe_share" in old and len(old) >= 5, old  # 10 on the snapshot
    for ind, year in old.items():
        h1, caption, text = _heading(client, f"indicator={ind}&lang={lang}")
        assert h1.endswith(f"({year}, {MARK[lang]})"), h1
        assert caption.endswith(f"({year}, {MARK[lang]})"), caption
        assert str(fresh) in text and f"{year}" in text
    for ind in ("unemployment_rate", "population"):  # fresh: the year alone
        h1, caption, _ = _heading(client, f"indicator={ind}&lang={lang}")
        assert h1.endswith(f"({latest[ind]})") and caption.endswith(f"({latest[ind]})"), h1


def test_the_ranking_says_what_the_heatmap_says(client) -> None:
    """The safety survey's year as the home page's column names it, on the ranking."""
    home = client.get("/?format=json").json()
    column = next(i for i in home["heat_indicators"]
                  if i["indicator_id"] == "feels_unsafe_share")
    assert column["year_shown"] == "2019, verouderd"
    h1, _, text = _heading(client, "indicator=feels_unsafe_share")
    assert h1 == f"Ranglijst: Voelt zich weleens onveilig ({column['year_shown']})"
    assert ("Verouderd cijfer (van vóór 2022): het laatste cijfer is van 2019. De rangen "
            "hieronder gelden voor 2019") in text


def test_an_older_year_asked_for_is_history(client) -> None:
    """A year before the latest, asked for, is no out-of-date latest figure: no mark."""
    h1, _, text = _heading(client, "indicator=feels_unsafe_share&year=2017")
    assert h1.endswith("(2017)") and "Verouderd cijfer" not in text
    h1, _, _ = _heading(client, "indicator=unemployment_rate&year=2016")
    assert h1.endswith("(2016)")

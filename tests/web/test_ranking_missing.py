"""The ranking names each municipality without a figure and says why as /vergelijk does:
'/ranglijst' said '5 gemeenten (Ameland t/m Vlieland): geen gegevens' ('t/m' reads as an
alphabetical range; the warehouse knows CBS publishes no mean disposable income of 2023 for
these five). Real snapshot: the reasons read from indicator_gaps."""

from __future__ import annotations

import html
import re

import pytest

from stadstrends import vocabulary

HTML = {"accept": "text/html"}


def _notes(page: str) -> list[str]:
    block = re.search(r'<div class="missing-notes">(.*?)</div>', page, re.S).group(1)
    return [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", li))).strip()
            for li in re.findall(r"<li>(.*?)</li>", block, re.S)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_ranking_names_each_municipality_without_a_figure_and_why(client, wh,
                                                                      lang) -> None:
    view = client.get(f"/ranglijst?lang={lang}&format=json").json()
    view = view.get("page", view)
    indicator, year = view["indicator"]["indicator_id"], view["year"]
    without = {r["region_code"]: r["name"] for r in view["rows"] if r["value"] is None}
    reasons = dict(wh.execute(
        "SELECT region_code, any_value(reason) FROM indicator_gaps WHERE indicator_id = ? "
        "AND year = ? AND region_code IN (SELECT unnest(?)) GROUP BY 1",
        [indicator, year, list(without)]).fetchall())
    assert len(without) >= 5 and set(reasons) == set(without), (without, reasons)
    notes = _notes(client.get(f"/ranglijst?lang={lang}", headers=HTML).text)
    plain = vocabulary.section(lang, "web")["no data"]
    for code, name in without.items():
        words = vocabulary.word(lang, "reasons", reasons[code])
        line = [n for n in notes if re.search(rf"[(,] ?{re.escape(name)}[,)]", n)]
        assert len(line) == 1 and line[0].endswith(f": {words}"), (name, notes)
    assert not any(n.endswith(f": {plain}") for n in notes), notes
    assert not any(" t/m " in n or " to " in n.split(":")[0] for n in notes), notes

"""Leeuwarden's income ommeland reaches 2023 and the caption says how it is made (real
snapshot; :mod:`stadstrends.indicators.aggregate`).

Before, Noord-Friesland's income 2023 was empty (three islands suppressed in 86004NED), the
ommeland column said '–' for 2023 and the Tweedeling sentence rested on 2015-2022: 'in 2022
41,6 duizend euro in Leeuwarden, 12% lager dan in het ommeland (47,2 duizend euro) ...
Leeuwarden raakt significant verder achter.' With CBS's COROP figure (48.2) the ommeland of
2023 is 50,5 and the gap of 2016-2023 (10.6% lower in 2023) shows no significant trend.
"""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from stadstrends.publish.report.data import load_city

INCOME = "income_disposable_mean"


@pytest.fixture(scope="module")
def leeuwarden(warehouse_path):
    import duckdb

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        data = load_city(con, "Leeuwarden")
        return data, {lang: builder.city_context(data, lang, None) for lang in ("nl", "en")}


def _figure(ctx: dict, title: str) -> dict:
    for d in ctx["domains"]:
        for f in d["figures"]:
            if f["table"] and not f["id"].startswith("fig-map-") and any(
                    r[0].startswith(title + " (") for r in f["table"]["rows"]):
                return f
    raise AssertionError(title)


def test_income_ommeland_2023_in_the_table(leeuwarden):
    data, ctx = leeuwarden
    title = data.catalogue[INCOME]["title_nl"]
    rows = {r[1]: r for r in _figure(ctx["nl"], title)["table"]["rows"]
            if r[0].startswith(title + " (")}
    assert rows[2023][-2:] == ["50,5", "55,0"], rows[2023]  # before: '–', '55,0'


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_caption_says_ommeland_from_cbs_corop_figure(leeuwarden, lang):
    """Only 2023 is derived: in the other years every member has a figure (a sum)."""
    data, ctx = leeuwarden
    title = data.catalogue[INCOME][f"title_{lang}"]
    caption = _figure(ctx[lang], title)["caption"]
    lead = {"nl": "Ommeland bij ", "en": "Surrounding region for "}[lang]
    word = {"nl": "niet alle gemeenten van de COROP-regio hebben een cijfer; berekend uit het "
                  "cijfer van CBS voor de COROP-regio min dat van de gemeente",
            "en": "not every municipality of the COROP region has a figure; calculated from "
                  "CBS's figure for the COROP region minus the municipality's"}[lang]
    assert word in caption, caption
    part = caption[caption.index(lead):caption.index(word)]
    assert f"{title[1:]} (2023)" in part, part
    assert data.cbs_corop[INCOME] == [2023], data.cbs_corop


def test_no_stale_2022_headline(leeuwarden):
    _, ctx = leeuwarden
    texts = [s.text for s in builder.collect_sentences(ctx["nl"])]
    assert not [t for t in texts if "in 2022 41,6 duizend euro" in t], texts

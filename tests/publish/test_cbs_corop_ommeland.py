"""Leeuwarden's income ommeland reaches 2023 and the caption says how it is made (real
snapshot; :mod:`stadstrends.indicators.aggregate`).

Before, Noord-Friesland's income 2023 was empty (three islands suppressed in 86004NED), the
ommeland column said '–' for 2023 and the Tweedeling sentence rested on 2015-2022: 'in 2022
41,6 duizend euro in Leeuwarden, 12% lager dan in het ommeland (47,2 duizend euro) ...
Leeuwarden raakt significant verder achter.' With CBS's COROP figure (48.2) the ommeland of
2023 is 50,5 and the gap of 2016-2023 (10.6% lower in 2023) shows no significant trend.

CBS rounds its COROP mean (48,2) and Leeuwarden's (45,1) to a tenth, so the derived ommeland
is (151 900 + 64 200) x 0,05 / 87 700 = 0,12 (0,13 with the bases' rounding) from the true
one: more than the 0,05 its one decimal claims. It is printed '≈ 50,5' in a table and
'ongeveer' in a sentence (before: '50,5' as if it were CBS's own figure).
"""

from __future__ import annotations

import pytest

from stadstrends.publish.report import builder
from tests.publish.loaded import connect, kept_city

INCOME = "income_disposable_mean"


@pytest.fixture(scope="module")
def leeuwarden(warehouse_path):

    with connect(warehouse_path) as con:
        data = kept_city(con, "Leeuwarden")
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
    # before: '–', '55,0' (no ommeland), then '50,5', '55,0' (as precise as CBS's figures)
    assert rows[2023][-2:] == ["≈ 50,5", "55,0"], rows[2023]
    assert rows[2022][-2:] == ["47,2", "51,2"], rows[2022]  # a sum of the members: exact


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_caption_says_ommeland_from_cbs_corop_figure(leeuwarden, lang):
    """Only 2023 is derived: in the other years every member has a figure (a sum)."""
    data, ctx = leeuwarden
    title = data.catalogue[INCOME][f"title_{lang}"]
    caption = _figure(ctx[lang], title)["caption"]
    lead = {"nl": "Ommeland bij ", "en": "Surrounding region for "}[lang]
    word = {"nl": "niet alle gemeenten van de COROP-regio hebben een cijfer; daarom is het "
                  "ommeland daar het CBS-cijfer van de regio min dat van de gemeente",
            "en": "not every municipality of the COROP region has a figure; so there it is "
                  "CBS's figure for the region minus the municipality's"}[lang]
    assert word in caption, caption
    part = caption[caption.index(lead):caption.index(word)]
    assert f"{title[1:]} (2023)" in part, part
    assert data.cbs_corop[INCOME] == [2023], data.cbs_corop
    rounds = {"nl": ("Het CBS rondt die cijfers af; daardoor is het ommeland bij ",
                     " minder precies dan de andere cijfers."),
              "en": ("CBS rounds those figures, so the surrounding region for ",
                     " is less precise than the other figures.")}[lang]
    assert rounds[0] in caption, caption
    rest = caption[caption.index(rounds[0]) + len(rounds[0]):]
    assert rest.startswith(title[1:], 1) and rounds[1] in rest, rest


def test_no_stale_2022_headline(leeuwarden):
    _, ctx = leeuwarden
    texts = [s.text for s in builder.collect_sentences(ctx["nl"])]
    assert not [t for t in texts if "in 2022 41,6 duizend euro" in t], texts


def test_a_derived_ommeland_is_no_more_precise_than_cbs_rounding(wh):
    """Every ommeland derived from CBS's COROP mean (``ommeland_rounding``) is off by more
    than half its last printed digit: (B + b) x h / (B - b) > h. Measured: 1 767 of them,
    1 407 WOZ values (130 municipalities), 312 low-income shares (24) and 48 incomes of 2023
    (48); none of the ommelands summed over the members has a rounding (a count's or ratio's
    derived from CBS's COROP figure has: tests/analysis/test_ommeland_cbs.py)."""
    rows = wh.execute("""
        SELECT o.indicator_id, count(*), count(DISTINCT o.region_code),
               count(*) FILTER (WHERE o.ommeland_rounding > 0.5 * pow(10, -i.decimals))
        FROM ommeland o JOIN indicators i USING (indicator_id)
        WHERE o.ommeland_rounding IS NOT NULL AND i.method = 'weighted_mean'
        GROUP BY 1 ORDER BY 1""").fetchall()
    assert rows == [(INCOME, 48, 48, 48), ("low_income_households_share", 312, 24, 312),
                    ("woz_mean", 1408, 130, 1408)], rows  # Hoorn 2006: its predecessor moved no one
    r = wh.execute("""SELECT ommeland_value, ommeland_rounding FROM ommeland
                      WHERE region_code = 'GM0080' AND indicator_id = ? AND year = 2023""",
                   [INCOME]).fetchone()
    assert round(r[0], 1) == 50.5 and 0.12 < r[1] < 0.13, r
    summed = wh.execute("""SELECT count(*) FROM ommeland WHERE ommeland_rounding IS NOT NULL
                           AND region_code = 'GM0080' AND indicator_id = ? AND year = 2022""",
                        [INCOME]).fetchone()[0]
    assert summed == 0


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_sentence_says_about(leeuwarden, lang):
    """Leeuwarden's share of households with a low income, 16% in 2023: its ommeland (CR04
    without Ameland, Schiermonnikoog and Vlieland's suppressed figures) is derived from
    CBS's whole-per-cent COROP share, +-0,6 points: 'hoger dan het ommeland (ongeveer 7%)'
    (before: '(7%)')."""
    _, ctx = leeuwarden
    texts = [s.text for s in builder.collect_sentences(ctx[lang])
             if s.indicator_id == "low_income_households_share"]
    want = {"nl": "hoger dan het ommeland (ongeveer 7%)",
            "en": "surrounding region (about 7%)"}[lang]
    assert any(want in t for t in texts), texts
    bare = {"nl": "ommeland (7%)", "en": "surrounding region (7%)"}[lang]
    assert not any(bare in t for t in texts), texts


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_caption_names_counts_and_ratios_from_cbs_corop_figure(warehouse_path, lang):
    """The Hague's demography panels: Haaglanden's (CR28) 65-plus share of 2010-2017
    (60039fvw, cut after 'Zevenaar') and households of 2005-2010 and 2024 (71486ned, cut
    after 'Moerdijk') are CBS's COROP figures minus The Hague's
    (:mod:`stadstrends.analysis.ommeland_cbs`); CBS does not round them, so no word on
    rounding. Before, those ommeland cells were empty and the caption said only 'berekend
    door Stadstrends'."""

    with connect(warehouse_path) as con:
        data = kept_city(con, "'s-Gravenhage")
    ctx = builder.city_context(data, lang, None)
    caption = next(f["caption"] for d in ctx["domains"] for f in d["figures"]
                   if f["id"] == "fig-demography")
    want = {"nl": "Ommeland bij aandeel 65-plussers (2010–2017) en particuliere huishoudens "
                  "(2005–2010, 2024): niet alle gemeenten van de COROP-regio hebben een cijfer; "
                  "daarom is het ommeland daar het CBS-cijfer van de regio min dat van de "
                  "gemeente.",
            "en": "Surrounding region for share of inhabitants aged 65 and over (2010–2017) "
                  "and private households (2005–2010, 2024): not every municipality of the "
                  "COROP region has a figure; so there it is CBS's figure for the region minus "
                  "the municipality's."}[lang]
    assert want in caption, caption
    assert {"nl": "Het CBS rondt", "en": "CBS rounds"}[lang] not in caption, caption

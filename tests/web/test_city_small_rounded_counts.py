"""Claims on small, rounded numbers on Schiermonnikoog's city page (GM0088), real snapshot:

* its new dwellings of 2023 are 0 in 86054NED, a count CBS rounds to fives (0 to 2 of 615
  dwellings): the tweedeling row said '100% lager' beside 'bij een cijfer van nul of lager
  bestaat geen relatief verschil', and the tile lacked the mark 'berekend uit afgerond
  aantal' the crimes tile on the same page carries;
* its payment arrears per 1 000 rest on 20 persons in 2017 against 10 in the other years,
  rounded to tens: the tile said '2017 ver boven de trendlijn' beside 'niet getoetst,
  afgerond' (a year off the line CBS's rounding can make);
* its births (6 in 2016, 4 in 2023) and its adults with payment arrears (10 persons)
  carried no small-count caveat beside a change, unlike a significant trend on such counts.
"""

from __future__ import annotations

import pytest

from stadstrends.publish.format import round_half_away

NEW = "new_construction_per_1000_dwellings"
SMALL = {"nl": "op kleine aantallen: gemiddeld {n} per jaar, waarin toeval sterk meespeelt",
         "en": "on small counts: {n} a year on average, where chance plays a large part"}


def _page(client, lang: str) -> dict:
    return client.get(f"/gemeente/GM0088?format=json&lang={lang}").json()


def _tiles(page: dict) -> dict[str, dict]:
    return {x["indicator_id"]: x for d in page["domains"] for x in d["tiles"]}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_zero_figure_has_no_relative_gap(client, wh, lang) -> None:
    city, ratio = wh.execute("SELECT city_value, ratio FROM region_gaps WHERE region_code = "
                             "'GM0088' AND indicator_id = ? ORDER BY year DESC LIMIT 1",
                             [NEW]).fetchone()
    assert city == 0 and ratio == 0
    row = next(g for g in _page(client, lang)["gaps"] if g["indicator_id"] == NEW)
    assert row["gap"] == "–", row
    # a count per 1 000 cannot be negative: 'nul', not 'nul of lager' (session 55); its 0 of
    # zeros of 2016, 2019-2020 and 2023 on counts CBS rounded to 0: counts, not 'een ...
    # aantal' (one count of one year), session 55
    assert ({"nl": "nul in 2016, 2019–2020 en 2023 (berekend uit op 0 afgeronde aantallen); "
                   "bij een cijfer van nul bestaat geen relatief verschil",
             "en": "zero in 2016, 2019–2020 and 2023 (computed from counts rounded to 0); with "
                   "a figure of zero there is no relative gap"}[lang]) in row["trend"], row


def test_no_tweedeling_row_states_a_gap_of_a_zero_figure(client, wh) -> None:
    """Every municipality whose latest key figure is 0 against a positive ommeland (the
    first five of them): its row gives no '100% lager'."""
    codes = [r[0] for r in wh.execute(
        "SELECT DISTINCT g.region_code FROM region_gaps g JOIN indicators i "
        "USING (indicator_id) WHERE g.region_code LIKE 'GM%' AND i.key_indicator "
        "AND g.ratio = 0 AND NOT i.signed ORDER BY 1 LIMIT 5").fetchall()]
    assert len(codes) == 5
    for code in codes:
        page = client.get(f"/gemeente/{code}?format=json").json()
        assert not [g for g in page["gaps"] if g["gap"].startswith("100%")], code


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_figure_on_a_count_rounded_to_zero_is_marked(client, wh, lang) -> None:
    count, unit = wh.execute("SELECT count, unit FROM coarse_counts WHERE region_code = "
                             "'GM0088' AND indicator_id = ? AND year = 2023", [NEW]).fetchone()
    assert count == 0 and unit == 5
    page = _page(client, lang)
    crimes = _tiles(page)["crimes_per_1000"]["marks"]  # the mark the page already had
    other = next(m for m in crimes if m not in ("voorlopig", "provisional"))
    # since session 47 (h47g) its own words, not the recomputed quotient's
    word = {"nl": "berekend uit een op 0 afgerond aantal",
            "en": "computed from a count rounded to 0"}[lang]
    assert word in _tiles(page)[NEW]["marks"] and other not in _tiles(page)[NEW]["marks"], \
        _tiles(page)[NEW]
    # one year's figure on a count rounded to 0, its trend not significant: no urgent task
    # (h49d; before, Kies richting's entry carried the mark)
    kies = [r for key in ("urgent_tasks", "distinctive_strengths")
            for r in page["kies_richting"][key] if r["indicator_id"] == NEW]
    assert not kies, kies


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_line_outlier_where_rounding_leaves_too_few_counts(client, wh, lang) -> None:
    n, unit = wh.execute("SELECT n_counts, count_unit FROM trends WHERE region_code = "
                         "'GM0088' AND indicator_id = 'payment_arrears_per_1000'").fetchone()
    assert n == 2 and unit == 10
    tile = _tiles(_page(client, lang))["payment_arrears_per_1000"]
    assert not any(w in (tile["change"] or "") for w in ("trendlijn", "trend line")), tile


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_untested_small_counts_say_so(client, wh, lang) -> None:
    page = _page(client, lang)
    tiles = _tiles(page)
    for ind in ("births_per_1000", NEW):
        mean, cls = wh.execute(
            "SELECT k.mean_count, t.classification FROM trend_counts k JOIN trends t "
            "USING (indicator_id, region_code) WHERE region_code = 'GM0088' "
            "AND indicator_id = ?", [ind]).fetchone()
        assert mean < 30 and cls == "no significant change"
        words = SMALL[lang].format(n=int(round_half_away(mean)))
        assert words in tiles[ind]["status_text"], tiles[ind]


def test_urgent_share_on_ten_people_says_small_counts(client, wh) -> None:
    """Adults with payment arrears, Vlieland's 1,5% of 2024 on 10 to 20 persons (rounded to
    tens): its count is the persons of payment_arrears_per_1000 (the catalogue's
    counts_from). Schiermonnikoog's 0,8% is no task since session 50: one person of its 972
    inhabitants (0,10 point or more, CBS's unit) brings it under GK1's p75 of 0,75."""
    mean = wh.execute("SELECT mean_count FROM trend_counts WHERE region_code = 'GM0096' "
                      "AND indicator_id = 'payment_arrears_share'").fetchone()[0]
    assert 10 <= mean < 15
    page = client.get("/gemeente/GM0096?format=json&lang=nl").json()
    kies = [r for r in page["kies_richting"]["urgent_tasks"]
            if r["indicator_id"] == "payment_arrears_share"]
    assert kies and SMALL["nl"].format(n=int(round_half_away(mean))) in kies[0]["why_nl"], kies
    assert "payment_arrears_share" not in [
        r["indicator_id"] for r in _page(client, "nl")["kies_richting"]["urgent_tasks"]]
    mean = wh.execute("SELECT mean_count FROM trend_counts WHERE region_code = 'GM0088' "
                      "AND indicator_id = 'payment_arrears_share'").fetchone()[0]
    tile = _tiles(_page(client, "nl"))["payment_arrears_share"]
    assert SMALL["nl"].format(n=int(round_half_away(mean))) in tile["status_text"], tile

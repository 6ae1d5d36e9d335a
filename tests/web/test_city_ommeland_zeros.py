"""The city page's tiles mark an ommeland of 0 on its members' counts CBS rounded to 0 as
they mark the city's own figure on such a count (real snapshot; ``ommeland_zeros``,
:mod:`stadstrends.publish.ommeland_zeros`), and the profile API's ``tweedeling`` rows carry
the marks the page's tweedeling table prints in words as codes (:mod:`.gap_api`). Before:
Zaanstad's tile 'Ommeland: 0,0 per 1 000 woningen' bare (Wormerland's 0 demolitions of 2023
in 86054NED, rounded to fives), and the profile API had no tweedeling rows on a warehouse
with signals (only its fallback had them, without 'verouderd' or 'voorlopig')."""

from __future__ import annotations

import pytest

DEMOLITION = "demolition_per_1000_dwellings"


def _page(client, code: str, lang: str = "nl") -> dict:
    body = client.get(f"/gemeente/{code}?lang={lang}&format=json").json()
    return body.get("page", body)


def _tiles(client, code: str, lang: str = "nl") -> dict:
    return {x["indicator_id"]: x for d in _page(client, code, lang)["domains"]
            for x in d["tiles"]}


@pytest.mark.parametrize(("code", "lang", "shown"), [
    ("GM0479", "nl", "Ommeland: 0,0 per 1 000 woningen (berekend uit een op 0 afgerond aantal)"),
    ("GM0479", "en", "Surrounding region: 0.0 per 1,000 dwellings "
                     "(computed from a count rounded to 0)"),
    # Bloemendaal, Haarlem and Heemstede; Delft and Midden-Delfland: several counts
    ("GM0473", "nl", "Ommeland: 0,0 per 1 000 woningen (berekend uit op 0 afgeronde aantallen)"),
    ("GM1783", "nl", "Ommeland: 0,0 per 1 000 woningen (berekend uit op 0 afgeronde aantallen)")])
def test_the_tile_marks_an_ommeland_on_counts_rounded_to_zero(client, code, lang, shown):
    tile = _tiles(client, code, lang)[DEMOLITION]
    assert tile["ommeland"] == shown, tile["ommeland"]
    html = client.get(f"/gemeente/{code}?lang={lang}", headers={"accept": "text/html"}).text
    assert shown in html.replace("&nbsp;", " ").replace("\u00a0", " ")


def test_no_other_tile_is_marked(client):
    """Haarlem's ommeland of 2023 has demolitions (no 0); Zaanstad's other tiles none."""
    words = ("berekend uit een op 0 afgerond aantal", "berekend uit op 0 afgeronde aantallen")
    haarlem = _tiles(client, "GM0392")[DEMOLITION]
    assert haarlem["ommeland"].startswith("Ommeland: ")
    assert not any(w in haarlem["ommeland"] for w in words), haarlem["ommeland"]
    marked = [i for i, x in _tiles(client, "GM0479").items()
              if any(w in (x.get("ommeland") or "") for w in words)]
    assert marked == [DEMOLITION]


@pytest.mark.parametrize("code", ["GM0479", "GM0935", "GM0363", "GM0193"])
def test_the_apis_tweedeling_rows_carry_the_pages_marks_as_codes(client, code):
    page = {g["indicator_id"]: g for g in _page(client, code)["gaps"]}
    rows = client.get(f"/api/v1/profile/{code}").json()["tweedeling"]
    assert [r["indicator_id"] for r in rows] == list(page)
    for r in rows:
        g = page[r["indicator_id"]]
        assert r["year"] == g["year"]
        assert r["stale"] == ("verouderd" in g["year_text"]), (r, g)
        assert r["provisional"] == ("voorlopig" in g["year_text"]), (r, g)
        assert (r["older_reason"] is not None) == (g["year_note"] is not None), (r, g)


def test_zaanstads_old_and_provisional_rows(client):
    rows = {r["indicator_id"]: r for r in
            client.get("/api/v1/profile/GM0479?lang=en").json()["tweedeling"]}
    wmo = rows["wmo_clients_per_1000"]  # the page: '2019, verouderd (geen cijfer van
    # Wormerland na 2019)'
    assert (wmo["year"], wmo["latest_year"], wmo["stale"], wmo["provisional"]) == (
        2019, 2023, True, False)
    assert wmo["older_reason"] == "member_missing"
    assert wmo["lacking"] == {"GM0880": [2020, 2021, 2022, 2023]} and wmo["nobody"] == []
    income = rows["income_disposable_mean"]  # the page: '2023, voorlopig'
    assert (income["year"], income["stale"], income["provisional"], income["older_reason"]) == (
        2023, False, True, None)
    assert sum(r["provisional"] for r in rows.values()) == 6
    assert sum(r["stale"] for r in rows.values()) == 1


@pytest.mark.parametrize(("lang", "note"), [("nl", "berekend uit een op 0 afgerond aantal"),
                                            ("en", "computed from a count rounded to 0")])
def test_a_tweedeling_row_notes_it_under_the_ommeland(wh, lang, note):
    """The table shows key indicators only, none with such a row in the snapshot: Zaanstad's
    region_gaps row of its demolitions of 2023, through the table's own cell maker."""
    from stadstrends.publish.web.gap_text import gap_row

    cur = wh.execute("""
        SELECT g.indicator_id, i.title_nl, i.title_en, i.unit, i.signed, i.decimals, g.year,
               g.city_value, g.ommeland_value, g.ommeland_zeros, g.ratio
        FROM region_gaps g JOIN indicators i USING (indicator_id)
        WHERE g.region_code = 'GM0479' AND g.indicator_id = ? AND g.year = 2023""",
                     [DEMOLITION])
    row = dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))
    cell = gap_row(row, lang, "Zaanstad")
    assert cell["ommeland"] in ("0,0 per 1 000 woningen", "0.0 per 1,000 dwellings")
    assert cell["ommeland_note"] == note
    assert gap_row({**row, "ommeland_zeros": None}, lang, "Zaanstad")["ommeland_note"] is None

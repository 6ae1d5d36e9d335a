"""The ranking says why a municipality has no figure from the reason the indicators stage
stores (``indicator_gaps``), never derived from the tables by publish: it said 'geen
gegevens' for 291 municipalities on 'voelt zich weleens onveilig' in 2013 (CBS table
81877NED, the Veiligheidsmonitor, has about 60 municipalities), then worded them from
``observations`` (``source_absence``, removed). Each row and the list above the table give
the stored reason; each is checked against ``observations``. Real snapshot."""

from __future__ import annotations

import pytest

from stadstrends import vocabulary

HTML = {"accept": "text/html"}


def _view(client, indicator: str, year: int, lang: str) -> dict:
    body = client.get(f"/ranglijst?indicator={indicator}&year={year}&lang={lang}"
                      "&format=json").json()
    return body.get("page", body)


def _family(wh, code: str) -> list[str]:
    """The code and every municipality it was formed from."""
    return [r[0] for r in wh.execute(
        "WITH RECURSIVE f(c) AS (SELECT ? UNION SELECT s.region_code FROM region_successors s "
        "JOIN f ON s.successor_code = f.c) SELECT c FROM f", [code]).fetchall()]


def _principal(wh, code: str) -> list[str]:
    """The code and every municipality that gave it at least half of its own inhabitants in
    some year (``crosswalk`` weight >= 0.5), as the indicators stage counts a predecessor."""
    return [code] + [r[0] for r in wh.execute(
        "SELECT DISTINCT source_code FROM crosswalk WHERE target_code = ? AND weight >= 0.5",
        [code]).fetchall()]


def _years(wh, table: str, code: str, principal: bool = False) -> set[int]:
    """The years ``table`` holds ``code`` or a municipality it was formed from (``principal``:
    only those of :func:`_principal`)."""
    return {r[0] for r in wh.execute(
        "SELECT DISTINCT year FROM observations WHERE table_id = ? AND list_contains(?, "
        "region_code)", [table, (_principal if principal else _family)(wh, code)]).fetchall()}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_safety_monitors_absent_municipalities_say_so(client, wh, lang) -> None:
    t = vocabulary.section(lang, "web")
    view = _view(client, "feels_unsafe_share", 2013, lang)
    without = [r for r in view["rows"] if r["value"] is None]
    assert len(without) > 250
    # the snapshot's file of 81877NED is CBS's whole table: CBS's table lacks them
    assert wh.execute("SELECT list(completeness_code) FROM sources WHERE table_id = "
                      "'81877NED'").fetchone()[0] == ["complete"]
    never = vocabulary.word(lang, "reasons", "never_in_table", detail="81877NED")
    assert ("opgehaald" if lang == "nl" else "retrieved") not in never
    assert all(r["why"] and r["why"] != t["no data"] for r in without)
    by_table = [r for r in without if r["why"] == never]
    assert len(by_table) > 250, len(by_table)
    for r in by_table:  # not in the table in any year, nor its principal predecessors
        assert not _years(wh, "81877NED", r["region_code"], principal=True), r
    # Voorne aan Zee: Spijkenisse, in the table 2012-2014, gave it 1.4 % of its inhabitants
    # (the harmonisation's row said 'geen cijfers voor Brielle, Hellevoetsluis en Westvoorne')
    # (2013: before it was formed in 2023; it said 'in geen enkel jaar voor deze gemeente')
    voorne = next(r for r in without if r["region_code"] == "GM1992")
    # 'deels' (h50g): in 2013 a piece of Spijkenisse, Bernisse and Nissewaard was Voorne's too
    assert voorne["why"] == vocabulary.word(
        lang, "report", "gap_predecessors_never_in_table", table="81877NED",
        origins=vocabulary.word(lang, "report", "origin_partly", names={
            "nl": "Brielle, Hellevoetsluis en Westvoorne",
            "en": "Brielle, Hellevoetsluis and Westvoorne"}[lang]))
    assert _years(wh, "81877NED", "GM1992") == {2012, 2013, 2014}
    assen = next(r for r in without if r["region_code"] == "GM0106")
    assert assen["why"] == never
    hw = next(r for r in without if r["region_code"] == "GM1963")  # Hoeksche Waard, 2019
    assert 2013 not in _years(wh, "81877NED", "GM1963") and _years(wh, "81877NED", "GM1963")
    assert hw["why"] == vocabulary.word(lang, "reasons", "not_in_table", detail="81877NED")
    notes = " ".join(f"{g['names']}: {g['reason']}" for g in view["missing_notes"])
    assert all(g["known"] for g in view["missing_notes"]), notes
    page = client.get(f"/ranglijst?indicator=feels_unsafe_share&year=2013&lang={lang}",
                      headers=HTML).text
    assert t["no data"] not in page.split("<table", 1)[1] and never in page


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_house_prices_missing_in_a_year_give_the_stored_reason(client, wh, lang) -> None:
    """2014: the v3 copy of 83625NED stops at Kerkwijk (Zwolle after it: ``table_cut``);
    Beekdaelen, 2019, whose predecessors come after it, says the merger (a mean price cannot
    be carried across it whatever the table holds: ``level_boundary_change``, no longer the
    cut copy); every municipality without a figure says its stored reason."""
    t = vocabulary.section(lang, "web")
    view = _view(client, "house_price_mean", 2014, lang)
    without = {r["region_code"]: r for r in view["rows"] if r["value"] is None}
    stops = {"nl": "Stadstrends heeft CBS-tabel 83625NED niet compleet",
             "en": "Stadstrends does not have all of CBS table 83625NED"
             }[lang]  # the one wording of a cut copy (publish/cuts.cut_words)
    cut = [c for c, r in without.items()
           if stops in r["why"] or "83625NED stopt na" in r["why"]
           or "83625NED stops after" in r["why"]]
    assert len(cut) > 150 and "GM0193" in cut, without.get("GM0193")
    # Beekdaelen and Voorne aan Zee did not exist; Leeuwarden had yet to take in
    # Leeuwarderadeel (2018): each one's mean is another area's
    assert not {"GM1954", "GM1992", "GM0080"} & set(cut), without.get("GM1954")
    merged = {"nl": "de gemeentegrenzen zijn veranderd",
              "en": "the municipal boundaries changed"}[lang]
    assert all(merged in without[c]["why"] for c in ("GM1954", "GM1992", "GM0080"))
    stored = dict(wh.execute("SELECT region_code, reason FROM indicator_gaps WHERE "
                             "indicator_id = 'house_price_mean' AND year = 2014").fetchall())
    assert set(without) <= set(stored)
    assert all(r["why"] and r["why"] != t["no data"] for r in without.values())

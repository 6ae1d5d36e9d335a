"""82538NED's deliveries of gas and electricity ('A-U Alle economische activiteiten') are
deliveries to businesses and institutions, without dwellings, and the gas figure follows
the businesses a municipality has: the catalogue calls it so and gives it no direction
(neutral, as electricity), checked on the real snapshot.

The catalogue called them 'alle sectoren' ('aan woningen en bedrijven') and gave gas the
direction higher_worse: Groningen's report called its 587 m³ per inhabitant in 2023
'gunstig vergeleken met het ommeland' (8 178 m³: Het Hogeland's Eemshaven) and an urgent
task within the G40 (Leeuwarden's 581 m³ too), verdicts on the firms in and around the city.
"""

from __future__ import annotations

from stadstrends.indicators.catalogue import load_catalogue

GAS = "gas_delivered_per_inhabitant"
ELECTRICITY = "electricity_delivered_per_inhabitant"


def _entry(indicator: str):
    return next(i for i in load_catalogue().indicators if i.id == indicator)


def _caveat(indicator: str, word: str) -> dict[str, str]:
    c = next(c for c in _entry(indicator).caveats if word in c.nl)
    return {"nl": c.nl, "en": c.en}


def test_the_business_totals_leave_out_dwellings(wh) -> None:
    """Dwellings' gas alone (81528NED's mean per dwelling x dwellings, per inhabitant)
    exceeds 82538NED's 'all economic activities' total in 191 of the 332 municipalities
    with both in 2023: the total has no dwellings in it, as the caveat says; the titles and
    descriptions say 'bedrijven' and no longer 'woningen en bedrijven'."""
    n, above = wh.execute("""
        WITH v AS (
            SELECT region_code,
                   max(value) FILTER (WHERE indicator_id = ?) AS business,
                   max(value) FILTER (WHERE indicator_id = 'gas_use_per_dwelling') AS per_dw,
                   max(value) FILTER (WHERE indicator_id = 'dwellings') AS dwellings,
                   max(value) FILTER (WHERE indicator_id = 'population') AS population
            FROM indicator_values WHERE year = 2023 AND region_code LIKE 'GM%' GROUP BY 1)
        SELECT count(*), count(*) FILTER (WHERE per_dw * dwellings / population > business)
        FROM v WHERE business IS NOT NULL AND per_dw IS NOT NULL AND dwellings IS NOT NULL
        """, [GAS]).fetchone()
    assert (above, n) == (191, 332)
    caveat = _caveat(GAS, "Zonder woningen")
    assert f"in {above} van de {n} gemeenten" in caveat["nl"]
    assert f"in {above} of the {n} municipalities" in caveat["en"]
    for ind in (GAS, ELECTRICITY):
        e = _entry(ind)
        assert "bedrijven" in e.title_nl and "businesses" in e.title_en
        assert "zonder woningen" in e.description_nl and "without dwellings" in e.description_en
        assert "woningen en bedrijven" not in e.description_nl


def test_the_caveats_example_of_an_ommeland_of_business_gas(wh) -> None:
    """Groningen's ommeland (COROP CR03) has 8 178 m³ per inhabitant in 2023 because of
    Het Hogeland (27 781 m³, the Eemshaven); Groningen itself 587."""
    omm = wh.execute("""SELECT corop_code, round(ommeland_value) FROM ommeland
                        WHERE region_code = 'GM0014' AND indicator_id = ? AND year = 2023""",
                     [GAS]).fetchone()
    assert omm == ("CR03", 8178)
    vals = dict(wh.execute("""SELECT region_code, round(value) FROM indicator_values
                              WHERE indicator_id = ? AND year = 2023 AND region_code IN (
                                  SELECT region_code FROM region_sets WHERE set_id = 'CR03')""",
                           [GAS]).fetchall())
    assert vals["GM0014"] == 587 and max(vals, key=vals.get) == "GM1966"  # Het Hogeland
    caveat = _caveat(GAS, "Zonder woningen")
    assert "Het Hogeland" in caveat["nl"] and f"{vals['GM1966']:,.0f}".replace(",", " ") \
        in caveat["nl"]
    assert "8 178 m³" in caveat["nl"] and "8,178 m³" in caveat["en"]
    assert "27,781 m³" in caveat["en"]


def test_business_gas_is_no_verdict(wh) -> None:
    """Neutral, as delivered electricity: no favourable or adverse signal, no strength or
    urgent task in Kies richting for any municipality in any group (before: 2 904 ommeland
    deviations with a verdict, 946 Kies richting rows), and the opgaven it belongs to keep
    indicators with a direction in every municipality's summary."""
    assert _entry(GAS).direction == _entry(ELECTRICITY).direction == "neutral"
    for ind in (GAS, ELECTRICITY):
        judged = wh.execute("""SELECT count(*) FROM signal_rows WHERE indicator_id = ?
                               AND valence <> 'neutral'""", [ind]).fetchone()[0]
        kies = wh.execute("SELECT count(*) FROM kies_richting WHERE indicator_id = ?",
                          [ind]).fetchone()[0]
        assert (judged, kies) == (0, 0), ind
    # still compared: Groningen lies far below its ommeland, without a verdict
    rows = wh.execute("""SELECT DISTINCT kind, valence FROM signal_rows WHERE set_id = 'G40'
                         AND region_code = 'GM0014' AND indicator_id = ?""", [GAS]).fetchall()
    assert ("ommeland_deviation", "neutral") in rows
    bare = wh.execute("""SELECT count(*) FROM opgave_summary
                         WHERE opgave_id IN ('verduurzaming', 'economie')
                           AND n_favourable + n_adverse = 0""").fetchone()[0]
    assert bare == 0
